"""How much of each contact field an import accepts, and the check that names the
file's own field when a value is too long. Limits follow what the card accepts
when typed (core/validation.py)."""

from __future__ import annotations

from afterword.core import validation
from afterword.core.errors import ContactsFileError

MAX_NOTES = 100_000

LIMITS: dict[str, int] = {
    "name": validation.MAX_NAME,
    "title": validation.MAX_LINE,
    "company": validation.MAX_NAME,
    "email": validation.MAX_LINE,
    "phone": validation.MAX_LINE,
    "link": validation.MAX_LINE,
    "mailing_address": 2_000,
    "helped": MAX_NOTES,
    "notes": MAX_NOTES,
}


def limited(value: str | None, field: str, where: str, source: str) -> str | None:
    """`value` stripped (None when empty); too long raises ContactsFileError naming
    `source`, the field as the file calls it."""
    if value is None:
        return None
    value = value.strip()
    limit = LIMITS[field]
    if len(value) > limit:
        raise ContactsFileError(where, source, f"at most {limit:,} characters here "
                                f"(this has {len(value):,})")
    return value or None
