"""How right a card's fields are against the truth: one mark per field, null included.

Text compares apart from case, accents and spacing; phones by the number itself
(E.164 and extension); the address line by line, punctuation aside.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

FIELDS = ("name", "title", "company", "phone_direct", "phone_cell", "email", "linkedin",
          "mailing_address")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def _phone(text: str) -> str:
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) + (
        f"x{number.extension}" if number.extension else "")


def _web(text: str) -> str:
    return re.sub(r"^(https?://)?", "", text.lower()).rstrip("/")


def _address(text: str) -> str:
    return "|".join(re.sub(r"[^\w]", "", _fold(line)) for line in text.splitlines() if line.strip())


def field_right(field: str, got: str | None, want: str | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    if field.startswith("phone_"):
        return _phone(got) == _phone(want)
    if field == "linkedin":
        return _web(got) == _web(want)
    if field == "mailing_address":
        return _address(got) == _address(want)
    return _fold(got) == _fold(want)
