"""How enumeration words read in the window: "hiring_manager" → "Hiring manager"."""

from __future__ import annotations

from enum import StrEnum


def word_label(value: str | None) -> str:
    if not value:
        return ""
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def role_label(value: str | None) -> str:
    return {"hr": "HR"}.get(value or "", word_label(value))


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(label, value) pairs for a combo box."""
    label = role_label if enum.__name__ == "Role" else word_label
    return [(label(member.value), member.value) for member in enum]
