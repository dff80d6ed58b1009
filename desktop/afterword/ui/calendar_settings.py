"""The calendar export's remembered choices (in the window's QSettings INI file)."""

from __future__ import annotations

import hashlib
from datetime import time
from pathlib import Path

from PySide6.QtCore import QSettings

from afterword.core.calendar import CalendarOptions
from afterword.core.rules import ReminderKind

LAST_FILE = "calendar/last_file"
TASKS = "calendar/tasks"
KINDS = "calendar/kinds"
ROUNDS = "calendar/rounds"
FULL = "calendar/full"
PRIVATE_NOTES = "calendar/private_notes"
ALARM_TIME = "calendar/alarm_time"


def _flag(settings: QSettings, key: str, default: bool) -> bool:
    value = settings.value(key, default)
    return value if isinstance(value, bool) else str(value).lower() in ("true", "1")


def load_options(settings: QSettings) -> CalendarOptions:
    """The last choices, or the defaults; anything unreadable falls back to its default."""
    defaults = CalendarOptions()
    kinds = settings.value(KINDS)
    if isinstance(kinds, str):
        kinds = [kinds]  # QSettings gives a one-item list back as a string
    known = {k.value for k in ReminderKind}
    chosen = frozenset(k for k in (kinds or []) if k in known) if kinds is not None else defaults.kinds
    try:
        alarm = time.fromisoformat(str(settings.value(ALARM_TIME, "09:00")))
    except ValueError:
        alarm = defaults.alarm_time
    return CalendarOptions(
        tasks=_flag(settings, TASKS, False), kinds=chosen or defaults.kinds,
        rounds=_flag(settings, ROUNDS, False), full=_flag(settings, FULL, False),
        private_notes=_flag(settings, PRIVATE_NOTES, False), alarm_time=alarm,
    )


def save_options(settings: QSettings, options: CalendarOptions) -> None:
    """Remember the choices (not the date range: it would go stale)."""
    settings.setValue(TASKS, options.tasks)
    settings.setValue(KINDS, sorted(options.kinds))
    settings.setValue(ROUNDS, options.rounds)
    settings.setValue(FULL, options.full)
    settings.setValue(PRIVATE_NOTES, options.private_notes)
    settings.setValue(ALARM_TIME, options.alarm_time.strftime("%H:%M"))


def auto_file_key(db_path: Path) -> str:
    """Where the file kept current for `db_path` is remembered. Per database: the
    calendar file mirrors one database's reminders, and its SEQUENCE numbers live
    in that database, so another database must never overwrite it."""
    digest = hashlib.sha1(str(Path(db_path).expanduser().resolve()).encode()).hexdigest()[:16]
    return f"calendar/auto_file/{digest}"


def path_setting(settings: QSettings, key: str) -> Path | None:
    value = settings.value(key)
    return Path(str(value)) if value else None
