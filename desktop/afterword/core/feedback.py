"""The feedback call after a rejection: propose it, move it along, and offer a
stay-in-touch cadence when the person said yes to staying in touch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from afterword.core.cadence import rule_text
from afterword.core.domain import (
    Answer,
    Cadence,
    CallStatus,
    Contact,
    FeedbackCall,
    Opportunity,
    Stage,
)
from afterword.core.errors import InvalidRecord
from afterword.core.proposals import propose_feedback_call
from afterword.core.store import Store

FINISHED = (CallStatus.HELD, CallStatus.DROPPED)
OPEN = (CallStatus.TO_REQUEST, CallStatus.REQUESTED, CallStatus.SCHEDULED)
# A feedback call that went well earns a light cadence: every two months.
OFFERED_RULE = rule_text(2, "months")
OFFERED_MAX_DAYS = 75


def reject(store: Store, opportunity_uid: str, today: date) -> FeedbackCall | None:
    """Mark the role rejected and propose the feedback call, in one transaction.

    Returns the call still open for the role (to request, requested or scheduled)
    if there is one; else a newly proposed call (status to_request) — a role that
    was reopened and rejected again earns a new call even if an earlier one was
    held or dropped; None when no interviewer or hiring manager was ever recorded.
    """
    with store.atomic():
        opportunity = store.get(Opportunity, opportunity_uid)
        if opportunity is None:
            raise InvalidRecord("opportunity", opportunity_uid, "uid", "this role no longer exists")
        opportunity = replace(opportunity, stage=Stage.REJECTED,
                              closed_on=opportunity.closed_on or today)
        store.put(opportunity)
        still_open = [c for c in store.select(FeedbackCall, "opportunity_uid = ?", [opportunity_uid])
                      if c.status in OPEN]
        if still_open:
            return max(still_open, key=lambda c: c.proposed_on)
        try:
            call = propose_feedback_call(store, opportunity, today)
        except InvalidRecord as exc:
            if exc.field == "interviews":
                return None
            raise
        store.put(call)
    return call


def check_call(store: Store, call: FeedbackCall, today: date) -> None:
    """Refuse a feedback call that breaks the rules; the message says what to fix."""
    where = ("feedback call", call.uid)
    if call.opportunity_uid:
        opportunity = store.get(Opportunity, call.opportunity_uid)
        if opportunity is not None and opportunity.stage != Stage.REJECTED:
            raise InvalidRecord(*where, "opportunity_uid",
                                "a feedback call follows a rejection; this role is "
                                f"{opportunity.stage.value.replace('_', ' ')}")
    if call.status == CallStatus.REQUESTED and call.requested_on is None:
        raise InvalidRecord(*where, "requested_on", "say when you asked for the call")
    if call.status == CallStatus.SCHEDULED and call.scheduled_at is None:
        raise InvalidRecord(*where, "scheduled_at", "give the day and time of the call")
    if call.scheduled_at is not None and call.scheduled_at.tzinfo is None:
        raise InvalidRecord(*where, "scheduled_at", "the time has no time zone")
    if call.status == CallStatus.HELD and call.held_on is None:
        raise InvalidRecord(*where, "held_on", "say when the call was held")
    for name in ("requested_on", "held_on"):
        value = getattr(call, name)
        if value is not None and value > today:
            raise InvalidRecord(*where, name, f"{value.isoformat()} is in the future")


def advance(call: FeedbackCall, status: CallStatus, today: date, *,
            at: datetime | None = None, via: str | None = None) -> FeedbackCall:
    """The call moved to `status`, filling the date that step needs.

    Held and dropped are final: a finished call is not reopened by mistake.
    """
    status = CallStatus(status)
    if status == call.status:
        return call
    if call.status in FINISHED:
        raise InvalidRecord("feedback call", call.uid, "status",
                            f"the call is already {call.status.value}; it cannot become "
                            f"{status.value.replace('_', ' ')}")
    changes: dict = {"status": status}
    if status == CallStatus.REQUESTED:
        changes["requested_on"] = call.requested_on or today
        changes["requested_via"] = via or call.requested_via
    elif status == CallStatus.SCHEDULED:
        changes["scheduled_at"] = at or call.scheduled_at
        changes["requested_on"] = call.requested_on or today
    elif status == CallStatus.HELD:
        changes["held_on"] = call.held_on or (at.date() if at else today)
    return replace(call, **changes)


def phone_numbers(contact: Contact) -> list[tuple[str, str]]:
    """(kind, number) of each number to ask for the call on: direct line, then cell."""
    return [(kind, number.strip()) for kind, number in
            (("direct", contact.phone_direct), ("cell", contact.phone_cell)) if (number or "").strip()]


def save_call(store: Store, call: FeedbackCall, today: date) -> None:
    """Check and save the call in one transaction."""
    check_call(store, call, today)
    with store.atomic():
        store.put(call)


def cadence_offer(store: Store, call: FeedbackCall) -> Cadence | None:
    """A cadence to offer after a "yes" to staying in touch, unless the person
    already has one (paused or not)."""
    if call.stay_in_touch != Answer.YES:
        return None
    if store.select(Cadence, "contact_uid = ?", [call.contact_uid]):
        return None
    start = call.held_on or call.proposed_on
    return Cadence(contact_uid=call.contact_uid, rrule=OFFERED_RULE, start=start,
                   max_days=OFFERED_MAX_DAYS)


# -- feedback points and actions, kept as marked lines in one text field -------

POSITIVE, NEGATIVE = "+ ", "- "
BEHAVIOUR, SKILL = "Change: ", "Build: "


def join_marked(first: str, second: str, marks: tuple[str, str]) -> str | None:
    """Two lists typed one item a line, kept as one text with a mark per line."""
    lines = [marks[0] + line.strip() for line in first.splitlines() if line.strip()]
    lines += [marks[1] + line.strip() for line in second.splitlines() if line.strip()]
    return "\n".join(lines) or None


def split_marked(text: str | None, marks: tuple[str, str]) -> tuple[str, str]:
    """The two lists back; unmarked lines count as the first."""
    first, second = [], []
    for line in (text or "").splitlines():
        if line.startswith(marks[1]):
            second.append(line[len(marks[1]):])
        elif line.startswith(marks[0]):
            first.append(line[len(marks[0]):])
        elif line.strip():
            first.append(line.strip())
    return "\n".join(first), "\n".join(second)
