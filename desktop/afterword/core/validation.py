"""Checks for what a user types into a card, each returning a one-line problem or None.

A refused value is never thrown away by the caller: the field keeps the text and
shows the problem beside it.
"""

from __future__ import annotations

import re
from datetime import date

import phonenumbers

MAX_NAME = 200
MAX_LINE = 500

# Deliberately loose: one @, a dot in the domain, no spaces. Mail servers decide the rest.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def name_problem(text: str) -> str | None:
    text = text.strip()
    if not text:
        return "a name is needed"
    if len(text) > MAX_NAME:
        return f"a name can be at most {MAX_NAME} characters (this one has {len(text):,})"
    return None


def line_problem(text: str) -> str | None:
    if len(text) > MAX_LINE:
        return f"at most {MAX_LINE} characters here (this has {len(text):,})"
    return None


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
