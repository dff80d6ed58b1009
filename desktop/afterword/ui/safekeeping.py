"""Keeping the open database safe from the window: a daily automatic backup taken
on a worker thread (at start and while the window stays open), File ▸ Restore from
Backup…, and Help ▸ Check Database… (SQLite's quick check, on a worker thread)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from afterword.core.errors import AfterwordError
from afterword.paths import data_dir
from afterword.ui import messages
from afterword.ui.background import BackgroundJobs

# core.backups is loaded with the first daily backup, seconds after the window opens.
if TYPE_CHECKING:
    from afterword.core import backups
    from afterword.ui.main_window import MainWindow

FIRST_SNAPSHOT_MS = 3_000  # after start-up, when the first page has its data
SNAPSHOT_EVERY_MS = 60 * 60 * 1000  # a window left open over midnight takes the next day's


class Safekeeping(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.restore_action = window.make_action(
            "Restore from &Backup…", self.choose_backup,
            tip="Put the database back to one of its automatic daily backups")
        self.check_action = window.make_action(
            "&Check Database…", self.check_database,
            tip="Look for damage in the database file (SQLite's quick check)")
        self._snapshots = BackgroundJobs(self)
        self._snapshots.done.connect(self._snapshot_taken)
        self._snapshots.failed.connect(lambda reason: self._status(f"Automatic backup failed: {reason}"))
        self._checks = BackgroundJobs(self)
        self._checks.done.connect(self._checked)
        self._checks.failed.connect(lambda reason: messages.warn(window, "Check Database", reason))
        self._timer = QTimer(self)
        self._timer.setInterval(SNAPSHOT_EVERY_MS)
        self._timer.timeout.connect(self.snapshot_if_due)
        self._timer.start()
        QTimer.singleShot(FIRST_SNAPSHOT_MS, self.snapshot_if_due)

    def folder(self) -> Path:
        from afterword.core import backups

        return backups.snapshot_folder(data_dir(), self.window.context.db_path)

    # -- the daily backup ------------------------------------------------------------

    def snapshot_if_due(self) -> None:
        """Take today's backup on a worker thread (its own connection), if none yet."""
        store = self.window.context.store
        if store.path is None or store.read_only or self._snapshots.busy:
            return
        from afterword.core import backups

        folder, now = self.folder(), self.window.context.clock().replace(tzinfo=None)
        if backups.snapshot_due(folder, now.date()):
            self._snapshots.submit(store.path, lambda s: backups.daily_snapshot(s, folder, now))

    def _snapshot_taken(self, path: Path | None) -> None:
        if path is not None:
            self._status(f"Automatic backup kept: {path.name}")

    def finish(self) -> None:
        """Wait for a backup or check in progress (on closing the window)."""
        self._timer.stop()
        self._snapshots.wait()
        self._checks.wait()

    # -- restore ---------------------------------------------------------------------

    def choose_backup(self) -> None:
        from afterword.core import backups
        from afterword.ui.dialogs.restore_backup import RestoreBackupDialog  # on first use

        folder = self.folder()
        dialog = RestoreBackupDialog(backups.list_snapshots(folder), str(folder), self.window)
        if dialog.exec() != RestoreBackupDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        self.restore(dialog.chosen())

    def restore(self, snapshot: backups.Snapshot) -> bool:
        when = f"{snapshot.taken:%Y-%m-%d %H:%M}"
        if messages.ask(self.window, "Restore from Backup",
                        f"Put the database back as it was on {when}? What it holds now is kept "
                        f"as a backup first, so you can come back to it.") != messages.Button.Yes:
            return False
        from afterword.core import backups

        context = self.window.context
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            kept = backups.restore(context.store, snapshot.path, self.folder(),
                                   context.clock().replace(tzinfo=None))
        except AfterwordError as exc:
            messages.warn(self.window, "Restore from Backup", str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.window.undo_stack.clear()  # its steps belong to the records just replaced
        self.window.hub.notify("*")
        self._status(f"Restored the backup of {when}; what you had is kept as the backup "
                     f"{kept.name} (File ▸ Restore from Backup… brings it back)")
        return True

    # -- check -----------------------------------------------------------------------

    def check_database(self) -> None:
        store = self.window.context.store
        if store.path is None:
            return
        self._status("Checking the database…")
        self._checks.submit(store.path, lambda s: s.quick_check())

    def _checked(self, problem: str | None) -> None:
        if problem:
            messages.warn(self.window, "Check Database", problem)
        else:
            messages.info(self.window, "Check Database",
                          f"{self.window.context.db_path} is sound: SQLite's check found no damage.")
        self._status("")

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)
