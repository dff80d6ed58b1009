"""Next-touch arithmetic: month ends, leap days, DST, bad rules."""

from datetime import date

import pytest

from afterword.core.cadence import BadRule, next_touch_due, overdue_after, parse_rule, rule_text


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
