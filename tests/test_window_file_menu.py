"""File ▸ Export Reminders… and File ▸ Print Checklist… open their dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
from afterword.ui.dialogs.print_checklist import PrintChecklistDialog
from window_helpers import close_window, open_window


@pytest.mark.parametrize(
    ("text", "shortcut", "dialog"),
    [("Export Reminders…", "Ctrl+E", ExportRemindersDialog),
     ("Print Checklist…", "Ctrl+P", PrintChecklistDialog)],
)
def test_file_menu_opens_the_dialog(qtbot, demo_store, monkeypatch, text, shortcut, dialog):
    path = demo_store.path
    demo_store.close()
    opened: list[QDialog] = []
    monkeypatch.setattr(dialog, "exec", lambda self: opened.append(self) or 0)
    window = open_window(qtbot, path)
    try:
        file_menu = window.menuBar().actions()[0].menu()
        action = next(a for a in file_menu.actions() if a.text().replace("&", "") == text)
        assert action.shortcut().toString() == shortcut
        action.trigger()
        assert len(opened) == 1 and isinstance(opened[0], dialog)
        assert opened[0].context.store is window.context.store
    finally:
        close_window(window)
