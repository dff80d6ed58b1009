"""Note statuses, and the feedback call a rejection proposes."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from afterword.core.domain import (
    Answer,
    Cadence,
    CallStatus,
    Contact,
    FeedbackCall,
    NoteStatus,
    Opportunity,
    Role,
    Stage,
    ThankYouNote,
)
from afterword.core.errors import InvalidRecord
from afterword.core.feedback import (
    advance,
    cadence_offer,
    check_call,
    join_marked,
    reject,
    save_call,
    split_marked,
)
from afterword.core.notes import move_note, next_status, note_rows
from afterword.core.proposals import propose_feedback_call
from conftest import DEMO_TODAY


def _opportunity(store, title):
    return next(o for o in store.all(Opportunity) if o.title == title)


def test_note_moves_through_its_steps_and_sent_on_is_set(demo_store):
    note = next(r for r in note_rows(demo_store) if r.status == NoteStatus.TO_WRITE)
    assert next_status(NoteStatus.TO_WRITE) == NoteStatus.DRAFTED
    assert next_status(NoteStatus.DELIVERED) is None
    for status in (NoteStatus.DRAFTED, NoteStatus.WRITTEN):
        saved = move_note(demo_store, note.uid, status, DEMO_TODAY)
        assert saved.status == status and saved.sent_on is None
    sent = move_note(demo_store, note.uid, NoteStatus.SENT, DEMO_TODAY)
    assert sent.sent_on == DEMO_TODAY
    delivered = move_note(demo_store, note.uid, NoteStatus.DELIVERED, date(2026, 11, 25))
    assert delivered.sent_on == DEMO_TODAY  # the day it left, not the day it arrived
    back = move_note(demo_store, note.uid, NoteStatus.WRITTEN, DEMO_TODAY)
    assert back.sent_on is None
    assert demo_store.get(ThankYouNote, note.uid).status == NoteStatus.WRITTEN


def test_notes_list_is_by_due_date(demo_store):
    rows = note_rows(demo_store)
    assert [r.due for r in rows] == sorted(r.due for r in rows)
    assert len(rows) == demo_store.count(ThankYouNote)
    assert all(not r.status.is_done for r in note_rows(demo_store, open_only=True))


def test_rejection_proposes_a_call_with_the_interviewer_not_hr(store):
    from afterword.core.domain import Company, Interview
    company = Company("Acme")
    role = Opportunity(company.uid, "CS Director", stage=Stage.INTERVIEWING)
    hr = Contact("Helen HR", company_uid=company.uid, role=Role.HR)
    jo = Contact("Jo Interviewer", company_uid=company.uid, role=Role.INTERVIEWER)
    start = datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("America/Chicago"))
    store.put_many([company, role, hr, jo,
                    Interview(role.uid, 1, start, "America/Chicago", participant_uids=[hr.uid, jo.uid])])
    call = reject(store, role.uid, DEMO_TODAY)
    assert call.contact_uid == jo.uid
    assert call.status == CallStatus.TO_REQUEST and call.proposed_on == DEMO_TODAY
    assert store.get(Opportunity, role.uid).stage == Stage.REJECTED
    assert store.get(FeedbackCall, call.uid) == call
    # Rejecting again does not propose a second call.
    assert reject(store, role.uid, DEMO_TODAY).uid == call.uid
    assert store.count(FeedbackCall) == 1


def test_rejection_with_only_hr_present_proposes_nothing(store):
    from afterword.core.domain import Company, Interview
    company = Company("Acme")
    role = Opportunity(company.uid, "CS Director", stage=Stage.INTERVIEWING)
    hr = Contact("Helen HR", company_uid=company.uid, role=Role.HR)
    start = datetime(2026, 11, 2, 10, tzinfo=ZoneInfo("America/Chicago"))
    store.put_many([company, role, hr,
                    Interview(role.uid, 1, start, "America/Chicago", participant_uids=[hr.uid])])
    assert reject(store, role.uid, DEMO_TODAY) is None
    assert store.get(Opportunity, role.uid).stage == Stage.REJECTED
    assert store.count(FeedbackCall) == 0


def test_feedback_call_on_a_role_that_is_not_rejected_is_refused(demo_store):
    role = _opportunity(demo_store, "Regional Sales Manager")
    with pytest.raises(InvalidRecord, match="follows a rejection; this role is interviewing"):
        propose_feedback_call(demo_store, role, DEMO_TODAY)
    dana = next(c for c in demo_store.all(Contact) if c.name == "Dana Reyes")
    call = FeedbackCall(dana.uid, role.uid, DEMO_TODAY)
    with pytest.raises(InvalidRecord, match="follows a rejection"):
        save_call(demo_store, call, DEMO_TODAY)
    assert demo_store.get(FeedbackCall, call.uid) is None


def test_call_runs_requested_scheduled_held_and_offers_a_cadence(demo_store):
    role = _opportunity(demo_store, "Customer Success Director")
    call = demo_store.select(FeedbackCall, "opportunity_uid = ?", [role.uid])[0]
    requested = advance(call, CallStatus.REQUESTED, DEMO_TODAY, via="phone")
    assert requested.requested_on == DEMO_TODAY and requested.requested_via == "phone"
    at = datetime(2026, 11, 27, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
    scheduled = advance(requested, CallStatus.SCHEDULED, DEMO_TODAY, at=at)
    save_call(demo_store, scheduled, DEMO_TODAY)
    held = advance(scheduled, CallStatus.HELD, date(2026, 11, 27))
    held.stay_in_touch = Answer.YES
    with pytest.raises(InvalidRecord, match="future"):
        check_call(demo_store, held, DEMO_TODAY)
    save_call(demo_store, held, date(2026, 11, 27))
    with pytest.raises(InvalidRecord, match="already held"):
        advance(held, CallStatus.REQUESTED, DEMO_TODAY)
    offer = cadence_offer(demo_store, held)
    assert offer is not None and offer.contact_uid == call.contact_uid and offer.start == date(2026, 11, 27)
    held.stay_in_touch = Answer.NO
    assert cadence_offer(demo_store, held) is None


def test_no_cadence_offered_when_the_person_has_one(demo_store):
    held = next(c for c in demo_store.all(FeedbackCall) if c.status == CallStatus.HELD)
    assert demo_store.select(Cadence, "contact_uid = ?", [held.contact_uid])
    assert cadence_offer(demo_store, held) is None


def test_feedback_points_round_trip_as_marked_lines():
    text = join_marked("strong discovery\nclear story", "ran long", ("+ ", "- "))
    assert text == "+ strong discovery\n+ clear story\n- ran long"
    assert split_marked(text, ("+ ", "- ")) == ("strong discovery\nclear story", "ran long")
    assert join_marked("", "", ("+ ", "- ")) is None
