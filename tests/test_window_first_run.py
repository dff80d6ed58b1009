"""The first run: an empty database offers ways to start instead of "nothing due",
and each of them leads somewhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from afterword.core import interchange
from afterword.core.domain import Company, Contact, Opportunity
from afterword.core.store import Store
from afterword.ui import messages
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.new_role import NewRoleDialog
from afterword.ui.first_run import sample_database
from window_helpers import close_window, open_window


@pytest.fixture
def empty_window(qtbot, tmp_path):
    path = tmp_path / "new.db"
    Store.open(path).close()
    window = open_window(qtbot, path)
    yield window
    close_window(window)


@pytest.fixture
def warnings(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda _parent, _title, text: seen.append(text))
    return seen


def first_steps(window):
    return window.page("today").first_steps


def test_an_empty_database_offers_ways_to_start_not_well_done(empty_window):
    today = empty_window.page("today")
    assert today.first_steps.isVisible() and not today.tree.isVisible()
    assert "nothing due" not in today.heading.text() and "Welcome" in today.heading.text()
    texts = [b.text().replace("&", "") for b in today.first_steps.buttons.values()]
    assert texts == ["Open the Sample Data", "Import Contacts…", "Import Data…", "Add Your First Role…"]


def test_the_sample_data_opens_in_a_file_of_its_own(qtbot, empty_window):
    own = empty_window.context.db_path
    qtbot.mouseClick(first_steps(empty_window).buttons["sample"], Qt.MouseButton.LeftButton)
    assert empty_window.context.db_path == sample_database()
    assert empty_window.context.store.count(Contact) > 10
    assert "sample.db" in empty_window.windowTitle()
    today = empty_window.page("today")
    qtbot.waitUntil(lambda: today.tree.isVisible() and not today.first_steps.isVisible())
    mine = Store.open(own)
    try:
        assert mine.count(Contact) == 0  # the user's own file is untouched
    finally:
        mine.close()


def test_import_data_reads_an_interchange_file_and_the_list_fills(qtbot, empty_window, demo_store, tmp_path):
    document = tmp_path / "backup.json"
    document.write_text(interchange.dumps(interchange.export_document(demo_store)), encoding="utf-8")
    empty_window.data_import.import_path(document)
    qtbot.waitUntil(lambda: empty_window.context.store.count(Contact) == demo_store.count(Contact))
    today = empty_window.page("today")
    qtbot.waitUntil(lambda: not today.first_steps.isVisible())
    assert "Imported" in empty_window.statusBar().currentMessage()
    assert empty_window.data_import.action in empty_window.menuBar().actions()[0].menu().actions()


def test_a_bad_interchange_file_imports_nothing_and_says_why(qtbot, empty_window, warnings, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    empty_window.data_import.import_path(bad)
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0].startswith("Nothing was imported: not an Afterword interchange file")
    assert empty_window.context.store.count(Contact) == 0


def test_import_contacts_uses_the_contacts_import_when_the_window_has_it(qtbot, empty_window, monkeypatch):
    first_run = empty_window.first_run
    assert first_run.contacts_action() is empty_window.contacts_io.import_action
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda _parent, title, *_args: asked.append(title) or ([], ""))
    qtbot.mouseClick(first_steps(empty_window).buttons["contacts"], Qt.MouseButton.LeftButton)
    assert asked == ["Import Contacts"]


def test_add_the_first_role_then_debrief_its_first_round(qtbot, empty_window, monkeypatch):
    def fill(dialog: NewRoleDialog) -> int:
        dialog.accept()  # nothing typed: refused, with a message
        assert dialog.error.isVisibleTo(dialog) and dialog.result() == 0
        dialog.company.setCurrentText("Northwind  Traders")
        dialog.title.setText("Account Manager")
        dialog.accept()
        return dialog.result()

    debriefs: list[DebriefDialog] = []
    monkeypatch.setattr(NewRoleDialog, "exec", fill)
    monkeypatch.setattr(DebriefDialog, "exec", lambda self: debriefs.append(self) or 0)
    qtbot.mouseClick(first_steps(empty_window).buttons["role"], Qt.MouseButton.LeftButton)
    store = empty_window.context.store
    [company], [role] = store.all(Company), store.all(Opportunity)
    assert (company.name, role.title) == ("Northwind Traders", "Account Manager")
    assert role.company_uid == company.uid
    assert empty_window.current_page() == "companies"
    assert debriefs and debriefs[0].opportunity.currentData() == role.uid
    empty_window.undo_action.trigger()  # one step takes both away
    assert store.all(Company) == [] and store.all(Opportunity) == []


def test_a_read_only_file_says_so_and_offers_no_edits(qtbot, demo_store, warnings):
    import os

    path = demo_store.path
    demo_store.close()
    os.chmod(path, 0o444)
    try:
        window = open_window(qtbot, path)
        try:
            assert "(read-only)" in window.windowTitle()
            assert window.read_only.banner.isVisible() and "read-only" in window.files.label.text()
            for action in (window.new_person_action, window.new_company_action,
                           window.follow_through.debrief_action, window.data_import.action):
                assert not action.isEnabled(), action.text()
            today = window.page("today")
            first = today.model.index(0, 0, today.model.index(0, 0))
            assert not today.model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable
            today.tree.setCurrentIndex(first)
            today.tree.setFocus()
            listed = today.model.reminder_count()
            qtbot.keyClick(today.tree, Qt.Key.Key_Space)
            assert today.model.reminder_count() == listed
            window.show_page("people")
            people = window.shown_page()
            people.select_row(0)
            assert people.card.contact() is not None
            name = people.card.fields.editors["name"]
            assert name.isReadOnly() and name.text() == people.card.contact().name  # readable, not editable
            assert not people.card.fields.editors["company_uid"].isEnabled()
            assert not window.delete_action.isEnabled()
            assert not window.follow_through.cadence_action.isEnabled()
            window.show_page("companies")
            assert window.shown_page().company_fields.editors["name"].isReadOnly()
            assert warnings == []
        finally:
            close_window(window)
    finally:
        os.chmod(path, 0o600)
