"""Importing an interchange file a record at a time: the same database as importing
the document whole, nothing written when any record is bad, and the file never
parsed whole."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from afterword.core import codec, interchange, interchange_writer
from afterword.core.errors import InterchangeError
from afterword.core.store import Store


def _dump(store: Store) -> list[str]:
    skip = ("_sqlite_migrations", "calendar_events", "contact_facts", "cadence_schedule", "stale_contacts")
    return [line for line in store.db.conn.iterdump() if not any(t in line for t in skip)]


@pytest.fixture
def demo_file(demo_store, tmp_path) -> Path:
    path = tmp_path / "demo.json"
    interchange_writer.export_to_file(demo_store, path)
    return path


def test_a_streamed_import_makes_the_same_database_as_a_whole_one(demo_file, tmp_path):
    whole, streamed = Store.open(tmp_path / "whole.db"), Store.open(tmp_path / "streamed.db")
    try:
        doc = json.loads(demo_file.read_text())
        assert interchange.import_document(whole, doc).summary() == \
            interchange.import_file(streamed, demo_file).summary()
        assert _dump(whole) == _dump(streamed)
        assert streamed.db.execute("SELECT count(*) FROM contacts_fts").fetchone()[0] == \
            whole.db.execute("SELECT count(*) FROM contacts_fts").fetchone()[0] > 0
    finally:
        whole.close()
        streamed.close()


def test_the_file_is_never_parsed_whole(demo_file, store, monkeypatch):
    def whole(*_args, **_kwargs):
        raise AssertionError("the whole document was parsed at once")

    monkeypatch.setattr(json, "load", whole)
    monkeypatch.setattr(json, "loads", whole)
    plan = interchange.import_file(store, demo_file)
    assert plan.added["contacts"] == 14


def test_plain_items_are_written_as_their_records_would_be(demo_file):
    doc = json.loads(demo_file.read_text())
    odd = [
        {**doc["touches"][0], "at": doc["touches"][0]["at"][:19] + "Z", "notes": None},
        {k: v for k, v in doc["cadences"][0].items() if k not in ("active", "max_days")},
        {**doc["opportunities"][0], "stage": None, "source": None},
        {**doc["contacts"][0], "role": None, "card_photo": None},
    ]
    sections = [*((s, item) for s in interchange.SECTIONS for item in doc[s]),
                ("touches", odd[0]), ("cadences", odd[1]), ("opportunities", odd[2]),
                ("contacts", odd[3])]
    fast = 0
    for section, item in sections:
        cls = interchange.SECTIONS[section]
        plain = codec.plain_from_item(cls, item)
        if plain is not None:
            fast += 1
            assert plain == codec.to_plain(codec.from_plain(cls, item)), (section, item)
    assert fast > len(sections) * 0.7  # Afterword's own files take the fast path
    assert codec.plain_from_item(interchange.SECTIONS["touches"], odd[0]) is None  # "Z": not as written


def test_a_bad_record_at_the_end_of_a_file_writes_nothing(demo_file, demo_store, tmp_path):
    doc = json.loads(demo_file.read_text())
    doc["touches"].append({"uid": "late", "contact_uid": "nobody", "at": "2026-11-01T10:00:00+00:00",
                           "kind": "call"})
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, indent=2))
    target = tmp_path / "target.db"
    store = Store.open(target)
    try:
        with pytest.raises(InterchangeError, match=r"touches\[\d+\] \(uid late\): field 'contact_uid'"):
            interchange.import_file(store, bad)
        assert store.db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM contacts_fts").fetchone()[0] == 0
    finally:
        store.close()


def test_sections_in_any_order_and_references_forward(demo_file, tmp_path):
    doc = json.loads(demo_file.read_text())
    reordered = {"touches": doc["touches"], "interviews": doc["interviews"], "format": "afterword",
                 "contacts": doc["contacts"], "version": 1,
                 **{k: v for k, v in doc.items() if k not in ("touches", "interviews", "contacts")}}
    path = tmp_path / "reordered.json"
    path.write_text(json.dumps(reordered))
    ordered, store = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")
    try:
        interchange.import_file(ordered, demo_file)
        interchange.import_file(store, path)
        assert _dump(ordered) == _dump(store)
    finally:
        ordered.close()
        store.close()


@pytest.mark.parametrize(("text", "message"), [
    ('{"format": "afterword", "version": 1, "contacts": []', "not JSON: Expecting ',' delimiter"),
    ('{"format": "afterword", "version": 1, "contacts": [{"uid": "x",}]}', "not JSON: Expecting property"),
    ('{"format": "afterword", "version": 1, "contacts": [{"uid": NaN}]}', "NaN is not a JSON value"),
    ('{"format": "afterword", "version": 1, "contacts": {}}', "contacts: expected a list"),
    ('{"format": "afterword", "version": 1, "contacts": [], "contacts": []}', "contacts: appears twice"),
    ('"afterword"', "expected a JSON object"),
    ('{"version": 1, "companies": []}', "not an Afterword interchange file (format None)"),
])
def test_files_that_cannot_be_imported_say_why(store, tmp_path, text, message):
    path = tmp_path / "f.json"
    path.write_text(text)
    with pytest.raises(InterchangeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        interchange.import_file(store, path)


def test_a_file_changed_between_its_two_readings_is_refused(demo_file, store, monkeypatch):
    checked = interchange.check_file(demo_file)
    demo_file.write_text(demo_file.read_text().replace('"Dana Reyes"', '"Dana Reyes-Smith"'))
    with pytest.raises(InterchangeError, match="changed while it was read"):
        interchange.import_checked(store, checked)
    assert store.db.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0


def test_the_command_line_checks_the_file_before_making_a_database(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "afterword", "version": 1, "contacts": [{"uid": "x"}]}')
    target = tmp_path / "new.db"
    out = subprocess.run([sys.executable, "-m", "afterword", "import", str(bad), "--db", str(target)],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "contacts[0] (uid x): field 'name'" in out.stderr
    assert not target.exists()
    good = '{"format": "afterword", "version": 1, "companies": [{"uid": "c", "name": "Acme"}]}'
    out = subprocess.run([sys.executable, "-m", "afterword", "import", "-", "--db", str(target)],
                         input=good, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert sqlite3.connect(target).execute("SELECT name FROM companies").fetchall() == [("Acme",)]
