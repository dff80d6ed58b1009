"""Each kind of record is declared once (core/entities.py): the declarations agree
with the schema, and the store, interchange, undo, snapshots and search lists
follow from them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from afterword.core import interchange, search_index, snapshots
from afterword.core import store as store_module
from afterword.core.domain import (
    Cadence,
    CardPhoto,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Opportunity,
    ThankYouNote,
    Touch,
    TouchKind,
)
from afterword.core.entities import ENTITIES, OnDelete, entity, references, sections, tables
from afterword.core.undo import Writes

LA = ZoneInfo("America/Los_Angeles")
ON_DELETE = {"CASCADE": OnDelete.CASCADE, "SET NULL": OnDelete.SET_NULL}


def _foreign_keys(store, table: str) -> dict[str, tuple[str, str]]:
    """column → (table it points into, what a delete there does)."""
    rows = store.db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    return {r[3]: (r[2], r[6]) for r in rows}


def test_the_declared_links_are_the_schemas_foreign_keys(store):
    for e in ENTITIES:
        declared = {link.field: (entity(link.target).table, link.on_delete) for link in e.links
                    if link.on_delete is not OnDelete.DETACH}
        schema = {column: (table, ON_DELETE[action])
                  for column, (table, action) in _foreign_keys(store, e.table).items()}
        assert declared == schema, e.table
    # A round's people sit in a link table whose row goes with the person.
    assert _foreign_keys(store, "interview_participants")["contact_uid"] == ("contacts", "CASCADE")
    [detached] = [(e.cls, link.field) for e in ENTITIES for link in e.links
                  if link.on_delete is OnDelete.DETACH]
    assert detached == (Interview, "participant_uids")


def test_each_record_field_is_a_column_of_its_table(store):
    for e in ENTITIES:
        columns = {r[1] for r in store.db.execute(f"PRAGMA table_info({e.table})")}
        assert set(store_module._columns(e.cls)) <= columns, e.table


def test_the_interchange_sections_keep_their_names_and_order_and_point_backwards():
    assert list(interchange.SECTIONS) == [
        "companies", "contacts", "opportunities", "interviews", "thank_you_notes",
        "feedback_calls", "cadences", "touches"]
    order = list(sections())
    for cls, fields in references().items():
        for section in fields.values():
            assert order.index(section) < order.index(entity(cls).section), (cls, section)


def test_the_lists_follow_the_declarations():
    assert tables() == store_module.TABLES
    assert sections() == interchange.SECTIONS and references() == interchange.REFERENCES
    searched = {e.table for e in ENTITIES if e.search_row or e.feeds}
    assert set(search_index._MARKS) == searched
    assert {e.table for e in ENTITIES if e.search_row} == set(search_index.SEARCH_ROWS)


def test_the_search_triggers_are_on_the_declared_tables(store):
    on = {r[0] for r in store.db.execute(
        "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_a*'")}
    assert on == set(search_index._MARKS)


def test_a_kind_is_named_as_a_user_says_it():
    assert entity(Opportunity).kind == "role" and entity(Contact).kind == "person"
    assert entity(Interview).kind == "round"


def _a_person_with_everything(store):
    company = Company("Acme", address="1 Main St")
    person = Contact("Dana", company_uid=company.uid)
    other = Contact("Eli", company_uid=company.uid)
    role = Opportunity(company.uid, "Sales lead")
    meeting = Interview(role.uid, 1, datetime(2026, 11, 20, 10, tzinfo=LA), "America/Los_Angeles",
                        participant_uids=[other.uid, person.uid])
    records = [company, person, other, role, meeting,
               ThankYouNote(person.uid, meeting.uid, date(2026, 11, 21), points="tour"),
               FeedbackCall(person.uid, role.uid, date(2026, 11, 25)),
               Cadence(person.uid, "FREQ=MONTHLY;INTERVAL=2", date(2026, 1, 1)),
               Touch(person.uid, datetime(2026, 11, 2, 9, tzinfo=LA), TouchKind.COFFEE, "coffee")]
    store.put_many(records)
    store.set_card_photo(person.uid, CardPhoto(b"png", "image/png"))
    return person, meeting


def _everything(store) -> dict[str, list]:
    kept = {e.table: sorted((vars(r) for r in store.all(e.cls)), key=lambda v: v["uid"])
            for e in ENTITIES}
    kept["photos"] = store.db.execute("SELECT contact_uid FROM card_photos").fetchall()
    return kept


def test_deleting_a_person_is_undone_exactly_from_the_declarations(store):
    person, meeting = _a_person_with_everything(store)
    before = _everything(store)
    snap = snapshots.of_contact(store, person.uid)
    assert {type(r) for r in snap.records} == {Contact, Interview, ThankYouNote, FeedbackCall,
                                               Cadence, Touch}
    writes = Writes([(person, None)], {0: snap})
    writes.forward(store)
    assert store.get(Interview, meeting.uid).participant_uids == [meeting.participant_uids[0]]
    assert store.count(ThankYouNote) == 0 and store.card_photo(person.uid) is None
    writes.backward(store)
    assert _everything(store) == before
    assert store.get(Interview, meeting.uid).participant_uids == meeting.participant_uids


def test_deleting_a_round_keeps_its_notes_and_undo_relinks_them(store):
    person, meeting = _a_person_with_everything(store)
    before = _everything(store)
    snap = snapshots.of_interview(store, meeting.uid)
    assert [type(r) for r in snap.records] == [Interview, ThankYouNote]
    store.delete(Interview, meeting.uid)
    assert store.all(ThankYouNote)[0].interview_uid is None
    snapshots.restore(store, snap)
    assert _everything(store) == before
