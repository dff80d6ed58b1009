"""Ticking Today items and searching, through the window."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from afterword.core.domain import CallStatus, FeedbackCall, Interview, NoteStatus, ThankYouNote, Touch
from afterword.core.rules import ReminderKind
from afterword.ui import settings as keys
from afterword.ui.dialogs.schedule import ScheduleCallDialog
from window_helpers import NOW, close_window, open_window


def _select(window, kind: ReminderKind, title_part: str = ""):
    today = window.page("today")
    model = today.model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 0, group)
            reminder = model.reminder(index)
            if reminder.kind is kind and title_part in reminder.title:
                today.tree.setFocus()
                today.tree.setCurrentIndex(index)
                return reminder
    raise AssertionError(f"no {kind} reminder with {title_part!r}")


def _titles(window) -> list[str]:
    model = window.page("today").model
    return [model.reminder(model.index(r, 0, model.index(g, 0))).title
            for g in range(model.rowCount()) for r in range(model.rowCount(model.index(g, 0)))]


def test_today_groups_with_overdue_marked(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    today = window.page("today")
    groups = [today.model.index(g, 0).data() for g in range(today.model.rowCount())]
    assert groups[0].startswith("Thank-you notes")
    assert any("overdue" in g for g in groups)
    assert "overdue" in today.heading.text()
    follow = _select(window, ReminderKind.FOLLOW_UP)
    due_text = today.model.index(today.tree.currentIndex().row(), 1,
                                 today.tree.currentIndex().parent()).data()
    assert follow.is_overdue(NOW.date()) and due_text.startswith("Overdue")
    close_window(window)


def test_space_marks_a_thank_you_note_sent_and_undo_brings_it_back(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    reminder = _select(window, ReminderKind.THANK_YOU_NOTE, "Dana Reyes")
    qtbot.keyClick(window.page("today").tree, Qt.Key.Key_Space)
    note = window.context.store.get(ThankYouNote, reminder.source_uid)
    assert (note.status, note.sent_on) == (NoteStatus.SENT, NOW.date())
    assert reminder.title not in _titles(window)
    window.undo_action.trigger()
    assert window.context.store.get(ThankYouNote, reminder.source_uid).status == NoteStatus.TO_WRITE
    assert reminder.title in _titles(window)
    close_window(window)


def test_ticking_a_touch_a_follow_up_and_a_feedback_call(qtbot, demo_store, db_path, monkeypatch):
    demo_store.close()
    window = open_window(qtbot, db_path)
    store = window.context.store
    tree = window.page("today").tree

    touch = _select(window, ReminderKind.TOUCH, "Ellis Grant")
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    logged = store.select(Touch, "contact_uid = ?", [touch.contact_uid], order_by="at DESC")[0]
    assert logged.at == NOW and logged.kind == "note"

    follow = _select(window, ReminderKind.FOLLOW_UP)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert store.get(Interview, follow.source_uid).followed_up_on == NOW.date()

    call = _select(window, ReminderKind.FEEDBACK_CALL)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    record = store.get(FeedbackCall, call.source_uid)
    assert (record.status, record.requested_on) == (CallStatus.REQUESTED, NOW.date())

    # Requested calls are chased 5 days on; look that far ahead to tick it again.
    when = datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    monkeypatch.setattr(ScheduleCallDialog, "ask", classmethod(lambda cls, *a, **k: when))
    keys.TODAY_LOOKAHEAD.write(window.settings, 10)
    window.hub.notify("*")
    _select(window, ReminderKind.FEEDBACK_CALL)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    record = store.get(FeedbackCall, call.source_uid)
    assert (record.status, record.scheduled_at) == (CallStatus.SCHEDULED, when)
    _select(window, ReminderKind.FEEDBACK_CALL)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    record = store.get(FeedbackCall, call.source_uid)
    assert (record.status, record.held_on) == (CallStatus.HELD, NOW.date())
    close_window(window)


def test_clicking_the_box_ticks_the_item(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    today = window.page("today")
    reminder = _select(window, ReminderKind.THANK_YOU_NOTE, "Marcus Chen")
    index = today.tree.currentIndex()
    rect = today.tree.visualRect(index)
    # The check box sits at the start of the first column's cell.
    box = rect.topLeft() + type(rect.topLeft())(today.tree.style().pixelMetric(
        today.tree.style().PixelMetric.PM_IndicatorWidth) // 2 + 3, rect.height() // 2)
    qtbot.mouseClick(today.tree.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert window.context.store.get(ThankYouNote, reminder.source_uid).status == NoteStatus.SENT
    close_window(window)


def test_ctrl_f_type_ahead_finds_people_by_name_company_and_note_text(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    people = window.page("people")
    qtbot.keyClicks(window.search_field, "north")
    # Five work there; Priya "introduced me to Lumen and Northwind".
    qtbot.waitUntil(lambda: window.current_page() == "people" and people.model.rowCount() == 6)
    assert "matching" in people.count_label.text()
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, "portl")  # only in thank-you note points
    qtbot.waitUntil(lambda: people.model.rowCount() == 4)
    names = {people.model.data(people.model.index(r, 0)) for r in range(4)}
    assert names == {"Dana Reyes", "Marcus Chen", "Aisha Okafor", "Tom Becker"}
    assert people.card.contact() is not None  # the first match is shown
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, 'dana" OR NEAR(')
    qtbot.waitUntil(lambda: people.model.rowCount() == 0)  # odd text is just text
    window.show_page("companies")
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, "lumen")
    companies = window.page("companies")
    qtbot.waitUntil(lambda: companies.companies.rowCount() == 1)
    assert companies.current_company().name == "Lumen Robotics"
    window.search_field.clear()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert companies.companies.rowCount() == 6
    close_window(window)


def test_today_counts_follow_the_date(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    assert NOW.date() == date(2026, 11, 23)
    assert "Monday 23 November 2026" in window.page("today").heading.text()
    close_window(window)
