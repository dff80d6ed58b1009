"""Bad input: a clear message naming the record, the rest written, the database unchanged."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from afterword.core.calendar_export import CalendarExportError
from afterword.core.domain import Cadence, Interview
from afterword.core.rules import ReminderKind, open_reminders, reminder_uid
from calendar_helpers import NOW, dump, entries, export

# Kept by the app itself: what was exported, and facts the rules read.
_DERIVED = ("calendar_events", "contact_facts", "cadence_schedule", "stale_contacts")


def _user_records(store) -> list[str]:
    return [line for line in dump(store) if not any(table in line for table in _DERIVED)]


def test_unwritable_destination_changes_nothing(demo_store, tmp_path):
    before = dump(demo_store)
    with pytest.raises(CalendarExportError, match=r"cannot write .*missing.*nothing was exported"):
        export(demo_store, tmp_path / "missing" / "r.ics")
    with pytest.raises(CalendarExportError, match="is a folder"):
        export(demo_store, tmp_path)
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(CalendarExportError, match="cannot write"):
            export(demo_store, locked / "r.ics")
    assert dump(demo_store) == before
    assert not list(tmp_path.rglob("*.partial"))


def test_unwritable_destination_after_a_change_keeps_the_old_versions(demo_store, tmp_path):
    out = tmp_path / "r.ics"
    export(demo_store, out)
    note_uid = demo_store.db.execute(
        "SELECT uid FROM thank_you_notes WHERE status = 'to_write'").fetchone()[0]
    demo_store.db.execute("UPDATE thank_you_notes SET due = '2026-12-01' WHERE uid = ?", [note_uid])
    before = dump(demo_store)
    with pytest.raises(CalendarExportError):
        export(demo_store, tmp_path / "nowhere" / "r.ics", now=NOW + timedelta(days=1))
    assert dump(demo_store) == before
    # The change is still news to the next export that succeeds.
    summary, cal = export(demo_store, out, now=NOW + timedelta(days=2))
    assert summary.changed == 1
    uid = reminder_uid(ReminderKind.THANK_YOU_NOTE, note_uid)
    assert entries(cal)[uid].sequence.value == "1"


def test_bad_cadence_rule_is_named_and_the_rest_is_written(demo_store, tmp_path):
    out = tmp_path / "r.ics"
    export(demo_store, out, full=True)
    cadence = next(c for c in demo_store.all(Cadence) if c.rrule == "FREQ=WEEKLY;INTERVAL=2")
    demo_store.db.execute("UPDATE cadences SET rrule = 'FREQ=FORTNIGHTLY' WHERE uid = ?",
                          [cadence.uid])
    records = _user_records(demo_store)
    summary, cal = export(demo_store, out, now=NOW + timedelta(days=1), full=True)
    assert len(summary.problems) == 1
    assert cadence.uid in summary.problems[0] and "Ellis Grant" in summary.problems[0]
    assert "rrule" in summary.problems[0]
    events = entries(cal)
    assert set(events) == {r.uid for r in open_reminders(demo_store).items}
    assert len(events) == 10
    # Not cancelled either: the cadence is still there, only unreadable.
    assert reminder_uid(ReminderKind.TOUCH, cadence.uid) not in events
    assert summary.cancelled == 0
    assert _user_records(demo_store) == records


@pytest.mark.parametrize("zone", ["", "Mars/Olympus_Mons"])
def test_missing_or_unknown_time_zone_is_named(demo_store, tmp_path, zone):
    interview = demo_store.all(Interview)[0]
    demo_store.db.execute("UPDATE interviews SET timezone = ? WHERE uid = ?", [zone, interview.uid])
    records = _user_records(demo_store)
    summary, cal = export(demo_store, tmp_path / "r.ics", rounds=True)
    assert len(summary.problems) == 1
    problem = summary.problems[0]
    assert problem.startswith(f"interview {interview.uid} (Northwind Logistics, Regional Sales Manager, "
                              "round 1): field 'timezone': ")
    assert ("no time zone" if not zone else repr(zone)) in problem
    events = entries(cal)
    assert summary.counts["interview"] == 8 and summary.counts["thank_you_note"] == 4
    moved = events[interview.uid].dtstart.value
    assert moved == interview.start and moved.utcoffset() == timedelta(0)
    assert _user_records(demo_store) == records


def test_a_round_dated_at_the_edge_of_the_calendar_is_named_and_skipped(demo_store, tmp_path):
    from datetime import UTC, datetime

    from afterword.core.calendar import CalendarOptions
    from afterword.core.calendar_export import export_calendar
    from afterword.core.domain import Interview

    # Written before imports refused such dates; the file must still export.
    victim = demo_store.all(Interview)[0]
    demo_store.db.execute("UPDATE interviews SET start = '0001-01-01T01:00:00+05:00' WHERE uid = ?",
                          [victim.uid])
    summary = export_calendar(demo_store, tmp_path / "r.ics", CalendarOptions(rounds=True),
                              datetime(2026, 11, 23, 18, tzinfo=UTC))
    assert any(victim.uid in p and "field 'start'" in p for p in summary.problems)
    assert summary.counts  # everything else was written
