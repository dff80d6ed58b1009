"""Saving a debrief: the notes it proposes, and the debriefs it refuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.core.debrief import (
    Debrief,
    check_debrief,
    new_role,
    people_matching,
    proposed_notes,
    save_debrief,
    tone_hint,
)
from afterword.core.domain import (
    Company,
    Concern,
    ConcernKind,
    Contact,
    Interview,
    Medium,
    Opportunity,
    Question,
    Role,
    Stage,
    ThankYouNote,
)
from afterword.core.errors import InvalidRecord

LA = "America/Los_Angeles"


def _setup(store):
    company = Company("Harbor Freight Co")
    role = Opportunity(company.uid, "Sales Manager", stage=Stage.INTERVIEWING)
    people = [
        Contact("Ann Interviewer", company_uid=company.uid, role=Role.INTERVIEWER,
                mailing_address="1 Pier St\nSeattle"),
        Contact("Ben Interviewer", company_uid=company.uid, role=Role.INTERVIEWER),
        Contact("Cy Hiring", company_uid=company.uid, role=Role.HIRING_MANAGER),
    ]
    store.put_many([company, role, *people])
    return role, people


def _round(role, people, start, **fields):
    return Interview(role.uid, 1, start, LA, participant_uids=[p.uid for p in people], **fields)


def test_three_interviewers_and_a_receptionist_give_four_notes_due_next_day(store):
    role, people = _setup(store)
    desk = Contact("Dee Desk", role=Role.RECEPTIONIST, mailing_address="Front desk, 1 Pier St")
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    debrief = Debrief(_round(role, [*people, desk], start), new_contacts=[desk])
    now = start + timedelta(hours=3)

    notes = proposed_notes(store, debrief)
    assert len(notes) == 4
    assert {n.due for n in notes} == {date(2026, 11, 21)}
    assert {n.contact_uid for n in notes} == {*(p.uid for p in people), desk.uid}
    media = {n.contact_uid: n.medium for n in notes}
    assert media[desk.uid] == Medium.HANDWRITTEN and media[people[0].uid] == Medium.HANDWRITTEN
    assert media[people[1].uid] == Medium.EMAIL

    save_debrief(store, debrief, notes, now)
    assert store.count(ThankYouNote) == 4
    assert store.get(Contact, desk.uid).role == Role.RECEPTIONIST
    assert store.get(Interview, debrief.interview.uid).participant_uids[-1] == desk.uid


@pytest.mark.parametrize(("tz", "local_start", "due"), [
    # Just after midnight on the night clocks go back: the next day is the 2nd, though
    # 24 hours later it is still the 1st by the wall clock.
    ("America/Los_Angeles", datetime(2026, 11, 1, 0, 30), date(2026, 11, 2)),
    # Late evening before clocks go back: UTC is already the next day.
    ("America/Los_Angeles", datetime(2026, 10, 31, 23, 30), date(2026, 11, 1)),
    # Spring forward in London.
    ("Europe/London", datetime(2026, 3, 29, 0, 30), date(2026, 3, 30)),
])
def test_notes_due_next_day_across_a_dst_change(store, tz, local_start, due):
    role, people = _setup(store)
    desk = Contact("Dee Desk", role=Role.RECEPTIONIST)
    start = local_start.replace(tzinfo=ZoneInfo(tz))
    interview = Interview(role.uid, 1, start, tz, participant_uids=[*(p.uid for p in people), desk.uid])
    notes = proposed_notes(store, Debrief(interview, [desk]))
    assert len(notes) == 4
    assert {n.due for n in notes} == {due}


def test_a_debrief_with_nobody_present_is_refused_and_nothing_saved(store):
    role, _ = _setup(store)
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    debrief = Debrief(_round(role, [], start))
    with pytest.raises(InvalidRecord, match="who was present"):
        save_debrief(store, debrief, [], start + timedelta(hours=1))
    assert store.count(Interview) == 0


def test_a_round_in_the_future_is_refused_with_its_date(store):
    role, people = _setup(store)
    start = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo(LA))
    debrief = Debrief(_round(role, people, start))
    with pytest.raises(InvalidRecord, match=r"2026-11-30 10:00 .*future"):
        check_debrief(store, debrief, datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo(LA)))
    with pytest.raises(InvalidRecord):
        save_debrief(store, debrief, proposed_notes(store, debrief),
                     datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo(LA)))
    assert store.count(Interview) == 0 and store.count(ThankYouNote) == 0


def test_unknown_time_zone_and_empty_question_are_refused(store):
    role, people = _setup(store)
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    now = start + timedelta(days=1)
    bad_zone = _round(role, people, start)
    bad_zone.timezone = "Mars/Olympus"
    with pytest.raises(InvalidRecord, match="not a time zone"):
        check_debrief(store, Debrief(bad_zone), now)
    with pytest.raises(InvalidRecord, match="no question"):
        check_debrief(store, Debrief(_round(role, people, start, questions=[Question("  ")])), now)


def test_unticked_notes_are_not_saved_and_a_resave_proposes_only_the_missing(store):
    role, people = _setup(store)
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    debrief = Debrief(_round(role, people, start))
    notes = proposed_notes(store, debrief)
    save_debrief(store, debrief, notes[:2], start + timedelta(hours=2))
    assert store.count(ThankYouNote) == 2
    again = proposed_notes(store, debrief)
    assert [n.contact_uid for n in again] == [people[2].uid]


def test_tone_hint_when_a_later_round_turns_pushy(store):
    role, people = _setup(store)
    first = _round(role, people, datetime(2026, 11, 1, 10, tzinfo=ZoneInfo(LA)), tone="Warm, curious")
    store.put(first)
    same = Interview(role.uid, 2, datetime(2026, 11, 10, 10, tzinfo=ZoneInfo(LA)), LA,
                     tone="warm and collaborative")
    assert tone_hint(store, same) is None
    pushy = Interview(role.uid, 2, same.start, LA, tone="pushy, pressed for a decision")
    hint = tone_hint(store, pushy)
    assert hint and "round 1" in hint and "Warm, curious" in hint
    # The first round has nothing to compare with.
    assert tone_hint(store, first) is None


def test_a_note_is_handwritten_at_the_company_address_when_the_person_has_none(store):
    company = Company("Harbor Freight Co", address="1 Pier St, Seattle")
    role = Opportunity(company.uid, "Sales Manager")
    ann = Contact("Ann Panel", company_uid=company.uid, role=Role.INTERVIEWER)
    store.put_many([company, role, ann])
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    [note] = proposed_notes(store, Debrief(_round(role, [ann], start)))
    assert note.medium == Medium.HANDWRITTEN


def test_the_front_desk_is_thanked_for_its_help_not_for_the_interview(store):
    role, people = _setup(store)
    desk = Contact("Dee Desk", role=Role.RECEPTIONIST, helped="Found me a quiet room to wait")
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    interview = _round(role, [people[0], desk], start,
                       questions=[Question("Why us?", "x", "The ramp plan")],
                       concerns=[Concern("No 3PL", ConcernKind.TO_OVERCOME)])
    notes = {n.contact_uid: n for n in proposed_notes(store, Debrief(interview, [desk]))}
    assert "No 3PL" in notes[people[0].uid].points and notes[people[0].uid].better_answer
    assert notes[desk.uid].points == "Thank them for their help: Found me a quiet room to wait"
    assert notes[desk.uid].better_answer is None


def test_a_round_of_a_new_role_at_a_new_company_is_saved_with_them(store):
    role, company = new_role("  Account  Executive ", " Contoso ")
    person = Contact("Pat Lee", company_uid=company.uid, role=Role.INTERVIEWER)
    start = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo(LA))
    debrief = Debrief(_round(role, [person], start), [person], role, company)
    save_debrief(store, debrief, proposed_notes(store, debrief), start + timedelta(hours=1))
    assert store.get(Company, company.uid).name == "Contoso"
    assert store.get(Opportunity, role.uid).title == "Account Executive"
    assert store.count(ThankYouNote) == 1
    nameless = Debrief(_round(role, [person], start), [person], replace(role, title=" "), company)
    with pytest.raises(InvalidRecord, match="needs a title"):
        check_debrief(store, nameless, start + timedelta(hours=1))


def test_people_are_found_by_the_start_of_any_word_of_their_name(store):
    company = Company("Lumen")
    store.put_many([company, Contact("Raj Patel", company_uid=company.uid), Contact("Priya Raman"),
                    Contact("Ana Rajan"), Contact("Bo Smith")])
    found = [(c.name, where) for c, where in people_matching(store, "raj")]
    assert found == [("Raj Patel", "Lumen"), ("Ana Rajan", "")]
    assert [c.name for c, _ in people_matching(store, "ra pa")] == ["Raj Patel"]
    assert people_matching(store, "  ") == [] and people_matching(store, '"(') == []
