"""Helpers for the calendar export tests: export, then read back with vobject,
a parser independent of the icalendar library that wrote the file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import vobject

from afterword.core.calendar import CalendarOptions
from afterword.core.calendar_export import ExportSummary, export_calendar

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def export(store, path: Path, now: datetime = NOW, **options) -> tuple[ExportSummary, object]:
    summary = export_calendar(store, path, CalendarOptions(**options), now)
    return summary, read(path)


def read(path: Path):
    return vobject.readOne(path.read_text(encoding="utf-8"))


def entries(cal, name: str = "vevent") -> dict[str, object]:
    """UID → parsed component."""
    return {c.uid.value: c for c in cal.contents.get(name, [])}


def dump(store) -> list[str]:
    """Everything in the database, to compare before and after."""
    return list(store.db.conn.iterdump())
