"""Checks for what a user types into a card, each returning a one-line problem or None,
and the size limits of every text field, the same for the window and every importer.

A refused value is never thrown away by the caller: the field keeps the text and
shows the problem beside it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from afterword.core.codec import record_kind
from afterword.core.errors import InvalidRecord
from afterword.core.terminal import has_control_characters, printable

MAX_NAME = 200
MAX_LINE = 500
MAX_ADDRESS = 1_000
MAX_TEXT = 10_000
MAX_UID = 200
MAX_LIST = 200  # people at one round, questions or concerns of one round
MAX_PHOTO_BYTES = 10 * 1024 * 1024


class Limit(NamedTuple):
    """The longest text a field holds, and whether it may span lines."""

    chars: int
    lines: bool = False


# Every text field of every record, by field name (a name means the same in every
# record). The window's forms, `afterword import` and every other importer (vCard,
# CSV, a read card) apply this one table through `text_problem`/`check_text_fields`.
FIELD_LIMITS: dict[str, Limit] = {
    "name": Limit(MAX_NAME),
    "title": Limit(MAX_LINE),
    "website": Limit(MAX_LINE),
    "linkedin": Limit(MAX_LINE),
    "email": Limit(MAX_LINE),
    "phone_direct": Limit(100),
    "phone_cell": Limit(100),
    "target": Limit(MAX_LINE),
    "tone": Limit(MAX_LINE),
    "timezone": Limit(100),
    "delivery": Limit(MAX_LINE),
    "requested_via": Limit(MAX_LINE),
    "rrule": Limit(MAX_LINE),
    "mime_type": Limit(100),
    "address": Limit(MAX_ADDRESS, lines=True),
    "mailing_address": Limit(MAX_ADDRESS, lines=True),
    "closing_question": Limit(MAX_TEXT, lines=True),
    **{name: Limit(MAX_TEXT, lines=True) for name in (
        "notes", "helped", "points", "better_answer", "feedback", "actions", "closing_answer",
        "next_steps", "question", "my_answer", "text", "response")},
}
# Any other text field: a uid, a reference to one (…_uid), or a line.
DEFAULT_LIMIT = Limit(MAX_LINE)


@cache
def limit_of(field: str) -> Limit:
    if field == "uid" or field.endswith("_uid") or field.endswith("_uids"):
        return Limit(MAX_UID)
    return FIELD_LIMITS.get(field, DEFAULT_LIMIT)


def text_problem(field: str, text: str) -> str | None:
    """Why `text` cannot be stored in `field` (too long, a control character, not
    valid Unicode), or None."""
    limit = limit_of(field)
    if len(text) > limit.chars:
        return f"at most {limit.chars:,} characters here (this has {len(text):,})"
    if text.isprintable():  # the common case: no control, format or surrogate character
        return None
    if has_control_characters(text, lines=limit.lines):
        what = "control characters" if limit.lines else "line breaks or control characters"
        return f"{what} are not allowed here: {printable(text)[:60]!r}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "not valid Unicode (a lone surrogate)"
    return None


def check_text_fields(record: Any) -> None:
    """Raise InvalidRecord (naming the record and field) for the first text field of
    `record`, or of a question or concern inside it, that `text_problem` refuses,
    or a list longer than MAX_LIST."""
    found = next(_record_problems(record), None)
    if found is not None:
        raise InvalidRecord(record_kind(type(record)), getattr(record, "uid", None), *found)


def changed_text_problem(before: Any | None, after: Any) -> str | None:
    """For a save from a form: the first problem in a text field that the save
    changes, as 'field: problem' (a value already stored is not judged again)."""
    for name, problem in _record_problems(after):
        top = name.split(".", 1)[0].split("[", 1)[0]
        if before is None or getattr(before, top, None) != getattr(after, top, None):
            return f"{record_kind(type(after))} {name.replace('_', ' ')}: {problem}"
    return None


def _record_problems(record: Any) -> Iterator[tuple[str, str]]:
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if isinstance(value, str):
            problem = text_problem(name, value)
            if problem:
                yield name, problem
        elif isinstance(value, list):
            if len(value) > MAX_LIST:
                yield name, f"at most {MAX_LIST} entries (this has {len(value):,})"
                continue
            for index, item in enumerate(value):
                if isinstance(item, str):
                    problem = text_problem(name, item)
                    if problem:
                        yield f"{name}[{index}]", problem
                elif dataclasses.is_dataclass(item):
                    for inner, problem in _record_problems(item):
                        yield f"{name}[{index}].{inner}", problem


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def clipped(text: str | None, chars: int) -> str | None:
    """`text` cut to `chars` characters (with '…'), for printing or exporting a
    stored value that is longer than anything a form or import now accepts."""
    if text is None or len(text) <= chars:
        return text
    return text[: max(chars - 1, 0)] + "…"

# Deliberately loose: one @, a dot in the domain, no spaces. Mail servers decide the rest.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def name_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return "a name is needed"
    if len(text) > MAX_NAME:
        return f"a name can be at most {MAX_NAME} characters (this one has {len(text):,})"
    return text_problem("name", text)


def line_problem(text: str) -> str | None:
    return text_problem("title", text)


def email_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if not _EMAIL.match(text):
        return "not an email address like name@example.com"
    return None


def phone_problem(text: str, region: str | None) -> str | None:
    """A phone number must be a possible number; without a leading + it is read
    as a number of `region` (a two-letter country code)."""
    import phonenumbers  # a large library, loaded when a phone number is first checked

    text = text.strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        hint = "" if region else " (start with + and the country code)"
        return f"not a phone number{hint}"
    if not phonenumbers.is_possible_number(number):
        return "this phone number has too few or too many digits"
    return None


def parse_date(text: str) -> tuple[date | None, str | None]:
    """A date typed as 2026-11-24; an empty field is no date. Returns (date, problem)."""
    text = text.strip()
    if not text:
        return None, None
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, f"not a date like 2026-11-24: {text[:40]!r}"
