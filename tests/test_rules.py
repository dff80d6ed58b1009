"""Reminders from the rules of PRODUCT.md, at chosen dates."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.core.domain import (
    Cadence,
    CallStatus,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Medium,
    NoteStatus,
    Opportunity,
    Role,
    Stage,
    ThankYouNote,
    Touch,
    TouchKind,
)
from afterword.core.rules import (
    ReminderKind,
    cadence_status,
    due_reminders,
    last_contact_dates,
    open_reminders,
    reminder_uid,
)
from tests.conftest import DEMO_TODAY

LA = ZoneInfo("America/Los_Angeles")


def by_kind(reminders, kind):
    return [r for r in reminders if r.kind == kind]


@pytest.fixture
def world(store):
    company = Company("Acme")
    dana = Contact("Dana Reyes", company_uid=company.uid, role=Role.INTERVIEWER)
    opp = Opportunity(company.uid, "Sales lead", stage=Stage.INTERVIEWING)
    store.put_many([company, dana, opp])
    return store, company, dana, opp


# -- thank-you notes -------------------------------------------------------------

def test_open_note_is_due_then_overdue_and_done_when_sent(world):
    store, _, dana, _ = world
    note = ThankYouNote(dana.uid, None, date(2026, 11, 24), medium=Medium.HANDWRITTEN)
    store.put(note)
    assert due_reminders(store, date(2026, 11, 23)).items == []
    [r] = due_reminders(store, date(2026, 11, 24)).items
    assert (r.kind, r.due, r.is_overdue(date(2026, 11, 24))) == (ReminderKind.THANK_YOU_NOTE,
                                                                 date(2026, 11, 24), False)
    assert r.title == "Post thank-you note to Dana Reyes (Acme)"
    assert r.is_overdue(date(2026, 11, 25))
    for status in (NoteStatus.DRAFTED, NoteStatus.WRITTEN):
        note.status = status
        store.put(note)
        assert len(due_reminders(store, date(2026, 11, 30)).items) == 1
    for status in (NoteStatus.SENT, NoteStatus.DELIVERED):
        note.status = status
        store.put(note)
        assert due_reminders(store, date(2026, 11, 30)).items == []


# -- hear-back follow-ups ----------------------------------------------------------

def round_(opp, number, day, hear_back_by=None, people=()):
    return Interview(opp.uid, number, datetime.combine(day, datetime.min.time(), LA).replace(hour=10),
                     "America/Los_Angeles", participant_uids=[p.uid for p in people],
                     hear_back_by=hear_back_by)


def test_follow_up_is_due_the_day_after_hear_back_by_of_the_latest_round(world):
    store, _, dana, opp = world
    store.put(round_(opp, 1, date(2026, 11, 1), hear_back_by=date(2026, 11, 5)))
    latest = round_(opp, 2, date(2026, 11, 10), hear_back_by=date(2026, 11, 20), people=[dana])
    store.put(latest)
    [r] = open_reminders(store).items
    assert (r.kind, r.due, r.source_uid, r.contact_uid) == (
        ReminderKind.FOLLOW_UP, date(2026, 11, 21), latest.uid, dana.uid)
    assert due_reminders(store, date(2026, 11, 20)).items == []
    assert len(due_reminders(store, date(2026, 11, 21)).items) == 1


@pytest.mark.parametrize("stage", [Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN])
def test_no_follow_up_once_the_process_is_closed(world, stage):
    store, _, _, opp = world
    store.put(round_(opp, 1, date(2026, 11, 1), hear_back_by=date(2026, 11, 5)))
    opp.stage = stage
    store.put(opp)
    assert open_reminders(store).items == []


def test_following_up_closes_the_reminder(world):
    store, _, _, opp = world
    interview = round_(opp, 1, date(2026, 11, 1), hear_back_by=date(2026, 11, 5))
    interview.followed_up_on = date(2026, 11, 6)
    store.put(interview)
    assert open_reminders(store).items == []


# -- feedback calls ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("status", "fields", "due", "title"),
    [
        (CallStatus.TO_REQUEST, {}, date(2026, 11, 10), "Request feedback call: Dana Reyes (Acme)"),
        (CallStatus.REQUESTED, {"requested_on": date(2026, 11, 12)}, date(2026, 11, 17),
         "Chase feedback call request: Dana Reyes (Acme)"),
        (CallStatus.SCHEDULED, {"scheduled_at": datetime(2026, 11, 19, 16, tzinfo=LA)},
         date(2026, 11, 19), "Feedback call with Dana Reyes (Acme)"),
    ],
)
def test_feedback_call_due_dates(world, status, fields, due, title):
    store, _, dana, opp = world
    store.put(FeedbackCall(dana.uid, opp.uid, date(2026, 11, 10), status, **fields))
    [r] = open_reminders(store).items
    assert (r.kind, r.due, r.title) == (ReminderKind.FEEDBACK_CALL, due, title)


@pytest.mark.parametrize("status", [CallStatus.HELD, CallStatus.DROPPED])
def test_held_or_dropped_calls_need_nothing(world, status):
    store, _, dana, opp = world
    store.put(FeedbackCall(dana.uid, opp.uid, date(2026, 11, 10), status))
    assert open_reminders(store).items == []


# -- cadences ---------------------------------------------------------------------

def touch_on(contact, day, hour=12, tz=LA):
    return Touch(contact.uid, datetime.combine(day, datetime.min.time(), tz).replace(hour=hour),
                 TouchKind.CALL)


def test_cadence_counts_from_its_start_without_any_contact(world):
    store, _, dana, _ = world
    store.put(Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1)))
    [r] = open_reminders(store).items
    assert (r.kind, r.due, r.contact_uid) == (ReminderKind.TOUCH, date(2026, 11, 15), dana.uid)


def test_a_touch_resets_the_cadence(world):
    store, _, dana, _ = world
    cadence = Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1))
    store.put_many([cadence, touch_on(dana, date(2026, 11, 10))])
    [r] = open_reminders(store).items
    assert r.due == date(2026, 11, 24)
    assert r.uid == reminder_uid(ReminderKind.TOUCH, cadence.uid)


def test_a_touch_logged_on_the_due_day_moves_the_next_due(world):
    store, _, dana, _ = world
    store.put(Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1)))
    assert due_reminders(store, date(2026, 11, 15)).items[0].due == date(2026, 11, 15)
    store.put(touch_on(dana, date(2026, 11, 15)))
    assert due_reminders(store, date(2026, 11, 15)).items == []
    assert open_reminders(store).items[0].due == date(2026, 11, 29)


def test_rounds_notes_and_calls_count_as_contact(world):
    store, _, dana, opp = world
    store.put(Cadence(dana.uid, "FREQ=DAILY;INTERVAL=30", date(2026, 1, 1)))
    store.put(round_(opp, 1, date(2026, 3, 1), people=[dana]))
    assert last_contact_dates(store)[dana.uid] == date(2026, 3, 1)
    store.put(ThankYouNote(dana.uid, None, date(2026, 3, 2), status=NoteStatus.SENT,
                           sent_on=date(2026, 3, 4)))
    assert last_contact_dates(store)[dana.uid] == date(2026, 3, 4)
    store.put(FeedbackCall(dana.uid, opp.uid, date(2026, 3, 5), CallStatus.HELD,
                           held_on=date(2026, 3, 9)))
    assert last_contact_dates(store)[dana.uid] == date(2026, 3, 9)
    assert open_reminders(store).items[0].due == date(2026, 4, 8)


def test_a_round_counts_on_its_own_local_date(world):
    store, _, dana, opp = world
    # 23:30 in Los Angeles is already the next day in UTC; the round's zone decides.
    late = Interview(opp.uid, 1, datetime(2026, 3, 2, 7, 30, tzinfo=ZoneInfo("UTC")),
                     "America/Los_Angeles", participant_uids=[dana.uid])
    store.put(late)
    assert last_contact_dates(store)[dana.uid] == date(2026, 3, 1)


def test_contact_not_yet_happened_does_not_restart_a_cadence(world):
    store, _, dana, opp = world
    store.put_many([Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1)),
                    touch_on(dana, date(2026, 11, 3)),
                    round_(opp, 1, date(2027, 3, 1), people=[dana]),  # scheduled for March
                    ThankYouNote(dana.uid, None, date(2026, 11, 2), status=NoteStatus.SENT,
                                 sent_on=date(2026, 12, 24))])  # a date typed ahead
    [r] = due_reminders(store, date(2026, 11, 20)).items
    assert (r.kind, r.due, r.detail) == (ReminderKind.TOUCH, date(2026, 11, 17), "last contact 2026-11-03")
    assert [r.due for r in open_reminders(store, date(2026, 11, 20)).items] == [date(2026, 11, 17)]
    status = cadence_status(store, [dana.uid], date(2026, 11, 20))[dana.uid]
    assert (status.last_touch, status.next_due) == (date(2026, 11, 3), date(2026, 11, 17))
    # Once the round has been held, it is the last contact.
    [r] = due_reminders(store, date(2027, 3, 20)).items
    assert (r.due, r.detail) == (date(2027, 3, 15), "last contact 2027-03-01")


def test_weekly_cadence_across_the_spring_dst_change(world):
    store, _, dana, _ = world
    store.put(Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=1", date(2026, 1, 1)))
    store.put(touch_on(dana, date(2026, 3, 7), hour=23))  # the night before clocks go forward
    assert open_reminders(store).items[0].due == date(2026, 3, 14)


def test_maximum_interval_decides_when_overdue(world):
    store, _, dana, _ = world
    store.put(Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1), max_days=21))
    [r] = open_reminders(store).items
    assert r.due == date(2026, 11, 15)
    assert not r.is_overdue(date(2026, 11, 22))
    assert r.is_overdue(date(2026, 11, 23))


def test_paused_cadence_has_no_reminder(world):
    store, _, dana, _ = world
    store.put(Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1), active=False))
    assert open_reminders(store).items == []


def test_a_bad_rule_is_reported_and_the_rest_still_computed(world):
    store, _, dana, _ = world
    bad = Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1))
    store.put_many([bad, ThankYouNote(dana.uid, None, date(2026, 11, 2))])
    store.db.execute("UPDATE cadences SET rrule = 'FREQ=FORTNIGHTLY' WHERE uid = ?", [bad.uid])
    result = open_reminders(store)
    assert [r.kind for r in result.items] == [ReminderKind.THANK_YOU_NOTE]
    assert len(result.problems) == 1
    assert bad.uid in result.problems[0] and "rrule" in result.problems[0]


# -- ordering and identity -------------------------------------------------------------

def test_most_urgent_first(world):
    store, _, dana, _ = world
    store.put_many([
        ThankYouNote(dana.uid, None, date(2026, 11, 25)),
        ThankYouNote(dana.uid, None, date(2026, 11, 20)),
        ThankYouNote(dana.uid, None, date(2026, 11, 23)),
    ])
    dues = [r.due.day for r in due_reminders(store, date(2026, 11, 30)).items]
    assert dues == [20, 23, 25]
    on = date(2026, 11, 23)
    flags = [r.is_overdue(on) for r in due_reminders(store, on).items]
    assert flags == [True, False]


def test_reminder_uids_are_stable_and_distinct():
    a = reminder_uid(ReminderKind.THANK_YOU_NOTE, "x")
    assert a == reminder_uid(ReminderKind.THANK_YOU_NOTE, "x")
    assert a != reminder_uid(ReminderKind.TOUCH, "x")
    # Pinned: calendars key their events on this value, so it must never change.
    assert a == "e62b2ee6-6316-568a-a6a0-3050072ca210"


def test_demo_has_due_items_of_every_kind(demo_store):
    items = due_reminders(demo_store, DEMO_TODAY).items
    assert {r.kind for r in items} == set(ReminderKind)
    assert any(r.is_overdue(DEMO_TODAY) for r in items)
    assert any(not r.is_overdue(DEMO_TODAY) for r in items)
    titles = " | ".join(r.title for r in items)
    assert "Tom Becker" in titles  # the receptionist gets a note too
    assert "Helen Park" not in titles  # HR is never the feedback call
    assert (DEMO_TODAY - timedelta(days=1)) < max(r.due for r in items) <= DEMO_TODAY


def test_reminder_uid_is_exactly_uuid5_of_kind_and_source():
    import uuid

    from afterword.core.rules import REMINDER_NAMESPACE

    for kind in ReminderKind:
        for source in ("x", "5f0c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f", "ünïcode 📇"):
            expected = str(uuid.uuid5(uuid.UUID(REMINDER_NAMESPACE), f"{kind.value}/{source}"))
            assert reminder_uid(kind, source) == expected
