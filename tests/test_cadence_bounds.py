"""Cadence rules that never come due are refused; searches for the next touch end
soon even for rules that rarely match; a UTC UNTIL is understood."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr

from afterword.core import interchange
from afterword.core.cadence import BadRule, next_touch_due, parse_rule
from afterword.core.errors import InterchangeError
from tests.test_interchange import base_doc


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=31",
    "FREQ=MONTHLY;UNTIL=19990101",  # over before it starts
])
def test_a_rule_that_never_comes_due_is_refused(rule):
    with pytest.raises(BadRule, match="never comes due"):
        parse_rule(rule)
    with pytest.raises(BadRule, match="never comes due"):  # the refusal is remembered too
        parse_rule(rule)


def test_a_never_due_rule_in_an_import_names_the_record_and_field(store):
    doc = base_doc()
    doc["cadences"][0]["rrule"] = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
    with pytest.raises(InterchangeError, match=r"cadences\[0\] \(uid k1\): field 'rrule': .*never comes due"):
        interchange.import_document(store, doc)


@pytest.mark.parametrize("until", ["20271231T000000Z", "20271231t000000z", "20271231T000000", "20271231"])
def test_until_in_utc_or_floating_is_accepted(store, until):
    rule = f"FREQ=MONTHLY;UNTIL={until}"
    parse_rule(rule)
    assert next_touch_due(rule, date(2026, 11, 23)) == date(2026, 12, 23)
    assert next_touch_due(rule, date(2027, 11, 30)) == date(2027, 12, 30)
    assert next_touch_due(rule, date(2027, 12, 23)) is None  # ran out
    doc = base_doc()
    doc["cadences"][0]["rrule"] = rule
    interchange.import_document(store, doc)


def test_a_rule_that_cannot_match_from_this_anchor_has_no_next_touch():
    # Every 7th day, on Saturdays: from a Monday that never happens.
    assert next_touch_due("FREQ=DAILY;INTERVAL=7;BYDAY=SA", date(2026, 11, 23)) is None
    assert next_touch_due("FREQ=DAILY;INTERVAL=7;BYDAY=SA", date(2026, 11, 21)) == date(2026, 11, 28)
    # Every other year on 29 February: never from an odd year.
    assert next_touch_due("FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29", date(2027, 1, 1)) is None


RARE = [
    "FREQ=YEARLY;INTERVAL=11;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=DAILY;INTERVAL=2;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1SU",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH;BYMONTH=6",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=DAILY;COUNT=3;BYMONTHDAY=31",
]
ANCHORS = [date(2001, 3, 1), date(2024, 2, 29), date(2026, 11, 23), date(2099, 12, 31), date(2150, 6, 15)]


@pytest.mark.parametrize("rule", RARE)
def test_the_bounded_search_finds_what_the_full_search_finds(rule):
    for anchor in ANCHORS:
        start = datetime.combine(anchor, datetime.min.time())
        full = rrulestr(rule, dtstart=start).after(start, inc=False)
        assert next_touch_due(rule, anchor) == (full.date() if full else None), anchor
