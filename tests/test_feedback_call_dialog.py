"""The feedback call dialog: it shows the numbers to call where it says to ask by
phone, writes every date the same way, and saving is one undoable step."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDateTimeEdit, QLabel

from afterword.context import AppContext
from afterword.core.domain import CallStatus, Contact, FeedbackCall, Opportunity
from afterword.ui.commands import Changes
from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
from afterword.ui.hub import Hub

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.fixture
def context(demo_store, db_path):
    return AppContext(store=demo_store, db_path=db_path, clock=lambda: NOW)


def _call_with(store, name: str) -> FeedbackCall:
    """A call to request from `name`, about a rejected role of theirs."""
    person = next(c for c in store.all(Contact) if c.name == name)
    role = next(o for o in store.all(Opportunity) if o.stage.value == "rejected")
    call = FeedbackCall(person.uid, role.uid, date(2026, 11, 20))
    store.put(call)
    return call


def _open(qtbot, context, call, changes=None) -> FeedbackCallDialog:
    dialog = FeedbackCallDialog(context, Hub(), call=call, changes=changes)
    qtbot.addWidget(dialog)
    return dialog


def _texts(dialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_ask_by_phone_comes_with_the_numbers_to_call(qtbot, context):
    dialog = _open(qtbot, context, _call_with(context.store, "Dana Reyes"))
    shown = _texts(dialog)
    assert "by phone" in shown
    assert "+1 206 555 0142" in shown and "+1 206 555 0199" in shown  # direct and cell
    assert "direct" in dialog.phones.text() and "cell" in dialog.phones.text()


def test_without_a_number_it_says_where_to_add_one(qtbot, context):
    dialog = _open(qtbot, context, _call_with(context.store, "Aisha Okafor"))  # email only
    assert "no phone number" in dialog.phones.text().lower()


def test_every_date_is_written_the_same_way(qtbot, context):
    dialog = _open(qtbot, context, _call_with(context.store, "Dana Reyes"))
    dates = dialog.findChildren(QDateTimeEdit)  # date edits too
    assert {d.accessibleName() for d in dates} >= {"Requested on", "Held on", "Scheduled at"}
    for field in dates:
        pattern = r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}" if isinstance(field, QDateTimeEdit) \
            and field.displayedSections() & QDateTimeEdit.Section.HourSection else r"\d{4}-\d{2}-\d{2}"
        assert re.fullmatch(pattern, field.text()), (field.accessibleName(), field.text())
    assert dialog.requested_on.text() == "2026-11-23"


def test_saving_is_one_undoable_step(qtbot, context):
    store = context.store
    call = _call_with(store, "Dana Reyes")
    stack = QUndoStack()
    problems: list[str] = []
    dialog = _open(qtbot, context, call, Changes(context, Hub(), stack, problems.append))
    dialog.status.setCurrentIndex(dialog.status.findData(CallStatus.REQUESTED.value))
    dialog.requested_on.setDate(QDate(2026, 11, 22))
    dialog.requested_via.setText("voicemail")
    assert dialog.save(), dialog.error.text()
    assert problems == [] and stack.count() == 1
    assert stack.undoText() == "Feedback call with Dana Reyes"
    saved = store.get(FeedbackCall, call.uid)
    assert (saved.status, saved.requested_on, saved.requested_via) == (
        CallStatus.REQUESTED, date(2026, 11, 22), "voicemail")
    stack.undo()
    assert store.get(FeedbackCall, call.uid) == call
    stack.redo()
    assert store.get(FeedbackCall, call.uid) == saved


def test_a_refused_save_pushes_nothing_and_says_why(qtbot, context):
    store = context.store
    call = _call_with(store, "Dana Reyes")
    stack = QUndoStack()
    dialog = _open(qtbot, context, call, Changes(context, Hub(), stack, pytest.fail))
    dialog.status.setCurrentIndex(dialog.status.findData(CallStatus.HELD.value))
    dialog.held_on.setDate(QDate(2026, 12, 25))
    assert not dialog.save()
    assert "future" in dialog.error.text() and stack.count() == 0
    assert store.get(FeedbackCall, call.uid) == call
