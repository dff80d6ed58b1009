"""Cadences use dateutil through its public interface only: its private attributes
(an rrule's _freq, _interval, _until…) may change in any release."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from dateutil.rrule import DAILY, rrule

import afterword
from afterword.core.cadence import next_touch_due, parse_rule
from afterword.core.stay_in_touch import rule_parts

SOURCE = Path(afterword.__file__).parent


def test_no_code_reads_an_rrules_private_attributes():
    private = {name for name in vars(rrule(DAILY, dtstart=datetime(2026, 1, 1), count=1))
               if name.startswith("_")}
    assert {"_freq", "_interval", "_until"} <= private
    # An object's own attributes of the same name (self._cache) are its business.
    pattern = re.compile(r"(?<!\bself)\.(" + "|".join(sorted(map(re.escape, private))) + r")\b")
    reads = [f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
             for path in SOURCE.rglob("*.py")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert reads == []


def test_the_parts_of_a_rule_come_from_its_text():
    parsed = parse_rule("RRULE:FREQ=WEEKLY;INTERVAL=3;UNTIL=20270101T000000Z")
    assert (parsed.describe(), parsed.until) == ("every 3 weeks", datetime(2027, 1, 1))
    assert rule_parts("FREQ=YEARLY;INTERVAL=2") == (2, "years")
    assert parse_rule("FREQ=DAILY").describe() == "every day"


def test_a_rule_that_ran_out_comes_due_no_more():
    rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130"
    assert next_touch_due(rule, date(2026, 11, 20)) == date(2026, 11, 23)
    assert next_touch_due(rule, date(2026, 11, 30)) is None
    assert next_touch_due(rule, date(2026, 12, 5)) is None
