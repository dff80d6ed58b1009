"""Next-touch arithmetic: month ends, leap days, DST, bad rules."""

from calendar import monthrange
from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr

from afterword.core.cadence import (
    BadRule,
    calendar_rule,
    next_touch_due,
    overdue_after,
    parse_rule,
    rule_text,
)


@pytest.mark.parametrize(
    ("rule", "anchor", "expected"),
    [
        ("FREQ=DAILY;INTERVAL=10", date(2026, 11, 23), date(2026, 12, 3)),
        ("FREQ=WEEKLY;INTERVAL=2", date(2026, 12, 25), date(2027, 1, 8)),
        # "every month" from the 31st lands on the last day of a shorter month.
        ("FREQ=MONTHLY;INTERVAL=1", date(2027, 1, 31), date(2027, 2, 28)),
        ("FREQ=MONTHLY;INTERVAL=1", date(2028, 1, 31), date(2028, 2, 29)),
        ("FREQ=MONTHLY;INTERVAL=3", date(2026, 11, 30), date(2027, 2, 28)),
        ("RRULE:FREQ=MONTHLY;INTERVAL=1", date(2026, 3, 31), date(2026, 4, 30)),
        # "every month on the 31st" follows RFC 5545: months without a 31st are skipped.
        ("FREQ=MONTHLY;BYMONTHDAY=31", date(2027, 1, 31), date(2027, 3, 31)),
        ("FREQ=MONTHLY;BYMONTHDAY=31", date(2026, 4, 15), date(2026, 5, 31)),
        # The last day of every month, whatever its length.
        ("FREQ=MONTHLY;BYMONTHDAY=-1", date(2028, 1, 31), date(2028, 2, 29)),
        # A leap day anchor: a year later is Feb 28; four years later Feb 29.
        ("FREQ=YEARLY;INTERVAL=1", date(2028, 2, 29), date(2029, 2, 28)),
        ("FREQ=YEARLY;INTERVAL=4", date(2028, 2, 29), date(2032, 2, 29)),
        # Weekly across the US and EU DST changes keeps the weekday and date.
        ("FREQ=WEEKLY;INTERVAL=1", date(2026, 3, 5), date(2026, 3, 12)),
        ("FREQ=WEEKLY;INTERVAL=1", date(2026, 10, 22), date(2026, 10, 29)),
    ],
)
def test_next_touch_due(rule, anchor, expected):
    assert next_touch_due(rule, anchor) == expected


def test_next_touch_is_strictly_after_the_anchor():
    assert next_touch_due("FREQ=WEEKLY;BYDAY=MO", date(2026, 11, 23)) == date(2026, 11, 30)


def test_a_rule_that_has_run_out_has_no_next_touch():
    assert next_touch_due("FREQ=WEEKLY;COUNT=1", date(2026, 11, 23)) is None


@pytest.mark.parametrize(
    "rule",
    ["", "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-2", "FREQ=SECONDLY",
     "FREQ=MONTHLY;BYMONTHDAY=banana", "every month"],
)
def test_bad_rules_are_refused_with_a_reason(rule):
    with pytest.raises(BadRule):
        parse_rule(rule)


def test_rule_text_and_description():
    assert rule_text(3, "months") == "FREQ=MONTHLY;INTERVAL=3"
    assert parse_rule(rule_text(3, "months")).describe() == "every 3 months"
    assert parse_rule(rule_text(1, "weeks")).describe() == "every week"
    for every in (0, -1):
        with pytest.raises(BadRule, match="at least 1"):
            rule_text(every, "days")


def test_overdue_after_uses_the_maximum_when_given():
    assert overdue_after(date(2026, 12, 1), date(2026, 11, 1), None) == date(2026, 12, 1)
    assert overdue_after(date(2026, 12, 1), date(2026, 11, 1), 45) == date(2026, 12, 16)
    assert overdue_after(date(2026, 12, 1), date(2026, 11, 1), 10) == date(2026, 12, 1)


# -- the rule a calendar repeats the touch with ---------------------------------------

@pytest.mark.parametrize(
    ("rule", "anchor", "written"),
    [
        ("FREQ=MONTHLY;INTERVAL=1", date(2027, 1, 15), "FREQ=MONTHLY;INTERVAL=1"),
        ("FREQ=MONTHLY;INTERVAL=1", date(2027, 1, 31), "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=-1"),
        ("FREQ=MONTHLY;INTERVAL=3", date(2026, 11, 30),
         "FREQ=YEARLY;BYYEARDAY=-307,-216,-124,-32"),  # Feb end, May 30, Aug 30, Nov 30
        ("FREQ=MONTHLY;INTERVAL=2", date(2027, 1, 30), "FREQ=MONTHLY;INTERVAL=2"),  # no February
        ("FREQ=MONTHLY;INTERVAL=5", date(2026, 9, 30),
         "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
        ("FREQ=YEARLY;INTERVAL=1", date(2028, 2, 29), "FREQ=YEARLY;INTERVAL=1;BYMONTH=2;BYMONTHDAY=-1"),
        ("FREQ=YEARLY;INTERVAL=1", date(2027, 3, 31), "FREQ=YEARLY;INTERVAL=1"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", date(2027, 1, 31), "FREQ=MONTHLY;BYMONTHDAY=31"),  # as asked
    ],
)
def test_calendar_rule_for_month_ends(rule, anchor, written):
    assert calendar_rule(rule, anchor) == written


def test_the_calendar_rule_repeats_on_every_touch_afterword_counts():
    """From every month end of two years (a leap year among them), for every N: the
    rule repeating from the next touch (as dateutil reads RFC 5545) falls on the
    days the engine gives k periods after the anchor."""
    anchors = [date(y, m, d) for y in (2027, 2028) for m in range(1, 13) for d in (28, 29, 30, 31)
               if d <= monthrange(y, m)[1]]
    rules = [f"FREQ=MONTHLY;INTERVAL={n}" for n in range(1, 14)] + [
        f"FREQ=YEARLY;INTERVAL={n}" for n in (1, 2, 4)]
    wrong = []
    for anchor in anchors:
        for rule in rules:
            every = int(rule.rsplit("=", 1)[1])
            touches = [next_touch_due(rule.replace(f"={every}", f"={k * every}"), anchor)
                       for k in range(1, 25)]
            start = datetime.combine(touches[0], datetime.min.time())
            repeated = [d.date() for d in rrulestr(calendar_rule(rule, anchor), dtstart=start)[:24]]
            if repeated != touches:
                wrong.append(f"{rule} from {anchor}: {calendar_rule(rule, anchor)}")
    assert wrong == []


def test_the_frequencies_are_dateutils_own():
    """The core names dateutil's frequencies without importing it (a start reads no rule)."""
    from dateutil import rrule as dateutil_rrule

    from afterword.core import cadence

    for name in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY"):
        assert getattr(cadence, name) == getattr(dateutil_rrule, name)
