"""Start-up and the last resort: a bad remembered file never blocks the app, and
an error nobody caught is logged and told in one line."""

from __future__ import annotations

import logging
import sys
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from afterword.paths import default_database


@pytest.fixture
def told(monkeypatch):
    """Message boxes recorded (text, format) instead of shown."""
    seen: list[tuple[str, Qt.TextFormat]] = []

    def record(self):
        seen.append((self.text(), self.textFormat()))
        return 0

    def static(_parent, _title, text, *args, **kwargs):
        seen.append((text, None))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, static)
    return seen


@pytest.fixture
def keep_excepthook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def _remember(path: Path) -> None:
    from afterword.ui.settings import LAST_DATABASE, open_settings

    settings = open_settings()
    LAST_DATABASE.write(settings, path)
    settings.sync()


def _opened_paths(monkeypatch) -> list[Path]:
    from afterword.ui.main_window import MainWindow

    opened: list[Path] = []
    real_show = MainWindow.show
    monkeypatch.setattr(MainWindow, "show", lambda self: (opened.append(self.context.db_path),
                                                          real_show(self)))
    return opened


def test_an_unreadable_last_database_is_forgotten_and_the_default_opens(qapp, tmp_path, told,
                                                                         monkeypatch):
    from afterword.app import run_app
    from afterword.ui.settings import LAST_DATABASE, open_settings

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database " * 50)
    _remember(broken)
    opened = _opened_paths(monkeypatch)

    assert run_app(None, smoke=True) == 0
    assert opened == [default_database()]
    assert len(told) == 1
    text = told[0][0]
    assert "broken.db" in text and str(default_database()) in text and "\n" not in text
    assert LAST_DATABASE.read(open_settings()) != broken  # forgotten: the next start is clean
    assert broken.read_bytes() == b"this is not a database " * 50  # and left untouched


def test_a_database_named_on_the_command_line_is_not_replaced_by_the_default(qapp, tmp_path, told,
                                                                             monkeypatch):
    from afterword.app import run_app

    broken = tmp_path / "named.db"
    broken.write_bytes(b"not sqlite " * 10)
    opened = _opened_paths(monkeypatch)
    assert run_app(broken, smoke=True) == 1
    assert opened == []
    assert len(told) == 1 and "named.db" in told[0][0]


def test_an_uncaught_error_is_logged_with_its_traceback_and_told_in_one_plain_line(
        qapp, told, caplog, keep_excepthook):
    from afterword.app import install_excepthook

    hook = install_excepthook()
    assert sys.excepthook is hook
    try:
        {}["<b>missing</b>"]
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            hook(type(exc), exc, exc.__traceback__)
    assert len(told) == 1
    text, text_format = told[0]
    assert text_format == Qt.TextFormat.PlainText
    assert "KeyError" in text and "<b>missing</b>" in text and "\n" not in text
    assert "Traceback" in caplog.text and "missing" in caplog.text


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_user(qtbot, told, caplog, keep_excepthook):
    from afterword.app import install_excepthook

    install_excepthook()
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def broken_slot():
        raise ZeroDivisionError("division by zero")

    button.clicked.connect(broken_slot)
    with caplog.at_level(logging.ERROR):
        button.click()
    assert [t for t, _ in told] and "ZeroDivisionError" in told[0][0]
    assert "broken_slot" in caplog.text  # the traceback is in the log


def test_a_window_that_fails_to_start_says_so(qapp, tmp_path, told, caplog, monkeypatch,
                                              keep_excepthook):
    import afterword.ui.main_window as main_window
    from afterword.app import run_app

    class Broken:
        def __init__(self, *args, **kwargs):
            raise RuntimeError("the window cannot be built")

    monkeypatch.setattr(main_window, "MainWindow", Broken)
    with caplog.at_level(logging.ERROR):
        assert run_app(tmp_path / "fresh.db", smoke=True) == 70
    assert len(told) == 1 and "the window cannot be built" in told[0][0]
    assert "Traceback" in caplog.text


class _Cycle:
    def __init__(self):
        self.me = self


@pytest.fixture
def collection_state():
    """Cycle collection as it was, and nothing frozen, after the test, whatever it did."""
    import gc

    from afterword import cycle_collection

    was_enabled = gc.isenabled()
    gc.unfreeze()
    yield gc
    gc.unfreeze()
    cycle_collection._paused_for_start = False
    (gc.enable if was_enabled else gc.disable)()


@pytest.mark.parametrize(("argv", "collecting"), [
    (["--smoke", "--db", "x.db"], False),  # a window start: paused until the window is up
    (["due", "--db", "x.db"], True),
    (["backup", "--list"], True),
    (["--db", "x.db", "--bogus"], True),  # not a window start: the full parser says why
])
def test_only_a_window_start_runs_without_cycle_collection(monkeypatch, collection_state, argv,
                                                           collecting):
    import afterword.cli
    from afterword import entry

    collection_state.enable()
    seen: list[bool] = []
    monkeypatch.setattr(afterword.cli, "main", lambda args: seen.append(collection_state.isenabled()) or 0)
    assert entry.main(argv) == 0
    assert seen == [collecting]
    # A window's process ends next: what it made is frozen, not collected once more.
    assert (collection_state.get_freeze_count() > 0) is not collecting


@pytest.mark.parametrize("paused", [True, False])
def test_once_the_window_is_up_the_start_is_frozen_and_collection_stays_on_the_window_thread(
        qtbot, db_path, collection_state, paused):
    from afterword import cycle_collection
    from afterword.app import window_is_up
    from afterword.ui import background
    from window_helpers import close_window, open_window

    window = open_window(qtbot, db_path)
    try:
        if paused:
            cycle_collection.pause_for_start()  # as the command's entry does
        left = _Cycle()  # garbage the start left behind
        gone = weakref.ref(left)
        del left
        window_is_up(window)
        # Frozen only after a start that paused collection (not, say, in a test's process),
        # and the start's garbage collected first rather than frozen with the rest.
        assert (collection_state.get_freeze_count() > 0) is paused
        if paused:
            assert gone() is None
        assert not collection_state.isenabled()  # workers must never collect (ui/background.py)
        assert background._collector is not None and background._collector.timer.isActive()
    finally:
        close_window(window)
