"""Convert records to and from plain values: ISO 8601 strings, enum words, lists.

The same plain form serves the database rows and the interchange JSON, so the two
can never disagree about how a date or an enumeration is written.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from afterword.core.errors import InvalidRecord

R = TypeVar("R")


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """How one field of a record is written to and read from its plain (JSON) form."""

    name: str
    kind: type  # str, int, bool, date, datetime, an Enum, a dataclass (for lists), or list
    optional: bool
    item: type | None = None  # for list fields


def _unwrap(hint: Any) -> tuple[Any, bool]:
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0], True
    return hint, False


@cache
def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    """The typed fields of a record class, in declaration order."""
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        hint, optional = _unwrap(hints[f.name])
        if typing.get_origin(hint) is list:
            specs.append(FieldSpec(f.name, list, optional, typing.get_args(hint)[0]))
        else:
            specs.append(FieldSpec(f.name, hint, optional))
    return tuple(specs)


@cache
def record_kind(cls: type) -> str:
    """A record class's name as a user reads it: ThankYouNote → 'thank-you note'."""
    words, word = [], ""
    for ch in cls.__name__:
        if ch.isupper() and word:
            words.append(word)
            word = ""
        word += ch.lower()
    words.append(word)
    text = " ".join(words)
    return text.replace("thank you", "thank-you")


