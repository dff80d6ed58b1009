"""Writing the interchange document as a stream: section by section, record by
record, reading the database in chunks.

The bytes are exactly those of `interchange.dumps(interchange.export_document(store))`
(json.dumps with indent=2, ensure_ascii=False), but neither the whole document nor
the whole text is ever held in memory, and the common values are encoded without
the pure-Python indenting encoder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from json.encoder import encode_basestring  # the C encoder where available
from pathlib import Path
from typing import Any, TextIO

from afterword.core.files import write_private_text
from afterword.core.interchange import FORMAT, SECTIONS, VERSION, section_items
from afterword.core.store import Store

INDENT = "  "
# Records read, encoded and written at a time.
CHUNK = 2000


def encode(value: Any, level: int) -> str:
    """`value` as json.dumps(value, ensure_ascii=False, indent=2) writes it when it
    sits `level` levels deep in a document."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is dict and all(type(k) is str for k in value):
        if not value:
            return "{}"
        inner = "\n" + INDENT * (level + 1)
        return ("{" + inner + ("," + inner).join(
            f"{encode_basestring(k)}: {encode(v, level + 1)}" for k, v in value.items())
            + "\n" + INDENT * level + "}")
    if kind is list:
        if not value:
            return "[]"
        inner = "\n" + INDENT * (level + 1)
        return ("[" + inner + ("," + inner).join(encode(v, level + 1) for v in value)
                + "\n" + INDENT * level + "]")
    # Anything rarer (floats, other key types, subclasses): the standard encoder,
    # indented to this depth, which is exactly how it would nest it.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + INDENT * level)


# A record sits two levels deep (document → section list → record). With these
# separators the C encoder lays out records of plain values exactly as the
# indenting encoder does, because a newline never occurs inside encoded text.
_RECORD_FIELD = "\n" + INDENT * 3
_FLAT = json.JSONEncoder(ensure_ascii=False, separators=("," + _RECORD_FIELD, ": "))
_BETWEEN_RECORDS = "}," + _RECORD_FIELD + "{"


def _flat(item: dict[str, Any]) -> bool:
    """No value is a non-empty list or object (only rounds and card photos nest)."""
    return bool(item) and not any(type(v) in (list, dict) and v for v in item.values())


def encode_records(items: list[dict[str, Any]]) -> str:
    """Records, each as `encode(item, 2)` writes it, joined by ",\n    "."""
    if not all(map(_flat, items)):
        return ("," + "\n" + INDENT * 2).join(encode(item, 2) for item in items)
    # One C call for the whole chunk. Between two records the text reads
    # '},\n      {' (a record never holds an object followed by another), which
    # becomes the record separator at its own depth.
    text = _FLAT.encode(items)[1:-1]
    return ("{" + _RECORD_FIELD
            + text[1:-1].replace(_BETWEEN_RECORDS, "\n" + INDENT * 2 + "},\n" + INDENT * 2 + "{"
                                 + _RECORD_FIELD)
            + "\n" + INDENT * 2 + "}")


def write_document(store: Store, write: Callable[[str], Any]) -> None:
    """Write the whole interchange document, as `interchange.dumps` would, through
    `write` (called once per chunk of records)."""
    record_indent = "\n" + INDENT * 2
    write("{\n" + INDENT + f'"format": {encode(FORMAT, 1)},\n'
          + INDENT + f'"version": {encode(VERSION, 1)}')
    # One read transaction: every section comes from the same moment, even if the
    # window saves something while the export runs.
    with store.atomic():
        for section, cls in SECTIONS.items():
            write(",\n" + INDENT + f"{encode_basestring(section)}: [")
            first = True
            for items in section_items(store, cls, CHUNK):
                text = encode_records(items)
                write(("" if first else ",") + record_indent + text)
                first = False
            write("]" if first else "\n" + INDENT + "]")
    write("\n}\n")


def export_to_file(store: Store, out: str | os.PathLike[str]) -> Path:
    """Write the interchange export to `out`, owner-only, replacing it whole
    (via a temporary file) or not at all."""
    return write_private_text(out, lambda handle: write_document(store, handle.write))


def export_to_stream(store: Store, stream: TextIO) -> None:
    """Write the interchange export to an open text stream (standard output)."""
    write_document(store, stream.write)
