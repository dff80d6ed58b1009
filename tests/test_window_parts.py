"""The pieces the window and the debrief are made of, on their own: the database
file, the search box, the people picker and the round's time zone."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from afterword.core.domain import Contact, Role
from afterword.core.errors import InvalidRecord
from afterword.ui import settings as keys
from afterword.ui.dialogs.debrief.people_picker import PeoplePicker
from afterword.ui.dialogs.debrief.time_zone import start_at
from afterword.ui.search_field import SearchField
from window_helpers import close_window, open_window


def test_a_deleted_database_file_is_reported_once_by_the_watch(qtbot, db_path, message_boxes):
    window = open_window(qtbot, db_path)
    os.unlink(db_path)
    qtbot.waitUntil(lambda: any("deleted or moved" in t for t in message_boxes.texts))
    assert window.statusBar().currentMessage()
    window.files._file_changed(str(db_path))  # a second change of the same file
    assert sum("deleted or moved" in t for t in message_boxes.texts) == 1
    close_window(window)


def test_opening_another_file_names_and_remembers_it(qtbot, db_path, tmp_path):
    window = open_window(qtbot, db_path)
    other = tmp_path / "other.db"
    assert window.open_database(other)
    assert window.files.label.text() == str(other) and window.windowFilePath() == str(other)
    assert keys.LAST_DATABASE.read(window.settings) == other.resolve()
    assert window.undo_stack.count() == 0
    close_window(window)
    window.files.claim.release()


def test_enter_in_the_search_box_asks_at_once(qtbot):
    field = SearchField()
    qtbot.addWidget(field)
    asked: list[str] = []
    field.search_requested.connect(lambda: asked.append(field.text()))
    field.setText("dana")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert asked == ["dana"]
    field.settle()


def test_the_people_picker_finds_known_people_and_creates_new_ones(qtbot, store):
    dana = Contact("Dana Reyes", role=Role.HIRING_MANAGER)
    store.put(dana)
    picker = PeoplePicker(store, lambda: None)
    qtbot.addWidget(picker)
    picker.name.setText("dana reyes")
    picker.add_typed()
    picker.name.setText("Sam Lee")
    picker.add_typed()  # nobody of that name: the list shows, nobody is created
    assert len(picker.present()) == 1 and picker.new_contacts == {}
    picker.completer.popup().hide()
    picker.add_new("  Sam   Lee ")
    picker.name.setText("DANA REYES")
    picker.add_typed()
    present = picker.present()
    assert [c.name for c in present] == ["Dana Reyes", "Sam Lee"]
    assert present[0].uid == dana.uid
    assert [c.name for c in picker.new_present()] == ["Sam Lee"]
    assert picker.model.data(picker.model.index(1, 0)) == "Sam Lee  (new)"
    picker.view.setCurrentIndex(picker.model.index(1, 0))
    picker.remove_selected()
    assert picker.new_present() == [] and picker.new_contacts == {}


def test_a_round_starts_on_the_wall_clock_of_its_zone():
    start = start_at(QDate(2026, 3, 29), QTime(10, 0), " Europe/Berlin ")
    assert start.utcoffset().total_seconds() == 2 * 3600  # summer time began that night
    with pytest.raises(InvalidRecord, match="not a time zone name"):
        start_at(QDate(2026, 3, 29), QTime(10, 0), "Mars/Olympus")
