"""One window per database: a second launch brings the first forward, a file held
elsewhere is named, and a lock left by a crashed process is taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from afterword.ui import single_instance
from afterword.ui.single_instance import Claim, DatabaseInstance, claim_database, lock_path

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX signals")


def child_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(DESKTOP), env.get("PYTHONPATH")]))
    return env


def start_child(code: str) -> subprocess.Popen:
    """A real second process running `code`; it prints 'ready' once it holds the lock."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=child_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    assert line.strip() == "ready", proc.stderr.read()
    return proc


def hold_lock_elsewhere(db_path: Path) -> subprocess.Popen:
    """Another process that holds the file's lock but never answers on its socket."""
    return start_child(f"""
        import sys
        from PySide6.QtCore import QCoreApplication, QLockFile
        app = QCoreApplication([])
        lock = QLockFile({str(lock_path(db_path))!r})
        lock.setStaleLockTime(0)
        assert lock.tryLock(0)
        print("ready", flush=True)
        sys.stdin.read()
    """)


def record_warnings(monkeypatch) -> list[str]:
    """Warnings shown by the single-instance check, and a short wait for answers."""
    warnings: list[str] = []
    monkeypatch.setattr(single_instance.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(single_instance, "ANSWER_TIMEOUT_MS", 300)
    return warnings


@pytest.fixture
def owner(qapp, db_path):
    instance = DatabaseInstance(db_path)
    yield instance
    instance.release()


def test_the_first_launch_owns_the_file_and_locks_it(owner, db_path):
    assert owner.claim() is Claim.OWNED
    assert owner.owned and lock_path(db_path).exists()
    owner.release()
    assert not lock_path(db_path).exists()


def test_a_second_launch_brings_the_first_window_forward(qtbot, owner, db_path):
    assert owner.claim() is Claim.OWNED
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()

    second = subprocess.Popen([sys.executable, "-m", "afterword", "--db", str(db_path)],
                              env=child_env(), cwd=db_path.parent, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    with qtbot.waitSignal(owner.activation_requested, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert "already open" in out and "brought forward" in out
    assert not window.isMinimized()


def test_a_launch_while_the_first_window_is_still_starting_waits_for_it(qtbot, owner, db_path):
    """The window takes the lock at once and listens only once it is up: a second
    launch in between keeps asking, and is answered."""
    from PySide6.QtCore import QTimer

    assert owner.claim(listen=False) is Claim.OWNED
    assert owner.server is None
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    second = subprocess.Popen([sys.executable, "-m", "afterword", "--db", str(db_path)],
                              env=child_env(), cwd=db_path.parent, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    QTimer.singleShot(800, owner.listen)  # the second launch has asked by then, and found no one
    with qtbot.waitSignal(owner.activation_requested, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    assert "brought forward" in out


def test_a_released_claim_does_not_start_listening(owner):
    assert owner.claim(listen=False) is Claim.OWNED
    owner.release()
    owner.listen()  # say, the window's delayed start after the user opened another file
    assert owner.server is None


def test_the_window_answers_a_second_launch_once_it_is_up(qtbot, db_path):
    """Two real launches on one file, the second right after the first."""
    from afterword.core.store import Store

    Store.open(db_path).close()
    first = subprocess.Popen([sys.executable, "-m", "afterword", "--db", str(db_path)],
                             env=child_env(), cwd=db_path.parent, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lock_path(db_path).exists, timeout=30_000)
        second = subprocess.run([sys.executable, "-m", "afterword", "--db", str(db_path)],
                                env=child_env(), cwd=db_path.parent, capture_output=True,
                                text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "brought forward" in second.stdout
        assert first.poll() is None, "the first window stays open"
    finally:
        first.terminate()
        first.communicate(timeout=30)


def test_a_file_held_by_an_unresponsive_process_is_named_not_opened(qapp, db_path, monkeypatch):
    holder = hold_lock_elsewhere(db_path)
    warnings = record_warnings(monkeypatch)
    try:
        instance = claim_database(db_path)
    finally:
        holder.communicate("")
    assert not instance.owned and instance.exit_code == 1
    assert len(warnings) == 1
    assert str(db_path) in warnings[0] and "already open" in warnings[0]
    assert f"process {holder.pid}" in warnings[0]
    assert not db_path.exists(), "the second launch must not touch the database"


def test_a_lock_left_by_a_crashed_process_is_taken_over(owner, db_path):
    crashed = start_child(f"""
        import os, signal
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from afterword.ui.single_instance import DatabaseInstance
        app = QCoreApplication([])
        instance = DatabaseInstance(Path({str(db_path)!r}))
        assert instance.owned or instance.claim().value == "owned"
        print("ready", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    crashed.wait(timeout=30)
    assert crashed.returncode == -9
    assert lock_path(db_path).exists(), "the crash should leave its lock file behind"

    assert owner.claim() is Claim.OWNED
    assert owner.server is not None and owner.server.isListening()


def test_two_names_for_one_file_share_one_lock(tmp_path):
    real = tmp_path / "afterword.db"
    link = tmp_path / "link.db"
    link.symlink_to(real)
    assert lock_path(link) == lock_path(real)
    assert single_instance.server_name(link) == single_instance.server_name(real)
    assert single_instance.server_name(real) != single_instance.server_name(tmp_path / "other.db")


def test_the_window_will_not_switch_to_a_file_open_elsewhere(qtbot, tmp_path, db_path, monkeypatch):
    from afterword.core.store import Store
    from window_helpers import close_window, open_window

    other = tmp_path / "held.db"
    Store.open(other).close()
    holder = hold_lock_elsewhere(other)
    warnings = record_warnings(monkeypatch)
    window = open_window(qtbot, db_path)
    try:
        assert window.open_database(other) is False
        assert window.context.db_path == db_path
        assert "already open" in warnings[0]
    finally:
        close_window(window)
        holder.stdin.close()
        holder.wait(timeout=10)


def test_switching_files_moves_the_claim(qtbot, tmp_path, db_path):
    from window_helpers import close_window, open_window

    window = open_window(qtbot, db_path)
    second = tmp_path / "second.db"
    try:
        assert window.open_database(second)
        assert lock_path(second).exists()
        third = tmp_path / "third.db"
        assert window.open_database(third)
        assert lock_path(third).exists() and not lock_path(second).exists()
    finally:
        close_window(window)
        window.files.claim.release()
