"""The stored contact facts (schema m003): migrated from a real schema-2 file, kept
right through cascades and outside writes, and a bad record never blocks a write
or Today."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from afterword.core.domain import Cadence, Company, Contact, Interview, Opportunity, Touch, TouchKind
from afterword.core.rules import ReminderKind, due_reminders, open_reminders
from afterword.core.store import Store
from tests import rules_reference
from tests.conftest import DEMO_TODAY

DATA = Path(__file__).parent / "data"
LA = ZoneInfo("America/Los_Angeles")


def _items(result) -> set[tuple]:
    return {(r.kind, r.source_uid, r.due, r.overdue_after, r.title, r.contact_uid, r.detail)
            for r in result.items}


def test_a_schema_2_file_gets_its_facts_and_the_same_reminders(tmp_path):
    path = tmp_path / "v2.db"
    shutil.copy(DATA / "schema-2.db", path)
    with sqlite3.connect(path) as conn:
        tables = ("contacts", "interviews", "thank_you_notes", "cadences", "touches")
        before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    store = Store.open(path)
    try:
        assert store.schema_version() >= 3
        assert store.db.execute("SELECT count(*) FROM stale_contacts").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM contact_facts").fetchone()[0] > 0
        assert store.db.execute("SELECT count(*) FROM cadence_schedule").fetchone()[0] == \
            store.db.execute("SELECT count(*) FROM cadences").fetchone()[0]
        for table, rows in before.items():
            assert store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == rows
        for day in (DEMO_TODAY - timedelta(days=30), DEMO_TODAY, DEMO_TODAY + timedelta(days=90)):
            assert _items(due_reminders(store, day)) == rules_reference.reminders(store, day, day)
    finally:
        store.close()


def _person_with_cadence(store: Store):
    company = Company("Acme")
    dana = Contact("Dana Reyes", company_uid=company.uid)
    opp = Opportunity(company.uid, "Sales lead")
    cadence = Cadence(dana.uid, "FREQ=WEEKLY;INTERVAL=2", date(2026, 11, 1))
    store.put_many([company, dana, opp, cadence])
    return dana, opp, cadence


def _touch(who: Contact, day: date) -> Touch:
    return Touch(who.uid, datetime.combine(day, datetime.min.time(), LA).replace(hour=12), TouchKind.CALL)


def test_deleting_a_round_takes_its_contact_away_again(store):
    dana, opp, _ = _person_with_cadence(store)
    round_ = Interview(opp.uid, 1, datetime(2026, 11, 10, 10, tzinfo=LA), "America/Los_Angeles",
                       participant_uids=[dana.uid])
    store.put(round_)
    [r] = open_reminders(store, DEMO_TODAY).items
    assert r.due == date(2026, 11, 24)
    store.delete(Interview, round_.uid)  # the participants go by cascade
    [r] = open_reminders(store, DEMO_TODAY).items
    assert r.due == date(2026, 11, 15)


def test_a_person_deleted_or_renumbered_leaves_no_facts_behind(store):
    dana, _, _ = _person_with_cadence(store)
    store.put(_touch(dana, date(2026, 11, 5)))
    with store.atomic():
        store.db.execute("UPDATE contacts SET uid = 'renamed' WHERE uid = ?", [dana.uid])
    assert store.db.execute("SELECT contact_uid FROM contact_facts").fetchall() == [("renamed",)]
    [r] = open_reminders(store, DEMO_TODAY).items
    assert (r.contact_uid, r.due) == ("renamed", date(2026, 11, 19))
    store.delete(Contact, "renamed")
    assert store.db.execute("SELECT count(*) FROM contact_facts").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM cadence_schedule").fetchone()[0] == 0
    assert open_reminders(store, DEMO_TODAY).items == []


def test_a_touch_with_a_bad_date_is_named_and_the_rest_still_counts(db_path):
    store = Store.open(db_path)
    dana, _, cadence = _person_with_cadence(store)
    good, bad = _touch(dana, date(2026, 11, 5)), _touch(dana, date(2026, 11, 9))
    store.put_many([good, bad])
    store.close()
    conn = sqlite3.connect(db_path)  # written by something other than Afterword
    conn.execute("UPDATE touches SET at = 'last Tuesday' WHERE uid = ?", [bad.uid])
    conn.commit()
    conn.close()
    store = Store.open(db_path)  # refreshing the facts must not fail on it
    try:
        result = due_reminders(store, date(2026, 11, 30))
        [r] = result.items
        assert (r.kind, r.source_uid, r.due) == (ReminderKind.TOUCH, cadence.uid, date(2026, 11, 19))
        assert len(result.problems) == 1
        assert bad.uid in result.problems[0] and "'at'" in result.problems[0]
        assert "Dana Reyes" in result.problems[0]
        store.put(_touch(dana, date(2026, 11, 20)))  # writing still works
        assert due_reminders(store, date(2026, 11, 30)).items == []
    finally:
        store.close()


def test_a_file_others_changed_while_closed_is_brought_up_to_date_on_opening(db_path):
    store = Store.open(db_path)
    dana, _, _ = _person_with_cadence(store)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO touches(uid, contact_uid, at, kind) VALUES ('t1', ?, ?, 'call')",
                 [dana.uid, "2026-11-12T09:00:00-08:00"])
    conn.commit()
    assert conn.execute("SELECT count(*) FROM stale_contacts").fetchone()[0] == 1
    conn.close()
    store = Store.open(db_path)
    try:
        assert store.db.execute("SELECT count(*) FROM stale_contacts").fetchone()[0] == 0
        assert store.db.execute("SELECT last_contact FROM contact_facts").fetchone()[0] == "2026-11-12"
        [r] = open_reminders(store, DEMO_TODAY).items
        assert r.due == date(2026, 11, 26)
    finally:
        store.close()
