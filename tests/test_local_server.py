"""The one-line exchange between launches: the same names and answers as before,
and understood by (and understanding) QLocalServer/QLocalSocket, so a window of
an earlier version and a later launch still find each other."""

from __future__ import annotations

import getpass
import hashlib
import os
import stat
import threading

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from afterword.ui import local_server, single_instance

pytestmark = pytest.mark.skipif(not local_server.NATIVE, reason="Unix domain sockets")


def echo_upper(request: bytes) -> bytes | None:
    return None if request == b"quiet\n" else request.upper()


@pytest.fixture
def name(tmp_path):
    return f"afterword-test-{os.getpid()}-{tmp_path.name}"


@pytest.fixture
def server(qapp, name):
    listening = local_server.listen(name, echo_upper, qapp)
    assert listening is not None
    yield listening
    listening.close()


def ask_in_background(qtbot, name: str, request: bytes) -> bytes:
    """Ask from another thread while this one runs the event loop, as a second
    process would."""
    answers: list[bytes] = []
    asker = threading.Thread(target=lambda: answers.append(local_server.ask(name, request, 3000)))
    asker.start()
    qtbot.waitUntil(lambda: not asker.is_alive(), timeout=10_000)
    return answers[0]


def test_the_socket_name_is_what_it_was_before(tmp_path):
    path = tmp_path / "afterword.db"
    key = f"{getpass.getuser()}\n{path.resolve()}".encode()
    assert single_instance.server_name(path) == f"afterword-{hashlib.sha256(key).hexdigest()[:24]}"


def test_the_socket_is_where_qlocalserver_puts_it_and_only_this_user_may_use_it(server, qapp, name):
    qt = QLocalServer()
    assert qt.listen(f"{name}-qt")
    assert qt.fullServerName() == local_server.socket_path(f"{name}-qt")
    qt.close()
    mode = os.stat(local_server.socket_path(name)).st_mode
    assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) & 0o077 == 0


def test_a_request_line_gets_its_answer(qtbot, server, name):
    assert ask_in_background(qtbot, name, b"activate\n") == b"ACTIVATE\n"


def test_an_unknown_request_gets_no_answer(qtbot, server, name):
    assert ask_in_background(qtbot, name, b"quiet\n") == b""


def test_nobody_listening_is_no_answer(qapp, name):
    assert local_server.ask(name, b"activate\n", 300) == b""


def test_closing_removes_the_socket_and_a_leftover_socket_is_replaced(qtbot, qapp, name):
    first = local_server.listen(name, echo_upper, qapp)
    path = local_server.socket_path(name)
    first._socket.close()  # as a crash would: the socket file stays behind
    first._socket = None
    assert os.path.exists(path)
    second = local_server.listen(name, echo_upper, qapp)
    try:
        assert second is not None and second.isListening()
        assert ask_in_background(qtbot, name, b"again\n") == b"AGAIN\n"
    finally:
        second.close()
    assert not os.path.exists(path)


def test_a_qlocalsocket_gets_the_answer(qtbot, server, name):
    peer = QLocalSocket()
    peer.connectToServer(name)
    assert peer.waitForConnected(3000)
    peer.write(b"activate\n")
    qtbot.waitUntil(lambda: peer.canReadLine(), timeout=10_000)
    assert bytes(peer.readLine().data()) == b"ACTIVATE\n"
    peer.abort()


def test_a_qlocalserver_answers_the_question(qtbot, qapp, name):
    qt = QLocalServer()
    qt.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    assert qt.listen(name)

    def answer() -> None:
        peer = qt.nextPendingConnection()
        peer.readyRead.connect(lambda: peer.canReadLine() and peer.write(b"ok\n") and peer.flush())

    qt.newConnection.connect(answer)
    try:
        assert ask_in_background(qtbot, name, b"activate\n") == b"ok\n"
    finally:
        qt.close()