def _plain_value(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind is list:
        if spec.item is str:
            return list(value)
        return [to_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# Values of exactly these types are already plain (an enum member is a subclass
# of str or int, so it is not among them); checking this first saves time at scale.
_ALREADY_PLAIN = frozenset({str, int, bool, type(None)})


def to_plain(record: Any) -> dict[str, Any]:
    """A record as a dict of JSON-ready values, fields in declaration order."""
    plain = {}
    for spec in fields_of(type(record)):
        value = getattr(record, spec.name)
        plain[spec.name] = value if type(value) in _ALREADY_PLAIN else _plain_value(spec, value)
    return plain


class _Bad(Exception):
    def __init__(self, problem: str):
        self.problem = problem


def _parse_date(text: Any) -> date:
    if not isinstance(text, str) or len(text) != 10:
        raise _Bad(f"expected a date like 2026-11-24, got {_show(text)}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _Bad(f"not a real date: {_show(text)}") from None


def _parse_datetime(text: Any) -> datetime:
    if not isinstance(text, str):
        raise _Bad(f"expected a date-time like 2026-11-24T10:00:00-08:00, got {_show(text)}")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _Bad(f"not a real date-time: {_show(text)}") from None
    if value.tzinfo is None:
        raise _Bad(f"date-time needs an offset such as -08:00: {_show(text)}")
    return value


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse_value(spec: FieldSpec, value: Any) -> Any:
    kind = spec.kind
    if kind is list:
        if not isinstance(value, list):
            raise _Bad(f"expected a list, got {_show(value)}")
        if spec.item is str:
            if not all(isinstance(v, str) for v in value):
                raise _Bad("expected a list of uids (strings)")
            return list(value)
        return [from_plain(spec.item, v) for v in value]
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise _Bad(f"unknown value {_show(value)} (one of: {allowed})") from None
    if kind is datetime:
        return _parse_datetime(value)
    if kind is date:
        return _parse_date(value)
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise _Bad(f"expected true or false, got {_show(value)}")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _Bad(f"expected a whole number, got {_show(value)}")
    if kind is str:
        if isinstance(value, str):
            return value
        raise _Bad(f"expected text, got {_show(value)}")
    raise TypeError(f"unsupported field type {kind!r}")


def from_plain(cls: type[R], data: Any, *, uid: str | None = None) -> R:
    """Build a record from plain values, checking every field.

    Raises InvalidRecord naming the record and the first bad field. Unknown keys
    are ignored so that newer files with extra fields still import.
    """
    kind = record_kind(cls)
    if not isinstance(data, dict):
        raise InvalidRecord(kind, uid, "(record)", f"expected an object, got {_show(data)}")
    uid = data.get("uid") if isinstance(data.get("uid"), str) else uid
    values: dict[str, Any] = {}
    for spec, may_be_missing in _fields_and_defaults(cls):
        value = data.get(spec.name)
        if value is None:
            if may_be_missing:
                if spec.optional and not _has_default(cls, spec.name):
                    values[spec.name] = None  # e.g. a note whose round was deleted
                continue
            raise InvalidRecord(kind, uid, spec.name, "is required")
        if spec.kind is str and type(value) is str:
            values[spec.name] = value  # the common case, without the checks below
            continue
        try:
            values[spec.name] = _parse_value(spec, value)
        except _Bad as bad:
            raise InvalidRecord(kind, uid, spec.name, bad.problem) from None
        except InvalidRecord as inner:
            raise InvalidRecord(kind, uid, f"{spec.name}.{inner.field}", inner.problem) from None
    return cls(**values)


@cache
def _fields_and_defaults(cls: type) -> tuple[tuple[FieldSpec, bool], ...]:
    """Each field, and whether it may be left out (optional or defaulted)."""
    return tuple((spec, spec.optional or _has_default(cls, spec.name)) for spec in fields_of(cls))


# Dates a person's job search can hold. Far wider ones parse, but then overflow
# when moved to another zone or a day later (0001-01-01T01:00+05:00 is in year 0 UTC).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
# What SQLite can store, for whole numbers no narrower bound is given for.
_INT64 = (-(2**63), 2**63 - 1)


def check_ranges(record: Any, int_bounds: dict[str, tuple[int, int]] | None = None) -> None:
    """Refuse dates and date-times outside the years EARLIEST_YEAR..LATEST_YEAR and
    whole numbers outside their field's (low, high) in `int_bounds` (else 64-bit).

    Raises InvalidRecord naming the record and the field, as from_plain does.
    """
    kind = record_kind(type(record))
    uid = getattr(record, "uid", None)
    for spec in _ranged_fields(type(record)):
        value = getattr(record, spec.name)
        if value is None:
            continue
        if spec.kind is list:
            for item in value:
                try:
                    check_ranges(item)
                except InvalidRecord as inner:
                    raise InvalidRecord(kind, uid, f"{spec.name}.{inner.field}", inner.problem) from None
        elif spec.kind in (date, datetime):
            if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
                raise InvalidRecord(kind, uid, spec.name,
                                    f"{value.isoformat()} is outside the years {EARLIEST_YEAR} "
                                    f"to {LATEST_YEAR}")
        elif spec.kind is int:
            low, high = (int_bounds or {}).get(spec.name, _INT64)
            if not low <= value <= high:
                raise InvalidRecord(kind, uid, spec.name,
                                    f"must be a whole number from {low} to {high}, not {_show(value)}")


@cache
def _ranged_fields(cls: type) -> tuple[FieldSpec, ...]:
    """The fields check_ranges looks at: dates, whole numbers, lists of records."""
    return tuple(spec for spec in fields_of(cls)
                 if spec.kind in (date, datetime, int) or (spec.kind is list and spec.item is not str))


def _has_default(cls: type, name: str) -> bool:
    f = cls.__dataclass_fields__[name]
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


# -- stored rows straight to plain values ---------------------------------------

_STR, _INT, _BOOL, _DATE, _DATETIME, _ENUM, _LIST = range(7)


@cache
def _row_plan(cls: type) -> tuple[tuple[str, int, bool, frozenset[Any]], ...]:
    """Per field: its name, how a stored value is checked, whether None stays None,
    and (for enumerations) the words allowed."""
    plan = []
    for spec in fields_of(cls):
        default = cls.__dataclass_fields__[spec.name].default
        none_ok = (spec.optional and not _has_default(cls, spec.name)) or default is None
        kind, words = spec.kind, frozenset()
        if kind is list:
            code = _LIST
        elif isinstance(kind, type) and issubclass(kind, Enum):
            code, words = _ENUM, frozenset(m.value for m in kind)
        else:
            code = {str: _STR, int: _INT, bool: _BOOL, date: _DATE, datetime: _DATETIME}[kind]
        plan.append((spec.name, code, none_ok, words))
    return tuple(plan)


def plain_from_row(cls: type, row: dict[str, Any]) -> dict[str, Any] | None:
    """What `to_plain(from_plain(cls, row))` gives for a stored row (booleans as
    0/1, list fields already plain), without building the record: a stored value
    is already in its plain form. None when a value is not in the form Afterword
    writes (a file edited by hand), so the caller takes the full, checking path."""
    plain: dict[str, Any] = {}
    for name, code, none_ok, words in _row_plan(cls):
        value = row[name]
        if value is None:
            if not none_ok:
                return None
        elif code == _BOOL:
            value = bool(value)
        elif code != _LIST and not _as_written(code, words, value):
            return None
        plain[name] = value
    return plain


def _as_written(code: int, words: frozenset[Any], value: Any) -> bool:
    """Whether a (not None) value is in the plain form Afterword writes."""
    if code == _STR:
        return type(value) is str
    if code == _ENUM:
        return value in words
    if code == _INT:
        return type(value) is int
    if code == _BOOL:
        return type(value) is bool
    if code == _DATE:
        return _canonical_date(value)
    if code == _DATETIME:
        return _canonical_datetime(value)
    return type(value) is list and all(type(v) is str for v in value)


def _canonical_date(value: Any) -> bool:
    try:
        return type(value) is str and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _canonical_datetime(value: Any) -> bool:
    try:
        moment = datetime.fromisoformat(value) if type(value) is str else None
    except ValueError:
        return False
    return moment is not None and moment.tzinfo is not None and moment.isoformat() == value


# -- checked plain items straight to stored values -------------------------------

@cache
def _item_plan(cls: type) -> tuple[tuple[str, int, bool, frozenset[Any], Any], ...] | None:
    """_row_plan plus each field's plain default; None for a kind with lists of
    records (they take the record path)."""
    plan = []
    for (name, code, none_ok, words), spec in zip(_row_plan(cls), fields_of(cls), strict=True):
        if code == _LIST and spec.item is not str:
            return None
        f = cls.__dataclass_fields__[name]
        if f.default is not dataclasses.MISSING:
            default = None if f.default is None else _plain_value(spec, f.default)
        elif f.default_factory is not dataclasses.MISSING and code == _LIST:
            default = []
        else:
            default = dataclasses.MISSING
        plan.append((name, code, none_ok, words, default))
    return tuple(plan)


def plain_from_item(cls: type, item: dict[str, Any]) -> dict[str, Any] | None:
    """What `to_plain(from_plain(cls, item))` gives for an item from_plain has
    accepted, without building the record: in a file Afterword wrote, every value
    is already in its plain form. None when one is not (a file from elsewhere), so
    the caller takes the record path."""
    plan = _item_plan(cls)
    if plan is None:
        return None
    plain: dict[str, Any] = {}
    for name, code, none_ok, words, default in plan:
        value = item.get(name)
        if value is None:
            if none_ok and default is None:
                plain[name] = None
                continue
            if default is dataclasses.MISSING:
                return None
            value = default
        elif not _as_written(code, words, value):
            return None
        plain[name] = value
    return plain
