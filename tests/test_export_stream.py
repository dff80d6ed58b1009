"""The streamed export writes exactly the bytes of the whole-document export, reads
stored rows straight into plain values exactly as records would give them, and
replaces its file whole, readable by the owner only."""

import base64
import io
import json
import os
import stat

import pytest

from afterword.cli import main
from afterword.core import codec, interchange, interchange_writer
from afterword.core.domain import CardPhoto, Contact, Interview
from afterword.core.errors import AfterwordError


def reference_text(store) -> str:
    """The export as it was first written: every row through its record."""
    doc = {"format": "afterword", "version": 1}
    for section, cls in interchange.SECTIONS.items():
        items = [interchange.plain_record(r) for r in store.select(cls, order_by="uid")]
        if cls is Contact:
            for item in items:
                photo = store.card_photo(item["uid"])
                item["card_photo"] = photo and {"mime_type": photo.mime_type,
                                                "data": base64.b64encode(photo.data).decode("ascii")}
        doc[section] = items
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def streamed(store) -> str:
    out = io.StringIO()
    interchange_writer.export_to_stream(store, out)
    return out.getvalue()


@pytest.fixture
def varied_store(demo_store):
    """Demo data plus what the fast paths must get right: a card photo, text that
    needs escaping, and values stored in a form Afterword does not write itself."""
    contacts = demo_store.all(Contact)
    demo_store.set_card_photo(contacts[0].uid, CardPhoto(bytes(range(256)), "image/png"))
    demo_store.db.execute("UPDATE contacts SET notes = ? WHERE uid = ?",
                          ['Zoë "quoted" \\ back\nslash\t{}, ], {"x": 1}', contacts[1].uid])
    interview = demo_store.all(Interview)[0]
    # An offset written as +00:00 with fractions: the record path normalises it.
    demo_store.db.execute("UPDATE interviews SET start = ? WHERE uid = ?",
                          ["2026-11-20T10:00:00.000+00:00", interview.uid])
    demo_store.db.execute("UPDATE cadences SET active = 7")  # any true number reads as true
    return demo_store


def test_streamed_export_is_byte_identical_to_the_record_by_record_export(varied_store):
    expected = reference_text(varied_store)
    assert streamed(varied_store) == expected
    assert interchange.dumps(interchange.export_document(varied_store)) == expected
    assert '"start": "2026-11-20T10:00:00+00:00"' in expected


def test_an_empty_database_exports_empty_sections(store):
    assert streamed(store) == reference_text(store)
    assert '"companies": []' in streamed(store)


def test_stored_rows_become_the_plain_values_records_give(varied_store):
    for cls in interchange.SECTIONS.values():
        by_record = [codec.to_plain(r) for r in varied_store.select(cls, order_by="uid")]
        by_row = [p for chunk in varied_store.select_plain_chunks(cls, size=3) for p in chunk]
        assert by_row == by_record
        assert [list(p) for p in by_row] == [list(p) for p in by_record]  # same key order


def test_encode_matches_the_standard_encoder_at_any_depth():
    values = [None, True, False, 0, -12, 1.5, "a\"b\\c\n\u00e9\u2028", [], {}, [1, [2, {}]],
              {"a": [1, {"b": None}], "c": {}}, {1: "non-text key"}]
    for value in values:
        for level in (0, 2):
            expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
            assert interchange_writer.encode(value, level) == expected


def test_cli_export_writes_the_same_file_owner_only(varied_store, tmp_path, capsys):
    out = tmp_path / "all.json"
    assert main(["export", "--db", str(varied_store.path), "--out", str(out)]) == 0
    assert out.read_bytes() == reference_text(varied_store).encode("utf-8")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert not list(tmp_path.glob("*.partial"))
    assert main(["export", "--db", str(varied_store.path), "--out", "-"]) == 0
    assert capsys.readouterr().out == reference_text(varied_store)


def test_a_failed_export_keeps_the_old_file(demo_store, tmp_path, monkeypatch):
    out = tmp_path / "all.json"
    out.write_text("the old export")

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")
        yield

    monkeypatch.setattr(interchange, "section_items", broken)
    monkeypatch.setattr(interchange_writer, "section_items", broken)
    with pytest.raises(AfterwordError, match="cannot write"):
        interchange_writer.export_to_file(demo_store, out)
    assert out.read_text() == "the old export"
    assert not list(tmp_path.glob("*.partial"))
