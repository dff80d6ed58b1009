"""Reminders → an icalendar.Calendar that imports cleanly and updates on re-import.

Events (default) or tasks (VTODO, for Thunderbird and Apple Reminders), one per
open reminder, whose UID is exactly the reminder's uid; optionally one timed event
per interview round (UID = the round's uid) with its VTIMEZONE. SEQUENCE and
DTSTAMP come from the remembered versions (calendar_state), so an unchanged entry
is written identically and a changed one supersedes the copy a calendar holds.
Each entry's component comes from calendar_render. Nothing here writes files or
the database: see calendar_export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event, Todo

from afterword import __version__
from afterword.core.calendar_content import (
    ROUND_KIND,
    EventSpec,
    Sources,
    cancelled_spec,
    done_reminders,
    reminder_spec,
    round_specs,
)
from afterword.core.calendar_render import Renderer
from afterword.core.calendar_state import Stamped, Version, load_versions, stamp, utc_now
from afterword.core.calendar_zones import vtimezone
from afterword.core.rules import ReminderKind, open_reminders
from afterword.core.store import Store

PRODID = f"-//Afterword//Afterword {__version__}//EN"
CALENDAR_NAME = "Afterword reminders"
# A calendar keeps showing a cancelled copy for this long; afterwards it is left out.
KEEP_CANCELLED = timedelta(days=90)


@dataclass(frozen=True)
class CalendarOptions:
    """What to export and how. The defaults are what `afterword ics` writes."""

    tasks: bool = False  # VTODO instead of VEVENT
    kinds: frozenset[str] = frozenset(k.value for k in ReminderKind)
    first: date | None = None  # only entries dated on or after this day
    last: date | None = None  # … and on or before this one
    rounds: bool = False  # add one event per interview round
    full: bool = False  # add entries that are gone, as STATUS:CANCELLED
    private_notes: bool = False  # contact notes and points to mention
    alarm_time: time = time(9, 0)  # local time of day for all-day entries
    alarm_before: timedelta = timedelta(minutes=30)  # lead time for timed entries


@dataclass
class CalendarBuild:
    """A calendar ready to write, and what the export would remember afterwards."""

    calendar: Calendar
    stamped: list[Stamped] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # entries written per kind
    # What changed since the last export, each change counted once.
    new: int = 0
    updated: int = 0
    cancelled: int = 0  # entries that became cancelled in this export
    completed: int = 0  # tasks that became completed in this export

    def tally(self, stamped: Stamped, previous: Version | None, spec: EventSpec, tasks: bool) -> None:
        if stamped.status == "unchanged":
            return
        if spec.cancelled and not (previous and previous.cancelled):
            if tasks and spec.done:
                self.completed += 1
            else:
                self.cancelled += 1
        elif stamped.status == "new":
            self.new += 1
        else:
            self.updated += 1


def _in_range(d: date, options: CalendarOptions) -> bool:
    return not ((options.first and d < options.first) or (options.last and d > options.last))


def collect_specs(store: Store, options: CalendarOptions) -> tuple[list[EventSpec], set[str],
                                                                  list[str]]:
    """The entries to write, the uids that still exist (exported or not), and problems."""
    reminders = open_reminders(store)
    sources = Sources(store)
    problems = list(reminders.problems)
    alive = {r.uid for r in reminders.items} | reminders.unreadable
    specs = [
        reminder_spec(r, sources, alarm_time=options.alarm_time,
                      alarm_before=options.alarm_before, private_notes=options.private_notes)
        for r in reminders.items
        if r.kind.value in options.kinds and _in_range(r.due, options)
    ]
    alive |= {row[0] for row in store.db.execute("SELECT uid FROM interviews").fetchall()}
    if options.rounds:
        rounds, round_problems = round_specs(store, sources, alarm_before=options.alarm_before,
                                             first=options.first, last=options.last)
        specs.extend(rounds)
        problems.extend(round_problems)
    return specs, alive, problems


def _gone(store: Store, previous: dict[str, Version], alive: set[str], options: CalendarOptions,
          now: datetime) -> list[EventSpec]:
    """Cancelled copies of remembered entries whose source no longer gives one."""
    kinds = set(options.kinds) | ({ROUND_KIND} if options.rounds else set())
    gone = []
    for v in previous.values():
        if v.uid in alive or v.kind not in kinds:
            continue
        if v.cancelled and now - v.stamped_at > KEEP_CANCELLED:
            continue
        if _in_range(date.fromisoformat(v.start[:10]), options):
            gone.append(v)
    done = done_reminders(store, ((v.kind, v.start) for v in gone)) if gone else set()
    return [cancelled_spec(v.uid, v.kind, v.summary, v.start, done=v.uid in done) for v in gone]


def build_calendar(store: Store, options: CalendarOptions, now: datetime) -> CalendarBuild:
    """The calendar for `options` as of `now` (an aware datetime).

    The same database gives the same bytes: entries in a fixed order, time zones
    by name, and each entry's SEQUENCE and DTSTAMP as remembered.
    """
    now = utc_now(now)
    specs, alive, problems = collect_specs(store, options)
    previous = load_versions(store)
    if options.full:
        specs.extend(_gone(store, previous, alive, options, now))
    specs.sort(key=lambda spec: spec.sort_key)
    build = CalendarBuild(new_calendar(), problems=problems)
    add_time_zones(build.calendar, specs)
    renderer = Renderer(tasks=options.tasks)
    for spec in specs:
        before = previous.get(spec.uid)
        stamped = stamp(spec.uid, spec.kind, spec.fingerprint(), spec.summary, spec.start_text,
                        spec.cancelled, before, now)
        build.stamped.append(stamped)
        build.tally(stamped, before, spec, options.tasks)
        build.calendar.add_component(renderer.render(spec, stamped.version))
        build.counts[spec.kind] = build.counts.get(spec.kind, 0) + 1
    return build


def new_calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    return cal


def add_time_zones(cal: Calendar, specs: Iterable[EventSpec]) -> None:
    """A VTIMEZONE for every TZID used (Outlook needs the block), ordered by name,
    each covering the years its entries fall in."""
    years: dict[str, set[int]] = {}
    for spec in specs:
        if spec.zone:
            years.setdefault(spec.zone, set()).update((spec.start.year, spec.end.year))
    for zone in sorted(years):
        first, last = min(years[zone]), max(years[zone])
        cal.add_component(vtimezone(zone, date(first, 1, 1), date(last, 12, 31)))


def render(spec: EventSpec, version: Version, *, tasks: bool) -> Event | Todo:
    """One entry on its own (a CalDAV calendar holds each in a resource of its own)."""
    return Renderer(tasks=tasks).render(spec, version)
