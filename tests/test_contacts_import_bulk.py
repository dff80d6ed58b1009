"""A contacts file comes in as one bulk write (search rows rebuilt once at the end,
no savepoint per card): people, search rows and the database's triggers end up as
when each person is written alone; a dry run and a file refused part-way leave
nothing behind. The reader finds the same cards however the file falls into blocks."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.core import search, vcard
from afterword.core.contact_files import ContactsImportError, import_files, read_contacts
from afterword.core.domain import Contact
from afterword.core.merge import ImportReport, MatchIndex, feed, run_transaction
from afterword.core.store import Store

DATA = Path(__file__).parent / "data" / "contacts"
FIXTURES = sorted(DATA.glob("*.vcf"))

# Raj is stored already; the file brings a second number and a title that differs.
RAJ_AGAIN = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Raj Patel\r\nORG:Acme\r\nTITLE:VP Sales\r\n"
    "EMAIL:raj@acme.example\r\nTEL;TYPE=CELL:+1 415 555 0100\r\n"
    "NOTE:Knows the hiring manager on the kayak team\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wen Zhao\r\nORG:Acme\r\nEMAIL:wen@acme.example\r\nEND:VCARD\r\n"
)


def with_raj(path: Path) -> Store:
    store = Store.open(path)
    store.put(Contact(uid="raj", name="Raj Patel", title="Director", email="Raj@Acme.example"))
    return store


def files(tmp_path: Path) -> list[Path]:
    raj = tmp_path / "raj.vcf"
    raj.write_text(RAJ_AGAIN, newline="")
    return [*FIXTURES, raj]


def people(store: Store) -> list[tuple]:
    return store.db.execute(
        "SELECT c.id, c.name, c.title, c.email, c.phone_direct, c.phone_cell, c.mailing_address, "
        "c.linkedin, c.notes, co.name, p.data IS NOT NULL FROM contacts c "
        "LEFT JOIN companies co ON co.uid = c.company_uid "
        "LEFT JOIN card_photos p ON p.contact_uid = c.uid ORDER BY c.id").fetchall()


def search_rows(store: Store) -> tuple[list, list]:
    return (store.db.execute("SELECT rowid, name, company, body FROM contacts_fts ORDER BY rowid").fetchall(),
            store.db.execute("SELECT rowid, name, body FROM companies_fts ORDER BY rowid").fetchall())


def schema(store: Store) -> list[tuple]:
    """Triggers and tables, the temporary ones too (none may be left behind)."""
    return store.db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'table') UNION ALL "
        "SELECT type, name, sql FROM sqlite_temp_master ORDER BY 1, 2").fetchall()


def names_found(store: Store, text: str) -> set[str]:
    return {store.db.execute("SELECT name FROM contacts WHERE id = ?", [i]).fetchone()[0]
            for i in search.people(store, text)}


def test_an_import_gives_the_records_and_search_rows_of_writing_each_person_alone(tmp_path):
    paths = files(tmp_path)
    bulk = with_raj(tmp_path / "bulk.db")
    alone = with_raj(tmp_path / "alone.db")
    try:
        reports = import_files(bulk, paths, region="US")
        # The same cards through the rule, one transaction, each person written alone
        # (search rows kept by the triggers, row by row).
        with run_transaction(alone, dry_run=False):
            index = MatchIndex.load(alone, "US")
            for path in paths:
                feed(alone, read_contacts(path), index, ImportReport())
        assert [r.summary() for r in reports][-1] == "added 1, merged 1, skipped 0"
        assert people(bulk) == people(alone)
        assert len(people(bulk)) == 10
        assert search_rows(bulk) == search_rows(alone)
        assert len(search_rows(bulk)[0]) == 10
        assert schema(bulk) == schema(alone)
    finally:
        bulk.close()
        alone.close()


def test_people_brought_in_are_found_by_search_and_later_edits_too(tmp_path):
    store = with_raj(tmp_path / "a.db")
    try:
        import_files(store, files(tmp_path), region="US")
        assert names_found(store, "Kowalski") == {"Piotr Kowalski"}
        assert names_found(store, "kayak") == {"Raj Patel"}  # the merged person's new note
        wen = store.select(Contact, "name = ?", ["Wen Zhao"])[0]
        store.put(replace(wen, notes="Plays in a brass band"))
        assert names_found(store, "brass") == {"Wen Zhao"}  # the search triggers are back
    finally:
        store.close()


def test_a_dry_run_writes_nothing_and_leaves_the_schema_as_it_was(tmp_path):
    store = with_raj(tmp_path / "a.db")
    try:
        before = people(store), search_rows(store), schema(store)
        reports = import_files(store, files(tmp_path), region="US", dry_run=True)
        assert reports[-1].summary() == "added 1, merged 1, skipped 0"
        assert (people(store), search_rows(store), schema(store)) == before
    finally:
        store.close()


def test_a_file_refused_part_way_leaves_nothing_and_the_schema_as_it_was(tmp_path):
    broken = tmp_path / "broken.vcf"
    broken.write_text(RAJ_AGAIN + "BEGIN:VCARD\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b:%%%\r\nEND:VCARD\r\n",
                      newline="")
    store = with_raj(tmp_path / "a.db")
    try:
        before = people(store), search_rows(store), schema(store)
        refused = r"broken.vcf: card 3 \(Ann Lee\): field .PHOTO.: the picture is not valid base64"
        with pytest.raises(ContactsImportError, match=refused):
            import_files(store, [*FIXTURES, broken], region="US")
        assert (people(store), search_rows(store), schema(store)) == before
    finally:
        store.close()


TRICKY = (b"\r\n \r\nbegin:vcard\r\nVERSION:3.0\r\nFN:Ann\r\nNOTE:END:VCARD is not the end\r\n"
          b"  end : vcard \r\nBEGIN:VCARD\nFN:Bo\nPHOTO;ENCODING=b:/9j/4AAQ\n  SkZJRg==\nEND:VCARD\n")


def cards_read(data: bytes, monkeypatch, block: int) -> list[tuple]:
    monkeypatch.setattr(vcard, "_CHUNK", block)
    return [(c.where, c.version, [(p.name, p.raw, p.value) for p in c.properties])
            for c in vcard.read_cards(io.BytesIO(data))]


@pytest.mark.parametrize("data", [*(p.read_bytes() for p in FIXTURES), TRICKY],
                         ids=[*(p.name for p in FIXTURES), "tricky"])
def test_cards_are_read_the_same_however_the_file_falls_into_blocks(data, monkeypatch):
    whole = cards_read(data, monkeypatch, 1 << 20)
    assert whole
    for block in (3, 16, 75, 200):
        assert cards_read(data, monkeypatch, block) == whole


def test_a_card_begun_inside_another_or_a_file_opening_with_its_end_is_refused():
    inside = b"BEGIN:VCARD\r\nFN:Ann\r\n begin:VCARD\r\nBEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n"
    with pytest.raises(vcard.CardError, match="a new card begins before END:VCARD"):
        list(vcard.read_cards(io.BytesIO(inside)))
    with pytest.raises(vcard.CardError, match="card 1: expected BEGIN:VCARD"):
        list(vcard.read_cards(io.BytesIO(b"END:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n")))


def test_folded_lines_join_as_before_blank_lines_and_a_leading_fold_included():
    lines = [b"", b" leading", b"FN:Ann", b" Lee", b"", b"\tx", b"NOTE:a", b"  b", b"   ", b"X-Y:z"]
    assert vcard._unfold(lines, "4.0") == [
        (b" leading", b" leading"),
        (b"FN:Ann\r\n Lee\r\n\tx", b"FN:AnnLeex"),
        (b"NOTE:a\r\n  b\r\n   ", b"NOTE:a b  "),
        (b"X-Y:z", b"X-Y:z"),
    ]
    # 2.1 keeps the space that begins a continuation line
    assert vcard._unfold([b"NOTE:a", b" b"], "2.1") == [(b"NOTE:a\r\n b", b"NOTE:a b")]


def test_property_heads_read_once_give_the_same_properties_and_stay_few(monkeypatch):
    monkeypatch.setattr(vcard, "_HEADS", {})
    monkeypatch.setattr(vcard, "_HEADS_KEPT", 3)
    cards = b"".join(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P%d\r\nitem1.TEL;type=CELL;type=pref:+1 206 555 01%02d\r\n"
        b"X-N%d;TYPE=a,b:x\r\nEND:VCARD\r\n" % (i, i, i) for i in range(6))
    read = list(vcard.read_cards(io.BytesIO(cards)))
    assert len(vcard._HEADS) <= 3
    for i, card in enumerate(read):
        tel = card.first("TEL")
        assert (tel.group, tel.types, tel.text()) == ("item1", {"cell", "pref"}, f"+1 206 555 01{i:02d}")
        assert card.first(f"X-N{i}").types == {"a", "b"}
    bad = b"BEGIN:VCARD\r\nFN:Ann\r\nN\xc3\xa4ME:x\r\nEND:VCARD\r\n"
    good = b"BEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n"
    for data, index in ((bad, 1), (good + bad, 2)):  # refused again, naming its own card
        with pytest.raises(vcard.CardError, match=f"card {index}: a property name that is not plain"):
            list(vcard.read_cards(io.BytesIO(data)))


@pytest.mark.parametrize(("written", "read"), [
    ("a\\,b\\;c", "a,b;c"), ("x\\nY\\Nz", "x\nY\nz"), ("https\\://x", "https://x"),
    ("\\\\\\n", "\\\n"), ("q\\q", "qq"), ("ends in \\", "ends in \\"), ("plain", "plain"),
])
def test_escapes_are_undone_left_to_right(written, read):
    assert vcard._unescape(written, "4.0") == read


def test_a_dry_run_into_no_database_plans_in_a_scratch_file_not_in_memory(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AFTERWORD_PHONE_REGION", "US")
    journals = []
    memory = Store.memory

    def scratch(**how):  # what a large file's cards are held in while planned
        store = memory(**how)
        journals.append(store.db.execute("PRAGMA journal_mode").fetchone()[0])
        return store

    monkeypatch.setattr(Store, "memory", scratch)
    db = tmp_path / "none-yet.db"
    assert main(["contacts", "import", *map(str, FIXTURES), "--db", str(db), "--dry-run"]) == 0
    assert "vcard4-data-uri.vcf: added 2, merged 0, skipped 0" in capsys.readouterr().out
    assert journals == ["delete"]  # a temporary file SQLite removes on closing; not "memory"
    assert not db.exists()


def test_a_failure_in_a_block_inside_a_bulk_write_takes_back_the_whole_bulk(tmp_path):
    store, fresh = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")
    try:
        with pytest.raises(RuntimeError), store.bulk(roomy_cache=False):
            store.put(Contact(name="Ann Lee"))
            with store.atomic():  # joins the bulk: no savepoint of its own
                store.put(Contact(name="Bo Chen"))
                raise RuntimeError("stopped")
        assert store.count(Contact) == 0
        assert schema(store) == schema(fresh)  # search triggers back, nothing temporary left
    finally:
        store.close()
        fresh.close()
