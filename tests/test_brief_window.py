"""Print Prep Brief… in the window: from a role, from a round, from a round coming up
on Today; the dialog's preview and PDF; the closing question in Preferences."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from afterword import cli
from afterword.core import queries
from afterword.core.brief import DEFAULT_CLOSING_QUESTION
from afterword.core.domain import Opportunity
from afterword.core.rules import ReminderKind, due_reminders
from afterword.ui import settings as keys
from afterword.ui.dialogs.preferences import PreferencesDialog
from afterword.ui.dialogs.print_brief import NO_PRINTER, PrintBriefDialog
from afterword.ui.models.today import COMING_UP
from brief_world import northwind, schedule_round_3
from pdftext import pdf_text
from window_helpers import NOW, close_window, open_window


@pytest.fixture
def window(qtbot, demo_store):
    """The window on the sample, Northwind's round 3 on the calendar for Thursday."""
    round_3 = schedule_round_3(demo_store)
    path = demo_store.path
    demo_store.close()
    window = open_window(qtbot, path)
    window.round_3 = round_3
    yield window
    close_window(window)


@pytest.fixture
def briefs(monkeypatch):
    """The brief dialogs the window opened, instead of running them modally."""
    seen: list[PrintBriefDialog] = []
    monkeypatch.setattr(PrintBriefDialog, "exec", lambda self: seen.append(self) or 0)
    return seen


def _action(window):
    return window.brief.action


def test_the_command_has_a_shortcut_a_tip_and_a_place_in_the_menu(window):
    action = _action(window)
    assert action.shortcut() == QKeySequence("Ctrl+B")
    assert action.text() == "Print Prep &Brief…" and action.statusTip()
    follow = next(a.menu() for a in window.menuBar().actions() if a.text() == "Follow-&through")
    assert action in follow.actions()


def test_from_a_role_on_companies_and_roles(qtbot, window, briefs):
    role = northwind(window.context.store)
    window.show_record("companies", "opportunities", role.uid)
    assert _action(window).isEnabled()
    _action(window).trigger()
    [dialog] = briefs
    assert dialog.role_uid == role.uid
    assert dialog.heading_label.text() == "Regional Sales Manager — Northwind Logistics"
    assert "Round 3 — Thu 26 Nov 2026, 10:00 PST (America/Los_Angeles) · on site" in \
        dialog.summary_label.text()
    menu = window.page("companies").context_menu()
    assert _action(window) in menu.actions()
    menu.deleteLater()
    dialog.deleteLater()


def test_from_a_round_on_interviews_with_the_context_menu(qtbot, window, briefs):
    window.show_page("interviews")
    page = window.page("interviews")
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0)
    assert page.select("interviews", window.round_3.uid)
    menu = page.context_menu()
    assert _action(window) in menu.actions() and _action(window).isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    [dialog] = briefs
    assert (dialog.role_uid, dialog.round_uid) == (northwind(window.context.store).uid, window.round_3.uid)
    menu.deleteLater()
    dialog.deleteLater()


def test_nothing_selected_nothing_to_print(qtbot, window, briefs):
    window.show_page("funnel")
    assert not _action(window).isEnabled()
    assert "Select a role" in _action(window).toolTip()
    window.brief.print_brief()  # a shortcut arriving anyway
    assert briefs == []


def test_today_lists_the_round_coming_up_and_enter_prints_its_brief(qtbot, window, briefs):
    window.show_page("today")
    today = window.page("today")
    qtbot.waitUntil(lambda: not today.loading and bool(today.model.coming_rounds()))
    [coming] = today.model.coming_rounds()
    assert coming.uid == window.round_3.uid
    groups = [today.model.index(g, 0).data() for g in range(today.model.rowCount())]
    assert groups[-1] == f"{COMING_UP} (1)"  # after what is due
    group = today.model.index(len(groups) - 1, 0)
    row = [today.model.index(0, c, group).data() for c in range(3)]
    assert row[0] == "Round 3, Regional Sales Manager (Northwind Logistics)"
    assert row[1] == "Thu 26 Nov 10:00 PST (in 3 days)"
    assert "print your prep brief" in row[2]
    assert not today.model.flags(today.model.index(0, 0, group)) & Qt.ItemFlag.ItemIsUserCheckable
    assert "1 round coming up" in today.heading.text()
    today.tree.setCurrentIndex(today.model.index(0, 0, group))
    assert today.selection().round_uid == coming.uid and _action(window).isEnabled()
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Space)  # nothing to tick
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    [dialog] = briefs
    assert (dialog.role_uid, dialog.round_uid) == (coming.opportunity_uid, coming.uid)
    dialog.deleteLater()


def test_a_round_coming_up_changes_nothing_in_due_json(tmp_path, capsys, demo_store):
    path = demo_store.path

    def due_json() -> str:
        capsys.readouterr()
        assert cli.main(["due", "--db", str(path), "--on", "2026-11-30", "--json"]) == 0
        return capsys.readouterr().out

    before = due_json()
    round_3 = schedule_round_3(demo_store)
    after = due_json()
    # No new kind and no item for the round: it shows in the window only. (Its
    # being on the calendar answers round 2's "hear back by": no follow-up to chase.)
    follow_up = [i for i in json.loads(before) if i["kind"] == "follow_up"
                 and "Northwind" in (i["company_name"] or "")]
    assert json.loads(after) == [i for i in json.loads(before) if i not in follow_up]
    assert round_3.uid not in {r.source_uid for r in due_reminders(demo_store, NOW.date()).items}
    assert {item["kind"] for item in json.loads(before)} <= {k.value for k in ReminderKind}


