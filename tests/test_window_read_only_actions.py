"""A read-only file in the window: every command that would change it is off —
card capture (menu, paste, a photo dropped on People), Import Contacts (menu or
files dropped on People), Merge People, Sync Now, Restore from Backup — while
reading, printing (the prep brief too), exporting and Save a Copy stay on; a
way in that has no menu item says why in one message and reads nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QApplication

from afterword.core.domain import Contact
from afterword.ui import messages
from window_helpers import close_window, open_window

CARD = Path(__file__).parent / "data" / "cards" / "card-02.jpg"
VCARD = Path(__file__).parent / "data" / "contacts" / "google-contacts.vcf"


@pytest.fixture
def warnings(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda _parent, _title, text: seen.append(text))
    return seen


@pytest.fixture
def read_only_window(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    os.chmod(path, 0o444)
    window = open_window(qtbot, path)
    yield window
    close_window(window)
    os.chmod(path, 0o600)


def editing_commands(window) -> dict[str, object]:
    return {
        "New Person from Card": window.card_capture.from_file_action,
        "New Person from Pasted Card": window.card_capture.from_clipboard_action,
        "Import Contacts": window.contacts_io.import_action,
        "Merge People": window.contacts_io.merge_action,
        "Sync Now": window.sync_control.action,
        "Restore from Backup": window.safekeeping.restore_action,
    }


def drag_accepted(widget, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(widget.width() // 2, widget.height() // 2),
                            Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(widget, enter)
    return enter.isAccepted()


def test_commands_that_would_change_a_read_only_file_are_off(read_only_window):
    window = read_only_window
    for name, action in editing_commands(window).items():
        assert not action.isEnabled(), name
    for action in (window.contacts_io.export_action, window.export_reminders_action,
                   window.print_checklist_action, window.save_copy_action):
        assert action.isEnabled(), action.text()


def test_the_prep_brief_still_prints_from_a_read_only_file(read_only_window):
    window = read_only_window
    window.show_page("interviews")
    page = window.shown_page()
    page.table.selectRow(0)
    assert window.brief.action.isEnabled()


def test_a_card_photo_or_contacts_file_dropped_on_people_is_not_taken(qtbot, read_only_window,
                                                                       warnings, tmp_path):
    window = read_only_window
    window.show_page("people")
    viewport = window.page("people").table.viewport()
    assert not drag_accepted(viewport, CARD)
    assert not drag_accepted(viewport, VCARD)
    before = window.context.store.count(Contact)
    # reached all the same (a drop the platform delivers anyway, a pasted file): refused
    window.card_capture.from_path(CARD)
    assert window.card_capture._progress is None and window.card_capture.dialog is None
    assert window.contacts_io.import_paths([VCARD]) is False
    assert len(warnings) == 2 and all("read-only" in w for w in warnings), warnings
    assert window.context.store.count(Contact) == before


def test_the_commands_come_back_with_a_writable_file(qtbot, read_only_window, tmp_path):
    window = read_only_window
    writable = tmp_path / "copy.db"
    shutil.copy(window.context.db_path, writable)
    os.chmod(writable, 0o600)
    assert window.files.open_database(writable)
    assert not window.read_only.on
    for name, action in editing_commands(window).items():
        assert action.isEnabled(), name
    assert drag_accepted(window.page("people").table.viewport(), CARD)
