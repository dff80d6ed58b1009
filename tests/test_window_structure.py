"""The window's structure: one written page contract, pages built when first shown,
no SQL in the UI, a sidebar that always follows the page shown, a search every page
honours, and commands enabled only where they apply."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from afterword.core.domain import Interview, ThankYouNote
from afterword.core.rules import ReminderKind
from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
from afterword.ui.page import Page

UI = Path(__file__).resolve().parents[1] / "desktop" / "afterword" / "ui"


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def letters(monkeypatch):
    """Follow-up letters the window opened, instead of running them modally."""
    seen: list[FollowUpLetterDialog] = []
    monkeypatch.setattr(FollowUpLetterDialog, "exec", lambda self: seen.append(self) or 0)
    return seen


# -- the structure -------------------------------------------------------------------

def test_start_up_builds_only_the_page_it_opens_on(window):
    assert list(window.page_widgets) == ["today"]
    assert window.stack.count() == 1
    window.show_page("funnel")
    assert list(window.page_widgets) == ["today", "funnel"]


def test_later_pages_are_imported_only_when_first_shown(tmp_path):
    script = f"""
import sys
from datetime import datetime, timezone
from PySide6.QtWidgets import QApplication
from afterword.context import AppContext
from afterword.core.store import Store
from afterword.ui.main_window import MainWindow
app = QApplication([])
store = Store.open(r"{tmp_path / 'a.db'}")
window = MainWindow(AppContext(store=store, db_path=store.path, clock=lambda: datetime.now(timezone.utc)))
later = ("people", "companies", "interviews", "notes", "funnel")
print(sorted(m for m in later if "afterword.ui.views." + m in sys.modules))
window.show_page("funnel")
print(sorted(m for m in later if "afterword.ui.views." + m in sys.modules))
window.close()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "['funnel']"]


def test_every_page_keeps_the_written_contract_and_says_when_it_is_loaded(qtbot, window):
    loaded: list[str] = []
    window.page_loaded.connect(loaded.append)
    for spec in window.pages:
        window.show_page(spec.key)
        page = window.shown_page()
        assert isinstance(page, Page)
        assert page.objectName() == f"page_{spec.key}"
    qtbot.waitUntil(lambda: set(loaded) >= {p.key for p in window.pages} - {"today"})


def test_the_ui_asks_the_core_by_meaning_no_sql_and_no_hasattr_checks():
    sql = re.compile(r"where=|order_by=|\bSELECT\b|\.db\.execute|store\.select\(")
    guessing = re.compile(r"hasattr\((page|widget|self\.current|leaving)")
    found = [f"{path.relative_to(UI)}:{n}: {line.strip()}"
             for path in UI.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if sql.search(line) or guessing.search(line)]
    assert found == []


# -- the sidebar follows the page shown ----------------------------------------------

def highlighted_rows(window) -> list[int]:
    """Sidebar rows painted in the highlight colour, read from what is on screen
    (the window's backing store), not from the selection model."""
    sidebar = window.sidebar
    image = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
    palette = sidebar.palette()
    highlight = palette.color(palette.ColorGroup.Active, palette.ColorRole.Highlight)
    rows = []
    for row in range(sidebar.model().rowCount()):
        rect = sidebar.visualRect(sidebar.model().index(row, 0))
        at = sidebar.viewport().mapTo(window, QPoint(rect.right() - 6, rect.center().y()))
        colour = image.pixelColor(at * image.devicePixelRatio())
        if sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], highlight.getRgb()[:3], strict=True)) < 60:
            rows.append(row)
    return rows


def row_of(window, key: str) -> int:
    return [p.key for p in window.pages].index(key)


def test_the_sidebar_highlight_follows_keys_search_today_and_the_banner(qtbot, window, letters):
    window.show_page("today")
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: highlighted_rows(window) == [row_of(window, "people")])
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: highlighted_rows(window) == [row_of(window, "funnel")])
    window.notifier.banner.open_today.emit()
    qtbot.waitUntil(lambda: highlighted_rows(window) == [row_of(window, "today")])
    window.search_field.setText("Patel")
    window.search_field.search_requested.emit()  # from Today, a search looks for people
    assert window.current_page() == "people"
    qtbot.waitUntil(lambda: highlighted_rows(window) == [row_of(window, "people")])
    window.clear_search()
    enter_on_today(qtbot, window, ReminderKind.THANK_YOU_NOTE)
    assert window.current_page() == "notes"
    qtbot.waitUntil(lambda: highlighted_rows(window) == [row_of(window, "notes")])


# -- search ----------------------------------------------------------------------------

def search(qtbot, window, text: str) -> None:
    window.search_field.setFocus()
    window.search_field.setText(text)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)


def test_notes_and_funnel_honour_the_search_and_esc_clears_it(qtbot, window):
    window.show_page("notes")
    notes = window.shown_page()
    every = len(notes.model.rows)
    who = notes.model.rows[0].recipient
    search(qtbot, window, who.split()[-1])
    assert 0 < len(notes.model.rows) < every
    assert all(who.split()[-1].casefold() in " ".join(
        filter(None, (r.recipient, r.company, r.opportunity, r.points))).casefold() for r in notes.model.rows)
    assert "matching" in notes.summary.text()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == "" and len(notes.model.rows) == every

    window.show_page("funnel")
    funnel = window.shown_page()
    processes = funnel.processes_table.model()
    listed = processes.rowCount()
    company = funnel.processes.rows[0].company
    search(qtbot, window, company)
    assert 0 < processes.rowCount() < listed
    assert {processes.index(r, 1).data() for r in range(processes.rowCount())} == {company}
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert processes.rowCount() == listed


