"""The interchange format, version 1: a full, lossless JSON export and import.

Import checks every record first and writes nothing if any is bad; then it adds
new uids and replaces existing ones, all in one transaction. A file is streamed
(read twice, a record at a time), never held in memory whole.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.core import codec
from afterword.core.cadence import BadRule, check_computable, parse_rule
from afterword.core.domain import (
    Cadence,
    CardPhoto,
    Contact,
    Interview,
)
from afterword.core.entities import references, sections
from afterword.core.errors import InterchangeError, InvalidRecord
from afterword.core.json_stream import Items, JSONStreamError, NotAnObject, ObjectReader, TooDeep
from afterword.core.output_paths import check_input_path
from afterword.core.store import TABLES, Store
from afterword.core.terminal import printable
from afterword.core.validation import MAX_PHOTO_BYTES, check_text_fields, text_problem

FORMAT = "afterword"
VERSION = 1

# Section name → record class, in an order where references point backwards, and
# record class → {field: section it must point into} (None allowed where the field
# is optional); both from the declarations in core/entities.py.
SECTIONS: dict[str, type] = sections()
REFERENCES: dict[type, dict[str, str]] = references()

PHOTO_FIELD = "card_photo"

# Whole numbers a sane file holds; beyond these a value is a typo or an attack.
INT_BOUNDS: dict[type, dict[str, tuple[int, int]]] = {
    Interview: {"round": (1, 99)},
    Cadence: {"max_days": (1, 3650)},
}


# -- export --------------------------------------------------------------------

def plain_record(record: Any) -> dict[str, Any]:
    """A record as the interchange writes it: its uid first, then its fields."""
    plain = codec.to_plain(record)
    return {"uid": plain.pop("uid"), **plain}


def section_items(store: Store, cls: type, chunk: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """One section's records as plain dicts, in uid order, `chunk` at a time
    (contacts with their card photo, or None)."""
    for plain in store.select_plain_chunks(cls, order_by="uid", size=chunk):
        items = [{"uid": p.pop("uid"), **p} for p in plain]
        if cls is Contact:
            photos = _photos(store, [item["uid"] for item in items])
            for item in items:
                item[PHOTO_FIELD] = photos.get(item["uid"])
        yield items


def export_document(store: Store) -> dict[str, Any]:
    """Everything in the database as an interchange document (dicts and lists).
    A large export is better streamed: see interchange_writer.export_to_file."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for section, cls in SECTIONS.items():
        doc[section] = [item for items in section_items(store, cls) for item in items]
    return doc


def _photos(store: Store, contact_uids: list[str]) -> dict[str, dict[str, str]]:
    marks = ",".join("?" * len(contact_uids))
    rows = store.db.execute(
        f"SELECT contact_uid, mime_type, data FROM card_photos WHERE contact_uid IN ({marks})",
        contact_uids).fetchall()
    return {
        uid: {"mime_type": mime, "data": base64.b64encode(data).decode("ascii")}
        for uid, mime, data in rows
    }


