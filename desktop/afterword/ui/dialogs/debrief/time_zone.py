"""The round's time zone: an IANA name, picked or typed (the zone of the role's
last round, else the computer's); the round's start is that day and time on the
wall clock there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from PySide6.QtCore import QDate, QDateTime, QObject, Qt, QTime
from PySide6.QtWidgets import QComboBox, QCompleter

from afterword.core.clock import zone_named
from afterword.core.errors import InvalidRecord
from afterword.ui.date_fields import DateTimeField
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


def default_start(now: datetime, zone: ZoneInfo) -> datetime:
    """A new round's start: an hour before `now`, on the hour, in the round's zone
    (a debrief is written after the round)."""
    return (now.astimezone(zone) - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)


class RoundTime(QObject):
    """The round's date and time (one field) and its zone.

    A new round starts an hour ago in the chosen zone — now on that zone's clock,
    not the computer's. Until the user types a time, choosing another zone shows
    the default again in that zone; a time the user typed keeps its reading (it was
    read off the invitation, in whichever zone it was in)."""

    def __init__(self, clock: Callable[[], datetime], parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock
        self.when = named(DateTimeField(), "Date and time of the round",
                          "On the clock of the round's time zone")
        self.zone = zone_combo()
        self.typed = False
        self._showing = False
        self.when.dateTimeChanged.connect(self._edited)
        self.zone.currentTextChanged.connect(self._zone_changed)

    def start_now(self) -> None:
        """Show the default start of a new round, in the zone chosen."""
        self.typed = False
        zone = zone_named(self.zone.currentText()) or self.clock().tzinfo
        self._show(default_start(self.clock(), zone))

    def show_start(self, start: datetime, zone_name: str) -> None:
        """Show a saved round's start in its own zone; it counts as typed."""
        self.zone.setCurrentText(zone_name)
        self._show(start.astimezone(ZoneInfo(zone_name)))
        self.typed = True

    def start(self) -> datetime:
        """The moment typed (InvalidRecord for a zone name that is not one)."""
        return start_at(self.when.date(), self.when.time(), self.zone.currentText())

    def _show(self, local: datetime) -> None:
        self._showing = True
        try:
            self.when.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                            QTime(local.hour, local.minute)))
        finally:
            self._showing = False

    def _edited(self) -> None:
        if not self._showing:
            self.typed = True

    def _zone_changed(self, name: str) -> None:
        if not self.typed and zone_named(name) is not None:
            self.start_now()
