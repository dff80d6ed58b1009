"""Export Reminders from the keyboard: Enter in Destination exports (it never opens
the file chooser), and every Alt+letter in the dialog is its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QGroupBox, QLabel, QPushButton

from afterword.context import AppContext
from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
from afterword.ui.hub import Hub

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


@pytest.fixture
def chooser(monkeypatch):
    """Every time the file chooser would open."""
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: opened.append("opened") or ("", ""))
    return opened


@pytest.fixture
def dialog(qtbot, demo_store, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    d = ExportRemindersDialog(AppContext(store=demo_store, db_path=db_path, clock=lambda: NOW),
                              Hub(), settings=settings)
    qtbot.addWidget(d)
    with qtbot.waitActive(d):
        d.show()
        d.activateWindow()
    return d


def test_enter_in_destination_exports_and_never_opens_the_chooser(qtbot, dialog, chooser, tmp_path):
    browse = next(b for b in dialog.findChildren(QPushButton)
                  if b.accessibleName() == "Choose destination file")
    assert not browse.isDefault() and not browse.autoDefault()
    dialog.path.setFocus()
    qtbot.keyClicks(dialog.path, str(tmp_path / "calendar"))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert chooser == []
    assert (tmp_path / "calendar.ics").exists() and dialog.summary.text().startswith("Wrote")
    assert dialog.isVisible()


def test_enter_with_no_destination_asks_for_one_and_opens_nothing(qtbot, dialog, chooser):
    dialog.path.clear()
    dialog.path.setFocus()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert chooser == [] and "Choose a file" in dialog.summary.text()
    assert dialog.isVisible()


def _mnemonics(widget) -> list[tuple[str, str]]:
    texts = [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.title() for w in widget.findChildren(QGroupBox)]
    texts += [w.text() for w in widget.findChildren(QLabel) if w.buddy() is not None]
    return [(t[t.index("&") + 1].lower(), t) for t in texts if "&" in t.replace("&&", "")]


def test_each_alt_letter_is_used_once(dialog):
    found = _mnemonics(dialog)
    letters = [letter for letter, _ in found]
    assert len(found) >= 14
    assert len(letters) == len(set(letters)), sorted(found)
