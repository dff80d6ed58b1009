"""Stay-in-touch cadences: RRULE text in, next due date out.

A cadence restarts at the latest contact with the person, so the next touch is
the rule's first occurrence strictly after that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import MAXYEAR, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

# dateutil loads when a rule is first read: opening the window reads none (the next
# touches are kept in the database).
if TYPE_CHECKING:
    from dateutil.rrule import rrule

# dateutil.rrule's frequencies, by value (the tests hold them to dateutil's own).
YEARLY, MONTHLY, WEEKLY, DAILY = 0, 1, 2, 3
UNITS = {"days": DAILY, "weeks": WEEKLY, "months": MONTHLY, "years": YEARLY}
_FREQ_NAMES = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}
_UNIT_WORDS = {DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year"}

# Bounds a stored rule keeps to, so that its next touch can always be computed
# (a huge INTERVAL overflows the calendar) and quickly.
MAX_INTERVAL = 999
MAX_COUNT = 10_000
# A rule must come due within this many years of 2000-01-01 to be accepted.
CHECK_FROM, CHECK_YEARS = datetime(2000, 1, 1), 10
# A next touch further away than this is as good as none.
HORIZON_YEARS = 100
# The Gregorian calendar, weekdays and leap days included, repeats every 400 years
# (146097 days, a whole number of weeks).
_CYCLE_YEARS = 400
# Cadences are whole days, so a UTC UNTIL is read as that date and time, naive like
# the rule's start (dateutil refuses an aware UNTIL with a naive start).
_UTC_UNTIL = re.compile(r"(UNTIL=\d{8}(?:T\d{6})?)Z", re.IGNORECASE)


class BadRule(ValueError):
    """The text is not a usable stay-in-touch rule."""


def rule_text(every: int, unit: str) -> str:
    """'every 3 months' as RRULE text: FREQ=MONTHLY;INTERVAL=3."""
    if unit not in UNITS:
        raise BadRule(f"unknown unit {unit!r} (one of: {', '.join(UNITS)})")
    if not isinstance(every, int) or every < 1:
        raise BadRule(f"the interval must be a whole number of at least 1, not {every!r}")
    return f"FREQ={_FREQ_NAMES[UNITS[unit]]};INTERVAL={every}"


def rule_body(text: str) -> str:
    """The rule without an optional 'RRULE:' prefix."""
    text = text.strip()
    return text[len("RRULE:"):] if text.upper().startswith("RRULE:") else text


@dataclass(frozen=True)
class ParsedRule:
    """A rule as dateutil runs it, with the parts read from its text (dateutil
    keeps them only in private attributes)."""

    rule: rrule
    plain_months: int | None  # N for "every N months/years" with no BY* parts
    freq: int = MONTHLY  # dateutil's DAILY, WEEKLY, MONTHLY or YEARLY
    interval: int = 1
    until: datetime | None = None  # naive, like the rule's start

    def describe(self) -> str:
        word = _UNIT_WORDS.get(self.freq, "period")
        return f"every {word}" if self.interval == 1 else f"every {self.interval} {word}s"


def parse_rule(text: str, anchor: date | None = None) -> ParsedRule:
    """Parse RRULE text, raising BadRule with a readable reason."""
    parsed = _parse_cached(text)
    if isinstance(parsed, BadRule):
        raise parsed
    if anchor is None:
        return parsed
    start = datetime.combine(anchor, datetime.min.time())
    # replace() re-derives the parts a rule takes from its start (weekday, day).
    return replace(parsed, rule=parsed.rule.replace(dtstart=start))


@lru_cache(maxsize=256)
def _parse_cached(text: str) -> ParsedRule | BadRule:
    """Most cadences share a handful of rules: parse (and refuse) each text once."""
    try:
        return _parse(text)
    except BadRule as exc:
        return exc


def _parse(text: str) -> ParsedRule:
    if not isinstance(text, str) or not text.strip():
        raise BadRule("the rule is empty")
    body = _UTC_UNTIL.sub(r"\1", rule_body(text))
    parts = dict(p.split("=", 1) for p in body.upper().split(";") if "=" in p)
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= MAX_INTERVAL:
        raise BadRule(f"INTERVAL must be a whole number from 1 to {MAX_INTERVAL} in {text!r}")
    count = parts.get("COUNT")
    if count is not None and (not count.isdigit() or not 1 <= int(count) <= MAX_COUNT):
        raise BadRule(f"COUNT must be a whole number from 1 to {MAX_COUNT:,} in {text!r}")
    if parts.get("FREQ") not in _FREQ_NAMES.values():
        raise BadRule(f"FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY in {text!r}")
    if "BYEASTER" in parts:
        raise BadRule(f"BYEASTER is not part of the iCalendar standard, in {text!r}")
    from dateutil.rrule import rrule, rrulestr

    try:
        parsed = rrulestr(body, dtstart=CHECK_FROM)
        if not isinstance(parsed, rrule):
            raise BadRule(f"expected a single rule, got a set in {text!r}")
        until = _until(parts.get("UNTIL"), text)
        first = _first_after(parsed, CHECK_FROM, until, inc=True)
    except (ValueError, TypeError, OverflowError, IndexError) as exc:
        if isinstance(exc, BadRule):
            raise
        raise BadRule(f"cannot read rule {text!r}: {exc}") from None
    if first is None or first >= CHECK_FROM.replace(year=CHECK_FROM.year + CHECK_YEARS):
        raise BadRule(f"the rule {text!r} never comes due: no day within {CHECK_YEARS} years of "
                      f"{CHECK_FROM:%Y-%m-%d} matches it")
    plain = None
    if not (set(parts) - {"FREQ", "INTERVAL"}):
        if parts["FREQ"] == "MONTHLY":
            plain = int(interval)
        elif parts["FREQ"] == "YEARLY":
            plain = 12 * int(interval)
    freq = {name: value for value, name in _FREQ_NAMES.items()}[parts["FREQ"]]
    return ParsedRule(parsed, plain, freq, int(interval), until)


def _until(text: str | None, rule: str) -> datetime | None:
    """The rule's UNTIL (a date or a date and time, 'Z' already dropped), naive."""
    if text is None:
        return None
    from dateutil.parser import isoparse  # the parser's import is a start's worth of milliseconds

    try:
        return isoparse(text).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise BadRule(f"cannot read UNTIL={text} in {rule!r}") from None