# -- acting from Today and Notes ---------------------------------------------------------

def enter_on_today(qtbot, window, kind: ReminderKind):
    """Select the first Today item of `kind` and press Enter on it; the item."""
    window.show_page("today")
    today = window.shown_page()
    item = next(r for r in today.model.reminders() if r.kind is kind)
    today.tree.setCurrentIndex(today.model.index_of(item.uid))
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    return item


def test_enter_on_a_note_in_today_opens_notes_with_that_note_selected(qtbot, window):
    note = enter_on_today(qtbot, window, ReminderKind.THANK_YOU_NOTE)
    notes = window.shown_page()
    assert window.current_page() == "notes"
    assert [r.uid for r in notes.selected()] == [note.source_uid]


def test_the_follow_up_letter_is_reachable_from_today_and_from_notes(qtbot, window, letters):
    store = window.context.store
    follow_up = enter_on_today(qtbot, window, ReminderKind.FOLLOW_UP)  # Enter: its letter
    assert window.follow_through.letter_action.isEnabled()
    assert letters[-1].interview.uid == follow_up.source_uid

    window.show_page("notes")
    notes = window.shown_page()
    with_round = next(n for n in store.all(ThankYouNote) if n.interview_uid and n.uid in
                      {r.uid for r in notes.model.rows})
    notes.select_uid(with_round.uid)
    window.follow_through.letter_action.trigger()
    assert letters[-1].interview.uid == with_round.interview_uid
    assert letters[-1].recipient.currentData() == with_round.contact_uid
    assert store.get(Interview, with_round.interview_uid) is not None


def test_follow_through_commands_are_enabled_only_where_they_apply(qtbot, window):
    follow = window.follow_through
    window.show_page("funnel")  # nothing selected there yet
    assert not follow.letter_action.isEnabled()
    assert not follow.cadence_action.isEnabled()
    assert not window.delete_action.isEnabled()
    assert "first" in follow.cadence_action.toolTip()
    window.show_page("people")
    people = window.shown_page()
    people.select_row(0)
    assert follow.cadence_action.isEnabled() and window.delete_action.isEnabled()
    assert not follow.letter_action.isEnabled()
    window.show_page("interviews")
    interviews = window.shown_page()
    interviews.table.setCurrentIndex(interviews.proxy.index(0, 0))
    assert follow.letter_action.isEnabled() and follow.reject_action.isEnabled() is not None


def test_the_lists_have_context_menus_with_the_commands_that_apply(qtbot, window):
    window.show_page("interviews")
    interviews = window.shown_page()
    interviews.table.setCurrentIndex(interviews.proxy.index(0, 0))
    menu = interviews.context_menu()
    texts = {a.text().replace("&", ""): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
    assert texts["Open Round…"] and texts["Follow-up Letter…"] and texts["Delete…"]
    assert not texts["Stay in Touch…"]  # a round is not a person
    window.show_page("today")
    today = window.shown_page()
    texts = [a.text().replace("&", "") for a in today.context_menu().actions()]
    assert texts[:2] == ["Open", "Mark Done"]
    assert interviews.table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_people_and_company_searches_read_off_the_window_thread_on_a_large_file(qtbot, window):
    window.show_page("companies")
    companies = window.shown_page()
    companies.loader.background_above = 0  # as on a large database
    companies.set_search("Acme")
    assert companies.loading and companies.count_label.text().endswith("Updating…")
    qtbot.waitUntil(lambda: not companies.loading)
    assert [c.name for c in companies.companies.records()] == ["Acme Analytics"]
    window.show_page("people")
    people = window.shown_page()
    people.loader.background_above = 0
    people.set_search("Reyes")
    assert people.loading
    qtbot.waitUntil(lambda: not people.loading)
    assert people.card.contact().name == "Dana Reyes" and people.model.rowCount() == 1


def test_the_menu_key_opens_the_context_menu_for_the_current_row_not_the_one_at_the_corner(qtbot, window):
    from PySide6.QtWidgets import QApplication

    window.show_page("interviews")
    page = window.shown_page()
    page.table.setCurrentIndex(page.proxy.index(2, 0))
    chosen = page.current_round()
    page.table.customContextMenuRequested.emit(QPoint(2, 2))  # as the Menu key sends it: row 0
    menu = QApplication.activePopupWidget()
    assert menu is not None
    menu.close()
    assert "Follow-up Letter…" in [a.text().replace("&", "") for a in menu.actions()]
    assert page.current_round() == chosen and window.selection().round_uid == chosen.uid


def test_the_due_banner_gets_reminders_with_their_uids_worked_out_on_the_worker(qtbot, window):
    from afterword.ui.notifier import with_uids

    arrived: list = []
    window.show_page("people")  # Today on screen would read again itself instead
    window.notifier._jobs.done.connect(arrived.append)
    window.notifier.check_soon()
    qtbot.waitUntil(lambda: bool(arrived))
    assert arrived[0] and all("uid" in vars(r) for r in arrived[0])  # hashed off the window thread
    assert with_uids([]) == []
