"""Every export variant, read back by ical.js, vobject, recurring-ical-events and khal:
each must find every round at the instant Afterword has and every reminder on the
date Afterword computed, on both sides of every clock change of six zones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from afterword.core.cadence import next_touch_due
from afterword.core.calendar import CalendarOptions
from afterword.core.calendar_content import calendar_rule
from afterword.core.calendar_export import export_calendar
from afterword.core.domain import Cadence, Interview
from afterword.core.rules import Reminder, ReminderKind, open_reminders, reminder_uid
from afterword.core.store import Store
from calendar_readers import (
    FOLLOW,
    Entry,
    read_icaljs,
    read_khal,
    read_recurring_ical_events,
    read_vobject,
    show,
)
from calendar_world import change, fill

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)
FIRST, LAST = date(2026, 1, 1), date(2028, 12, 31)
VARIANTS = {
    "default": CalendarOptions(),
    "tasks": CalendarOptions(tasks=True),
    "rounds": CalendarOptions(rounds=True),
    "full": CalendarOptions(full=True, rounds=True),
    "full-tasks": CalendarOptions(full=True, tasks=True, rounds=True),
}


@dataclass
class Exported:
    files: dict[str, Path]
    expected: dict[str, dict[str, Entry]]  # per variant: what Afterword computed, by UID


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Exported:
    folder = tmp_path_factory.mktemp("readers")
    store = Store.open(folder / "world.db")
    try:
        world = fill(store)
        export_calendar(store, folder / "before.ics", CalendarOptions(full=True, rounds=True), NOW)
        change(store, world)
        files = {name: folder / f"{name}.ics" for name in VARIANTS}
        for name, options in VARIANTS.items():
            export_calendar(store, files[name], options, LATER)
        done = {reminder_uid(ReminderKind.THANK_YOU_NOTE, world.sent_note.uid),
                reminder_uid(ReminderKind.FEEDBACK_CALL, world.held_call.uid)}
        removed = {reminder_uid(ReminderKind.TOUCH, world.removed_cadence.uid)}
        expected = {name: _expected(store, options, done, removed)
                    for name, options in VARIANTS.items()}
    finally:
        store.close()
    return Exported(files, expected)


def _expected(store: Store, options: CalendarOptions, done: set[str], removed: set[str],
              ) -> dict[str, Entry]:
    """Each entry as Afterword computed it: reminders, rounds, and what is gone."""
    entries = {r.uid: _reminder(store, r, options.tasks) for r in open_reminders(store).items}
    if options.rounds:
        for interview in store.all(Interview):
            start = interview.start
            entries[interview.uid] = _timed(interview.uid, start, start + timedelta(hours=1),
                                            options.tasks)
    if options.full:
        before = {row[0]: row[1] for row in store.db.execute(
            "SELECT uid, start FROM calendar_events WHERE cancelled = 1").fetchall()}
        assert set(before) == done | removed
        for uid, start in before.items():
            day = date.fromisoformat(start)
            entry = _all_day(uid, day, None, options.tasks)
            entry.status = ("COMPLETED" if options.tasks and uid in done else "CANCELLED")
            entry.completed = "yes" if entry.status == "COMPLETED" else None
            entries[uid] = entry
    return entries


def _reminder(store: Store, r: Reminder, tasks: bool) -> Entry:
    if r.at is not None:
        return _timed(r.uid, r.at, r.at + timedelta(minutes=30), tasks)
    rule = None
    if r.kind == ReminderKind.TOUCH:
        rule = calendar_rule(store.get(Cadence, r.source_uid).rrule, r.anchor)
    return _all_day(r.uid, r.due, rule, tasks)


def _timed(uid: str, start: datetime, end: datetime, tasks: bool) -> Entry:
    if tasks:
        return Entry(uid, "vtodo", "NEEDS-ACTION", None, None, show(start))
    return Entry(uid, "vevent", "CONFIRMED", show(start), show(end))


def _all_day(uid: str, day: date, rule: str | None, tasks: bool) -> Entry:
    occurrences = _touches(rule, day) if rule else None
    if tasks:
        return Entry(uid, "vtodo", "NEEDS-ACTION", show(day) if rule else None, None, show(day),
                     occurrences=occurrences)
    return Entry(uid, "vevent", "CONFIRMED", show(day), show(day + timedelta(days=1)),
                 occurrences=occurrences)


def _touches(rule: str, first: date) -> list[str]:
    """The touches due if each is made on its day: Afterword's next touch after each."""
    days, day = [], first
    while day is not None and day <= first + FOLLOW:
        days.append(show(day))
        day = next_touch_due(rule, day)
    return days


def _comparable(entry: Entry) -> Entry:
    """COMPLETED's moment is the file's to choose; that it is there is what counts."""
    return Entry(entry.uid, entry.component, entry.status, entry.start, entry.end, entry.due,
                 "yes" if entry.completed else None, entry.occurrences)


def _differences(found: dict[str, Entry], expected: dict[str, Entry]) -> list[str]:
    problems = [f"missing {uid}" for uid in expected.keys() - found.keys()]
    problems += [f"unexpected {uid}" for uid in found.keys() - expected.keys()]
    for uid in expected.keys() & found.keys():
        if _comparable(found[uid]) != expected[uid]:
            problems.append(f"read {_comparable(found[uid])}\n  expected {expected[uid]}")
    return problems


@pytest.mark.parametrize("variant", VARIANTS)
def test_icaljs_reads_every_entry_as_afterword_computed_it(exported, variant):
    found = read_icaljs(exported.files[variant])
    problems = _differences(found, exported.expected[variant])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("variant", VARIANTS)
def test_vobject_reads_every_entry_as_afterword_computed_it(exported, variant):
    found = read_vobject(exported.files[variant])
    problems = _differences(found, exported.expected[variant])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("variant", VARIANTS)
def test_recurring_ical_events_reads_every_entry_as_afterword_computed_it(exported, variant):
    found = read_recurring_ical_events(exported.files[variant], FIRST, LAST)
    problems = _differences(found, exported.expected[variant])
    assert not problems, "\n".join(problems)


def test_khal_lists_every_event_as_afterword_computed_it(exported):
    events = {name: path for name, path in exported.files.items() if not VARIANTS[name].tasks}
    listed = read_khal(events, FIRST, LAST)
    for name in events:
        expected = {uid: e for uid, e in exported.expected[name].items()}
        problems = [f"missing {uid}" for uid in expected.keys() - listed[name].keys()]
        problems += [f"unexpected {uid}" for uid in listed[name].keys() - expected.keys()]
        for uid, entry in expected.items():
            occurrences = sorted(set(listed[name].get(uid, [])))
            if not occurrences:
                continue
            starts = [start for start, _end, _all_day in occurrences]
            wanted = entry.occurrences or [entry.start]
            if starts[:len(wanted)] != wanted or (entry.occurrences is None and len(starts) != 1):
                problems.append(f"{name} {uid}: khal lists {occurrences}, expected {wanted}")
            first_start, first_end, all_day = occurrences[0]
            if all_day:  # khal shows an all-day entry's last day, not the day after
                first_end = show(date.fromisoformat(first_end) + timedelta(days=1))
            if entry.occurrences is None and first_end != entry.end:
                problems.append(f"{name} {uid}: khal ends it {first_end}, expected {entry.end}")
        assert not problems, "\n".join(problems)
