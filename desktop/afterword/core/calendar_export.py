"""Write the reminders calendar to a file, then remember what was written.

The file is replaced whole (a temporary file, then a rename), so a calendar
subscribed to it never reads half a file. The remembered versions are updated
only after the file is in place: a failed export leaves the database unchanged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from afterword.core.calendar import CalendarOptions, build_calendar
from afterword.core.calendar_content import ROUND_KIND
from afterword.core.calendar_state import record_versions
from afterword.core.errors import AfterwordError
from afterword.core.files import write_private
from afterword.core.rules import ReminderKind
from afterword.core.store import Store

_NAMES = {
    ReminderKind.THANK_YOU_NOTE.value: ("thank-you note", "thank-you notes"),
    ReminderKind.FOLLOW_UP.value: ("follow-up", "follow-ups"),
    ReminderKind.FEEDBACK_CALL.value: ("feedback call", "feedback calls"),
    ReminderKind.TOUCH.value: ("stay-in-touch", "stay-in-touch"),
    ROUND_KIND: ("interview round", "interview rounds"),
}


class CalendarExportError(AfterwordError):
    """The calendar file could not be written; nothing was changed."""


@dataclass
class ExportSummary:
    """What an export wrote, for the user to read."""

    path: Path
    tasks: bool
    counts: dict[str, int] = field(default_factory=dict)
    new: int = 0
    changed: int = 0
    cancelled: int = 0
    completed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        """One line: 'Wrote 11 events to F.ics: 4 thank-you notes, … (2 new, 1 updated).'
        Each change since the last export is counted once."""
        noun = "task" if self.tasks else "event"
        parts = [f"{n} {_NAMES.get(k, (k, k))[n != 1]}" for k, n in self.counts.items() if n]
        text = f"Wrote {self.total} {noun}{'s' if self.total != 1 else ''} to {self.path.name}"
        if parts:
            text += ": " + ", ".join(parts)
        changes = [f"{self.new} new", f"{self.changed} updated"]
        changes += [f"{n} {word}" for n, word in ((self.completed, "completed"),
                                                   (self.cancelled, "cancelled")) if n]
        return text + f" ({', '.join(changes)})."


def write_whole(out: Path, data: bytes) -> None:
    """Replace `out` with `data`, all or nothing, readable by the owner only."""
    try:
        write_private(out, data)
    except AfterwordError as exc:
        raise CalendarExportError(f"{exc}; nothing was exported") from None


def export_calendar(store: Store, out: str | os.PathLike[str], options: CalendarOptions,
                    now: datetime) -> ExportSummary:
    """Write the calendar for `options` to `out` and remember each entry's version.

    Records that cannot be exported are listed in `problems`; the rest is written.
    Raises CalendarExportError (database unchanged) when the file cannot be written.
    """
    out = Path(out)
    if out.is_dir():
        raise CalendarExportError(f"{out} is a folder; choose a file name ending in .ics")
    build = build_calendar(store, options, now)
    write_whole(out, build.calendar.to_ical())
    record_versions(store, build.stamped)
    return ExportSummary(
        out, options.tasks, dict(sorted(build.counts.items(), key=lambda kv: _order(kv[0]))),
        new=build.new, changed=build.updated, cancelled=build.cancelled,
        completed=build.completed, problems=build.problems,
    )


def _order(kind: str) -> int:
    return list(_NAMES).index(kind) if kind in _NAMES else len(_NAMES)
