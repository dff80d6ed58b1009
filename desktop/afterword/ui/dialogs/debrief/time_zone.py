"""The round's time zone: an IANA name, picked or typed, the computer's by default;
the round's start is that day and time on the wall clock there."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QComboBox, QCompleter

from afterword.core.errors import InvalidRecord
from afterword.ui.widgets import named


def local_zone_name(moment: datetime) -> str:
    """The IANA name of the computer's zone when it is known, else UTC."""
    return getattr(moment.tzinfo, "key", None) or "UTC"


def zone_combo() -> QComboBox:
    """Every zone name, with completion on any part of it ("chicago" finds America/Chicago)."""
    combo = named(QComboBox(), "Time zone", "IANA name, e.g. America/Chicago")
    combo.setEditable(True)
    combo.addItems(sorted(available_timezones()))
    combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    return combo


def start_at(day: QDate, at: QTime, zone_name: str) -> datetime:
    """The moment `day` `at` in `zone_name`; InvalidRecord for a name that is not a zone."""
    name = zone_name.strip()
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidRecord("interview", None, "timezone",
                            f"“{name}” is not a time zone name (e.g. America/Chicago)") from None
    return datetime.combine(date(day.year(), day.month(), day.day()), time(at.hour(), at.minute()), zone)
