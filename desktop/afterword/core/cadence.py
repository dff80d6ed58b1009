"""Stay-in-touch cadences: RRULE text in, next due date out.

A cadence restarts at the latest contact with the person, so the next touch is
the rule's first occurrence strictly after that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

UNITS = {"days": DAILY, "weeks": WEEKLY, "months": MONTHLY, "years": YEARLY}
_FREQ_NAMES = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}
_UNIT_WORDS = {DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year"}


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
    rule: rrule
    plain_months: int | None  # N for "every N months/years" with no BY* parts

    def describe(self) -> str:
        r = self.rule
        freq, interval = r._freq, r._interval
        word = _UNIT_WORDS.get(freq, "period")
        return f"every {word}" if interval == 1 else f"every {interval} {word}s"


def parse_rule(text: str, anchor: date | None = None) -> ParsedRule:
    """Parse RRULE text, raising BadRule with a readable reason."""
    parsed = _parse_cached(text)
    if anchor is None:
        return parsed
    start = datetime.combine(anchor, datetime.min.time())
    # replace() re-derives the parts a rule takes from its start (weekday, day).
    return ParsedRule(parsed.rule.replace(dtstart=start), parsed.plain_months)


@lru_cache(maxsize=256)
def _parse_cached(text: str) -> ParsedRule:
    """Most cadences share a handful of rules: parse each text once."""
    if not isinstance(text, str) or not text.strip():
        raise BadRule("the rule is empty")
    body = rule_body(text)
    parts = dict(p.split("=", 1) for p in body.upper().split(";") if "=" in p)
    interval = parts.get("INTERVAL", "1")
    if not interval.lstrip("-").isdigit() or int(interval) < 1:
        raise BadRule(f"INTERVAL must be a whole number of at least 1 in {text!r}")
    if parts.get("FREQ") not in _FREQ_NAMES.values():
        raise BadRule(f"FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY in {text!r}")
    start = datetime(2000, 1, 1)
    try:
        parsed = rrulestr(body, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise BadRule(f"cannot read rule {text!r}: {exc}") from None
    if not isinstance(parsed, rrule):
        raise BadRule(f"expected a single rule, got a set in {text!r}")
    plain = None
    if not (set(parts) - {"FREQ", "INTERVAL"}):
        if parts["FREQ"] == "MONTHLY":
            plain = int(interval)
        elif parts["FREQ"] == "YEARLY":
            plain = 12 * int(interval)
    return ParsedRule(parsed, plain)


def next_touch_due(rule: str, anchor: date) -> date | None:
    """The first occurrence of `rule` restarted at `anchor`, strictly after it.

    "Every N months" from the 31st lands on the last day of shorter months
    (Jan 31 → Feb 28/29), as a person means it; rules with explicit BY parts
    follow RFC 5545 exactly ("BYMONTHDAY=31" skips months without a 31st).
    None when the rule has run out (COUNT/UNTIL).
    """
    parsed = _parse_cached(rule)
    if parsed.plain_months is not None:
        return anchor + relativedelta(months=parsed.plain_months)
    start = datetime.combine(anchor, datetime.min.time())
    nxt = parsed.rule.replace(dtstart=start).after(start, inc=False)
    return nxt.date() if nxt else None


def overdue_after(due: date, anchor: date, max_days: int | None) -> date:
    """The last day the touch is merely due; after it the touch is overdue."""
    if max_days is None:
        return due
    return max(due, anchor + timedelta(days=max_days))
