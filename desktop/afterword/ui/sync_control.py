"""Sync in the window: File ▸ Sync Now, a status indicator in the status bar, and
syncing shortly after each change and every few minutes, always on a worker
thread (a sync talks to a server and may take seconds; the window never waits).

Offline is normal: a sync that cannot reach the server says so quietly and the
changes go out with the next one. Deletions waiting for the user's say are shown
by the indicator; clicking it asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QToolButton

from afterword.core.store import Store
from afterword.core.sync import APPLY, KEEP
from afterword.core.sync.account import load_account
from afterword.core.sync.errors import NoAccount, Unreachable
from afterword.core.sync.password import find_password
from afterword.ui import settings as keys
from afterword.ui.background import BackgroundJobs

if TYPE_CHECKING:
    from afterword.core.sync.run import SyncReport
    from afterword.ui.main_window import MainWindow

AFTER_CHANGE_MS = 5_000  # a burst of edits (a debrief) goes out as one sync
FAILURE_WIDTH_PX = 420  # the status bar shows why a sync failed, cut to this width


@dataclass(frozen=True)
class Offline:
    """The server could not be reached: not an error worth a warning."""

    reason: str


class SyncControl(QObject):
    """One per window. `finished(report)` and `failed(reason)` follow each sync."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.session_password: str | None = None  # typed in Preferences, no keyring here
        self.last: SyncReport | None = None
        self.last_error: str | None = None
        self.offline = False
        self._pending_answer: str | None = None
        self._quiet_change = False  # the sync's own changes do not start another sync
        self.action = window.make_action(
            "&Sync Now", self.sync_now, "Ctrl+Shift+U",
            "Sync contacts and reminders with your CardDAV/CalDAV server now")
        self.action.setObjectName("syncNowAction")
        self.indicator = QToolButton()
        self.indicator.setObjectName("syncStatus")
        self.indicator.setAccessibleName("Sync status")
        self.indicator.setAutoRaise(True)
        self.indicator.clicked.connect(self.show_details)
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._done)
        self._jobs.failed.connect(lambda reason: self._failed(reason))
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.sync_in_background)
        self._every = QTimer(self)
        self._every.timeout.connect(self.sync_in_background)
        window.hub.changed.connect(self._changed)
        self.refresh()

    # -- when to sync -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the account and the preferences again (a database opened, Preferences
        saved). Syncing automatically, the first sync comes shortly after: what the
        phone saved since the window was last open shows without waiting minutes."""
        account = self._account()
        automatic = (account is not None and keys.SYNC_AUTOMATIC.read(self.window.settings)
                     and not self._read_only())
        if automatic:
            self._every.start(keys.SYNC_EVERY.read(self.window.settings) * 60_000)
            self._soon.start()
        else:
            self._every.stop()
            self._soon.stop()
        self._enable()
        self._show()

    def _changed(self, _kind: str = "*") -> None:
        if self._quiet_change or not self._every.isActive():
            return
        self._soon.start()  # restarting it is the debounce

    def sync_now(self) -> None:
        if self._account() is None:
            self.window.edit_preferences(page="sync")
            return
        self.sync_in_background()

    def sync_in_background(self, deletions: str | None = None) -> None:
        path = self.window.context.store.path
        if path is None or self._account() is None or self._read_only():
            return
        self._soon.stop()
        settings = self.window.settings
        region, now, typed = keys.PHONE_REGION.read(settings), self.window.context.clock(), \
            self.session_password

        def work(store: Store) -> SyncReport | Offline:
            from afterword.core.sync.run import run_sync  # loaded on the worker, when first needed

            account = load_account(store)
            if account is None:
                raise NoAccount("no sync account for this database; set one in Preferences ▸ Sync")
            password = typed or find_password(account.url, account.username)
            try:
                return run_sync(store, account, password, now=now, region=region, deletions=deletions)
            except Unreachable as exc:  # offline is normal: said quietly, tried again later
                return Offline(str(exc))

        self.indicator.setText("Syncing…")
        self.action.setEnabled(False)
        self._jobs.submit(path, work)

    def wait(self) -> None:
        """Let a running sync finish (on closing the window): it writes at its end."""
        self._soon.stop()
        self._every.stop()
        self._jobs.wait()

    # -- what came of it ------------------------------------------------------------------

    def _done(self, report: SyncReport | Offline) -> None:
        if isinstance(report, Offline):
            self._failed(report.reason, offline=True)
            return
        self.last, self.last_error, self.offline = report, None, False
        self._enable()
        c = report.contacts
        if c.writes_here or report.edited_meanwhile:
            self._quiet_change = True
            try:
                self.window.hub.notify("*")  # pages show what came from the phone
            finally:
                self._quiet_change = False
        self._show()
        self.finished.emit(report)

    def _failed(self, reason: str, *, offline: bool = False) -> None:
        self.last_error, self.offline = reason, offline
        self._enable()
        self._show()
        self.failed.emit(reason)

    def _show(self) -> None:
        account = self._account()
        if account is not None and self._read_only():
            self.indicator.setText("Not syncing: read-only file")
            self.indicator.setToolTip("A read-only file cannot take changes from the server")
            return
        if account is None:
            self.indicator.setText("Not syncing")
            self.indicator.setToolTip("Set up sync with your phone's server in Preferences ▸ Sync")
            return
        if self.last_error:
            self.indicator.setText("Offline: will sync later" if self.offline else self._failure_text())
            self.indicator.setToolTip(self.last_error)
            return
        when = account.last_synced_at
        text = f"Synced {_when(when, self.window.context.clock())}" if when else "Not synced yet"
        if self.last and self.last.waiting:
            text += f" · {len(self.last.waiting)} deletion(s) to confirm"
        self.indicator.setText(text)
        self.indicator.setToolTip(self.last.describe() if self.last else text)

    def _failure_text(self) -> str:
        """'Sync failed: ' and the reason's first clause (what went wrong; the advice
        after it is in the tooltip and a click away), cut to fit the status bar."""
        reason = self.last_error.split("; ", 1)[0]
        return self.indicator.fontMetrics().elidedText(f"Sync failed: {reason}", Qt.TextElideMode.ElideRight,
                                                       FAILURE_WIDTH_PX)

    def show_details(self) -> None:
        """What the last sync did; deletions waiting are asked about here."""
        if self._account() is None:
            self.window.edit_preferences(page="sync")
            return
        if self.last_error:
            QMessageBox.information(self.window, "Sync", self.last_error)
            return
        report = self.last
        if report is None or not report.waiting:
            QMessageBox.information(self.window, "Sync", report.describe() if report else
                                    "Not synced yet in this session.")
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Deletions to Confirm",
                          "These people were deleted on one side only:\n\n"
                          + "\n".join(w.describe() for w in report.waiting)
                          + "\n\nDelete them on the other side too, or keep them on both?",
                          parent=self.window)
        delete = box.addButton("&Delete on Both Sides", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep Them", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is delete:
            self.sync_in_background(APPLY)
        elif box.clickedButton() is keep:
            self.sync_in_background(KEEP)

    def _enable(self) -> None:
        """Sync Now is on unless a sync is under way or the file is read-only."""
        self.action.setEnabled(not self._jobs.busy and not self._read_only())

    def _read_only(self) -> bool:
        read_only = getattr(self.window, "read_only", None)  # built after this object
        return bool(read_only and read_only.on)

    def _account(self):
        try:
            return load_account(self.window.context.store)
        except Exception:  # a closed or unreadable database: no account to show
            return None


def _when(moment: datetime, now: datetime) -> str:
    """'at 14:02' today, else 'on 2026-11-24 14:02', in the window's time zone."""
    local = moment.astimezone(now.tzinfo)
    return f"at {local:%H:%M}" if local.date() == now.date() else f"on {local:%Y-%m-%d %H:%M}"

