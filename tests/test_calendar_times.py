"""Dates and times in the file: a round keeps its moment through the repeated hour
(written in UTC where the wall time is ambiguous) and lasts an hour of real time;
an all-day touch's rule ends on a date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from afterword.core.domain import Cadence, Company, Contact, Interview, Opportunity
from calendar_helpers import export


def test_rounds_in_the_repeated_hour_are_written_in_utc_for_an_hour(store, tmp_path):
    la = ZoneInfo("America/Los_Angeles")
    company = Company("Northwind")
    role = Opportunity(company.uid, "Analyst")
    first = datetime(2026, 11, 1, 8, 30, tzinfo=UTC).astimezone(la)  # 01:30 PDT
    second = datetime(2026, 11, 1, 9, 30, tzinfo=UTC).astimezone(la)  # 01:30 PST
    before = datetime(2026, 11, 1, 7, 0, tzinfo=UTC).astimezone(la)  # 00:00 PDT, ends 01:00
    plain = datetime(2026, 11, 2, 18, 0, tzinfo=UTC).astimezone(la)
    rounds = [Interview(role.uid, n, start, "America/Los_Angeles")
              for n, start in enumerate((first, second, before, plain), start=1)]
    store.put_many([company, role, *rounds])
    out = tmp_path / "r.ics"
    export(store, out, rounds=True)
    events = {str(e["UID"]): e for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    for interview in rounds:
        event = events[interview.uid]
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert start == interview.start.astimezone(UTC) and end - start == timedelta(hours=1)
    text = out.read_text()
    for interview in rounds[:3]:  # start or end on an ambiguous wall time: both in UTC
        assert "TZID" not in events[interview.uid]["DTSTART"].params
        assert "TZID" not in events[interview.uid]["DTEND"].params
    assert "DTSTART:20261101T093000Z" in text and "DTEND:20261101T103000Z" in text
    assert "DTSTART;TZID=America/Los_Angeles:20261102T100000" in text


def test_an_all_day_touch_ends_on_a_date(store, tmp_path):
    person = Contact("Robin")
    store.put_many([person, Cadence(person.uid, "FREQ=MONTHLY;UNTIL=20270601T000000Z",
                                    date(2026, 12, 1))])
    out = tmp_path / "r.ics"
    export(store, out)
    event = Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    assert event["DTSTART"].dt == date(2027, 1, 1)
    assert event["RRULE"]["UNTIL"] == [date(2027, 6, 1)]  # a DATE, as RFC 5545 §3.3.10 wants
    assert "RRULE:FREQ=MONTHLY;UNTIL=20270601\r\n" in out.read_bytes().decode()


def test_a_round_near_the_end_of_the_calendar_still_exports(store, tmp_path):
    company = Company("Far Future")
    role = Opportunity(company.uid, "Analyst")
    late = Interview(role.uid, 1, datetime(9998, 6, 1, 10, tzinfo=ZoneInfo("Pacific/Chatham")),
                     "Pacific/Chatham")
    store.put_many([company, role, late])
    summary, _ = export(store, tmp_path / "r.ics", rounds=True)
    assert summary.counts == {"interview": 1} and summary.problems == []
    assert "TZID=Pacific/Chatham:99980601T100000" in (tmp_path / "r.ics").read_text()
