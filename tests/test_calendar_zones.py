"""VTIMEZONE blocks: readers that go by the block (ical.js, dateutil's tzical under
vobject) take a wall time in the zone for the instant the zone database gives, on
both sides of every clock change."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil import tz
from icalendar import Calendar

from afterword.core.calendar_zones import clock_changes, needs_utc, vtimezone
from calendar_readers import icaljs_instants
from calendar_world import ZONES

RANGES = {name: (date(2025, 1, 1), date(2028, 12, 31)) for name in ZONES}
RANGES["America/New_York"] = (date(2005, 1, 1), date(2028, 12, 31))  # the 2007 US change
RANGES["Europe/London"] = (date(1968, 1, 1), date(1973, 12, 31))  # British Standard Time


def _file(tmp_path):
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    for name, (first, last) in RANGES.items():
        cal.add_component(vtimezone(name, first, last))
    path = tmp_path / "zones.ics"
    path.write_bytes(cal.to_ical())
    return path


def _walls(name: str) -> list[datetime]:
    """Wall times (naive) every quarter hour for three hours either side of each
    change, the last second before it, and noon every fifth day, across the range;
    without the repeated hour, which is written in UTC."""
    first, last = RANGES[name]
    zone = ZoneInfo(name)
    start = datetime(first.year, first.month, first.day, tzinfo=UTC) + timedelta(days=1)
    end = datetime(last.year, last.month, last.day, 12, tzinfo=UTC)
    moments = [start + timedelta(days=5 * i, hours=12) for i in range((end - start).days // 5)]
    for change in clock_changes(zone, start, end):
        moments += [change.at + timedelta(minutes=15 * i) for i in range(-12, 13)]
        moments += [change.at - timedelta(seconds=1)]
    local = [m.astimezone(zone) for m in sorted(moments)]
    return [m.replace(tzinfo=None) for m in local if not needs_utc(m)]


def _wrong(name: str, walls: list[datetime], read: list[datetime]) -> list[tuple]:
    zone = ZoneInfo(name)
    return [(wall, got) for wall, got in zip(walls, read, strict=True)
            if got != wall.replace(tzinfo=zone).astimezone(UTC)]


def test_every_zone_changes_where_the_database_says(tmp_path):
    for name in ZONES:
        changes = clock_changes(ZoneInfo(name), datetime(2026, 1, 1, tzinfo=UTC),
                                datetime(2027, 1, 1, tzinfo=UTC))
        assert len(changes) == (0 if name == "Asia/Kolkata" else 2), name
    lord_howe = clock_changes(ZoneInfo("Australia/Lord_Howe"), datetime(2026, 1, 1, tzinfo=UTC),
                              datetime(2027, 1, 1, tzinfo=UTC))
    assert [c.after.offset - c.before.offset for c in lord_howe] == [timedelta(minutes=-30),
                                                                    timedelta(minutes=30)]
    assert lord_howe[0].at == datetime(2026, 4, 4, 15, 0, tzinfo=UTC)  # 02:00 +11 → 01:30


def test_observances_each_have_their_own_start_and_no_date_lists(tmp_path):
    text = _file(tmp_path).read_bytes().decode()
    assert "RDATE" not in text
    blocks = re.findall(r"BEGIN:(?:STANDARD|DAYLIGHT)\r\n(.*?)END:(?:STANDARD|DAYLIGHT)", text, re.S)
    assert blocks and all(b.count("DTSTART:") == 1 for b in blocks)
    london_today = vtimezone("Europe/London", date(2025, 1, 1), date(2027, 12, 31)).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in london_today
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in london_today
    chatham = vtimezone("Pacific/Chatham", date(2025, 1, 1), date(2027, 12, 31)).to_ical().decode()
    assert "TZOFFSETFROM:+1245\r\nTZOFFSETTO:+1345" in chatham
    assert "DTSTART:20250928T024500\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=9" in chatham


def test_dateutil_tzical_places_every_wall_time_as_the_database_does(tmp_path):
    zones = tz.tzical(io.StringIO(_file(tmp_path).read_text()))
    for name in RANGES:
        walls = _walls(name)
        read = [w.replace(tzinfo=zones.get(name)).astimezone(UTC) for w in walls]
        assert _wrong(name, walls, read) == [], name


def test_icaljs_places_every_wall_time_as_the_database_does(tmp_path):
    walls = {name: _walls(name) for name in RANGES}
    read = icaljs_instants(_file(tmp_path), walls)
    for name in RANGES:
        assert _wrong(name, walls[name], read[name]) == [], name


def test_dates_at_the_edge_of_the_calendar_still_get_a_block():
    for name in ZONES:
        for first, last in ((date(1, 1, 1), date(1, 12, 31)), (date(9999, 1, 1), date(9999, 12, 31))):
            assert vtimezone(name, first, last).to_ical().startswith(b"BEGIN:VTIMEZONE")


@pytest.mark.parametrize(("wall", "fold", "expected"), [
    (datetime(2026, 11, 1, 1, 30), 0, True),  # the first 01:30 in Los Angeles
    (datetime(2026, 11, 1, 1, 30), 1, True),  # the second
    (datetime(2026, 3, 8, 2, 30), 0, True),  # skipped
    (datetime(2026, 11, 1, 0, 59), 0, False),
    (datetime(2026, 11, 1, 2, 0), 0, False),
])
def test_ambiguous_and_missing_times_need_utc(wall, fold, expected):
    moment = wall.replace(tzinfo=ZoneInfo("America/Los_Angeles"), fold=fold)
    assert needs_utc(moment) is expected
    assert not needs_utc(moment.astimezone(UTC))
