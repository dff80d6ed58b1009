"""Names and notes show literally (never as HTML); commands have shortcuts and
status labels have accessible names."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from afterword.core.domain import Company, Contact, FeedbackCall, Opportunity, Role, Stage
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
from afterword.ui.dialogs.schedule import ScheduleCallDialog
from window_helpers import NOW, close_window, open_window

NAME = '<img src="file:///etc/passwd"><b>x</b>'


def shown_text(label: QLabel) -> str:
    """What a label puts on screen."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    assert label.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(label.text())
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def tooltip_text(tip: str) -> str:
    doc = QTextDocument()
    doc.setHtml(tip) if GuiQt.mightBeRichText(tip) else doc.setPlainText(tip)
    return doc.toPlainText()


@pytest.fixture
def hostile(store):
    company = Company(f"{NAME} Inc")
    role = Opportunity(company.uid, f"{NAME} role", stage=Stage.REJECTED)
    person = Contact(NAME, company_uid=company.uid, role=Role.INTERVIEWER)
    call = FeedbackCall(person.uid, role.uid, date(2026, 11, 23))
    store.put_many([company, role, person, call])
    return store, call


def test_feedback_call_heading_shows_names_literally(qtbot, hostile):
    from afterword.context import AppContext
    from afterword.ui.hub import Hub

    store, call = hostile
    dialog = FeedbackCallDialog(AppContext(store=store, db_path=None, clock=lambda: NOW), Hub(),
                                call=call)
    qtbot.addWidget(dialog)
    heading = next(label for label in dialog.findChildren(QLabel) if "rejection" in label.text())
    text = shown_text(heading)
    assert NAME in text and f"{NAME} Inc" in text and f"{NAME} role" in text


def test_schedule_question_shows_the_name_literally(qtbot):
    dialog = ScheduleCallDialog(NAME, NOW.replace(tzinfo=None))
    qtbot.addWidget(dialog)
    label = next(label for label in dialog.findChildren(QLabel) if "feedback call" in label.text())
    assert NAME in shown_text(label)


def test_people_list_tooltip_and_delete_question_show_the_name_literally(
        qtbot, db_path, message_boxes):
    window = open_window(qtbot, db_path)
    try:
        window.new_person_action.trigger()
        people = window.page("people")
        card = people.card
        editor = card.fields.editors["name"]
        editor.setFocus()
        editor.selectAll()
        editor.insert(NAME)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert window.context.store.get(Contact, card.contact().uid).name == NAME
        tip = people.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip_text(tip) == NAME
        message_boxes.replies.append(QMessageBox.StandardButton.Cancel)
        window.delete_action.trigger()
        [box] = message_boxes
        assert box.textFormat() == Qt.TextFormat.PlainText and NAME in box.text()
    finally:
        close_window(window)


def test_rows_tooltips_show_names_literally(qtbot, hostile):
    from afterword.ui.models.rows import Column, RowsModel

    model = RowsModel([Column("Name", lambda c: c.name)])
    model.set_rows([Contact(NAME)])
    assert tooltip_text(model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)) == NAME


def test_new_database_and_about_have_shortcuts(qtbot, db_path):
    window = open_window(qtbot, db_path)
    try:
        for action in (window.new_database_action, window.about_action):
            assert not action.shortcut().isEmpty(), action.text()
        shortcuts = [a.shortcut().toString() for a in window.findChildren(type(window.about_action))
                     if not a.shortcut().isEmpty()]
        assert len(shortcuts) == len(set(shortcuts))  # none taken twice
    finally:
        close_window(window)


def test_status_labels_have_accessible_names(qtbot, db_path):
    window = open_window(qtbot, db_path)
    try:
        labels = [window.page("companies").count_label, window.page("interviews").count_label,
                  window.page("today").hint]
        dialog = DebriefDialog(window.context, window.hub, window)
        qtbot.addWidget(dialog)
        labels.append(dialog.notes_intro)
        for label in labels:
            assert label.accessibleName(), label.text()
    finally:
        close_window(window)
