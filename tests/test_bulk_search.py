"""Bulk writes (an import, many records at once) keep the search rows exactly as
one-by-one writes would, and leave the search triggers in place."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from afterword.core import interchange, search
from afterword.core import store as store_module
from afterword.core.domain import Company, Contact, ThankYouNote, Touch, TouchKind
from afterword.core.errors import StoreError
from afterword.core.store import Store


def search_rows(store: Store) -> tuple[list, list]:
    contacts = store.db.execute(
        "SELECT rowid, name, company, body FROM contacts_fts ORDER BY rowid").fetchall()
    companies = store.db.execute(
        "SELECT rowid, name, body FROM companies_fts ORDER BY rowid").fetchall()
    return contacts, companies


def triggers(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()


def names_found(store: Store, text: str) -> set[str]:
    ids = search.people(store, text)
    return {store.db.execute("SELECT name FROM contacts WHERE id = ?", [i]).fetchone()[0]
            for i in ids}


@pytest.fixture
def exported(demo_store) -> dict:
    return json.loads(interchange.dumps(interchange.export_document(demo_store)))


def import_with(monkeypatch, doc: dict, bulk_above: int) -> Store:
    monkeypatch.setattr(store_module, "BULK_ABOVE", bulk_above)
    target = Store.memory()
    interchange.import_document(target, doc)
    return target


def test_an_import_in_bulk_gives_the_same_search_rows_as_one_by_one(monkeypatch, exported):
    one_by_one = import_with(monkeypatch, exported, bulk_above=10**9)
    bulk = import_with(monkeypatch, exported, bulk_above=0)
    try:
        assert search_rows(bulk) == search_rows(one_by_one)
        assert search_rows(bulk)[0], "the demo has people to find"
        assert triggers(bulk) == triggers(one_by_one)
    finally:
        one_by_one.close()
        bulk.close()


def test_after_a_bulk_import_people_are_found_by_name_company_touch_and_note(monkeypatch):
    company = Company("Quillfeather Robotics")
    dana = Contact("Dana Zyzzbrook", company_uid=company.uid)
    kim = Contact("Kim Odd", company_uid=company.uid)
    at = datetime(2026, 11, 1, 12, tzinfo=UTC)
    records = [company, dana, kim,
               Touch(dana.uid, at, TouchKind.COFFEE, "talked about marzipan logistics"),
               ThankYouNote(kim.uid, None, at.date(), points="mention the heliograph demo")]
    fillers = [Contact(f"Filler {i}") for i in range(30)]
    monkeypatch.setattr(store_module, "BULK_ABOVE", 5)
    store = Store.memory()
    try:
        store.put_many(records + fillers)
        assert names_found(store, "Zyzzbrook") == {"Dana Zyzzbrook"}
        assert names_found(store, "quillfeather") == {"Dana Zyzzbrook", "Kim Odd"}
        assert names_found(store, "marzipan") == {"Dana Zyzzbrook"}
        assert names_found(store, "heliograph") == {"Kim Odd"}
        assert search.companies(store, "quillfeather")
        # The triggers are back: a single later edit is searchable at once.
        store.put(Touch(kim.uid, at, TouchKind.CALL, "spoke of zeppelins"))
        assert names_found(store, "zeppelins") == {"Kim Odd"}
    finally:
        store.close()


def test_bulk_updates_refresh_the_old_and_the_new_owner(monkeypatch):
    company = Company("Oldname Foods")
    ana, ben = Contact("Ana Aardvark", company_uid=company.uid), Contact("Ben Bison")
    touch = Touch(ana.uid, datetime(2026, 10, 1, tzinfo=UTC), TouchKind.CALL, "kumquat harvest")
    per_row, bulk = Store.memory(), Store.memory()
    try:
        for target in (per_row, bulk):
            target.put_many([company, ana, ben, touch])
        changed = [replace(company, name="Newname Foods"), replace(touch, contact_uid=ben.uid)]
        per_row.put_many(changed)
        monkeypatch.setattr(store_module, "BULK_ABOVE", 0)
        bulk.put_many(changed)
        assert search_rows(bulk) == search_rows(per_row)
        assert names_found(bulk, "kumquat") == {"Ben Bison"}
        assert names_found(bulk, "newname") == {"Ana Aardvark"}
        assert names_found(bulk, "oldname") == set()
    finally:
        per_row.close()
        bulk.close()


def test_a_failed_bulk_write_saves_nothing_and_keeps_the_triggers(monkeypatch, demo_store):
    before_rows, before_triggers = search_rows(demo_store), triggers(demo_store)
    monkeypatch.setattr(store_module, "BULK_ABOVE", 0)
    orphan = Touch("no-such-contact", datetime(2026, 11, 1, tzinfo=UTC), TouchKind.CALL, "x")
    with pytest.raises(StoreError):
        demo_store.put_many([Contact(f"New {i}") for i in range(5)] + [orphan])
    assert search_rows(demo_store) == before_rows
    assert triggers(demo_store) == before_triggers
    temp = demo_store.db.execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert temp == []
    # And the store still works, one by one and in bulk.
    demo_store.put_many([Contact("Zelda Later")])
    assert names_found(demo_store, "Zelda") == {"Zelda Later"}


def test_card_photos_are_set_and_cleared_together(store):
    from afterword.core.domain import CardPhoto

    a, b = Contact("A"), Contact("B")
    store.put_many([a, b])
    store.set_card_photos({a.uid: CardPhoto(b"jpeg-a"), b.uid: CardPhoto(b"png-b", "image/png")})
    store.set_card_photos({a.uid: None})
    assert store.card_photo(a.uid) is None
    assert store.card_photo(b.uid) == CardPhoto(b"png-b", "image/png")


def test_generated_touch_times_round_trip(monkeypatch, store):
    # Many records of one kind in a row share one statement; order is kept.
    person = Contact("Order Keeper")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    touches = [Touch(person.uid, start + timedelta(days=i), TouchKind.NOTE, f"t{i}")
               for i in range(10)]
    monkeypatch.setattr(store_module, "BULK_ABOVE", 0)
    store.put_many([person, *touches, replace(touches[3], notes="changed")])
    stored = {t.uid: t.notes for t in store.all(Touch)}
    assert stored[touches[3].uid] == "changed" and len(stored) == 10
