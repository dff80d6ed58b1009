"""Settings written by an older Afterword, brought up to date once, step by step.

The settings file carries the version of its layout. A step is never edited
once shipped: it names the keys as they were then (never the declarations in
settings.py, which may move on). The file is copied aside before the first
step runs, so a failed upgrade loses nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings

VERSION_KEY = "settings/version"
# The layout this code reads and writes; each step below brings a file up to its number.
SETTINGS_VERSION = 1

Step = Callable[[QSettings], None]
STEPS: dict[int, Step] = {}


def step(version: int) -> Callable[[Step], Step]:
    """Register the step that brings settings of version `version - 1` to `version`."""
    def register(function: Step) -> Step:
        if version in STEPS:
            raise ValueError(f"two settings upgrade steps for version {version}")
        STEPS[version] = function
        return function
    return register


@step(1)
def kinds_as_words(settings: QSettings) -> None:
    """The first release kept the calendar's reminder kinds as a QSettings list,
    which an INI file gives back as a string for one item and as nothing for
    none (so "no kinds, rounds only" came back as every kind). Now they are one
    comma-separated line."""
    key = "calendar/kinds"
    if not settings.contains(key):
        return
    raw = settings.value(key)
    items = [] if raw is None else [raw] if isinstance(raw, str) else list(raw)
    settings.setValue(key, ",".join(sorted(str(i).strip() for i in items if str(i).strip())))


def stored_version(settings: QSettings) -> int:
    """The layout version of the file: 0 for one written before versions were kept."""
    raw = settings.value(VERSION_KEY)
    if raw is None:
        return 0 if settings.allKeys() else SETTINGS_VERSION
    try:
        return int(str(raw))
    except ValueError:
        return 0


def upgrade(settings: QSettings) -> int:
    """Run the steps the file has not had yet; returns the version it started at.
    A file from a newer Afterword is left as it is (unknown keys are ignored and
    unreadable values read as their defaults)."""
    version = stored_version(settings)
    if version >= SETTINGS_VERSION:
        if settings.value(VERSION_KEY) is None:
            settings.setValue(VERSION_KEY, SETTINGS_VERSION)  # a new file
        return version
    _keep_a_copy(settings, version)
    for number in range(version + 1, SETTINGS_VERSION + 1):
        STEPS[number](settings)
        settings.setValue(VERSION_KEY, number)
    settings.sync()
    return version


def _keep_a_copy(settings: QSettings, version: int) -> None:
    """afterword.ini → afterword.ini.v0.bak, once per version upgraded from."""
    settings.sync()
    path = Path(settings.fileName())
    backup = path.with_name(f"{path.name}.v{version}.bak")
    if path.is_file() and not backup.exists():
        shutil.copy2(path, backup)
