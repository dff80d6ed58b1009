"""The follow-through commands and pages, reached from the main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from afterword.core.domain import Contact, Opportunity
from afterword.core.rules import ReminderKind, due_reminders
from afterword.ui.colours import OVERDUE, status_colour
from afterword.ui.dialogs.cadence import CadenceDialog
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
from afterword.ui.models.people import NEXT_TOUCH


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def opened(monkeypatch):
    """Dialogs the window opened, instead of running them modally."""
    seen: list = []
    for dialog in (CadenceDialog, DebriefDialog, FollowUpLetterDialog):
        monkeypatch.setattr(dialog, "exec", lambda self: seen.append(self) or 0)
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text, *a, **k: infos.append(text))
    seen_infos = infos
    return seen, seen_infos


def menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def test_follow_through_menu_lists_its_commands(window):
    texts = [a.text().replace("&", "") for a in menu(window, "Follow-through").actions()]
    assert texts == ["Debrief a Round…", "Follow-up Letter…", "Mark Role Rejected…",
                     "Feedback Call…", "Stay in Touch…", "", "Print Prep Brief…"]


def test_debrief_starts_on_the_selected_role(qtbot, window, opened):
    dialogs, _ = opened
    window.show_page("companies")
    companies = window.page_widgets["companies"]
    role = next(o for o in window.context.store.all(Opportunity)
                if o.title == "Regional Sales Manager")
    companies.select_company(role.company_uid)
    companies.select_role(role.uid)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(dialogs) == 1 and isinstance(dialogs[0], DebriefDialog)
    assert dialogs[0].opportunity.currentData() == role.uid


def test_follow_up_letter_needs_a_round_and_uses_the_selected_one(window, opened):
    dialogs, infos = opened
    window.show_page("people")
    letter = window.follow_through.letter_action
    assert not letter.isEnabled() and "Select a round" in letter.toolTip()
    letter.trigger()
    assert dialogs == [] and infos == []
    window.show_page("interviews")
    interviews = window.page_widgets["interviews"]
    interviews.table.setCurrentIndex(interviews.proxy.index(0, 0))
    assert letter.isEnabled() and "Select" not in letter.toolTip()
    window.follow_through.letter_action.trigger()
    assert isinstance(dialogs[0], FollowUpLetterDialog)


def test_enter_on_a_touch_in_today_opens_stay_in_touch(qtbot, window, opened):
    dialogs, _ = opened
    window.show_page("today")
    today = window.page_widgets["today"]
    touch = next(r for r in due_reminders(window.context.store, window.context.today()).items
                 if r.kind is ReminderKind.TOUCH)
    index = today.model.index_of(touch.uid)
    today.tree.setCurrentIndex(index)
    today.tree.setFocus()
    today.tree.activated.emit(index)
    assert isinstance(dialogs[0], CadenceDialog)
    assert dialogs[0].contact_uid == touch.contact_uid


def test_people_list_shows_last_contact_and_marks_overdue_touches(window):
    window.show_page("people")
    people = window.page_widgets["people"]
    ellis = next(c for c in window.context.store.all(Contact) if c.name == "Ellis Grant")
    people.select_uid(ellis.uid)
    row = people.model.row_of(ellis.uid)
    cell = people.model.index(row, NEXT_TOUCH)
    assert people.model.headerData(NEXT_TOUCH, Qt.Orientation.Horizontal) == "Next touch"
    assert people.model.data(cell) == "2026-11-17 (overdue)"
    colour = people.model.data(cell, Qt.ItemDataRole.ForegroundRole)
    assert colour.name() == status_colour(OVERDUE).name()  # the overdue colour, beside the word
    assert people.model.data(people.model.index(row, NEXT_TOUCH - 1)) == "2026-11-03"


def test_notes_and_funnel_pages_are_in_the_sidebar(window):
    titles = [window.sidebar.model().index(i, 0).data()
              for i in range(window.sidebar.model().rowCount())]
    assert titles[-2:] == ["Thank-you notes", "Funnel"]
    window.page_actions["funnel"].trigger()
    assert window.current_page() == "funnel"


def test_the_banner_announces_what_is_due_once_the_worker_has_read_it(qtbot, window):
    banner = window.notifier.banner
    qtbot.waitUntil(lambda: not banner.isHidden(), timeout=10_000)
    assert "8 items due (4 overdue)" in banner.text()
