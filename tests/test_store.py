"""Opening, writing and protecting the one SQLite file."""

import hashlib
import shutil
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from afterword.core.domain import (
    Cadence,
    CardPhoto,
    Company,
    Concern,
    ConcernKind,
    ConcernSize,
    Contact,
    Interview,
    Opportunity,
    Question,
    Role,
    ThankYouNote,
    Touch,
    TouchKind,
)
from afterword.core.errors import NewerDatabase, NotAfterwordDatabase, StoreError
from afterword.core.migrations import SCHEMA_VERSION
from afterword.core.store import Store, backup_to

DATA = Path(__file__).parent / "data"
PST = timezone(timedelta(hours=-8))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_private_wal_with_foreign_keys(db_path):
    store = Store.open(db_path)
    try:
        assert mode(db_path) == 0o600
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.schema_version() == SCHEMA_VERSION
        store.put(Company("Acme"))
        assert mode(Path(f"{db_path}-wal")) == 0o600
    finally:
        store.close()


def test_missing_parent_folder_is_created(tmp_path):
    store = Store.open(tmp_path / "deep" / "er" / "a.db")
    store.close()
    assert (tmp_path / "deep" / "er" / "a.db").exists()


def test_every_kind_round_trips(store):
    company = Company("Acme", "https://acme.example", "1 Main St", "notes")
    contact = Contact("Dana", "VP", company.uid, Role.HIRING_MANAGER, "+1 206", "+1 555",
                      "d@a.example", "Dana\n1 Main St", "https://li/dana", "tour", "likes tea")
    opp = Opportunity(company.uid, "Sales lead", target="Sales leadership")
    interview = Interview(
        opp.uid, 2, datetime(2026, 11, 20, 10, tzinfo=PST), "America/Los_Angeles",
        participant_uids=[contact.uid], tone="warm", hear_back_by=date(2026, 12, 1),
        questions=[Question("Why us?", "said a", "better b")],
        concerns=[Concern("gap", ConcernKind.TO_QUANTIFY, "small", ConcernSize.MINOR)],
    )
    note = ThankYouNote(contact.uid, interview.uid, date(2026, 11, 21), points="tour")
    cadence = Cadence(contact.uid, "FREQ=MONTHLY;INTERVAL=1", date(2026, 1, 1), 40, False)
    touch = Touch(contact.uid, datetime(2026, 11, 1, 9, tzinfo=PST), TouchKind.COFFEE, "hi")
    store.put_many([company, contact, opp, interview, note, cadence, touch])
    for record in (company, contact, opp, interview, note, cadence, touch):
        assert store.get(type(record), record.uid) == record


def test_update_keeps_the_row_and_its_dependents(store):
    company = Company("Acme")
    contact = Contact("Dana", company_uid=company.uid)
    store.put_many([company, contact])
    company.name = "Acme Corp"
    store.put(company)
    assert store.get(Contact, contact.uid).company_uid == company.uid
    assert store.count(Company) == 1


def test_dangling_reference_is_refused_and_nothing_is_saved(store):
    with pytest.raises(StoreError, match="refers to another"):
        store.put_many([Company("Kept?"), Contact("Ghost", company_uid="no-such-company")])
    assert store.count(Company) == 0


def test_atomic_rolls_back_the_whole_action(store):
    with pytest.raises(RuntimeError), store.atomic():
        store.put(Company("One"))
        store.put(Company("Two"))
        raise RuntimeError("boom")
    assert store.count(Company) == 0


def test_deleting_a_contact_takes_its_notes_and_touches(store):
    contact = Contact("Dana")
    store.put_many([contact, ThankYouNote(contact.uid, None, date(2026, 1, 2)),
                    Touch(contact.uid, datetime(2026, 1, 1, tzinfo=PST), TouchKind.CALL)])
    store.delete(Contact, contact.uid)
    assert store.count(ThankYouNote) == 0 and store.count(Touch) == 0


def test_deleting_a_company_keeps_its_people(store):
    company = Company("Acme")
    contact = Contact("Dana", company_uid=company.uid)
    store.put_many([company, contact])
    store.delete(Company, company.uid)
    assert store.get(Contact, contact.uid).company_uid is None


def test_card_photo_is_kept_with_the_contact(store):
    contact = Contact("Dana")
    store.put(contact)
    store.set_card_photo(contact.uid, CardPhoto(b"\x89PNG...", "image/png"))
    assert store.card_photo(contact.uid) == CardPhoto(b"\x89PNG...", "image/png")
    store.delete(Contact, contact.uid)
    assert store.db.execute("SELECT count(*) FROM card_photos").fetchone()[0] == 0


def test_search_rows_follow_renames_and_note_text(store):
    company = Company("Acme")
    contact = Contact("Dana Reyes", company_uid=company.uid)
    store.put_many([company, contact])
    store.put(Touch(contact.uid, datetime(2026, 1, 1, tzinfo=PST), TouchKind.COFFEE,
                    "talked about kayaking"))
    company.name = "Globex"

    def found(query: str) -> list[str]:
        rows = store.db.execute(
            "SELECT c.name FROM contacts_fts f JOIN contacts c ON c.id = f.rowid "
            "WHERE contacts_fts MATCH ?", [query]).fetchall()
        return [r[0] for r in rows]

    assert found("kayak*") == ["Dana Reyes"]
    store.put(company)
    assert found("company:globex") == ["Dana Reyes"]
    assert found("company:acme") == []


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"just some text, not a database\n" * 10)
    before = digest(path)
    with pytest.raises(NotAfterwordDatabase, match="not an Afterword database"):
        Store.open(path)
    assert digest(path) == before


def test_another_apps_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAfterwordDatabase):
        Store.open(path)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_a_newer_file_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    shutil.copy(DATA / "schema-1.db", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerDatabase, match="newer Afterword"):
        Store.open(path)
    assert digest(path) == before


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_every_earlier_version_file_opens_with_its_data(tmp_path, version):
    path = tmp_path / f"v{version}.db"
    shutil.copy(DATA / f"schema-{version}.db", path)
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.count(Contact) == 14
        names = {c.name for c in store.all(Contact)}
        assert "Tom Becker" in names
    finally:
        store.close()


def test_backup_is_a_private_consistent_copy(demo_store, tmp_path):
    out = tmp_path / "backup.db"
    backup_to(demo_store.db, out)
    assert mode(out) == 0o600
    copy = Store.open(out)
    try:
        assert copy.count(Contact) == demo_store.count(Contact)
    finally:
        copy.close()


def test_committed_changes_survive_a_reopen(db_path):
    store = Store.open(db_path)
    store.put(Company("Durable"))
    # No close(): the process could die here; the next open must see the change.
    again = Store.open(db_path)
    try:
        assert [c.name for c in again.all(Company)] == ["Durable"]
    finally:
        again.close()
        store.close()


def test_a_read_only_database_gives_a_clear_error_and_keeps_its_data(file_store):
    file_store.put(Company("Kept"))
    # query_only makes SQLite refuse writes exactly as for a read-only file,
    # even for root, who may write files whatever their permissions.
    file_store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="read-only; the change was not saved"):
        file_store.put(Company("Refused"))
    assert [c.name for c in file_store.all(Company)] == ["Kept"]
