"""A one-line question and answer between two processes of this user on one
computer, named like a QLocalServer so versions using either side understand
each other.

On Linux and macOS it is a Unix domain socket at the path QLocalServer uses,
read by the window's event loop through a QSocketNotifier: the standard socket
module loads faster than QtNetwork, which matters because every window start
listens. Elsewhere (Windows: named pipes) QtNetwork does the same job.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QDir, QObject, QSocketNotifier

log = logging.getLogger(__name__)

# Answers a request line (b"...\n") with a reply line, or None for no reply.
Responder = Callable[[bytes], "bytes | None"]

NATIVE = os.name == "posix"
LONGEST_REQUEST = 1024  # a peer sending more without a newline is cut off


def socket_path(name: str) -> str:
    """Where QLocalServer listens for `name` on Linux and macOS."""
    return f"{QDir.tempPath()}/{name}"


def listen(name: str, respond: Responder, parent: QObject) -> QObject | None:
    """Listen for requests on `name`, answering each with `respond`; any socket
    left there by a crash is replaced. None when it cannot listen."""
    server = UnixServer(name, respond, parent) if NATIVE else QtServer(name, respond, parent)
    if server.listen():
        return server
    server.close()
    return None


def ask(name: str, request: bytes, timeout_ms: int) -> bytes:
    """Send `request` to whoever listens on `name`; their answer line, or b"" when
    nobody listens or answers within `timeout_ms` at each step."""
    return _ask_unix(name, request, timeout_ms) if NATIVE else _ask_qt(name, request, timeout_ms)


class UnixServer(QObject):
    """A listening Unix domain socket watched by the event loop."""

    def __init__(self, name: str, respond: Responder, parent: QObject | None = None):
        super().__init__(parent)
        self.path = socket_path(name)
        self.respond = respond
        self._socket = None
        self._notifier: QSocketNotifier | None = None
        self._peers: dict[int, tuple] = {}  # fd -> (socket, notifier, bytes so far)

    def listen(self) -> bool:
        import socket

        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self._bind_private(listener)
            listener.listen()
            listener.setblocking(False)
        except OSError as error:
            log.warning("cannot listen on %s: %s", self.path, error)
            listener.close()
            return False
        self._socket = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def _bind_private(self, listener) -> None:
        """Bind inside a folder only this user can enter, make the socket this
        user's alone, then move it into place (as QLocalServer does), so no one
        else can ever connect to it."""
        private = f"{self.path}-{os.getpid()}"
        staged = f"{private}/s"
        if os.path.lexists(staged):  # left by a crash of an earlier process with this pid
            os.unlink(staged)
        if not os.path.isdir(private):
            os.mkdir(private, 0o700)
        try:
            listener.bind(staged)
            os.chmod(staged, 0o700)
            os.replace(staged, self.path)
        finally:
            if os.path.lexists(staged):
                os.unlink(staged)
            os.rmdir(private)

    def isListening(self) -> bool:  # noqa: N802 (the QLocalServer name)
        return self._socket is not None

    def close(self) -> None:
        for fd in list(self._peers):
            self._drop(fd)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _accept(self, *_signal_args) -> None:
        while self._socket is not None:
            try:
                peer, _address = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                log.warning("cannot accept on %s: %s", self.path, error)
                return
            peer.setblocking(False)
            fd = peer.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            notifier.activated.connect(lambda *_args, fd=fd: self._read(fd))
            self._peers[fd] = (peer, notifier, b"")

    def _read(self, fd: int) -> None:
        if fd not in self._peers:
            return
        peer, notifier, received = self._peers[fd]
        try:
            chunk = peer.recv(LONGEST_REQUEST)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        received += chunk
        if b"\n" in received:
            reply = self.respond(received[: received.index(b"\n") + 1])
            if reply:
                with contextlib.suppress(OSError):  # the asker gave up waiting
                    peer.sendall(reply)
            self._drop(fd)
        elif not chunk or len(received) > LONGEST_REQUEST:
            self._drop(fd)
        else:
            self._peers[fd] = (peer, notifier, received)

    def _drop(self, fd: int) -> None:
        peer, notifier, _received = self._peers.pop(fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        peer.close()


def _ask_unix(name: str, request: bytes, timeout_ms: int) -> bytes:
    import socket

    answer = b""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
        peer.settimeout(timeout_ms / 1000)
        try:
            peer.connect(socket_path(name))
            peer.sendall(request)
            while not answer.endswith(b"\n"):
                chunk = peer.recv(LONGEST_REQUEST)
                if not chunk:
                    break
                answer += chunk
        except OSError:  # nobody listens, or no answer in time
            pass
    return answer


class QtServer(QObject):
    """The same server on QLocalServer, where Unix domain sockets are not used."""

    def __init__(self, name: str, respond: Responder, parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.name, self.respond = name, respond
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)

    def listen(self) -> bool:
        if not self.server.listen(self.name):
            # Only the lock holder listens, so a socket of that name is left over from a crash.
            self.server.removeServer(self.name)
            if not self.server.listen(self.name):
                log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
                return False
        self.server.newConnection.connect(self._accept)
        return True

    def isListening(self) -> bool:  # noqa: N802 (the QLocalServer name)
        return self.server.isListening()

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            peer = self.server.nextPendingConnection()
            peer.readyRead.connect(lambda p=peer: self._read(p))
            peer.disconnected.connect(peer.deleteLater)

    def _read(self, peer) -> None:
        if not peer.canReadLine():
            return
        reply = self.respond(bytes(peer.readLine().data()))
        if reply:
            peer.write(reply)
            peer.flush()
        peer.disconnectFromServer()


def _ask_qt(name: str, request: bytes, timeout_ms: int) -> bytes:
    from PySide6.QtNetwork import QLocalSocket

    peer = QLocalSocket()
    peer.connectToServer(name)
    if not peer.waitForConnected(timeout_ms):
        return b""
    peer.write(request)
    peer.flush()
    answer = b""
    while not answer.endswith(b"\n") and peer.waitForReadyRead(timeout_ms):
        answer += bytes(peer.readAll().data())
    peer.abort()
    return answer