def test_rounds_coming_up_are_those_of_the_next_days(demo_store):
    from datetime import timedelta

    assert queries.rounds_coming_up(demo_store, NOW) == []
    round_3 = schedule_round_3(demo_store)
    assert [r.uid for r in queries.rounds_coming_up(demo_store, NOW)] == [round_3.uid]
    assert queries.rounds_coming_up(demo_store, NOW, days=2) == []  # Thursday is 3 days away
    assert queries.rounds_coming_up(demo_store, NOW + timedelta(days=4)) == []  # it has started


# -- the dialog -------------------------------------------------------------------------

@pytest.fixture
def dialog(qtbot, window):
    dlg = PrintBriefDialog(window.context, window.hub, window, role_uid=northwind(window.context.store).uid,
                           closing_question="Anything I could address before we finish?")
    qtbot.addWidget(dlg)
    return dlg


def test_dialog_names_every_button(dialog):
    for button in (dialog.preview_button, dialog.print_button, dialog.pdf_button):
        assert button.accessibleName() and button.shortcut().toString()
    assert dialog.preview_button.isDefault()


def test_save_pdf_writes_the_brief_with_the_closing_question(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "brief"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    text = pdf_text((tmp_path / "brief.pdf").read_bytes())
    assert "Regional Sales Manager" in text and "Tom Becker" in text
    assert "“Anything I could address before we finish?”" in text
    assert "Saved" in dialog.summary_label.text()
    assert dialog.suggested_file_name() == \
        "prep-brief-northwind-logistics-regional-sales-manager-round-3.pdf"


def test_save_pdf_refuses_the_database(dialog, monkeypatch, unanswered_message_boxes):
    path = dialog.context.db_path
    before = path.read_bytes()
    link = path.with_name("brief.pdf")
    link.symlink_to(path)  # a name that looks like a PDF, for the database itself
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(link), "PDF"))
    assert dialog.save_pdf() is None
    assert path.read_bytes() == before
    assert len(unanswered_message_boxes) == 1 and "database" in unanswered_message_boxes[0]


def test_preview_paints_the_brief(dialog, monkeypatch, tmp_path, resources_asked):
    out = tmp_path / "preview.pdf"

    def fake_exec(self):
        printer = self.printer()
        printer.setOutputFileName(str(out))
        self.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    dialog.preview()
    text = pdf_text(out.read_bytes())
    assert "Keep the same tone" in text and "Concerns to quantify" in text
    assert resources_asked == []


def test_no_printer_says_so(dialog, monkeypatch, unanswered_message_boxes):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    assert dialog.print_pages() is False
    assert unanswered_message_boxes == [NO_PRINTER]


def test_a_role_deleted_meanwhile_leaves_nothing_to_print(dialog):
    store = dialog.context.store
    role = store.get(Opportunity, dialog.role_uid)
    with store.atomic():
        store.db.execute("DELETE FROM opportunities WHERE uid = ?", [role.uid])
    dialog.refresh()
    assert dialog.heading_label.text() == "Nothing to print"
    assert "no role with uid" in dialog.summary_label.text()
    assert not dialog.pdf_button.isEnabled() and not dialog.preview_button.isEnabled()


# -- Preferences --------------------------------------------------------------------------

def test_the_closing_question_is_a_preference(qtbot, window, briefs):
    settings = window.settings
    prefs = PreferencesDialog(settings, window)
    qtbot.addWidget(prefs)
    assert prefs.closing_question.toPlainText() == DEFAULT_CLOSING_QUESTION
    prefs.closing_question.setPlainText("  Is there anything\nthat gives you pause?  ")
    prefs.accept()
    assert keys.CLOSING_QUESTION.read(settings) == "Is there anything that gives you pause?"
    window.show_record("companies", "opportunities", northwind(window.context.store).uid)
    window.brief.print_brief()
    assert briefs[-1].brief().to_ask[-1] == "Is there anything that gives you pause?"
    briefs[-1].deleteLater()

    again = PreferencesDialog(settings, window)
    qtbot.addWidget(again)
    again.closing_question.setPlainText("")
    again.accept()  # empty: back to the default wording
    assert keys.CLOSING_QUESTION.read(settings) == DEFAULT_CLOSING_QUESTION


def test_a_closing_question_too_long_is_not_saved(qtbot, window, message_boxes):
    prefs = PreferencesDialog(window.settings, window)
    qtbot.addWidget(prefs)
    prefs.closing_question.setPlainText("why? " * 2100)
    prefs.accept()
    assert prefs.result() == 0 and keys.CLOSING_QUESTION.read(window.settings) == DEFAULT_CLOSING_QUESTION
    assert any("closing question" in text.lower() for text in message_boxes.texts)
    prefs.default_question.click()
    assert prefs.closing_question.toPlainText() == DEFAULT_CLOSING_QUESTION
