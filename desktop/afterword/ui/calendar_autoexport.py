"""Re-write a chosen .ics file after every change, so a calendar that subscribes
to it (through a synced folder) stays current.

Changes come in bursts (a debrief saves several records), so the export waits
until the changes stop for a moment, then runs once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from afterword.context import AppContext
from afterword.core.errors import AfterwordError
from afterword.ui.background import BackgroundJobs
from afterword.ui.calendar_settings import auto_file, kept_file
from afterword.ui.hub import Hub
from afterword.ui.settings import open_settings

if TYPE_CHECKING:
    from afterword.core.calendar_export import ExportSummary

DELAY_MS = 2000


class CalendarAutoExport(QObject):
    """Listens to `Hub.changed`; the file and options live in the settings, so the
    export dialog turns it on or off just by saving them."""

    exported = Signal(str)  # a one-line summary, for the status bar
    failed = Signal(str)  # a one-line reason

    def __init__(self, context: AppContext, hub: Hub, parent: QObject | None = None, *,
                 settings: QSettings | None = None, delay_ms: int = DELAY_MS):
        super().__init__(parent)
        self.context = context
        self.settings = settings or open_settings()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._export_in_background)
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._report)
        self._jobs.failed.connect(self._fail)
        hub.changed.connect(self._schedule)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _schedule(self, _kind: str = "*") -> None:
        if auto_file(self.settings, self.context.db_path) is not None:
            self._timer.start()  # restarting it is the debounce

    def flush(self) -> None:
        """Finish a running export and run a waiting one now (on closing the window)."""
        self._jobs.wait()
        if self._timer.isActive():
            self._timer.stop()
            self.export_now()

    def export_now(self) -> ExportSummary | None:
        """Export in this thread, and report it."""
        kept = kept_file(self.settings, self.context.db_path)
        if kept is None:
            return None
        try:
            summary = kept.write(self.context.store, self.context.clock())
        except AfterwordError as exc:
            self._fail(str(exc))
            return None
        self._report(summary)
        return summary

    def _export_in_background(self) -> None:
        # A large database takes seconds to export: never in the window's thread.
        kept = kept_file(self.settings, self.context.db_path)  # settings: this thread only
        db_path = self.context.store.path
        if kept is None:
            return
        if db_path is None:
            self.export_now()
            return
        now = self.context.clock()
        self._jobs.submit(db_path, lambda store: kept.write(store, now))

    def _report(self, summary: ExportSummary) -> None:
        text = summary.describe()
        if summary.problems:
            text += f" {len(summary.problems)} could not be exported: {summary.problems[0]}"
        self.exported.emit(text)

    def _fail(self, reason: str) -> None:
        self.failed.emit(f"Calendar file not updated: {reason}")
