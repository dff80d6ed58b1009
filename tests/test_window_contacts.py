"""Contacts in the window: Import Contacts… previews before writing and can be
cancelled; dropping a file on the People list imports it; Export Contacts…; Merge
People is one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from afterword.core.domain import Contact, ThankYouNote
from afterword.core.merge_people import SuggestedPair
from afterword.core.store import Store
from afterword.ui.dialogs.import_contacts import ImportContactsDialog
from afterword.ui.dialogs.merge_people import MergePeopleDialog
from window_helpers import close_window, open_window

DATA = Path(__file__).parent / "data" / "contacts"


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "people.db"
    Store.open(path).close()
    w = open_window(qtbot, path)
    yield w
    close_window(w)


def previewed(qtbot, window, paths) -> ImportContactsDialog:
    dialog = ImportContactsDialog(window.context, paths, "US", window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 or bool(dialog.problem.text()))
    return dialog


def test_preview_lists_each_contact_before_anything_is_written_then_imports(qtbot, window):
    dialog = previewed(qtbot, window, [DATA / "apple-contacts.vcf", DATA / "google-contacts.csv"])
    rows = [(r.file, r.name, r.action) for r in dialog.model.rows]
    assert rows == [("apple-contacts.vcf", "Dana Reyes", "added"),
                    ("apple-contacts.vcf", "Contoso Front Desk", "added"),
                    ("google-contacts.csv", "Tomás García", "added"),
                    ("google-contacts.csv", "Lena Okafor", "added")]
    assert "apple-contacts.vcf: added 2, merged 0, skipped 0" in dialog.summary.text()
    assert window.context.store.count(Contact) == 0  # a preview writes nothing
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
    assert window.context.store.count(Contact) == 4


def test_the_preview_says_what_a_merge_fills_and_keeps(qtbot, window):
    window.context.store.put(Contact("Dana Reyes", email="dana.reyes@northwind.example",
                                     title="Director"))
    dialog = previewed(qtbot, window, [DATA / "apple-contacts.vcf"])
    model = dialog.model
    row = next(i for i, r in enumerate(model.rows) if r.action == "merged")
    tip = model.data(model.index(row, 4), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("same email dana.reyes@northwind.example")
    assert "fills phone direct, phone cell" in tip
    assert "keeps in notes: Title (imported): Engineering Manager" in tip


def test_a_bad_file_shows_why_and_offers_nothing_to_import(qtbot, window, tmp_path):
    bad = tmp_path / "broken.vcf"
    bad.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n")
    dialog = previewed(qtbot, window, [DATA / "apple-contacts.vcf", bad])
    assert "broken.vcf: card 1: the file ends before END:VCARD" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    assert window.context.store.count(Contact) == 0


def test_cancel_during_the_import_writes_nothing(qtbot, window, tmp_path):
    many = tmp_path / "many.vcf"
    many.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@x.example\r\n"
                            "END:VCARD\r\n" for i in range(3000)))
    dialog = previewed(qtbot, window, [many])
    assert len(dialog.model.rows) == 3000
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # Cancel while it works
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Rejected and not dialog.isVisible())
    assert window.context.store.count(Contact) == 0


def accept_import(monkeypatch, qtbot):
    """Stand in for the user: wait for the preview, press Import."""
    seen = []

    def run(dialog: ImportContactsDialog) -> int:
        seen.append(dialog)
        qtbot.waitUntil(dialog.import_button.isEnabled)
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted)
        return 1

    monkeypatch.setattr(ImportContactsDialog, "exec", run)
    return seen


def test_dropping_a_vcard_on_the_people_list_imports_it(qtbot, window, monkeypatch):
    seen = accept_import(monkeypatch, qtbot)
    window.show_page("people")
    people = window.page("people")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DATA / "vcard4-data-uri.vcf")), QUrl.fromLocalFile("/tmp/x.txt")])
    viewport = people.table.viewport()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    # what Qt hands the list's filter when a file manager drops onto it
    assert people.eventFilter(viewport, drop)
    assert [p.name for p in seen[0].paths] == ["vcard4-data-uri.vcf"]
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    assert "Imported vcard4-data-uri.vcf: added 2" in window.statusBar().currentMessage()


def test_export_writes_the_people_selected(qtbot, window, tmp_path, monkeypatch):
    accept_import(monkeypatch, qtbot)
    window.contacts_io.import_paths([DATA / "google-contacts.csv"])
    window.show_page("people")
    people = window.page("people")
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    people.select_row(0)
    out = tmp_path / "one.vcf"
    window.contacts_io.export_to(out, uids=people.selected_uids())
    qtbot.waitUntil(lambda: "Exported 1 person" in window.statusBar().currentMessage())
    text = out.read_text()
    assert text.count("BEGIN:VCARD") == 1 and "VERSION:4.0" in text


def test_merge_people_moves_their_notes_and_can_be_undone(qtbot, window):
    store = window.context.store
    raj, short = Contact("Raj Patel", email="raj@acme.example"), Contact("Raj", phone_cell="+1 415 555 0100")
    note = ThankYouNote(short.uid, None, window.context.today())
    store.put_many([raj, short, note])
    window.hub.notify("*")
    window.show_page("people")
    people = window.page("people")
    qtbot.waitUntil(lambda: people.model.rowCount() == 2)
    people.table.selectAll()
    assert sorted(window.selection().contact_uids) == sorted([raj.uid, short.uid])
    assert window.contacts_io.merge_pair(raj.uid, short.uid)
    assert store.get(Contact, short.uid) is None
    assert store.get(Contact, raj.uid).phone_cell == "+1 415 555 0100"
    assert store.get(ThankYouNote, note.uid).contact_uid == raj.uid
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
    window.undo_action.trigger()
    assert store.get(Contact, short.uid) == short
    assert store.get(Contact, raj.uid) == raj
    assert store.get(ThankYouNote, note.uid).contact_uid == short.uid
    window.redo_action.trigger()
    assert store.get(Contact, short.uid) is None


def test_merge_dialog_offers_suggested_pairs_and_keeps_the_fuller_record(qtbot):
    raj, short = Contact("Raj Patel", email="raj@acme.example", title="Director"), Contact("Raj")
    found = {raj.uid: raj, short.uid: short}
    pair = SuggestedPair(raj.uid, raj.name, short.uid, short.name, "the same name without a surname")
    dialog = MergePeopleDialog([], [pair], found.get)
    qtbot.addWidget(dialog)
    assert dialog.pairs.model().rowCount() == 1
    assert dialog.keep_first.isChecked() and "Raj Patel" in dialog.keep_first.text()
    dialog.accept()
    assert (dialog.survivor_uid, dialog.other_uid) == (raj.uid, short.uid)


def test_the_file_and_edit_menus_carry_the_contact_commands(window):
    file_menu, edit_menu = (a.menu() for a in window.menuBar().actions()[:2])
    texts = [a.text() for a in file_menu.actions()]
    assert "Import Cont&acts…" in texts and "Expor&t Contacts…" in texts
    assert "&Merge People…" in [a.text() for a in edit_menu.actions()]
    for action in (window.contacts_io.import_action, window.contacts_io.export_action,
                   window.contacts_io.merge_action):
        assert action.shortcut().toString() and action.statusTip()


def test_a_read_only_file_offers_no_import_or_merge(qtbot, tmp_path):
    path = tmp_path / "locked.db"
    Store.open(path).close()
    path.chmod(0o400)
    w = open_window(qtbot, path)
    try:
        io = w.contacts_io
        assert not io.import_action.isEnabled() and not io.merge_action.isEnabled()
        assert io.export_action.isEnabled()
    finally:
        close_window(w)
        path.chmod(0o600)
