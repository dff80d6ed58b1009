"""Stay in Touch from the window: saving a cadence and logging a touch are each
one undoable step; a refused touch is said in the dialog and nothing is pushed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QMessageBox

from afterword.core.domain import Cadence, Contact, FeedbackCall, Touch
from afterword.ui.dialogs.cadence import CadenceDialog
from window_helpers import close_window, open_window


@pytest.fixture
def window(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    w = open_window(qtbot, path)
    yield w
    close_window(w)


def _person(window, name: str) -> Contact:
    return next(c for c in window.context.store.all(Contact) if c.name == name)


def _stay_in_touch(qtbot, window, monkeypatch, name: str) -> CadenceDialog:
    """Follow-through ▸ Stay in Touch on `name`, as the window opens it."""
    opened: list[CadenceDialog] = []
    monkeypatch.setattr(CadenceDialog, "exec", lambda self: opened.append(self) or 0)
    window.show_page("people")
    window.page("people").select_uid(_person(window, name).uid)
    window.follow_through.cadence_action.trigger()
    (dialog,) = opened
    qtbot.addWidget(dialog)
    return dialog


def test_saving_a_cadence_is_one_undoable_step(qtbot, window, monkeypatch):
    store = window.context.store
    dana = _person(window, "Dana Reyes")
    assert store.select(Cadence, "contact_uid = ?", [dana.uid]) == []
    dialog = _stay_in_touch(qtbot, window, monkeypatch, "Dana Reyes")
    dialog.every.setValue(3)
    dialog.unit.setCurrentIndex(dialog.unit.findData("weeks"))
    depth = window.undo_stack.count()
    assert dialog.save()
    assert window.undo_stack.count() == depth + 1
    assert window.undo_stack.undoText() == "Set the cadence for Dana Reyes"
    [saved] = store.select(Cadence, "contact_uid = ?", [dana.uid])
    assert saved.rrule == "FREQ=WEEKLY;INTERVAL=3"

    window.undo_action.trigger()
    assert store.select(Cadence, "contact_uid = ?", [dana.uid]) == []
    window.redo_action.trigger()
    assert store.select(Cadence, "contact_uid = ?", [dana.uid]) == [saved]


def test_changing_a_cadence_undoes_back_to_the_old_rule(qtbot, window, monkeypatch):
    store = window.context.store
    ellis = _person(window, "Ellis Grant")
    [before] = store.select(Cadence, "contact_uid = ?", [ellis.uid])
    dialog = _stay_in_touch(qtbot, window, monkeypatch, "Ellis Grant")
    dialog.paused.setChecked(True)
    assert dialog.save()
    assert window.undo_stack.undoText() == "Change the cadence for Ellis Grant"
    assert not store.get(Cadence, before.uid).active
    window.undo_action.trigger()
    assert store.get(Cadence, before.uid) == before


def test_logging_a_touch_is_one_undoable_step(qtbot, window, monkeypatch):
    store = window.context.store
    ellis = _person(window, "Ellis Grant")
    had = store.select(Touch, "contact_uid = ?", [ellis.uid])
    dialog = _stay_in_touch(qtbot, window, monkeypatch, "Ellis Grant")
    dialog.touch_notes.setText("Coffee; still happy to be a reference")
    assert dialog.log_touch()
    assert window.undo_stack.undoText() == "Log a touch with Ellis Grant"
    assert dialog.touch_notes.text() == "" and "(ok)" in dialog.status.text()
    [touch] = [t for t in store.select(Touch, "contact_uid = ?", [ellis.uid]) if t not in had]
    assert touch.notes == "Coffee; still happy to be a reference"

    window.undo_action.trigger()
    assert store.select(Touch, "contact_uid = ?", [ellis.uid]) == had
    window.redo_action.trigger()
    assert store.get(Touch, touch.uid) == touch


def test_a_touch_in_the_future_is_refused_in_the_dialog_and_not_pushed(
        qtbot, window, monkeypatch, message_boxes):
    store = window.context.store
    before = store.count(Touch)
    dialog = _stay_in_touch(qtbot, window, monkeypatch, "Ellis Grant")
    depth = window.undo_stack.count()
    dialog.touch_at.setDateTime(QDateTime(QDate(2026, 12, 24), QTime(10, 0)))
    dialog.touch_notes.setText("Not yet")
    assert not dialog.log_touch()
    assert "in the future" in dialog.error.text()
    assert dialog.touch_notes.text() == "Not yet"  # kept to fix the time and try again
    assert store.count(Touch) == before and window.undo_stack.count() == depth
    assert message_boxes.texts == []


def test_the_cadence_offered_after_a_feedback_call_is_undoable(qtbot, window, monkeypatch, message_boxes):
    from afterword.core.domain import Answer, CallStatus
    from afterword.ui.dialogs.feedback_call import FeedbackCallDialog

    store = window.context.store
    call = next(c for c in store.all(FeedbackCall) if c.status == CallStatus.TO_REQUEST)
    dialog = FeedbackCallDialog(window.context, window.hub, window, call=call, changes=window.changes)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData(CallStatus.HELD.value))
    dialog.held_on.setDate(QDate(2026, 11, 23))
    dialog.stay_in_touch.setCurrentIndex(dialog.stay_in_touch.findData(Answer.YES.value))
    message_boxes.replies.append(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(CadenceDialog, "exec", lambda self: self.save())
    assert dialog.save()
    [cadence] = store.select(Cadence, "contact_uid = ?", [call.contact_uid])
    assert window.undo_stack.undoText().startswith("Set the cadence for")
    window.undo_action.trigger()
    assert store.get(Cadence, cadence.uid) is None
