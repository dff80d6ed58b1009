"""The interchange format, version 1: a full, lossless JSON export and import.

Import checks every record first and writes nothing if any is bad; then it adds
new uids and replaces existing ones, all in one transaction.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterator
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
    """Validated records ready to write, and counts for the summary."""

    records: list[Any] = field(default_factory=list)
    photos: dict[str, CardPhoto | None] = field(default_factory=dict)
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
            if text[:2] in (b"\xff\xfe", b"\xfe\xff") or (text[:1] == b"\0" or text[1:2] == b"\0"):
                raise InterchangeError("not UTF-8 text (it looks like UTF-16 or UTF-32); "
                                       "save the file as UTF-8")
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


def plan_import(store: Store, doc: Any) -> ImportPlan:
    """Check a whole document against itself and the database; write nothing."""
    if not isinstance(doc, dict):
        raise InterchangeError("not an Afterword interchange file (expected a JSON object)")
    if doc.get("format") != FORMAT:
        raise InterchangeError(
            f"not an Afterword interchange file (format {printable(_short(doc.get('format')))})")
    version = doc.get("version")
    if type(version) is not int or version != VERSION:  # not 1.0, not true
        raise InterchangeError(
            f"interchange version {printable(_short(version))} is not supported (this "
            f"Afterword reads version {VERSION})"
        )
    plan = ImportPlan()
    known: dict[str, set[str]] = {s: _existing_uids(store, c) for s, c in SECTIONS.items()}
    incoming: dict[str, set[str]] = {}
    parsed: dict[str, list[tuple[str, Any, dict]]] = {}
    for section, cls in SECTIONS.items():
        items = doc.get(section, [])
        if not isinstance(items, list):
            raise InterchangeError(f"{section}: expected a list of records")
        seen: set[str] = set()
        parsed[section] = []
        for index, item in enumerate(items):
            where = f"{section}[{index}]"
            uid = item.get("uid") if isinstance(item, dict) else None
            if not isinstance(uid, str) or not uid.strip():
                raise InterchangeError(f"{where}: field 'uid': is required (a non-empty string)")
            problem = text_problem("uid", uid)
            if problem:
                raise InterchangeError(f"{where}: field 'uid': {problem}")
            where = f"{where} (uid {uid})"
            if uid in seen:
                raise InterchangeError(f"{where}: field 'uid': appears twice in {section}")
            seen.add(uid)
            try:
                record = codec.from_plain(cls, item)
                _check_rules(record)
            except InvalidRecord as bad:
                raise InterchangeError(f"{where}: field '{bad.field}': {bad.problem}") from None
            parsed[section].append((where, record, item))
        incoming[section] = seen
    for section, entries in parsed.items():
        for where, record, item in entries:
            _check_references(record, where, known, incoming)
            plan.records.append(record)
            bucket = plan.replaced if record.uid in known[section] else plan.added
            bucket[section] = bucket.get(section, 0) + 1
            if section == "contacts" and PHOTO_FIELD in item:
                plan.photos[record.uid] = _photo(item[PHOTO_FIELD], where)
    return plan


def import_document(store: Store, doc: Any,
                    before_writing: Callable[[], object] | None = None) -> ImportPlan:
    """Validate, then write everything in one transaction; all or nothing.
    `before_writing` runs once the document is known good (e.g. a snapshot)."""
    plan = plan_import(store, doc)
    if before_writing is not None:
        before_writing()
    with store.atomic():
        store.put_many(plan.records)
        store.set_card_photos(plan.photos)
    return plan


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


def _check_references(record: Any, where: str, known: dict[str, set[str]],
                      incoming: dict[str, set[str]]) -> None:
    for name, section in REFERENCES.get(type(record), {}).items():
        value = getattr(record, name)
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
