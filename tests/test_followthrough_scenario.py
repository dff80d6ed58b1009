"""The whole follow-through on the demo data: a round with four people, four
notes, two written, another role rejected, its feedback call scheduled, a touch
logged, and Today, the notes list and the funnel agreeing."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from afterword.core.debrief import Debrief, proposed_notes, save_debrief
from afterword.core.domain import (
    CallStatus,
    Contact,
    Interview,
    NoteStatus,
    Opportunity,
    Role,
    TouchKind,
)
from afterword.core.feedback import advance, reject, save_call
from afterword.core.funnel import funnel
from afterword.core.notes import move_note, note_rows
from afterword.core.rules import ReminderKind, due_reminders
from afterword.core.stay_in_touch import log_touch
from conftest import DEMO_TODAY

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=LA)


def test_a_new_users_follow_through_agrees_everywhere(demo_store):
    store = demo_store
    csm = next(o for o in store.all(Opportunity) if o.title == "Customer Success Manager")
    people = [Contact(n, company_uid=csm.company_uid, role=r) for n, r in (
        ("Ada Quinn", Role.INTERVIEWER), ("Ben Ortiz", Role.INTERVIEWER),
        ("Cleo Marsh", Role.HIRING_MANAGER), ("Rosa Front", Role.RECEPTIONIST))]
    interview = Interview(csm.uid, 1, NOW - timedelta(hours=4), "America/Los_Angeles",
                          participant_uids=[p.uid for p in people], tone="friendly")
    debrief = Debrief(interview, people)
    notes = proposed_notes(store, debrief)
    assert len(notes) == 4
    save_debrief(store, debrief, notes, NOW)
    for note in notes[:2]:
        move_note(store, note.uid, NoteStatus.WRITTEN, DEMO_TODAY)

    lumen = next(o for o in store.all(Opportunity) if o.title == "Head of Enterprise Sales")
    call = reject(store, lumen.uid, DEMO_TODAY)
    call = advance(call, CallStatus.SCHEDULED, DEMO_TODAY,
                   at=datetime(2026, 11, 26, 9, 0, tzinfo=LA))
    save_call(store, call, DEMO_TODAY)
    ellis = next(c for c in store.all(Contact) if c.name == "Ellis Grant")
    log_touch(store, ellis.uid, NOW - timedelta(hours=1), TouchKind.CALL, NOW)

    # Notes list: the four new notes, two written, due tomorrow.
    mine = [r for r in note_rows(store) if r.uid in {n.uid for n in notes}]
    assert sorted(r.status.value for r in mine) == ["to_write", "to_write", "written", "written"]
    # Today: the new notes are not due yet; the notes list says so too.
    tomorrow = DEMO_TODAY + timedelta(days=1)
    today_items = due_reminders(store, DEMO_TODAY).items
    assert not [r for r in today_items if r.source_uid in {n.uid for n in notes}]
    due_tomorrow = {r.source_uid for r in due_reminders(store, tomorrow).items
                    if r.kind == ReminderKind.THANK_YOU_NOTE}
    open_notes = {r.uid for r in note_rows(store, open_only=True) if r.due <= tomorrow}
    assert due_tomorrow == open_notes
    # The feedback call is due on its scheduled day, with Nora (not the recruiter).
    calls = [r for r in due_reminders(store, datetime(2026, 11, 26).date()).items
             if r.source_uid == call.uid]
    assert len(calls) == 1 and calls[0].title.startswith("Feedback call with Nora Lindqvist")
    # The touch cleared Ellis's overdue cadence.
    assert not [r for r in today_items if r.contact_uid == ellis.uid]
    # Funnel: Customer success now has both processes at round 1 or beyond, and Lumen stopped.
    funnels = {f.target: f for f in funnel(store)}
    assert funnels["Customer success"].counts() == [(0, 2, 0), (1, 2, 0), (2, 1, 1)]
    assert funnels["Sales leadership"].counts() == [(0, 4, 0), (1, 3, 1), (2, 2, 1)]
