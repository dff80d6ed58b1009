"""VTIMEZONE blocks that calendar programs read the same, from the zone database.

A calendar program places a local time through the file's VTIMEZONE (ical.js,
dateutil's tzical, Outlook) or through its own zone database (Google, icalendar,
khal). The block is written the way the big calendar programs write theirs: each
observance with its own DTSTART, the clock changes of a zone's current rules as one
yearly RRULE (second Sunday of March, and so on), and any change that follows no
such rule as an observance of its own. No RDATE lists: several readers take only
the first date of one.

The changes come from the zone database itself (zoneinfo) over the years the file
needs, so half-hour changes (Lord Howe) and offsets in quarter hours (Chatham)
are exactly what the database says.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Clock changes are months apart; a day's step finds each, then halving finds its second.
_STEP = timedelta(days=1)
_EARLIEST, _LATEST = date(2, 1, 1), date(9997, 12, 31)


@dataclass(frozen=True)
class Observance:
    """What the clocks of a zone say from one moment on."""

    offset: timedelta
    daylight: bool
    name: str


@dataclass(frozen=True)
class Change:
    """One clock change: the UTC instant it happens, and the observance before and after."""

    at: datetime
    before: Observance
    after: Observance

    @property
    def local_start(self) -> datetime:
        """The change's DTSTART: the wall time, by the clocks before it, when it happens."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    @property
    def kind(self) -> tuple[Observance, Observance]:
        return self.before, self.after


def observance(zone: ZoneInfo, moment: datetime) -> Observance:
    local = moment.astimezone(zone)
    return Observance(local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or "")


def clock_changes(zone: ZoneInfo, first: datetime, last: datetime) -> list[Change]:
    """Every change of `zone`'s observance between two UTC instants, in order."""
    changes: list[Change] = []
    moment, current = first, observance(zone, first)
    while moment < last:
        later = min(moment + _STEP, last)
        then = observance(zone, later)
        if then != current:
            at = _change_within(zone, moment, later, current)
            changes.append(Change(at, current, observance(zone, at)))
            current = observance(zone, at)
            if current != then:  # two changes within one step: look again from here
                moment = at
                continue
        moment, current = later, then
    return changes


def _change_within(zone: ZoneInfo, low: datetime, high: datetime, current: Observance) -> datetime:
    """The first whole second after `low`, up to `high`, when `current` no longer holds."""
    before, after = int(low.timestamp()), int(high.timestamp())
    while after - before > 1:
        middle = (before + after) // 2
        if observance(zone, datetime.fromtimestamp(middle, UTC)) == current:
            before = middle
        else:
            after = middle
    return datetime.fromtimestamp(after, UTC)


def _weekday_rule(local: datetime) -> tuple[int, set[int]]:
    """The month, and which of its weekdays `local` is: {2} for the second Sunday,
    {4, -1} for a fourth Sunday that is also the last."""
    last_day = calendar.monthrange(local.year, local.month)[1]
    positions = {(local.day - 1) // 7 + 1}
    if local.day + 7 > last_day:
        positions.add(-1)
    return local.month, positions


def _yearly_runs(changes: list[Change]) -> list[list[Change]]:
    """The changes, grouped into runs that one yearly rule describes: each change of
    a run goes between the same two observances as the one before it, a year later,
    in the same month, on the same weekday of the same week, at the same wall time."""
    runs: list[list[Change]] = []
    latest: dict[tuple[Observance, Observance], tuple[list[Change], tuple, set[int]]] = {}
    for change in changes:
        local = change.local_start
        month, positions = _weekday_rule(local)
        rule = (month, local.weekday(), local.time())
        found = latest.get(change.kind)
        if found is not None:
            run, run_rule, common = found
            if (run_rule == rule and run[-1].local_start.year == local.year - 1
                    and common & positions):
                run.append(change)
                latest[change.kind] = (run, rule, common & positions)
                continue
        run = [change]
        runs.append(run)
        latest[change.kind] = (run, rule, positions)
    return runs


def _byday(run: list[Change]) -> str:
    common = set.intersection(*(_weekday_rule(c.local_start)[1] for c in run))
    # "Last Sunday" where it fits: it holds beyond the years seen, a fifth Sunday may not.
    position = -1 if -1 in common else min(common)
    return f"{position}{_WEEKDAYS[run[0].local_start.weekday()]}"


def _component(change_before: Observance, after: Observance, start: datetime,
               ) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if after.daylight else TimezoneStandard()
    part.add("dtstart", start)
    part.add("tzoffsetfrom", change_before.offset)
    part.add("tzoffsetto", after.offset)
    if after.name:
        part.add("tzname", after.name)
    return part


@lru_cache(maxsize=64)
def vtimezone(key: str, first: date, last: date) -> Timezone:
    """The VTIMEZONE for zone `key`, right for every moment from `first` to `last`
    (and, where the zone's current rules go on, after it).

    Cached: a component is only read when the calendar is serialized, never changed.
    """
    zone = ZoneInfo(key)
    # A date at the very edge of the calendar (from an old file) cannot be looked at
    # with a year's margin: such entries get the nearest years the calendar allows.
    first, last = max(first, _EARLIEST), min(last, _LATEST)
    # From local midnight on the first day to the end of the last; a year more than
    # needed shows whether a yearly rule goes on past the end.
    start = datetime.combine(first, time(), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), zone).astimezone(UTC)
    changes = clock_changes(zone, start, end.replace(year=end.year + 1))
    initial = observance(zone, start)
    # The clocks at the start: a reader has an observance for every moment in range.
    parts = [(start, _component(initial, initial, datetime.combine(first, time())))]
    for run in _yearly_runs(changes):
        wanted = [c for c in run if c.at < end]
        if not wanted:
            continue
        if len(run) > len(wanted):  # the rule goes on after the range: one yearly RRULE
            part = _component(run[0].before, run[0].after, run[0].local_start)
            part.add("rrule", vRecur(freq="YEARLY", bymonth=run[0].local_start.month,
                                     byday=_byday(run)))
            parts.append((run[0].at, part))
        else:  # a rule that ended: each of its changes on its own
            parts += [(c.at, _component(c.before, c.after, c.local_start)) for c in wanted]
    tz = Timezone()
    tz.add("tzid", key)
    for _at, part in sorted(parts, key=lambda p: p[0]):
        tz.add_component(part)
    return tz


def needs_utc(moment: datetime) -> bool:
    """Whether `moment`'s wall time is ambiguous (the repeated hour) or missing (the
    skipped hour) in its zone: readers disagree on such a time, so it is written in UTC."""
    zone = moment.tzinfo
    if not isinstance(zone, ZoneInfo):
        return False
    wall = moment.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset()
