"""Every choice the window remembers between runs, declared once, typed, with its
default (QSettings in an INI file in the user's config folder).

Adding one is one line here, e.g. `NOTE_HOUR = Number("prefs/note_hour", 19, low=0,
high=23)`; read it with `NOTE_HOUR.read(settings)` and keep it with
`NOTE_HOUR.write(settings, 20)`. Changing how an existing key is kept needs an
upgrade step in settings_upgrade.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QSettings, QStandardPaths

from afterword.ui.setting_kinds import (
    Bytes,
    ClockTime,
    FilePath,
    Flag,
    Number,
    PerDatabase,
    Text,
    Words,
)
from afterword.ui.settings_upgrade import upgrade


def _locale_region() -> str:
    return QLocale.system().name().partition("_")[2] or "US"


def _calendar_default(name: str) -> Callable[[], Any]:
    """What `afterword ics` writes by default, looked up when first needed (the
    calendar code is not loaded at start-up)."""
    def default() -> Any:
        from afterword.core.calendar import CalendarOptions

        return getattr(CalendarOptions(), name)
    return default


# -- files -------------------------------------------------------------------------
LAST_DATABASE = FilePath("file/last_database")

# -- the window ----------------------------------------------------------------------
GEOMETRY = Bytes("window/geometry")
WINDOW_STATE = Bytes("window/state")
WINDOW_SPLITTER = Bytes("window/splitter")
PAGE = Text("window/page", "today")
TODAY_HEADER = Bytes("today/header")
INTERVIEWS_HEADER = Bytes("interviews/header")
PEOPLE_SPLITTER = Bytes("people/splitter")
COMPANIES_SPLITTER = Bytes("companies/splitter")

def _closing_question() -> str:
    """The prep brief's soft closing question, as `afterword brief` words it."""
    from afterword.core.brief import DEFAULT_CLOSING_QUESTION

    return DEFAULT_CLOSING_QUESTION


# -- preferences -----------------------------------------------------------------------
PHONE_REGION = Text("prefs/phone_region", _locale_region, normal=lambda s: s.strip().upper())
TODAY_LOOKAHEAD = Number("prefs/today_lookahead_days", 0, low=0, high=30)
# One line; an empty one means the default wording.
CLOSING_QUESTION = Text("prefs/closing_question", _closing_question, normal=lambda s: " ".join(s.split()))

# -- the calendar export --------------------------------------------------------------
CALENDAR_LAST_FILE = FilePath("calendar/last_file")
CALENDAR_TASKS = Flag("calendar/tasks", _calendar_default("tasks"))
CALENDAR_KINDS = Words("calendar/kinds", _calendar_default("kinds"))
CALENDAR_ROUNDS = Flag("calendar/rounds", _calendar_default("rounds"))
CALENDAR_FULL = Flag("calendar/full", _calendar_default("full"))
CALENDAR_PRIVATE_NOTES = Flag("calendar/private_notes", _calendar_default("private_notes"))
CALENDAR_ALARM_TIME = ClockTime("calendar/alarm_time", _calendar_default("alarm_time"))
# The file kept current for each database: it mirrors that database's reminders,
# and its SEQUENCE numbers live in that database, so another must never overwrite it.
CALENDAR_AUTO_FILE = PerDatabase("calendar/auto_file", FilePath)


# -- sync with a CardDAV/CalDAV server (the account itself lives in the database) ----
SYNC_AUTOMATIC = Flag("sync/automatic", True)  # shortly after each change, and every few minutes
SYNC_EVERY = Number("sync/every_minutes", 5, low=1, high=1440)


def settings_file() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / "Afterword" / "afterword.ini"


def open_settings() -> QSettings:
    """The settings, read fresh from disk (tests point XDG_CONFIG_HOME elsewhere),
    upgraded first if an older Afterword wrote them."""
    settings = QSettings(str(settings_file()), QSettings.Format.IniFormat)
    upgrade(settings)
    return settings
