"""Core queries behind the window: search, people paging, ticking, delete snapshots."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from afterword.core import people, search, snapshots, validation
from afterword.core.completion import NeedsSchedule, complete
from afterword.core.domain import CallStatus, Company, Contact, FeedbackCall, ThankYouNote
from afterword.core.rules import ReminderKind, due_reminders
from conftest import DEMO_TODAY

NOW = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.mark.parametrize("text, expected", [
    ("ana re", '"ana"* "re"*'),
    ('say "hi"', '"say"* "hi"*'),
    ("NEAR(a b", '"NEAR"* "a"* "b"*'),
    ("  ", None),
    ("🌟", None),
    ("سارة", '"سارة"*'),
])
def test_match_expression_quotes_every_word(text, expected):
    assert search.match_expression(text) == expected


def test_search_finds_people_by_prefix_company_and_note_text(demo_store):
    def names(text):
        return {demo_store.db.execute("SELECT name FROM contacts WHERE id = ?", [i]).fetchone()[0]
                for i in search.people(demo_store, text)}

    assert names("dan rey") == {"Dana Reyes"}
    assert "Rafael Ortiz" in names("acme")
    assert names("valencia") == {"Priya Raman"}  # a touch's notes
    assert names('x" OR "') == set()
    lumen = {demo_store.db.execute("SELECT name FROM companies WHERE id = ?", [i]).fetchone()[0]
             for i in search.companies(demo_store, "robot")}
    assert lumen == {"Lumen Robotics"}


def test_people_ids_pages_and_insert_position(demo_store):
    ids = people.ordered_ids(demo_store)
    rows = people.rows_by_id(demo_store, ids)
    listed = [rows[i].name for i in ids]
    assert listed == sorted(listed, key=str.casefold)
    newcomer = Contact("Bea Newcomb")
    demo_store.put(newcomer)
    new_id = people.id_of(demo_store, newcomer.uid)
    position = people.name_position(demo_store, new_id)
    assert people.ordered_ids(demo_store)[position] == new_id
    by_company = people.ordered_ids(demo_store, "company", descending=True)
    assert sorted(by_company) == sorted(people.ordered_ids(demo_store))


def _reminder(store, kind, part=""):
    return next(r for r in due_reminders(store, DEMO_TODAY).items
                if r.kind is kind and part in r.title)


def test_complete_each_kind_returns_undoable_changes(demo_store):
    note = _reminder(demo_store, ReminderKind.THANK_YOU_NOTE, "Dana")
    [(before, after)] = complete(demo_store, note, NOW)
    assert after.status == "sent" and after.sent_on == DEMO_TODAY
    assert demo_store.get(ThankYouNote, note.source_uid) == after
    assert before.status == "to_write"

    call = _reminder(demo_store, ReminderKind.FEEDBACK_CALL)
    complete(demo_store, call, NOW)
    requested = demo_store.get(FeedbackCall, call.source_uid)
    assert requested.status == CallStatus.REQUESTED
    fake = replace(call)
    with pytest.raises(NeedsSchedule):
        complete(demo_store, fake, NOW)
    assert demo_store.get(FeedbackCall, call.source_uid) == requested  # nothing half-written

    touch = _reminder(demo_store, ReminderKind.TOUCH, "Ellis")
    [(nothing, logged)] = complete(demo_store, touch, NOW)
    assert nothing is None and logged.contact_uid == touch.contact_uid and logged.at == NOW


def test_snapshot_of_a_company_restores_everything_its_delete_took(demo_store):
    northwind = next(c for c in demo_store.all(Company) if c.name == "Northwind Logistics")
    before_counts = {t: demo_store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("contacts", "opportunities", "interviews", "thank_you_notes",
                               "interview_participants")}
    linked = demo_store.select(Contact, "company_uid = ?", [northwind.uid])
    snap = snapshots.of_company(demo_store, northwind.uid)
    demo_store.delete(Company, northwind.uid)
    assert demo_store.select(Contact, "company_uid = ?", [northwind.uid]) == []
    snapshots.restore(demo_store, snap)
    after_counts = {t: demo_store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in before_counts}
    assert after_counts == before_counts
    assert demo_store.select(Contact, "company_uid = ?", [northwind.uid]) == linked
    assert search.companies(demo_store, "northwind")


def test_validation_messages():
    assert validation.name_problem("x" * 10_000).endswith("(this one has 10,000)")
    assert validation.name_problem("  ") == "a name is needed"
    assert validation.email_problem("a@b.co") is None
    assert validation.email_problem("a@b") is not None
    assert validation.phone_problem("(206) 555-0142", "US") is None
    assert validation.phone_problem("206 555", "US") is not None
    assert validation.phone_problem("0142", None) is not None
    assert validation.parse_date("2026-02-31")[1].startswith("not a date")


def test_people_met_at_one_round_come_in_the_order_the_round_lists_them(store):
    from afterword.core.domain import Format, Interview, Opportunity
    from afterword.core.rounds import people_met

    company = Company("Northwind")
    role = Opportunity(company.uid, "Regional Sales Manager")
    # uids whose own order is not the order listed, nor the reverse of it
    people = [Contact(name, uid=uid) for name, uid in
              (("Kim", "b-kim"), ("Dana", "c-dana"), ("Marcus", "a-marcus"), ("Tom", "d-tom"))]
    zone = ZoneInfo("America/Los_Angeles")
    first = Interview(role.uid, 1, datetime(2026, 11, 2, 10, tzinfo=zone), zone.key, Format.PHONE,
                      participant_uids=["b-kim"])
    second = Interview(role.uid, 2, datetime(2026, 11, 22, 10, tzinfo=zone), zone.key, Format.ON_SITE,
                       participant_uids=["c-dana", "a-marcus", "b-kim", "d-tom"])
    for record in (company, role, *people, first, second):
        store.put(record)
    assert people_met(store, role.uid) == ["b-kim", "c-dana", "a-marcus", "d-tom"]
