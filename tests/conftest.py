"""Shared fixtures: every test gets its own data folder and never a real display."""

from __future__ import annotations

import os

# PySide6 aborts the process when it finds no display; tests always run headless.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from afterword.core.demo import fill_demo  # noqa: E402
from afterword.core.store import Store  # noqa: E402

DEMO_TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Point the app's data folder and Qt's settings at a fresh temporary folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("AFTERWORD_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "share"))
    return folder


@pytest.fixture
def store():
    """An empty in-memory store."""
    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "afterword.db"


@pytest.fixture
def file_store(db_path):
    """An empty store in a real file."""
    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_store(db_path):
    """A file store filled with the demo data, dated around DEMO_TODAY."""
    s = Store.open(db_path)
    fill_demo(s, DEMO_TODAY)
    yield s
    s.close()


@pytest.fixture
def demo_window(qtbot, demo_store):
    """The main window, shown, on a file holding the demo data."""
    from window_helpers import close_window, open_window

    path = demo_store.path
    demo_store.close()
    window = open_window(qtbot, path)
    yield window
    close_window(window)


@pytest.fixture(autouse=True)
def no_stray_windows(request):
    """Fail a test that leaves a window open: it would leak into the next test."""
    yield
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    app.processEvents()
    left = [w for w in app.topLevelWidgets() if w.isVisible() and not w.objectName().startswith("qt_")]
    for widget in left:
        widget.close()
    assert not left, f"windows left open: {[type(w).__name__ for w in left]}"


@pytest.fixture(autouse=True)
def unanswered_message_boxes(monkeypatch):
    """A message box no test expected must not block the suite: it is recorded,
    answered with its safe choice (Cancel/No/Ok), and the test goes on."""
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:  # the core tests run without Qt too
        yield []
        return
    shown: list[str] = []
    button = QMessageBox.StandardButton

    def record(answer):
        def show(_parent, _title, text, *args, **kwargs):
            shown.append(str(text))
            return answer
        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "information", record(button.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record(button.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record(button.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(button.No))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or button.Cancel)
    yield shown


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch, unanswered_message_boxes):
    """Message boxes never block a test: each one shown is recorded (`.texts`) and
    answered with the next of `.replies` (a standard button or a button's text),
    else with its default button. (Applied after `unanswered_message_boxes`, so
    boxes built by `afterword.ui.messages` are answered here.)"""
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:  # the core tests run without Qt too
        return []

    class Boxes(list):
        def __init__(self):
            super().__init__()
            self.replies: list = []

        @property
        def texts(self) -> list[str]:
            return [b.text() for b in self]

    boxes = Boxes()

    def answer(box: QMessageBox) -> int:
        boxes.append(box)
        reply = boxes.replies.pop(0) if boxes.replies else None
        if isinstance(reply, str):
            button = next((b for b in box.buttons() if b.text().replace("&", "") == reply), None)
        elif reply is not None:
            button = box.button(reply)
        else:
            button = box.defaultButton()
        if button is None:
            return int(QMessageBox.StandardButton.Cancel.value)
        button.click()
        standard = box.standardButton(button)
        return int(standard.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return boxes


@pytest.fixture(scope="session")
def radicale(tmp_path_factory):
    """A Radicale CardDAV/CalDAV server on 127.0.0.1, shared by the session's tests
    (each test gets its own user, so they never see each other's collections)."""
    from dav_server import Radicale

    server = Radicale(tmp_path_factory.mktemp("radicale"))
    yield server
    server.stop()


@pytest.fixture
def dav_user(radicale):
    """A fresh account on the test server, and a phone's-eye view of it."""
    return radicale.add_user()


@pytest.fixture
def resources_asked(monkeypatch) -> list[str]:
    """What a printed page's rich text asked to load (an image, a style sheet):
    a page built from user text should ask for nothing."""
    from afterword.ui.printing import OfflineDocument

    asked: list[str] = []
    original = OfflineDocument.loadResource

    def spy(self, kind, url):
        asked.append(url.toString())
        return original(self, kind, url)

    monkeypatch.setattr(OfflineDocument, "loadResource", spy)
    return asked
