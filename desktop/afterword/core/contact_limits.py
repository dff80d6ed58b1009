"""The limits an imported contact keeps: the one table of core/validation.py (the
same as for typing into the card and for the interchange import), checked with
the file's own name for the field, so a refusal names what the user can find."""

from __future__ import annotations

from afterword.core import validation
from afterword.core.errors import ContactsFileError

# The kinds of value a reader hands over → the stored field whose limit applies.
FIELDS: dict[str, str] = {
    "name": "name", "title": "title", "company": "name", "email": "email",
    "phone": "phone_direct", "link": "linkedin", "mailing_address": "mailing_address",
    "helped": "helped", "notes": "notes",
}


def limited(value: str | None, field: str, where: str, source: str) -> str | None:
    """`value` tidied (None when empty; a one-line field's line breaks become spaces);
    a value the field cannot hold raises ContactsFileError naming `source`, the field
    as the file calls it."""
    if value is None:
        return None
    stored = FIELDS[field]
    value = value.strip()
    if not validation.limit_of(stored).lines:
        value = " ".join(value.split())
    problem = validation.text_problem(stored, value)
    if problem:
        raise ContactsFileError(where, source, problem)
    return value or None
