"""One window per database file.

The first window on a file holds a lock file beside it (`afterword.db.lock`) and
listens on a local socket named after the file. A second launch on the same file
finds the lock, asks the first window to come forward, and quits; if nobody
answers (the file is open on another computer, or by an unresponsive window), it
says so and quits. Two windows never write one file.

The window takes the lock at once but starts listening only once it is up (see
app.py): Qt's network module costs milliseconds of every start, and a second
launch in that moment keeps asking until the first window answers.

A lock left by a crashed process is recognised as stale (its process is gone)
and taken over, so a crash never leaves a file "already open" for good.
"""

from __future__ import annotations

import hashlib
import logging
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from afterword import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
ANSWER_TIMEOUT_MS = 3000
RETRY_EVERY_S = 0.05  # while the window holding the lock is not listening yet


class Claim(Enum):
    OWNED = "owned"  # this process opens the file
    FORWARDED = "forwarded"  # a window here already has it, and was brought forward
    OPEN_ELSEWHERE = "open_elsewhere"  # locked by a process that did not answer


def lock_path(db_path: Path) -> Path:
    """The lock file beside the database (symlinks resolved, so two names for one
    file share one lock)."""
    real = db_path.expanduser().resolve()
    return real.with_name(real.name + ".lock")


def server_name(db_path: Path) -> str:
    """A local socket name unique to this user and this database file."""
    import getpass  # with the socket, after the window is up

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    key = f"{user}\n{db_path.expanduser().resolve()}".encode()
    return f"afterword-{hashlib.sha256(key).hexdigest()[:24]}"


def bring_forward() -> bool:
    """Raise this process's main window above the others; False if it has none."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            if widget.isMinimized():
                widget.showNormal()
            widget.raise_()
            widget.activateWindow()
            QApplication.alert(widget)
            return True
    return False


class DatabaseInstance(QObject):
    """The lock and the local server for one database file in this process."""

    activation_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path).expanduser()
        self.lock = QLockFile(str(lock_path(self.db_path)))
        # A window holds its file for hours: never call the lock stale by its age,
        # only when the process that wrote it is gone.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None
        self.holder = ""
        self.outcome: Claim | None = None

    @property
    def owned(self) -> bool:
        return self.outcome is Claim.OWNED

    @property
    def exit_code(self) -> int:
        """For a launch that stops: 0 when the other window came forward, else 1."""
        return 0 if self.outcome in (Claim.OWNED, Claim.FORWARDED) else 1

    def claim(self, *, listen: bool = True) -> Claim:
        """Take the file for this process, or find who has it. `listen=False` leaves
        the answering of later launches to a `listen()` call (the window makes it
        once it is up)."""
        self.outcome = self._claim()
        if self.owned and listen:
            self.listen()
        return self.outcome

    def _claim(self) -> Claim:
        lock_path(self.db_path).parent.mkdir(parents=True, exist_ok=True)
        if self.lock.tryLock(0):
            return Claim.OWNED
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            # tryLock already removes a lock whose process is gone; try once more in
            # case the holder died between its check and now.
            if self.lock.removeStaleLockFile() and self.lock.tryLock(0):
                return Claim.OWNED
            self.holder = self._describe_holder()
            return Claim.FORWARDED if self._ask_holder_to_come_forward() else Claim.OPEN_ELSEWHERE
        # No right to create the lock file: the folder is read-only, so no window can
        # write the database there either. Open it and let the store report problems.
        log.warning("cannot create the lock file %s: opening without it", self.lock.fileName())
        return Claim.OWNED

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()

    # -- the owner's side ----------------------------------------------------------

    def listen(self) -> None:
        """Answer later launches on this file. Only while this process holds the lock
        (not after `release`, nor where no lock file could be made); once."""
        if self.server is not None or not self.lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        name = server_name(self.db_path)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            # We hold the lock, so a socket of that name is left over from a crash.
            QLocalServer.removeServer(name)
            if not server.listen(name):
                log.warning("cannot listen on %s: %s", name, server.errorString())
                return
        server.newConnection.connect(self._on_new_connection)
        self.server = server

    def _on_new_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_request(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_request(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == ACTIVATE:
            bring_forward()
            self.activation_requested.emit()
            socket.write(ACKNOWLEDGED)
            socket.flush()
        socket.disconnectFromServer()

    # -- a second launch's side -----------------------------------------------------

    def _ask_holder_to_come_forward(self) -> bool:
        socket = self._connect_to_holder()
        if socket is None:
            return False
        socket.write(ACTIVATE)
        socket.flush()
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
            answer += bytes(socket.readAll().data())
        socket.abort()
        return answer == ACKNOWLEDGED

    def _connect_to_holder(self) -> QLocalSocket | None:
        """A connection to the window holding the lock. A window that has just started
        holds the lock before it listens, so a missing socket is asked again until
        ANSWER_TIMEOUT_MS has passed."""
        from PySide6.QtNetwork import QLocalSocket

        name = server_name(self.db_path)
        deadline = time.monotonic() + ANSWER_TIMEOUT_MS / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(name)
            left_ms = max(0, round((deadline - time.monotonic()) * 1000))
            if socket.waitForConnected(left_ms):
                return socket
            not_yet = socket.error() in (QLocalSocket.LocalSocketError.ServerNotFoundError,
                                         QLocalSocket.LocalSocketError.ConnectionRefusedError)
            socket.abort()
            if not not_yet or time.monotonic() + RETRY_EVERY_S > deadline:
                return None
            time.sleep(RETRY_EVERY_S)

    def _describe_holder(self) -> str:
        info = self.lock.getLockInfo()  # PySide returns (pid, hostname, appname)
        if not isinstance(info, tuple) or len(info) != 3 or not info[0]:
            return ""
        pid, host, _app = info
        return f"process {pid} on {host}" if host else f"process {pid}"


def claim_database(db_path: Path, *, listen: bool = True) -> DatabaseInstance:
    """Claim `db_path` for this process's window; keep the result while the window
    is open. When it is not `owned`, this launch must stop with its `exit_code`:
    the file is open in another window, which was brought forward or named to the
    user. `listen=False`: the caller calls `listen()` once its window is up."""
    instance = DatabaseInstance(db_path)
    outcome = instance.claim(listen=listen)
    if outcome is Claim.FORWARDED:
        print(f"{instance.db_path} is already open in {APP_NAME}; its window was brought forward.")
    elif outcome is Claim.OPEN_ELSEWHERE:
        holder = f" ({instance.holder})" if instance.holder else ""
        QMessageBox.warning(
            None, APP_NAME,
            f"{instance.db_path} is already open in {APP_NAME} elsewhere{holder}.\n\n"
            "Close it there first, or open another file: two windows on one file "
            "would overwrite each other's changes.",
        )
    return instance
