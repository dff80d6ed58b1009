"""The follow-through windows, driven as a user would: keys, clicks, files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from afterword.context import AppContext
from afterword.core.domain import (
    Answer,
    Cadence,
    CallStatus,
    Contact,
    FeedbackCall,
    Interview,
    NoteStatus,
    Opportunity,
    Role,
    ThankYouNote,
    Touch,
)
from afterword.core.notes import note_rows
from afterword.core.rules import CadenceState, cadence_status
from afterword.ui.commands import Changes
from afterword.ui.dialogs.cadence import CadenceDialog
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
from afterword.ui.hub import Hub
from afterword.ui.notifier import Notifier
from afterword.ui.rejection import reject_and_offer_call
from afterword.ui.views.funnel import FunnelView
from afterword.ui.views.notes import NotesView
from conftest import DEMO_TODAY

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=LA)


@pytest.fixture
def context(demo_store, db_path):
    return AppContext(store=demo_store, db_path=db_path, clock=lambda: NOW)


@pytest.fixture
def hub():
    return Hub()


@pytest.fixture
def changes(hub):
    seen: list[str] = []
    hub.changed.connect(seen.append)
    return seen


def _opp(store, title) -> Opportunity:
    return next(o for o in store.all(Opportunity) if o.title == title)


def _person(store, name) -> Contact:
    return next(c for c in store.all(Contact) if c.name == name)


def _open_debrief(qtbot, context, hub, title="Customer Success Manager") -> DebriefDialog:
    dialog = DebriefDialog(context, hub, opportunity_uid=_opp(context.store, title).uid)
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    return dialog


def _activate(qtbot, widget) -> None:
    """Show and activate: keyboard shortcuts only reach the active window."""
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


def _add_person(qtbot, dialog, name, role: Role | None = None) -> None:
    if role is not None:
        dialog.person_role.setCurrentIndex(dialog.person_role.findData(role.value))
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, name)
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)


def test_debrief_by_keyboard_gives_four_notes_and_the_user_unticks_one(qtbot, context, hub, changes):
    dialog = _open_debrief(qtbot, context, hub)
    assert dialog.round.value() == 1
    assert dialog.zone.currentText() == "America/Los_Angeles"
    for name in ("Ada Quinn", "Ben Ortiz", "Cleo Marsh"):
        _add_person(qtbot, dialog, name, Role.INTERVIEWER)
    _add_person(qtbot, dialog, "Rosa Front", Role.RECEPTIONIST)
    assert [c.name for c in dialog.people_model.rows] == ["Ada Quinn", "Ben Ortiz", "Cleo Marsh",
                                                          "Rosa Front"]
    qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)  # leave the field the keyboard way
    dialog.tone.setFocus()
    qtbot.keyClicks(dialog.tone, "warm, curious")
    qtbot.keyClick(dialog.tone, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.closing_question, "Is there anything I could address?")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.pages.currentWidget() is dialog.notes_page
    proposed = dialog.notes_model.rows
    assert len(proposed) == 4
    assert {n.due for n in proposed} == {DEMO_TODAY + timedelta(days=1)}
    assert context.store.count(Interview) == 8  # nothing saved before the confirm step
    assert "4 notes" in dialog.confirm_button.text().lower()

    # Untick the receptionist's note with the keyboard: select the row, press Space.
    dialog.notes_view.setCurrentIndex(dialog.notes_model.index(3, 0))
    qtbot.keyClick(dialog.notes_view, Qt.Key.Key_Space)
    assert "3 notes" in dialog.confirm_button.text().lower()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    store = context.store
    csm = _opp(store, "Customer Success Manager")
    saved = next(i for i in store.all(Interview) if i.opportunity_uid == csm.uid)
    assert saved.closing_question == "Is there anything I could address?"
    assert len(saved.participant_uids) == 4
    assert _person(store, "Rosa Front").role == Role.RECEPTIONIST
    notes = store.select(ThankYouNote, "interview_uid = ?", [saved.uid])
    assert len(notes) == 3 and {n.due for n in notes} == {date(2026, 11, 24)}
    assert {"contacts", "interviews", "thank_you_notes"} <= set(changes)


def test_debrief_with_nobody_present_says_so_and_keeps_the_form(qtbot, context, hub):
    dialog = _open_debrief(qtbot, context, hub)
    qtbot.keyClicks(dialog.tone, "calm")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.form_page
    assert dialog.error.isVisible() and "who was present" in dialog.error.text()
    assert dialog.tone.text() == "calm"
    assert context.store.count(Interview) == 8


def test_debrief_dated_in_the_future_is_refused_where_the_user_is(qtbot, context, hub):
    dialog = _open_debrief(qtbot, context, hub)
    _add_person(qtbot, dialog, "Ada Quinn")
    dialog.day.setDate(QDate(2026, 11, 30))
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentWidget() is dialog.form_page
    assert "future" in dialog.error.text() and "2026-11-30" in dialog.error.text()
    assert context.store.count(Interview) == 8
    assert not context.store.select(Contact, "name = ?", ["Ada Quinn"])


def test_debrief_shows_the_tone_hint_when_a_later_round_differs(qtbot, context, hub):
    dialog = _open_debrief(qtbot, context, hub, title="Regional Sales Manager")
    assert dialog.round.value() == 3
    qtbot.keyClicks(dialog.tone, "pushy")
    assert dialog.tone_hint.isVisible() and "differs" in dialog.tone_hint.text()
    dialog.tone.clear()
    qtbot.keyClicks(dialog.tone, "warm")
    assert not dialog.tone_hint.isVisible()


def test_notes_view_moves_two_notes_to_written(qtbot, context, hub, changes):
    view = NotesView(context, hub)
    qtbot.addWidget(view)
    _activate(qtbot, view)
    open_before = [r for r in note_rows(context.store) if not r.status.is_done]
    assert view.proxy.rowCount() == len(open_before)
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == sorted(
        r.due.isoformat() for r in open_before)
    to_write = [r for r in open_before if r.status == NoteStatus.TO_WRITE][:2]
    view.select_uid(to_write[0].uid)
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert context.store.get(ThankYouNote, to_write[0].uid).status == NoteStatus.DRAFTED
    view.select_uid(to_write[1].uid)
    qtbot.mouseClick(view.move_buttons[NoteStatus.WRITTEN], Qt.MouseButton.LeftButton)
    assert context.store.get(ThankYouNote, to_write[1].uid).status == NoteStatus.WRITTEN
    assert "thank_you_notes" in changes
    view.select_uid(to_write[1].uid)
    qtbot.mouseClick(view.move_buttons[NoteStatus.SENT], Qt.MouseButton.LeftButton)
    sent = context.store.get(ThankYouNote, to_write[1].uid)
    assert sent.status == NoteStatus.SENT and sent.sent_on == DEMO_TODAY
    assert view.proxy.rowCount() == len(open_before) - 1  # the open filter hides it now


def test_rejection_opens_a_feedback_call_with_the_interviewer_and_it_is_scheduled(
        qtbot, context, hub):
    store = context.store
    role = _opp(store, "Head of Enterprise Sales")  # Lumen: Priya (agency), Raj, Nora
    stack = QUndoStack()
    problems: list[str] = []
    dialog = reject_and_offer_call(Changes(context, hub, stack, problems.append), role.uid)
    qtbot.addWidget(dialog)
    assert problems == [] and stack.undoText() == "Mark Head of Enterprise Sales rejected"
    _activate(qtbot, dialog)
    assert _person(store, "Nora Lindqvist").uid == dialog.call.contact_uid
    assert store.get(FeedbackCall, dialog.call.uid).status == CallStatus.TO_REQUEST
    dialog.status.setCurrentIndex(dialog.status.findData(CallStatus.SCHEDULED.value))
    qtbot.keyClicks(dialog.requested_via, "phone")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    call = store.get(FeedbackCall, dialog.call.uid)
    assert call.status == CallStatus.SCHEDULED and call.scheduled_at is not None
    assert call.requested_via == "phone" and call.requested_on == DEMO_TODAY
    assert _opp(store, "Head of Enterprise Sales").stage.value == "rejected"


def test_feedback_call_held_with_stay_in_touch_offers_a_cadence(qtbot, context, hub, monkeypatch,
                                                               message_boxes):
    store = context.store
    call = next(c for c in store.all(FeedbackCall) if c.status == CallStatus.TO_REQUEST)
    dialog = FeedbackCallDialog(context, hub, call=call)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData(CallStatus.HELD.value))
    dialog.held_on.setDate(QDate(2026, 11, 23))
    qtbot.keyClicks(dialog.positive, "clear discovery questions")
    qtbot.keyClicks(dialog.skill, "Coaching a team above six")
    dialog.stay_in_touch.setCurrentIndex(dialog.stay_in_touch.findData(Answer.YES.value))
    message_boxes.replies.append(QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(CadenceDialog, "exec", lambda self: self.save())
    assert dialog.save()
    saved = store.get(FeedbackCall, call.uid)
    assert saved.status == CallStatus.HELD and saved.held_on == DEMO_TODAY
    assert saved.feedback == "+ clear discovery questions"
    assert saved.actions == "Build: Coaching a team above six"
    asked = message_boxes.texts
    assert asked and "every 2 months" in asked[0]
    cadence = store.select(Cadence, "contact_uid = ?", [call.contact_uid])
    assert len(cadence) == 1 and cadence[0].rrule == "FREQ=MONTHLY;INTERVAL=2"


def test_feedback_call_on_a_role_that_is_not_rejected_shows_a_message(qtbot, context, hub):
    store = context.store
    role = _opp(store, "Regional Sales Manager")
    call = FeedbackCall(_person(store, "Dana Reyes").uid, role.uid, DEMO_TODAY)
    dialog = FeedbackCallDialog(context, hub, call=call)
    qtbot.addWidget(dialog)
    assert not dialog.save()
    assert "follows a rejection" in dialog.error.text()
    assert store.get(FeedbackCall, call.uid) is None


def test_cadence_dialog_logs_a_touch_that_resets_the_next_due(qtbot, context, hub, changes):
    ellis = _person(context.store, "Ellis Grant")
    dialog = CadenceDialog(context, hub, contact_uid=ellis.uid)
    qtbot.addWidget(dialog)
    assert "overdue" in dialog.status.text()
    qtbot.keyClicks(dialog.touch_notes, "Lunch; he is still happy to be a reference")
    qtbot.keyClick(dialog.touch_notes, Qt.Key.Key_Return)
    assert context.store.count(Touch) == 4
    assert "next touch due 2026-12-07 (ok)" in dialog.status.text()
    assert "touches" in changes
    assert cadence_status(context.store, [ellis.uid], DEMO_TODAY)[ellis.uid].state == CadenceState.OK


def test_cadence_dialog_saves_every_n_weeks_and_refuses_a_short_maximum(qtbot, context, hub):
    dana = _person(context.store, "Dana Reyes")
    dialog = CadenceDialog(context, hub, contact_uid=dana.uid)
    qtbot.addWidget(dialog)
    assert dialog.every.minimum() == 1  # zero and negative cannot even be typed
    dialog.every.setValue(3)
    dialog.unit.setCurrentIndex(dialog.unit.findData("weeks"))
    dialog.max_days.setValue(10)
    assert not dialog.save()
    assert "shorter than the ideal" in dialog.error.text()
    dialog.max_days.setValue(30)
    assert dialog.save()
    saved = context.store.select(Cadence, "contact_uid = ?", [dana.uid])
    assert [(c.rrule, c.max_days, c.active) for c in saved] == [("FREQ=WEEKLY;INTERVAL=3", 30, True)]


def test_follow_up_letter_carries_the_better_answer_copies_and_saves(qtbot, context, hub,
                                                                     monkeypatch, tmp_path):
    interview = next(i for i in context.store.all(Interview) if i.questions)
    dialog = FollowUpLetterDialog(context, hub, interview_uid=interview.uid)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.sender, "Alex Morgan")
    text = dialog.text.toPlainText()
    assert interview.questions[0].better_answer in text and text.rstrip().endswith("Alex Morgan")
    dialog.copy()
    assert QApplication.clipboard().text() == text
    out = tmp_path / "letter.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert dialog.save_as() == out
    assert out.read_text(encoding="utf-8") == text


def test_funnel_view_shows_the_demo_counts(qtbot, context, hub):
    view = FunnelView(context, hub)
    qtbot.addWidget(view)
    described = view.chart.accessibleDescription()
    assert "Sales leadership: All roles 4, Round 1 3 (1 stopped), Round 2 2" in described
    assert "Customer success: All roles 2, Round 1 1, Round 2 1 (1 stopped)" in described
    assert view.processes.rowCount() == 7
    assert view.concerns.rowCount() == 3
    assert "none more than once" in view.concerns_label.text()


def test_notifier_uses_a_banner_without_a_tray_and_announces_new_items_once(qtbot, context, hub):
    notifier = Notifier(context, hub, tray=False)
    qtbot.addWidget(notifier.banner)
    first = notifier.start()
    assert first and not notifier.banner.isHidden()
    assert "due" in notifier.banner.text()
    assert notifier.check() == []  # nothing new: nothing announced again
    call = next(c for c in context.store.all(FeedbackCall) if c.status == CallStatus.HELD)
    context.store.put(FeedbackCall(call.contact_uid, None, DEMO_TODAY))
    with qtbot.waitSignal(notifier.announced) as blocker:
        hub.notify("feedback_calls")
    assert blocker.args[0].startswith("Now due: 1 item due")
    notifier.timer.stop()


def test_the_banner_shows_a_name_that_looks_like_markup_as_typed(qtbot, context, hub):
    from afterword.core.domain import Contact, Role

    notifier = Notifier(context, hub, tray=False)
    qtbot.addWidget(notifier.banner)
    notifier.start()
    person = Contact("<b>Bo</b> & <i>Co</i>", role=Role.INTERVIEWER)
    context.store.put(person)
    context.store.put(FeedbackCall(person.uid, None, DEMO_TODAY))
    with qtbot.waitSignal(notifier.announced):
        hub.notify("feedback_calls")
    assert "<b>Bo</b> & <i>Co</i>" in notifier.banner.text()
    assert notifier.banner.label.textFormat() == Qt.TextFormat.PlainText
