"""Bad input in the window: a clear message where the user is, nothing saved is lost."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from afterword.core.domain import Contact
from window_helpers import close_window, open_window, type_into


def _first_person(qtbot, window):
    window.show_page("people")
    people = window.page("people")
    people.select_row(0)
    return people, people.card, people.card.contact()


def test_a_10000_character_name_is_refused_and_kept_in_the_field(qtbot, demo_store, db_path,
                                                                 message_boxes):
    demo_store.close()
    window = open_window(qtbot, db_path)
    _, card, before = _first_person(qtbot, window)
    name = card.fields.editors["name"]
    name.setFocus()
    name.selectAll()
    name.insert("x" * 10_000)  # as a paste does
    qtbot.keyClick(name, Qt.Key.Key_Return)
    problem = card.fields.messages["name"]
    assert problem.isVisible() and "10,000" in problem.text()
    assert len(name.text()) == 10_000
    assert window.context.store.get(Contact, before.uid).name == before.name
    type_into(qtbot, name, "")
    assert "needed" in problem.text()
    assert not window.close()  # the refused value is not dropped silently: Keep Editing
    assert "cannot be saved as typed" in message_boxes.texts[-1]
    message_boxes.replies.append("Discard")
    close_window(window)


def test_emoji_and_right_to_left_names_are_saved_and_found(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    people, card, before = _first_person(qtbot, window)
    type_into(qtbot, card.fields.editors["name"], "سارة الحربي 🌟")
    assert window.context.store.get(Contact, before.uid).name == "سارة الحربي 🌟"
    window.search_field.setFocus()
    window.search_field.insert("سارة")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
    assert people.model.data(people.model.index(0, 0)) == "سارة الحربي 🌟"
    close_window(window)


def test_bad_email_phone_and_date_show_a_message_beside_the_field(qtbot, demo_store, db_path,
                                                                   message_boxes):
    demo_store.close()
    window = open_window(qtbot, db_path)
    _, card, before = _first_person(qtbot, window)
    store = window.context.store
    type_into(qtbot, card.fields.editors["email"], "dana at northwind")
    assert "email" in card.fields.messages["email"].text()
    assert card.fields.editors["email"].text() == "dana at northwind"
    type_into(qtbot, card.fields.editors["phone_cell"], "12")
    assert card.fields.messages["phone_cell"].isVisible()
    assert store.get(Contact, before.uid) == before
    type_into(qtbot, card.fields.editors["phone_cell"], "+44 20 7946 0958")
    assert not card.fields.messages["phone_cell"].isVisible()
    assert store.get(Contact, before.uid).phone_cell == "+44 20 7946 0958"

    window.show_page("companies")
    roles = window.page("companies").role_fields
    type_into(qtbot, roles.editors["applied_on"], "31/02/2026")
    assert "not a date" in roles.messages["applied_on"].text()
    assert roles.editors["applied_on"].text() == "31/02/2026"
    message_boxes.replies.append("Discard")  # closing asks about the date not saved
    close_window(window)


def test_a_corrupt_image_is_refused_as_card_photo(qtbot, demo_store, db_path, tmp_path, monkeypatch):
    demo_store.close()
    window = open_window(qtbot, db_path)
    _, card, contact = _first_person(qtbot, window)
    bad = tmp_path / "card.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg" * 20)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    qtbot.mouseClick(card.attach_button, Qt.MouseButton.LeftButton)
    assert card.photo_problem.isVisible() and "not an image" in card.photo_problem.text()
    assert window.context.store.card_photo(contact.uid) is None
    assert not card.photo.has_photo()
    close_window(window)


def test_a_database_made_read_only_while_open_gives_a_clear_message(
        qtbot, demo_store, db_path, monkeypatch, message_boxes):
    demo_store.close()
    window = open_window(qtbot, db_path)
    _, card, before = _first_person(qtbot, window)
    os.chmod(db_path, 0o444)
    try:
        type_into(qtbot, card.fields.editors["title"], "Changed while read-only")
    finally:
        os.chmod(db_path, 0o600)
    warnings = message_boxes.texts
    assert warnings and "read-only" in warnings[0]
    assert card.fields.editors["title"].text() == "Changed while read-only"  # not lost
    store = window.context.store
    assert store.get(Contact, before.uid).title == before.title
    type_into(qtbot, card.fields.editors["title"], "Changed again")  # writable again: saves
    assert store.get(Contact, before.uid).title == "Changed again"
    close_window(window)


def test_a_deleted_database_file_is_reported_and_a_copy_can_be_saved(
        qtbot, demo_store, db_path, tmp_path, monkeypatch, message_boxes):
    demo_store.close()
    window = open_window(qtbot, db_path)
    _, card, _ = _first_person(qtbot, window)
    os.unlink(db_path)
    type_into(qtbot, card.fields.editors["title"], "After the file went")
    assert any("deleted or moved" in w for w in message_boxes.texts)
    copy = tmp_path / "rescued.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.save_copy_action.trigger()
    assert copy.exists() and copy.stat().st_size > 0
    message_boxes.replies.append("Discard")  # the title that could not be saved
    close_window(window)
