"""The window's settings (QSettings in an INI file in the user's config folder):
window geometry, splitters, the last database and the preferences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths

LAST_DATABASE = "file/last_database"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
PAGE = "window/page"
PHONE_REGION = "prefs/phone_region"
TODAY_LOOKAHEAD = "prefs/today_lookahead_days"


def settings_file() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / "Afterword" / "afterword.ini"


def open_settings() -> QSettings:
    """The settings, read fresh from disk (tests point XDG_CONFIG_HOME elsewhere)."""
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def last_database(settings: QSettings) -> Path | None:
    value = settings.value(LAST_DATABASE)
    return Path(str(value)) if value else None


def phone_region(settings: QSettings) -> str:
    """The country whose phone numbers may be typed without +; from the locale."""
    default = QLocale.system().name().partition("_")[2] or "US"
    return str(settings.value(PHONE_REGION, default) or default).upper()


def today_lookahead(settings: QSettings) -> int:
    try:
        return max(0, min(30, int(settings.value(TODAY_LOOKAHEAD, 0))))
    except (TypeError, ValueError):
        return 0