def _first_after(rule: rrule, start: datetime, until: datetime | None, *,
                 inc: bool = False) -> datetime | None:
    """The first occurrence of `rule` restarted at `start`, after it (or on it, with
    `inc`); None if there is none within HORIZON_YEARS or so.

    dateutil looks for a match up to the year 9999, which takes seconds for a rule
    whose parts rarely or never match. The same search HORIZON_YEARS-plus-a-cycle
    before 9999, a whole number of 400-year cycles later, gives the same days and
    ends after at most a few hundred years.
    """
    shift = _CYCLE_YEARS * max(0, (MAXYEAR - HORIZON_YEARS - start.year) // _CYCLE_YEARS)
    if until is not None and until < start:
        return None
    changes = {"dtstart": start.replace(year=start.year + shift)}
    if until is not None:
        changes["until"] = until.replace(year=until.year + shift) if until.year + shift <= MAXYEAR else None
    found = rule.replace(**changes).after(changes["dtstart"], inc=inc)
    return found.replace(year=found.year - shift) if found else None


@lru_cache(maxsize=4096)
def next_touch_due(rule: str, anchor: date) -> date | None:
    """The first occurrence of `rule` restarted at `anchor`, strictly after it.

    "Every N months" from the 31st lands on the last day of shorter months
    (Jan 31 → Feb 28/29), as a person means it; rules with explicit BY parts
    follow RFC 5545 exactly ("BYMONTHDAY=31" skips months without a 31st).
    None when the rule has run out (COUNT/UNTIL), or comes due no more within
    HORIZON_YEARS.
    """
    parsed = parse_rule(rule)
    if parsed.plain_months is not None:
        from dateutil.relativedelta import relativedelta

        return anchor + relativedelta(months=parsed.plain_months)
    nxt = _first_after(parsed.rule, datetime.combine(anchor, datetime.min.time()), parsed.until)
    return nxt.date() if nxt else None


def calendar_rule(rule: str, anchor: date) -> str:
    """`rule` as RFC 5545 text that, repeating from the next touch, falls on the days
    Afterword counts from `anchor`: the k-th touch k periods after it.

    "Every N months" from the 29th–31st lands on a shorter month's last day (Jan 31
    → Feb 28 → Mar 31), where RFC 5545's plain rule skips that month. Written so
    that ical.js reads it as dateutil does: from the 31st, the last day of each
    month (BYMONTHDAY=-1); yearly from Feb 29, the last day of February. From the
    29th or 30th only February falls short: when the touches reach it and N divides
    12, the same days of every year (BYYEARDAY, February's end and later months
    counted from the year's end, which leap years leave in place); otherwise the
    rule's own words for "that day, or the month's last" (BYMONTHDAY=28,…;
    BYSETPOS=-1; ical.js 2.2.1 reads BYSETPOS only beside BYDAY). Other rules
    repeat as they are.
    """
    body = rule_body(rule)
    parsed = parse_rule(rule)
    if parsed.plain_months is None or anchor.day <= 28:
        return body
    if parsed.freq == YEARLY:  # every year has Jan 31, Apr 30, …; not Feb 29
        return f"{body};BYMONTH=2;BYMONTHDAY=-1" if anchor.month == 2 else body
    if anchor.day == 31:
        return f"{body};BYMONTHDAY=-1"
    every = parsed.plain_months
    months = sorted({(anchor.month - 1 + k * every) % 12 + 1 for k in range(12)})
    if 2 not in months:  # every other month has a 29th and a 30th
        return body
    if 12 % every == 0:
        return "FREQ=YEARLY;BYYEARDAY=" + ",".join(_year_day(m, anchor.day) for m in months)
    days = ",".join(str(day) for day in range(28, anchor.day + 1))
    return f"{body};BYMONTHDAY={days};BYSETPOS=-1"


def _year_day(month: int, day: int) -> str:
    """BYYEARDAY for `day` of `month` (at most its last day): January's from the
    year's start; February's end and later months' from the year's end, so a leap
    year moves none of them."""
    if month == 1:
        return str(day)
    if month == 2:
        return str(-(date(2001, 12, 31) - date(2001, 2, 28)).days - 1)  # -307
    return str(-(date(2001, 12, 31) - date(2001, month, day)).days - 1)


def overdue_after(due: date, anchor: date, max_days: int | None) -> date:
    """The last day the touch is merely due; after it the touch is overdue."""
    if max_days is None:
        return due
    return max(due, anchor + timedelta(days=max_days))


def check_computable(rule: str, start: date, max_days: int | None, latest: date) -> None:
    """Prove that the next touch of a cadence can be computed from its start and
    from any later contact up to `latest` (the last day a record may carry): raise
    BadRule with the reason if not. Import runs this for every cadence it stores."""
    for anchor in (start, latest):
        try:
            next_touch(rule, start, max_days, anchor)
        except BadRule:
            raise
        except (ValueError, TypeError, OverflowError) as exc:
            raise BadRule(f"the next touch of {rule!r} cannot be computed from "
                          f"{anchor.isoformat()}: {exc}") from None


@dataclass(frozen=True)
class NextTouch:
    """When a contact is next due a touch under their cadence, and when it turns overdue."""

    anchor: date  # the latest contact, or the cadence's start without one
    due: date
    overdue_after: date


def next_touch(rule: str, start: date, max_days: int | None, last_contact: date | None,
               ) -> NextTouch | None:
    """When the next touch with someone is due and when it turns overdue.
    None when the rule has run out; raises BadRule for a rule that cannot be read."""
    anchor = last_contact or start
    due = next_touch_due(rule, anchor)
    if due is None:
        return None
    return NextTouch(anchor, due, overdue_after(due, anchor, max_days))
