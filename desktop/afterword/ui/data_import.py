"""File ▸ Import Data…: read an Afterword interchange file (JSON, version 1) into
the open database, all or nothing, on a worker thread while a progress dialog
shows; what was imported, or why nothing was, is said in the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from afterword.core.errors import InterchangeError
from afterword.core.store import Store
from afterword.ui import messages
from afterword.ui.background import BackgroundJobs

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow

JSON_FILTER = "Afterword interchange files (*.json);;All files (*)"


def import_file(store: Store, path: Path) -> str:
    """Import `path` into `store` (any thread), streamed; the summary of what was written."""
    from afterword.core import interchange  # on first use, not at start-up

    return interchange.import_file(store, path).summary()


class DataImport(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.action = window.make_action(
            "&Import Data…", self.choose, None,
            "Read an Afterword interchange file (.json) into this database, all or nothing")
        self.action.setObjectName("importDataAction")
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._done)
        self._jobs.failed.connect(self._failed)
        self._progress: QProgressDialog | None = None

    def choose(self) -> None:
        folder = str(self.window.context.db_path.parent)
        path, _ = QFileDialog.getOpenFileName(self.window, "Import Data", folder, JSON_FILTER)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Import `path`: at once into an in-memory database, else on a worker thread."""
        store = self.window.context.store
        if store.path is None:
            try:
                summary = import_file(store, path)
            except InterchangeError as exc:
                self._failed(str(exc))
                return
            self._done(summary)
            return
        self._progress = QProgressDialog(f"Importing {path.name}…", "", 0, 0, self.window)
        self._progress.setWindowTitle("Import Data")
        self._progress.setCancelButton(None)  # all or nothing: it cannot stop half-way
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(300)
        self._jobs.submit(store.path, lambda worker_store: import_file(worker_store, path))

    def wait(self) -> None:
        """Let an import under way finish (the window is closing)."""
        self._jobs.wait()

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress = None

    def _done(self, summary: str) -> None:
        self._close_progress()
        # Records may have been replaced under earlier steps: they cannot be undone safely.
        self.window.undo_stack.clear()
        self.window.hub.notify("*")
        self.window.statusBar().showMessage(f"Imported: {summary}", 15000)

    def _failed(self, reason: str) -> None:
        self._close_progress()
        messages.warn(self.window, "Import Data", f"Nothing was imported: {reason}")
