"""The calendar export's remembered choices, as one CalendarOptions (the keys are
declared in settings.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from afterword.core.rules import ReminderKind
from afterword.core.store import Store
from afterword.ui import settings as keys

if TYPE_CHECKING:  # icalendar is loaded when a calendar is written, not at start-up
    from afterword.core.calendar import CalendarOptions
    from afterword.core.calendar_export import ExportSummary


def load_options(settings: QSettings) -> CalendarOptions:
    """The last choices, or the defaults; anything unreadable falls back to its default."""
    from afterword.core.calendar import CalendarOptions

    known = {k.value for k in ReminderKind}
    return CalendarOptions(
        tasks=keys.CALENDAR_TASKS.read(settings),
        kinds=frozenset(keys.CALENDAR_KINDS.read(settings) & known),
        rounds=keys.CALENDAR_ROUNDS.read(settings), full=keys.CALENDAR_FULL.read(settings),
        private_notes=keys.CALENDAR_PRIVATE_NOTES.read(settings),
        alarm_time=keys.CALENDAR_ALARM_TIME.read(settings),
    )


def save_options(settings: QSettings, options: CalendarOptions) -> None:
    """Remember the choices (not the date range: it would go stale)."""
    keys.CALENDAR_TASKS.write(settings, options.tasks)
    keys.CALENDAR_KINDS.write(settings, options.kinds)
    keys.CALENDAR_ROUNDS.write(settings, options.rounds)
    keys.CALENDAR_FULL.write(settings, options.full)
    keys.CALENDAR_PRIVATE_NOTES.write(settings, options.private_notes)
    keys.CALENDAR_ALARM_TIME.write(settings, options.alarm_time)


def auto_file(settings: QSettings, db_path: Path) -> Path | None:
    """The .ics file kept current for the database at `db_path`, if any."""
    return keys.CALENDAR_AUTO_FILE.of(db_path).read(settings)


@dataclass(frozen=True)
class KeptFile:
    """The .ics file kept current for one database, and the choices it is written
    with. Export Reminders (with "Keep this file up to date") and every later
    re-write go through `write`, so the file never flips between two contents."""

    path: Path
    options: CalendarOptions

    def write(self, store: Store, now: datetime) -> ExportSummary:
        from afterword.core.calendar_export import export_calendar

        return export_calendar(store, self.path, self.options, now)


def kept_file(settings: QSettings, db_path: Path) -> KeptFile | None:
    """The file kept current for the database at `db_path`, with the remembered
    choices (every date: a range would go stale); None if there is none."""
    path = auto_file(settings, db_path)
    return KeptFile(path, load_options(settings)) if path is not None else None
