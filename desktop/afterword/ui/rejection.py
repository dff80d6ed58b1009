"""Marking a role rejected, as one undoable step, then offering the feedback call.

Used by Follow-through ▸ Mark Role Rejected and by setting a role's stage to
rejected, so both do the same thing."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from afterword.core import queries
from afterword.core.domain import FeedbackCall, Opportunity
from afterword.core.feedback import reject
from afterword.ui import messages
from afterword.ui.commands import Changes
from afterword.ui.dialogs.feedback_call import FeedbackCallDialog

NOBODY_TO_ASK = (
    "Nobody who interviewed (an interviewer or the hiring manager) was recorded at any "
    "round of this role, so there is no one to ask. Add them to a round's debrief first.")


def reject_role(changes: Changes, opportunity_uid: str) -> tuple[bool, FeedbackCall | None]:
    """Mark the role rejected and propose its feedback call (one undoable step).
    Returns (saved, the call proposed or already open, or None)."""
    store = changes.store
    found: list[FeedbackCall | None] = []

    def act():
        before = store.get(Opportunity, opportunity_uid)
        had = {c.uid for c in queries.calls_about(store, opportunity_uid)}
        call = reject(store, opportunity_uid, changes.context.today())
        found.append(call)
        done = [(before, store.get(Opportunity, opportunity_uid))]
        if call is not None and call.uid not in had:
            done.append((None, call))
        return done

    role = store.get(Opportunity, opportunity_uid)
    title = role.title[:40] if role else "role"
    if not changes.compute(f"Mark {title} rejected", act):
        return False, None
    return True, found[0] if found else None


def reject_and_offer_call(changes: Changes, opportunity_uid: str,
                          parent: QWidget | None = None) -> FeedbackCallDialog | None:
    """Reject the role; return the dialog for its feedback call, or None after
    saying why there is none."""
    saved, call = reject_role(changes, opportunity_uid)
    if not saved:
        return None
    if call is None:
        messages.info(parent, "No Feedback Call Proposed", NOBODY_TO_ASK)
        return None
    changes.hub.notify("feedback_calls")
    return FeedbackCallDialog(changes.context, changes.hub, parent, call=call, changes=changes)
