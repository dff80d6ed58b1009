"""An interchange file cannot poison the database: dates stay within years
1900-2199 and whole numbers within their field's bounds, with a one-line error."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from afterword.core import interchange
from afterword.core.domain import Interview
from afterword.core.rules import due_reminders, local_date
from tests.test_interchange import _set, assert_refused, base_doc

TOO_FAR = [
    ("round start in year 1", _set(["interviews", 0, "start"], "0001-01-01T01:00:00+05:00"),
     "interviews[0] (uid i1): field 'start': 0001-01-01T01:00:00+05:00 is outside the years 1900 to 2199"),
    ("round start in year 9999", _set(["interviews", 0, "start"], "9999-12-31T23:00:00-05:00"),
     "interviews[0] (uid i1): field 'start': 9999-12-31T23:00:00-05:00 is outside"),
    ("note due before 1900", _set(["thank_you_notes", 0, "due"], "1899-12-31"),
     "thank_you_notes[0] (uid n1): field 'due': 1899-12-31 is outside the years 1900 to 2199"),
    ("hear back after 2199", _set(["interviews", 0, "hear_back_by"], "2200-01-01"),
     "interviews[0] (uid i1): field 'hear_back_by': 2200-01-01 is outside"),
    ("cadence start", _set(["cadences", 0, "start"], "0001-01-01"),
     "cadences[0] (uid k1): field 'start': 0001-01-01 is outside"),
    ("huge round", _set(["interviews", 0, "round"], 10**20),
     "interviews[0] (uid i1): field 'round': must be a whole number from 1 to 99, not 1000"),
    ("round 0", _set(["interviews", 0, "round"], 0),
     "interviews[0] (uid i1): field 'round': must be a whole number from 1 to 99, not 0"),
    ("round 100", _set(["interviews", 0, "round"], 100),
     "field 'round': must be a whole number from 1 to 99"),
    ("max_days 0", _set(["cadences", 0, "max_days"], 0),
     "cadences[0] (uid k1): field 'max_days': must be a whole number from 1 to 3650, not 0"),
    ("huge max_days", _set(["cadences", 0, "max_days"], 10**30),
     "cadences[0] (uid k1): field 'max_days': must be a whole number from 1 to 3650"),
    ("touch long ago", lambda d: d.update(touches=[{"uid": "t1", "contact_uid": "p1", "kind": "call",
                                                    "at": "0100-06-01T10:00:00+00:00"}]),
     "touches[0] (uid t1): field 'at': 0100-06-01T10:00:00+00:00 is outside"),
]


@pytest.mark.parametrize(("case", "change", "message"), TOO_FAR, ids=[t[0] for t in TOO_FAR])
def test_out_of_range_values_are_refused_by_name_and_nothing_changes(demo_store, case, change, message):
    assert_refused(demo_store, change, message)


def test_the_edges_of_the_range_import(store):
    doc = base_doc()
    doc["interviews"][0].update(round=99, start="1900-01-01T00:00:00+05:00", hear_back_by="2199-12-31")
    doc["cadences"][0].update(max_days=3650)
    interchange.import_document(store, doc)
    assert store.get(Interview, "i1").round == 99
    # The round's own start, east of UTC, is in 1899 UTC: still a date, never an overflow.
    kinds = {r.kind.value for r in due_reminders(store, date(2026, 11, 25)).items}
    assert "thank_you_note" in kinds


def test_a_date_time_at_the_end_of_time_gives_its_own_date_instead_of_overflowing():
    start = datetime(1, 1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    assert local_date(start, "America/Chicago") == date(1, 1, 1)
    end = datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5)))
    assert local_date(end, "Asia/Tokyo") == date(9999, 12, 31)