def dumps(doc: dict[str, Any]) -> str:
    """The document as text: UTF-8 friendly, indented, stable."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- import --------------------------------------------------------------------

@dataclass
class ImportPlan:
    """What an import added and replaced, for the summary."""

    added: dict[str, int] = field(default_factory=dict)
    replaced: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = []
        for section in SECTIONS:
            a, r = self.added.get(section, 0), self.replaced.get(section, 0)
            if a or r:
                parts.append(f"{section.replace('_', ' ')}: {a} added, {r} replaced")
        return "; ".join(parts) or "nothing to import"


def loads(text: str | bytes) -> Any:
    """The JSON document in `text` (bytes in UTF-8, as the format says; a leading
    byte-order mark is allowed), or InterchangeError in one line."""
    try:
        if isinstance(text, bytes):
            _refuse_utf16(text[:2])
            text = text.decode("utf-8-sig")
        return json.loads(text, parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"not UTF-8 text: {exc.reason} at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise InterchangeError("not an Afterword interchange file (nested too deeply)") from None
    except ValueError as exc:  # NaN or Infinity, which JSON does not have
        raise InterchangeError(f"not JSON: {exc}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _refuse_utf16(start: bytes) -> None:
    """A file saved as UTF-16 or UTF-32 (a byte-order mark, or a zero byte in the
    first two) is named as such, not as broken UTF-8."""
    if start in (b"\xff\xfe", b"\xfe\xff") or start[:1] == b"\0" or start[1:2] == b"\0":
        raise InterchangeError("not UTF-8 text (it looks like UTF-16 or UTF-32); save the file as UTF-8")


# The document is read twice, a member at a time: once to check every record (and
# learn every uid, for references that point forward), once to write. `Members`
# starts a fresh reading each time it is called.
Members = Callable[[], Iterator[tuple[str, Any]]]
WRITE_BATCH = 2000


@dataclass(frozen=True)
class CheckedDocument:
    """A document whose every record has been checked on its own: it can be read
    again (`members`) and written (`import_checked`). `uids` are its uids per section."""

    members: Members
    uids: dict[str, set[str]]


def check_file(path: str | os.PathLike[str]) -> CheckedDocument:
    """Read the interchange file at `path` once, a record at a time, checking each;
    nothing is written and the document is never in memory whole."""
    read_as: list[tuple[int, int]] = []  # size and time of change when first read

    def members() -> Iterator[tuple[str, Any]]:
        check_input_path(path)  # never a database open here: its handle would drop SQLite's locks
        try:
            with open(path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                read_as.append((stat.st_size, stat.st_mtime_ns))
                if read_as[0] != read_as[-1]:
                    raise InterchangeError(f"{path} changed while it was read; nothing was imported")
                _refuse_utf16(handle.read(2))
                handle.seek(0)
                yield from ObjectReader(handle).members()
        except OSError as exc:
            raise InterchangeError(f"cannot read {path}: {exc.strerror or exc}") from None

    with _read_errors():
        return CheckedDocument(members, _check_all(members))


@contextmanager
def _read_errors() -> Iterator[None]:
    """What the JSON reader finds wrong with a file, said as an import error."""
    try:
        yield
    except NotAnObject:
        raise InterchangeError("not an Afterword interchange file (expected a JSON object)") from None
    except TooDeep:
        raise InterchangeError("not an Afterword interchange file (nested too deeply)") from None
    except JSONStreamError as exc:
        raise InterchangeError(str(exc)) from None


def import_file(store: Store, path: str | os.PathLike[str],
                before_writing: Callable[[], object] | None = None) -> ImportPlan:
    """Import the interchange file at `path`, all or nothing: streamed through once
    to check it, then again to write it, in one transaction."""
    return import_checked(store, check_file(path), before_writing)


def import_document(store: Store, doc: Any,
                    before_writing: Callable[[], object] | None = None) -> ImportPlan:
    """Import a document already in memory (dicts and lists), all or nothing."""
    return import_checked(store, _checked_document(doc), before_writing)


def plan_import(store: Store, doc: Any) -> ImportPlan:
    """Check a whole document against itself and the database; write nothing."""
    checked = _checked_document(doc)
    known = {s: _existing_uids(store, c) for s, c in SECTIONS.items()}
    plan = ImportPlan()
    for section, items in _sections(checked.members()):
        for where, record, item in _records(section, items):
            _check_references(type(record), item, where, known, checked.uids)
            _count(plan, section, record.uid in known[section])
    return plan


def _checked_document(doc: Any) -> CheckedDocument:
    if not isinstance(doc, dict):
        raise InterchangeError("not an Afterword interchange file (expected a JSON object)")
    members: Members = lambda: iter(doc.items())  # noqa: E731
    return CheckedDocument(members, _check_all(members))


def import_checked(store: Store, checked: CheckedDocument,
                   before_writing: Callable[[], object] | None = None) -> ImportPlan:
    """Write a checked document in one transaction, checking that every reference
    points at a record in it or in the database; nothing is kept if one does not.
    `before_writing` runs first (e.g. a snapshot of the database)."""
    if before_writing is not None:
        before_writing()
    plan = ImportPlan()
    incoming = sum(len(uids) for uids in checked.uids.values())
    held = sum(store.count(cls) for cls in SECTIONS.values())
    with _read_errors(), store.bulk(everything=incoming >= held):
        # References are checked here in full: rows may come in any order.
        store.db.execute("PRAGMA defer_foreign_keys = ON")
        known = {s: _existing_uids(store, c) for s, c in SECTIONS.items()}
        for section, items in _sections(checked.members()):
            batch = _Batch(store, SECTIONS[section])
            for index, item in enumerate(items):
                where = f"{section}[{index}] (uid {item['uid']})"
                _check_references(SECTIONS[section], item, where, known, checked.uids)
                replaces = item["uid"] in known[section]
                _count(plan, section, replaces)
                batch.add(item, where, new=not replaces)
            batch.write()
    return plan


class _Batch:
    """Checked items of one kind on their way to the store, a few thousand at a
    time; those already in their plain form go without being built as records."""

    def __init__(self, store: Store, cls: type):
        self.store, self.cls = store, cls
        self.plains: dict[bool, list[dict[str, Any]]] = {True: [], False: []}  # by: is it new?
        self.records: list[Any] = []
        self.photos: dict[str, CardPhoto | None] = {}
        self.size = 0

    def add(self, item: dict[str, Any], where: str, *, new: bool) -> None:
        plain = codec.plain_from_item(self.cls, item)
        if plain is None:
            self.records.append(codec.from_plain(self.cls, item))
        else:
            self.plains[new].append(plain)
        if self.cls is Contact and PHOTO_FIELD in item:
            self.photos[item["uid"]] = _photo(item[PHOTO_FIELD], where)
        self.size += 1
        if self.size >= WRITE_BATCH:
            self.write()

    def write(self) -> None:
        for new, plains in self.plains.items():
            if plains:
                self.store.put_plain(self.cls, plains, new=new)
                plains.clear()
        if self.records:
            self.store.put_many(self.records)
        if self.photos:
            self.store.set_card_photos(self.photos)
        self.records, self.photos, self.size = [], {}, 0


def _count(plan: ImportPlan, section: str, replaced: bool) -> None:
    bucket = plan.replaced if replaced else plan.added
    bucket[section] = bucket.get(section, 0) + 1


def _check_all(members: Members) -> dict[str, set[str]]:
    """The first reading: the header, and every record on its own (fields, rules,
    uids unique per section, card photos). Returns the uids of each section."""
    header: dict[str, Any] = {}
    incoming: dict[str, set[str]] = {section: set() for section in SECTIONS}
    read: set[str] = set()
    for key, value in members():
        if key in ("format", "version"):
            header[key] = value
            _check_header(header, final=False)
            continue
        if key not in SECTIONS:
            continue
        if not isinstance(value, list | Items):
            raise InterchangeError(f"{key}: expected a list of records")
        if key in read:
            raise InterchangeError(f"{key}: appears twice in the file")
        read.add(key)
        seen = incoming[key]
        for where, _record, item in _records(key, value, seen):
            if key == "contacts" and PHOTO_FIELD in item:
                _photo(item[PHOTO_FIELD], where)
    _check_header(header, final=True)
    return incoming


def _check_header(header: dict[str, Any], *, final: bool) -> None:
    if ("format" in header or final) and header.get("format") != FORMAT:
        raise InterchangeError(
            f"not an Afterword interchange file (format {printable(_short(header.get('format')))})")
    version = header.get("version")
    if ("version" in header or final) and (type(version) is not int or version != VERSION):  # not 1.0
        raise InterchangeError(
            f"interchange version {printable(_short(version))} is not supported (this "
            f"Afterword reads version {VERSION})"
        )


def _sections(members: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """(section, items) for each section of the document (checked already)."""
    for key, value in members:
        if key in SECTIONS and isinstance(value, list | Items):
            yield key, value


def _records(section: str, items: Any, seen: set[str] | None = None) -> Iterator[tuple[str, Any, Any]]:
    """(where, record, item) for each item of a section, each checked on its own;
    `seen` collects the uids and refuses one given twice."""
    cls = SECTIONS[section]
    for index, item in enumerate(items):
        where = f"{section}[{index}]"
        uid = item.get("uid") if isinstance(item, dict) else None
        if not isinstance(uid, str) or not uid.strip():
            raise InterchangeError(f"{where}: field 'uid': is required (a non-empty string)")
        if problem := text_problem("uid", uid):
            raise InterchangeError(f"{where}: field 'uid': {problem}")
        where = f"{where} (uid {uid})"
        if seen is not None:
            if uid in seen:
                raise InterchangeError(f"{where}: field 'uid': appears twice in {section}")
            seen.add(uid)
        try:
            record = codec.from_plain(cls, item)
            _check_rules(record)
        except InvalidRecord as bad:
            raise InterchangeError(f"{where}: field '{bad.field}': {bad.problem}") from None
        yield where, record, item


def _existing_uids(store: Store, cls: type) -> set[str]:
    return {r[0] for r in store.db.execute(f"SELECT uid FROM {TABLES[cls]}").fetchall()}


def _check_rules(record: Any) -> None:
    kind = codec.record_kind(type(record))
    codec.check_ranges(record, INT_BOUNDS.get(type(record)))
    check_text_fields(record)
    if isinstance(record, Interview):
        try:
            ZoneInfo(record.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidRecord(kind, record.uid, "timezone",
                                f"unknown time zone {record.timezone!r}") from None
    if isinstance(record, Cadence):
        # Every stored rule must compute, from its start and from the latest
        # contact a record can carry, or Today and the calendar could not show it.
        try:
            parse_rule(record.rrule)
            check_computable(record.rrule, record.start, record.max_days,
                             date(codec.LATEST_YEAR, 12, 31))
        except BadRule as exc:
            raise InvalidRecord(kind, record.uid, "rrule", str(exc)) from None
    if hasattr(record, "name") and isinstance(record.name, str) and not record.name.strip():
        raise InvalidRecord(kind, record.uid, "name", "must not be empty")


def _check_references(cls: type, item: dict[str, Any], where: str, known: dict[str, set[str]],
                      incoming: dict[str, set[str]]) -> None:
    """Every uid an item (checked on its own) refers to is in the file or the database."""
    for name, section in REFERENCES.get(cls, {}).items():
        value = item.get(name)
        values = value if isinstance(value, list) else [value]
        for uid in values:
            if uid is not None and uid not in incoming[section] and uid not in known[section]:
                raise InterchangeError(
                    f"{where}: field '{name}': refers to {uid!r}, which is not among the "
                    f"{section.replace('_', ' ')}"
                )


def _photo(value: Any, where: str) -> CardPhoto | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("data"), str):
        raise InterchangeError(f"{where}: field '{PHOTO_FIELD}': expected {{mime_type, data}}")
    if len(value["data"]) > MAX_PHOTO_BYTES * 4 // 3 + 4:
        raise InterchangeError(f"{where}: field '{PHOTO_FIELD}': a card photo can be at most "
                               f"{MAX_PHOTO_BYTES // 2**20} MB")
    try:
        data = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        raise InterchangeError(f"{where}: field '{PHOTO_FIELD}': data is not base64") from None
    mime = value.get("mime_type")
    mime = mime if isinstance(mime, str) and mime else "image/jpeg"
    if problem := text_problem("mime_type", mime):
        raise InterchangeError(f"{where}: field '{PHOTO_FIELD}.mime_type': {problem}")
    return CardPhoto(data=data, mime_type=mime)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
