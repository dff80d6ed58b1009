"""Creating, editing, undoing and deleting records in the window, as a user does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from afterword.core.domain import Company, Contact, Opportunity, Stage, ThankYouNote
from afterword.ui import messages
from window_helpers import close_window, open_window, type_into, write_png


@pytest.fixture
def answers(monkeypatch, message_boxes):
    """Record message boxes instead of blocking; questions answer `answers.reply`."""

    class Answers:
        reply = QMessageBox.StandardButton.Yes
        questions: list[str] = []
        warnings: list[str] = []

    box = Answers()
    box.questions, box.warnings = [], []

    def answer(_parent, icon, _title, text, buttons=QMessageBox.StandardButton.Ok, *_a, **_k):
        if icon == QMessageBox.Icon.Question:
            box.questions.append(text)
            return box.reply
        box.warnings.append(text)
        return QMessageBox.StandardButton.Ok

    def ask(parent, title, text, *args, **kwargs):
        return answer(parent, QMessageBox.Icon.Question, title, text)

    def warn(parent, title, text):
        answer(parent, QMessageBox.Icon.Warning, title, text)

    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "warn", warn)
    monkeypatch.setattr(QMessageBox, "question", lambda p, t, text, *a, **k: ask(p, t, text))
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text, *a, **k: warn(p, t, text))
    return box


def test_create_company_role_and_person_with_card_and_photo_then_restart(
        qtbot, db_path, tmp_path, monkeypatch, answers):
    window = open_window(qtbot, db_path)
    window.new_company_action.trigger()
    companies = window.page("companies")
    type_into(qtbot, companies.company_fields.editors["name"], "Northwind Logistics")
    type_into(qtbot, companies.company_fields.editors["website"], "https://northwind.example")

    window.new_role_action.trigger()
    type_into(qtbot, companies.role_fields.editors["title"], "Regional Sales Manager")
    stage = companies.role_fields.editors["stage"]
    stage.setFocus()
    qtbot.keyClick(stage, Qt.Key.Key_Down)  # lead → applied
    qtbot.keyClick(stage, Qt.Key.Key_Down)  # → interviewing
    type_into(qtbot, companies.role_fields.editors["applied_on"], "2026-10-20")

    window.new_person_action.trigger()
    assert window.current_page() == "people"
    card = window.page("people").card
    type_into(qtbot, card.fields.editors["name"], "Dana Reyes")
    type_into(qtbot, card.fields.editors["title"], "VP Sales, West")
    company = card.fields.editors["company_uid"]
    company.setFocus()
    qtbot.keyClicks(company, "North")
    type_into(qtbot, card.fields.editors["phone_direct"], "+1 206 555 0142")
    type_into(qtbot, card.fields.editors["email"], "dana@northwind.example")
    address = card.fields.editors["mailing_address"]
    address.setFocus()
    qtbot.keyClicks(address, "1200 Harbor Way")
    qtbot.keyClick(address, Qt.Key.Key_Tab)  # leaving the field saves it
    photo = write_png(tmp_path / "card.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    qtbot.mouseClick(card.attach_button, Qt.MouseButton.LeftButton)
    assert card.photo.has_photo()
    assert answers.warnings == []
    close_window(window)

    again = open_window(qtbot, db_path)
    store = again.context.store
    [company_record] = store.all(Company)
    assert company_record.name == "Northwind Logistics"
    assert company_record.website == "https://northwind.example"
    [role] = store.all(Opportunity)
    assert (role.title, role.stage, role.company_uid) == (
        "Regional Sales Manager", Stage.INTERVIEWING, company_record.uid)
    assert role.applied_on.isoformat() == "2026-10-20"
    again.show_page("people")
    people = again.page("people")
    assert people.table.model().rowCount() == 1
    people.select_row(0)
    shown = people.card.fields
    assert shown.editors["name"].text() == "Dana Reyes"
    assert shown.editors["company_uid"].currentText() == "Northwind Logistics"
    assert shown.editors["email"].text() == "dana@northwind.example"
    assert shown.editors["mailing_address"].toPlainText() == "1200 Harbor Way"
    assert people.card.photo.has_photo()
    assert store.card_photo(store.all(Contact)[0].uid).mime_type == "image/png"
    close_window(again)


def test_edit_a_field_then_undo_and_redo(qtbot, demo_store, db_path, answers):
    demo_store.close()
    window = open_window(qtbot, db_path)
    window.show_page("people")
    people = window.page("people")
    people.select_row(0)
    before = people.card.contact()
    type_into(qtbot, people.card.fields.editors["title"], "Chief Revenue Officer")
    store = window.context.store
    assert store.get(Contact, before.uid).title == "Chief Revenue Officer"
    assert people.model.data(people.model.index(0, 2)) == "Chief Revenue Officer"

    people.table.setFocus()
    window.undo_action.trigger()
    assert store.get(Contact, before.uid).title == before.title
    assert people.card.fields.editors["title"].text() == before.title
    assert people.model.data(people.model.index(0, 2)) == before.title
    window.redo_action.trigger()
    assert store.get(Contact, before.uid).title == "Chief Revenue Officer"
    close_window(window)


def test_delete_asks_first_and_can_be_undone(qtbot, demo_store, db_path, answers):
    demo_store.close()
    window = open_window(qtbot, db_path)
    window.show_page("people")
    people = window.page("people")
    row = people.model.row_of(next(c.uid for c in window.context.store.all(Contact)
                                   if c.name == "Dana Reyes"))
    people.select_row(row)
    store = window.context.store
    dana = people.card.contact()
    notes = store.select(ThankYouNote, "contact_uid = ?", [dana.uid])
    assert notes

    answers.reply = QMessageBox.StandardButton.Cancel
    people.table.setFocus()
    window.delete_action.trigger()
    assert answers.questions and "Dana Reyes" in answers.questions[0]
    assert store.get(Contact, dana.uid) is not None

    answers.reply = QMessageBox.StandardButton.Yes
    window.delete_action.trigger()
    assert store.get(Contact, dana.uid) is None
    assert people.model.rowCount() == 13
    assert store.select(ThankYouNote, "contact_uid = ?", [dana.uid]) == []

    window.undo_action.trigger()
    assert store.get(Contact, dana.uid) == dana
    assert store.select(ThankYouNote, "contact_uid = ?", [dana.uid]) == notes
    assert people.model.rowCount() == 14
    close_window(window)


def test_delete_a_company_and_undo_restores_roles_and_people(qtbot, demo_store, db_path, answers):
    demo_store.close()
    window = open_window(qtbot, db_path)
    window.show_page("companies")
    companies = window.page("companies")
    store = window.context.store
    northwind = next(c for c in store.all(Company) if c.name == "Northwind Logistics")
    companies.select_company(northwind.uid)
    people_before = store.select(Contact, "company_uid = ?", [northwind.uid])
    companies.company_table.setFocus()
    window.delete_action.trigger()
    assert store.get(Company, northwind.uid) is None
    assert store.select(Contact, "company_uid = ?", [northwind.uid]) == []
    window.undo_action.trigger()
    assert store.get(Company, northwind.uid) == northwind
    assert store.select(Contact, "company_uid = ?", [northwind.uid]) == people_before
    assert store.select(Opportunity, "company_uid = ?", [northwind.uid])
    close_window(window)


def test_window_size_and_last_database_are_remembered(qtbot, db_path, tmp_path):
    from afterword.app import database_to_open

    window = open_window(qtbot, db_path)
    window.resize(780, 560)
    window.show_page("companies")
    close_window(window)
    assert database_to_open(None) == Path(db_path).resolve()
    again = open_window(qtbot, db_path)
    assert (again.width(), again.height()) == (780, 560)
    assert again.current_page() == "companies"
    close_window(again)


def test_open_another_database_from_the_file_menu(qtbot, db_path, tmp_path, monkeypatch, answers):
    window = open_window(qtbot, db_path)
    other = tmp_path / "second.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    window.new_database_action.trigger()
    assert window.context.db_path == other
    assert "second.db" in window.windowTitle()
    window.new_person_action.trigger()
    assert window.context.store.count(Contact) == 1
    close_window(window)
    assert Path(other).exists()
