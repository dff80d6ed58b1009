"""Helpers for driving the main window in tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from afterword.context import AppContext
from afterword.core.store import Store
from afterword.ui.main_window import MainWindow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def open_window(qtbot, path: Path) -> MainWindow:
    store = Store.open(path)
    window = MainWindow(AppContext(store=store, db_path=path, clock=lambda: NOW))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()  # focus moves (and fields commit) only when active
    qtbot.waitUntil(window.isActiveWindow)
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.context.store.close()


def type_into(qtbot, editor, text: str, commit=Qt.Key.Key_Return) -> None:
    """Replace an editor's text the way a user does, then commit it."""
    editor.setFocus()
    editor.selectAll()
    if text and not text.isascii():
        editor.insert(text)  # as a paste or an input method does; key events cannot carry it
    elif text:
        qtbot.keyClicks(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    if commit is not None:
        qtbot.keyClick(editor, commit)


def leave(editor) -> None:
    """Move the focus away (what Tab or a click elsewhere does): commits the field."""
    editor.clearFocus()


def write_png(path: Path) -> Path:
    image = QImage(120, 70, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    assert image.save(str(path), "PNG")
    return path
