"""Undo never destroys work saved since; follow-through writes are undoable; rounds
open and delete from the Interviews page; a rejected stage proposes the call."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from afterword.core.domain import (
    FEEDBACK_ROLES,
    CallStatus,
    Contact,
    FeedbackCall,
    Interview,
    Opportunity,
    Stage,
    ThankYouNote,
    Touch,
)
from afterword.ui.dialogs.cadence import CadenceDialog
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
from window_helpers import close_window, open_window, type_into


@pytest.fixture
def window(qtbot, db_path):
    w = open_window(qtbot, db_path)
    yield w
    close_window(w)


@pytest.fixture
def demo_window(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    w = open_window(qtbot, path)
    yield w
    close_window(w)


def _company_role_person(qtbot, window) -> tuple[Opportunity, Contact]:
    window.new_company_action.trigger()
    companies = window.page("companies")
    type_into(qtbot, companies.company_fields.editors["name"], "Northwind Logistics")
    window.new_role_action.trigger()
    type_into(qtbot, companies.role_fields.editors["title"], "Regional Sales Manager")
    role = companies.current_role()
    window.new_person_action.trigger()
    card = window.page("people").card
    type_into(qtbot, card.fields.editors["name"], "Dana Reyes")
    return role, card.contact()


def _debrief(qtbot, window, role: Opportunity, name: str) -> DebriefDialog:
    dialog = DebriefDialog(window.context, window.hub, window, opportunity_uid=role.uid,
                           changes=window.changes)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.person, name)  # Enter takes the person highlighted
    assert dialog.propose()
    assert dialog.confirm()
    return dialog


def test_undo_of_add_person_comes_after_the_debrief_and_redo_brings_everything_back(qtbot, window):
    role, dana = _company_role_person(qtbot, window)
    _debrief(qtbot, window, role, "Dana Reyes")
    store = window.context.store
    [note] = store.select(ThankYouNote, "contact_uid = ?", [dana.uid])
    [interview] = store.select(Interview, "opportunity_uid = ?", [role.uid])
    assert window.undo_stack.undoText().startswith("Debrief round 1")

    window.undo_action.trigger()  # the debrief
    assert store.get(Interview, interview.uid) is None and store.get(ThankYouNote, note.uid) is None
    while not window.undo_stack.undoText().startswith("Add person"):
        window.undo_action.trigger()  # the name edit
    window.undo_action.trigger()
    assert store.get(Contact, dana.uid) is None

    while window.undo_stack.canRedo():
        window.redo_action.trigger()
    assert store.get(Contact, dana.uid).name == "Dana Reyes"
    assert store.get(Interview, interview.uid).participant_uids == [dana.uid]
    assert store.get(ThankYouNote, note.uid) == note


def test_undo_of_add_person_keeps_a_touch_logged_outside_the_undo_stack(qtbot, window):
    _, dana = _company_role_person(qtbot, window)
    store = window.context.store
    dialog = CadenceDialog(window.context, window.hub, window, contact_uid=dana.uid)
    qtbot.addWidget(dialog)
    dialog.touch_notes.setText("Coffee after the conference")
    assert dialog.log_touch()
    [touch] = store.select(Touch, "contact_uid = ?", [dana.uid])

    while not window.undo_stack.undoText().startswith("Add person"):
        window.undo_action.trigger()
    window.undo_action.trigger()
    assert store.get(Contact, dana.uid) is None
    window.redo_action.trigger()
    assert store.get(Contact, dana.uid) is not None
    assert store.select(Touch, "contact_uid = ?", [dana.uid]) == [touch]  # not silently lost


def test_undoing_an_edit_writes_back_only_what_it_changed(qtbot, window):
    role, _ = _company_role_person(qtbot, window)
    window.show_page("companies")
    companies = window.page("companies")
    companies.select_role(role.uid)
    type_into(qtbot, companies.role_fields.editors["target"], "Logistics sales")
    store = window.context.store
    # Saved meanwhile by something not on this window's undo stack (the command line, say).
    store.put(replace(store.get(Opportunity, role.uid), notes="Referred by Sam"))
    window.undo_action.trigger()  # the target edit
    stored = store.get(Opportunity, role.uid)
    assert stored.target is None and stored.notes == "Referred by Sam"


def test_an_undo_that_would_revert_a_later_change_is_refused_in_the_status_bar(qtbot, window):
    role, _ = _company_role_person(qtbot, window)
    window.show_page("companies")
    companies = window.page("companies")
    companies.select_role(role.uid)
    type_into(qtbot, companies.role_fields.editors["target"], "Logistics sales")
    store = window.context.store
    store.put(replace(store.get(Opportunity, role.uid), target="Freight"))  # changed since
    count = window.undo_stack.count()
    window.undo_action.trigger()
    assert store.get(Opportunity, role.uid).target == "Freight"
    assert "Cannot undo" in window.statusBar().currentMessage()
    assert "changed since" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == count - 1  # the stale step is gone from the stack


def _rejectable_role(store) -> Opportunity:
    """An open role with an interviewer or hiring manager at one of its rounds."""
    for role in store.select(Opportunity, "stage != 'rejected'"):
        if store.select(FeedbackCall, "opportunity_uid = ?", [role.uid]):
            continue
        for interview in store.select(Interview, "opportunity_uid = ?", [role.uid]):
            people = [store.get(Contact, u) for u in interview.participant_uids]
            if any(p and p.role in FEEDBACK_ROLES for p in people):
                return role
    raise AssertionError("the demo has no role to reject")


def test_stage_rejected_in_the_combo_proposes_the_feedback_call_as_one_undoable_step(
        qtbot, demo_window, monkeypatch):
    offered: list[FeedbackCallDialog] = []
    monkeypatch.setattr(FeedbackCallDialog, "exec", lambda self: offered.append(self) or 0)
    window, store = demo_window, demo_window.context.store
    role = _rejectable_role(store)
    window.show_page("companies")
    companies = window.page("companies")
    companies.select_company(role.company_uid)
    companies.select_role(role.uid)
    stage = companies.role_fields.editors["stage"]
    stage.setFocus()
    stage.setCurrentIndex(stage.findData(Stage.REJECTED))
    stage.activated.emit(stage.currentIndex())  # what choosing it from the list does

    assert store.get(Opportunity, role.uid).stage == Stage.REJECTED
    [call] = store.select(FeedbackCall, "opportunity_uid = ?", [role.uid])
    assert call.status == CallStatus.TO_REQUEST
    assert len(offered) == 1 and offered[0].call.uid == call.uid
    window.undo_action.trigger()  # one step takes back the stage and the call
    assert store.get(Opportunity, role.uid).stage == role.stage
    assert store.get(FeedbackCall, call.uid) is None


def test_mark_role_rejected_is_undoable(qtbot, demo_window, monkeypatch):
    monkeypatch.setattr(FeedbackCallDialog, "exec", lambda self: 0)
    window, store = demo_window, demo_window.context.store
    role = _rejectable_role(store)
    window.show_page("companies")
    companies = window.page("companies")
    companies.select_company(role.company_uid)
    companies.select_role(role.uid)
    window.follow_through.reject_action.trigger()
    assert store.get(Opportunity, role.uid).stage == Stage.REJECTED
    window.undo_action.trigger()
    assert store.get(Opportunity, role.uid).stage == role.stage
    assert store.select(FeedbackCall, "opportunity_uid = ?", [role.uid]) == []


def _select_round(window, uid: str):
    window.show_page("interviews")
    view = window.page("interviews")
    row = next(r for r in range(view.model.rowCount()) if view.model.record_at(r).uid == uid)
    view.table.setCurrentIndex(view.proxy.mapFromSource(view.model.index(row, 0)))
    view.table.setFocus()
    return view


def test_enter_on_a_round_opens_it_and_saves_edits_without_duplicate_notes(
        qtbot, demo_window, monkeypatch):
    window, store = demo_window, demo_window.context.store
    interview = next(i for i in store.all(Interview)
                     if store.select(ThankYouNote, "interview_uid = ?", [i.uid]))
    notes_before = store.count(ThankYouNote)
    seen: list[DebriefDialog] = []

    def edit(dialog: DebriefDialog) -> int:
        seen.append(dialog)
        dialog.tone.setText("Warm and curious")
        assert dialog.propose()
        assert dialog.notes_model.rows == []  # everyone present already has a note
        assert dialog.confirm()
        return 1

    monkeypatch.setattr(DebriefDialog, "exec", edit)
    view = _select_round(window, interview.uid)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert len(seen) == 1 and seen[0].existing.uid == interview.uid
    stored = store.get(Interview, interview.uid)
    assert stored.tone == "Warm and curious"
    assert stored.participant_uids == interview.participant_uids
    assert stored.questions == interview.questions and stored.concerns == interview.concerns
    assert store.count(ThankYouNote) == notes_before
    window.undo_action.trigger()
    assert store.get(Interview, interview.uid).tone == interview.tone


def test_delete_key_deletes_the_round_after_asking_and_undo_brings_back_its_notes(
        qtbot, demo_window, message_boxes):
    window, store = demo_window, demo_window.context.store
    interview = next(i for i in store.all(Interview)
                     if store.select(ThankYouNote, "interview_uid = ?", [i.uid]))
    notes = store.select(ThankYouNote, "interview_uid = ?", [interview.uid])
    view = _select_round(window, interview.uid)

    message_boxes.replies.append(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Delete round" in message_boxes.texts[-1]
    assert store.get(Interview, interview.uid) is not None

    message_boxes.replies.append(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert store.get(Interview, interview.uid) is None
    assert all(view.model.record_at(r).uid != interview.uid for r in range(view.model.rowCount()))
    window.undo_action.trigger()
    assert store.get(Interview, interview.uid) == interview
    assert store.select(ThankYouNote, "interview_uid = ?", [interview.uid]) == notes


def test_note_moves_are_undoable(qtbot, demo_window):
    window, store = demo_window, demo_window.context.store
    window.show_page("notes")
    notes = window.page("notes")
    row = notes.model.rows[notes.proxy.mapToSource(notes.proxy.index(0, 0)).row()]
    notes.select_uid(row.uid)
    notes.advance_selected()
    assert store.get(ThankYouNote, row.uid).status != row.status
    window.undo_action.trigger()
    assert store.get(ThankYouNote, row.uid).status == row.status


def test_follow_up_letter_keeps_the_users_edits_when_choices_change(qtbot, demo_window,
                                                                    message_boxes):
    from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog

    window, store = demo_window, demo_window.context.store
    interview = next(i for i in store.all(Interview) if len(i.participant_uids) > 1)
    dialog = FollowUpLetterDialog(window.context, window.hub, window, interview_uid=interview.uid)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.sender, "Alex")  # unedited: the letter follows the choices
    assert dialog.text.toPlainText().rstrip().endswith("Alex")
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.text, "P.S. My own words.")
    dialog.recipient.setCurrentIndex(0 if dialog.recipient.currentIndex() else 1)
    qtbot.keyClicks(dialog.sender, " Morgan")
    assert "P.S. My own words." in dialog.text.toPlainText()  # not overwritten
    assert "Regenerate" in dialog.note.text()
    message_boxes.replies.append(QMessageBox.StandardButton.No)
    dialog.regenerate()
    assert "P.S. My own words." in dialog.text.toPlainText()
    message_boxes.replies.append(QMessageBox.StandardButton.Yes)
    dialog.regenerate()
    text = dialog.text.toPlainText()
    assert "P.S." not in text and text.rstrip().endswith("Alex Morgan")


def test_a_refused_value_is_not_dropped_when_moving_to_another_person_or_page(
        qtbot, demo_window, message_boxes):
    window = demo_window
    window.show_page("people")
    people = window.page("people")
    people.select_row(0)
    first = people.card.contact()
    email = people.card.fields.editors["email"]
    type_into(qtbot, email, "dana at example")
    assert people.card.fields.refused() == ["email"]

    message_boxes.replies.append("Keep Editing")
    people.select_row(1)
    assert "dana at example" in message_boxes.texts[-1]
    assert message_boxes[-1].textFormat() == Qt.TextFormat.PlainText
    assert people.card.contact().uid == first.uid and email.text() == "dana at example"
    assert people.current_uid() == first.uid

    message_boxes.replies.append("Keep Editing")
    window.show_page("companies")
    assert window.current_page() == "people" and email.text() == "dana at example"

    message_boxes.replies.append("Discard")
    people.select_row(1)
    assert people.card.contact().uid != first.uid
    assert window.context.store.get(Contact, first.uid).email == first.email
    assert len(message_boxes) == 3


def test_a_refused_value_stays_when_another_field_of_the_same_person_saves(
        qtbot, demo_window, message_boxes):
    window = demo_window
    window.show_page("people")
    people = window.page("people")
    people.select_row(0)
    fields = people.card.fields
    type_into(qtbot, fields.editors["email"], "dana at example")
    type_into(qtbot, fields.editors["title"], "Chief of Staff")
    assert window.context.store.get(Contact, people.current_uid()).title == "Chief of Staff"
    assert fields.editors["email"].text() == "dana at example"
    assert fields.refused() == ["email"]
    message_boxes.replies.append("Discard")  # closing the window asks about it
