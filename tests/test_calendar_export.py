"""Calendar export: the demo data as a file that an independent parser reads back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from afterword.core.domain import Cadence, CallStatus, Contact, FeedbackCall
from afterword.core.rules import ReminderKind, open_reminders
from calendar_helpers import NOW, entries, export


def test_demo_export_has_one_event_per_open_reminder(demo_store, tmp_path):
    out = tmp_path / "reminders.ics"
    summary, cal = export(demo_store, out)
    reminders = open_reminders(demo_store).items
    events = entries(cal)
    assert set(events) == {r.uid for r in reminders}
    assert summary.total == len(reminders) == 11
    assert summary.new == 11 and summary.changed == 0
    for r in reminders:
        event = events[r.uid]
        assert event.summary.value == r.title
        assert event.dtstart.value == r.due and not isinstance(event.dtstart.value, datetime)
        assert event.dtend.value == r.due + timedelta(days=1)
        assert event.sequence.value == "0"
        assert event.dtstamp.value == NOW
        alarm = event.valarm
        assert alarm.action.value == "DISPLAY"
        assert alarm.trigger.value == timedelta(hours=9)  # 09:00 on the day
        assert alarm.description.value == r.title
    kinds = {r.kind for r in reminders}
    assert kinds == set(ReminderKind)


def test_titles_and_descriptions_carry_the_meaning(demo_store, tmp_path):
    _, cal = export(demo_store, tmp_path / "r.ics")
    by_title = {e.summary.value: e for e in cal.vevent_list}
    dana = by_title["Post thank-you note to Dana Reyes (Northwind Logistics)"]
    text = dana.description.value
    assert text.startswith("Post by Mon 2026-11-23: a handwritten thank-you note to Dana Reyes")
    assert "Direct: +1 206 555 0142" in text and "Cell: +1 206 555 0199" in text
    assert "Mailing address:\nDana Reyes\nNorthwind Logistics\n1200 Harbor Way\nSeattle, WA 98101" in text
    call = by_title["Request feedback call: Rafael Ortiz (Acme Analytics)"]
    assert "by phone, not email and not via HR" in call.description.value
    # Private notes stay out unless asked for.
    tom = by_title["Post thank-you note to Tom Becker (Northwind Logistics)"]
    assert "Offered coffee" not in tom.description.value
    assert "Portland ramp plan" not in tom.description.value
    _, cal = export(demo_store, tmp_path / "p.ics", private_notes=True)
    tom = {e.summary.value: e for e in cal.vevent_list}[tom.summary.value]
    assert "Notes: Offered coffee; asked about my drive" in tom.description.value
    assert "Points to mention: Thank them for the tour; the Portland ramp plan" in tom.description.value


def test_touch_events_repeat_with_the_cadence_rule(demo_store, tmp_path):
    out = tmp_path / "r.ics"
    export(demo_store, out)
    touch = next(r for r in open_reminders(demo_store).items
                 if r.kind == ReminderKind.TOUCH and r.contact_name == "Sam Delgado")
    cal = Calendar.from_ical(out.read_bytes())
    days = [e["DTSTART"].dt for e in recurring_ical_events.of(cal).between(
        touch.due, touch.due + timedelta(days=200)) if str(e["UID"]) == touch.uid]
    assert days[:3] == [touch.due, date(2027, 2, 2), date(2027, 4, 2)]  # every 2 months


def test_alarm_time_of_day_is_configurable(demo_store, tmp_path):
    _, cal = export(demo_store, tmp_path / "r.ics", alarm_time=time(7, 30))
    assert {e.valarm.trigger.value for e in cal.vevent_list} == {timedelta(hours=7, minutes=30)}


def test_scheduled_feedback_call_is_a_timed_event(demo_store, tmp_path):
    call = next(c for c in demo_store.all(FeedbackCall) if c.status == CallStatus.TO_REQUEST)
    call.status = CallStatus.SCHEDULED
    call.scheduled_at = datetime(2026, 11, 26, 14, 30, tzinfo=ZoneInfo("America/Chicago"))
    demo_store.put(call)
    _, cal = export(demo_store, tmp_path / "r.ics")
    event = next(e for e in cal.vevent_list if e.summary.value.startswith("Feedback call with"))
    assert event.dtstart.value == call.scheduled_at
    assert event.dtstart.value.utcoffset() == timedelta(0)  # written in UTC
    assert event.dtend.value - event.dtstart.value == timedelta(minutes=30)
    assert event.valarm.trigger.value == timedelta(minutes=-30)
    assert event.location.value == "Phone +1 512 555 0133"


def test_tasks_are_vtodos_with_due_and_status(demo_store, tmp_path):
    summary, cal = export(demo_store, tmp_path / "t.ics", tasks=True)
    todos = entries(cal, "vtodo")
    assert "vevent" not in cal.contents
    assert set(todos) == {r.uid for r in open_reminders(demo_store).items}
    assert summary.describe().startswith("Wrote 11 tasks to t.ics")
    for r in open_reminders(demo_store).items:
        todo = todos[r.uid]
        assert todo.due.value == r.due
        assert todo.status.value == "NEEDS-ACTION"
        assert todo.valarm.trigger.value == timedelta(hours=9)
        if r.kind == ReminderKind.TOUCH:  # a recurring task recurs from its DTSTART
            assert todo.dtstart.value == r.due and todo.rrule.value
        else:  # no DTSTART: the alarm is relative to DUE
            assert todo.valarm.trigger.params["RELATED"] == ["END"]
            assert not hasattr(todo, "dtstart")


def test_kinds_and_date_range_choose_what_is_written(demo_store, tmp_path):
    summary, cal = export(demo_store, tmp_path / "r.ics", kinds=frozenset({"thank_you_note"}),
                          first=date(2026, 11, 23), last=date(2026, 11, 23))
    assert summary.counts == {"thank_you_note": 4}
    assert all(e.summary.value.startswith(("Post", "Send")) for e in cal.vevent_list)
    summary, _ = export(demo_store, tmp_path / "r.ics", first=date(2026, 11, 24))
    assert summary.total == 3  # the follow-up and two touches after the 23rd


def test_rounds_are_timed_in_their_own_time_zone(demo_store, tmp_path):
    summary, cal = export(demo_store, tmp_path / "r.ics", rounds=True)
    rounds = [e for e in cal.vevent_list if e.summary.value.startswith("Interview:")]
    assert summary.counts["interview"] == len(rounds) == 8
    zones = {tz.tzid.value for tz in cal.vtimezone_list}
    for event in rounds:
        assert event.dtstart.params["X-VOBJ-ORIGINAL-TZID"][0] in zones
        assert event.dtstart.value.hour == 10  # 10:00 where the round was held
    onsite = next(e for e in rounds if "(round 2)" in e.summary.value and "Northwind" in e.summary.value)
    assert onsite.location.value == "1200 Harbor Way, Seattle, WA 98101"
    assert "With: Dana Reyes, Marcus Chen, Aisha Okafor, Tom Becker" in onsite.description.value


def test_new_contact_without_company_still_exports(store, tmp_path):
    person = Contact("Zoë Ødegård")
    store.put_many([person, Cadence(person.uid, "FREQ=WEEKLY;INTERVAL=1", date(2026, 11, 20))])
    _, cal = export(store, tmp_path / "r.ics")
    assert [e.summary.value for e in cal.vevent_list] == ["Stay in touch: Zoë Ødegård"]
