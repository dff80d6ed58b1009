"""The window's database file: File ▸ New Database, Open Database and Save a Copy;
the claim that keeps one window per file (ui/single_instance.py); the watch that
reports the file deleted or moved; and the setting that remembers the last file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel

from afterword import APP_NAME
from afterword.context import AppContext
from afterword.core.errors import AfterwordError
from afterword.core.health import write_problem
from afterword.core.store import WINDOW_BUSY_TIMEOUT, Store, backup_to
from afterword.ui import messages
from afterword.ui import settings as keys
from afterword.ui.single_instance import DatabaseInstance, claim_database

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow

DB_FILTER = "Afterword databases (*.db *.afterword);;All files (*)"


class DatabaseFiles(QObject):
    """Switching, copying and watching the file `window.context` works on."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        # The claim on the open file (one window per database); app.run_app sets the first.
        self.claim: DatabaseInstance | None = None
        make = window.make_action
        self.new_action = make("New &Database…", self.new_database, "Ctrl+Alt+N",
                               "Start an empty database in a new file")
        self.open_action = make("&Open Database…", self.choose_database, QKeySequence.StandardKey.Open)
        self.save_copy_action = make("Save a Cop&y…", self.save_copy, "Ctrl+Shift+S",
                                     "Write a consistent copy of the database elsewhere")
        self.label = QLabel()
        self.label.setAccessibleName("Database file")
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._warned_missing = False

    @property
    def context(self) -> AppContext:
        return self.window.context

    def actions(self) -> list[QAction]:
        """The File-menu commands, in menu order."""
        return [self.new_action, self.open_action, self.save_copy_action]

    # -- the commands ----------------------------------------------------------------

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "New Database", str(self._folder()), DB_FILTER)
        if path:
            target = Path(path)
            if target.exists() and target.stat().st_size:
                messages.warn(self.window, "New Database",
                              f"{target} already exists; use File ▸ Open Database… to open it.")
                return
            self.open_database(target)

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Database", str(self._folder()), DB_FILTER)
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> bool:
        """Switch the window to another database file; the current one stays open on failure."""
        if Path(path).resolve() == Path(self.context.db_path).resolve():
            return True
        claim = claim_database(Path(path))  # says so itself when another window has it
        if not claim.owned:
            return False
        try:
            store = Store.open(path, busy_timeout=WINDOW_BUSY_TIMEOUT)
        except AfterwordError as exc:
            claim.release()
            messages.warn(self.window, "Open Database", str(exc))
            return False
        if self.claim is not None:
            self.claim.release()
        self.claim = claim
        old = self.context.store
        self.context.store, self.context.db_path = store, Path(path)
        old.close()
        self.window.undo_stack.clear()  # its commands belong to the file just closed
        self.opened()
        self.window.hub.notify("*")
        return True

    def save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save a Copy", str(self._folder()), DB_FILTER)
        if not path:
            return
        try:
            backup_to(self.context.store.db, Path(path), self.context.store.path)
        except AfterwordError as exc:
            messages.warn(self.window, "Save a Copy", str(exc))
            return
        self.window.statusBar().showMessage(f"Saved a copy to {path}", 8000)

    # -- the file now open -----------------------------------------------------------

    def opened(self) -> None:
        """Name the open file in the title and status bar, remember it, watch it."""
        path = self.context.db_path
        read_only = self.window.read_only
        read_only.check()
        self.window.setWindowTitle(f"{path.name}{read_only.title_suffix()} — {APP_NAME}")
        self.window.setWindowFilePath(str(path))
        self.label.setText(f"{path}{read_only.title_suffix()}")
        keys.LAST_DATABASE.write(self.window.settings, path.resolve())
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self._watcher.addPath(str(path))
        self._warned_missing = False
        self.window.sync_control.refresh()  # each database has its own account

    def _folder(self) -> Path:
        return self.context.db_path.parent

    def _file_changed(self, _path: str) -> None:
        # Said once: the next save attempt says it again where the user is.
        problem = write_problem(self.context.db_path)
        if problem and "deleted" in problem and not self._warned_missing:
            self._warned_missing = True
            self.window.report_problem(problem)
