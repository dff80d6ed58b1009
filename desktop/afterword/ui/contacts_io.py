"""Contacts in and out of the window: File ▸ Import Contacts… (also by dropping a
.vcf or .csv on the People list), File ▸ Export Contacts… (everyone, or the people
selected), and Edit ▸ Merge People…, one undoable step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from afterword.core.domain import Contact
from afterword.core.errors import AfterwordError
from afterword.core.store import Store
from afterword.ui import messages
from afterword.ui.background import BackgroundJobs
from afterword.ui.first_run import IMPORT_CONTACTS_ACTION

if TYPE_CHECKING:
    from afterword.core.merge_people import PeopleMerge
    from afterword.ui.main_window import MainWindow

IMPORT_FILTER = "Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv);;All files (*)"
VCARD4, VCARD3, CSV = ("vCard 4.0 (*.vcf)", "vCard 3.0, for older phones (*.vcf)",
                       "CSV, for spreadsheets (*.csv)")
CONTACT_SUFFIXES = (".vcf", ".vcard", ".csv")


class ContactsIO(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.import_action = window.make_action(
            "Import Cont&acts…", self.choose_files, "Ctrl+Shift+I",
            "Bring people in from vCard or CSV files (phone, Google, Outlook, LinkedIn); "
            "shows what would be added and merged first")
        self.import_action.setObjectName(IMPORT_CONTACTS_ACTION)
        self.export_action = window.make_action(
            "Expor&t Contacts…", self.export, "Ctrl+Shift+E",
            "Write everyone (or the people selected) to a vCard or CSV file")
        self.export_action.setObjectName("exportContactsAction")
        self.merge_action = window.make_action(
            "&Merge People…", self.merge, "Ctrl+M",
            "Make two records of one person one: the two selected, or a likely duplicate")
        self.merge_action.setObjectName("mergePeopleAction")
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(lambda text: self.window.statusBar().showMessage(text, 15000))
        self._jobs.failed.connect(lambda reason: messages.warn(self.window, "Export Contacts",
                                                               f"Nothing was written: {reason}"))

    # -- import ------------------------------------------------------------------------

    def choose_files(self) -> None:
        folder = str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Import Contacts", folder, IMPORT_FILTER)
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> bool:
        """Preview, then (if the user says so) import `paths`. True when written."""
        if self.window.read_only.refused("Import Contacts"):
            return False
        from afterword.ui.dialogs.import_contacts import ImportContactsDialog  # on first use

        dialog = ImportContactsDialog(self.window.context, paths, self.window.phone_region(),
                                      self.window)
        if not dialog.exec():
            return False
        # Stored people may have changed under earlier steps: those can no longer be undone safely.
        self.window.undo_stack.clear()
        self.window.hub.notify("*")
        said = "; ".join(f"{r.label}: {r.summary()}" for r in dialog.reports)
        self.window.statusBar().showMessage(f"Imported {said}", 20000)
        return True

    # -- export ------------------------------------------------------------------------

    def _selected_people(self) -> list[str]:
        """The people selected on the page shown (several on the People list)."""
        if self.window.stack.currentWidget() is None:
            return []
        selection = self.window.selection()
        return list(selection.contact_uids) or ([selection.contact_uid] if selection.contact_uid else [])

    def export(self) -> None:
        folder = str(self.window.context.db_path.parent)
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export Contacts", str(Path(folder) / "contacts.vcf"),
            ";;".join((VCARD4, VCARD3, CSV)))
        if not path:
            return
        out = Path(path)
        if not out.suffix:
            out = out.with_suffix(".csv" if chosen == CSV else ".vcf")
        uids = self._selected_people()
        if len(uids) > 1:
            answer = messages.ask(
                self.window, "Export Contacts",
                f"Export the {len(uids)} people selected, or everyone?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.YesToAll
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.YesToAll:
                uids = []
        self.export_to(out, "3.0" if chosen == VCARD3 else "4.0", uids or None)

    def export_to(self, out: Path, version: str = "4.0", uids: list[str] | None = None) -> None:
        """Write the file on a worker thread; the status bar says how many went."""
        def work(store: Store) -> str:
            from afterword.core.contact_files import export_contacts  # on first use

            count = export_contacts(store, out, version=version, uids=uids)
            return f"Exported {count} {'person' if count == 1 else 'people'} to {out}"

        store = self.window.context.store
        if store.path is None:
            try:
                self.window.statusBar().showMessage(work(store), 15000)
            except AfterwordError as exc:
                messages.warn(self.window, "Export Contacts", f"Nothing was written: {exc}")
            return
        self._jobs.submit(store.path, work)

    def wait(self) -> None:
        self._jobs.wait()

    # -- merge -------------------------------------------------------------------------

    def merge(self) -> None:
        from afterword.core.merge_people import suggested_pairs  # on first use
        from afterword.ui.dialogs.merge_people import MergePeopleDialog

        store = self.window.context.store
        chosen = self._selected_people()
        people = [c for uid in chosen[:2] if (c := store.get(Contact, uid)) is not None]
        region = self.window.phone_region()
        pairs = [] if len(people) == 2 else suggested_pairs(store, region)
        dialog = MergePeopleDialog(people if len(people) == 2 else [], pairs,
                                   lambda uid: store.get(Contact, uid), self.window)
        if not dialog.exec() or dialog.survivor_uid is None or dialog.other_uid is None:
            return
        self.merge_pair(dialog.survivor_uid, dialog.other_uid)

    def merge_pair(self, survivor_uid: str, other_uid: str) -> bool:
        """Merge `other` into `survivor` as one undoable step."""
        from afterword.core.merge_people import plan_people_merge  # on first use

        store = self.window.context.store
        try:
            merge = plan_people_merge(store, survivor_uid, other_uid, self.window.phone_region())
        except AfterwordError as exc:
            messages.warn(self.window, "Merge People", str(exc))
            return False
        do, undo = _steps(store, merge)
        touched = [("contacts", survivor_uid), ("contacts", other_uid), ("card_photos", survivor_uid)]
        done = self.window.changes.run(f"Merge {merge.other.name[:30]} into {merge.survivor.name[:30]}",
                                       do, undo, touched)
        if done:
            self.window.hub.notify("*")
            self.window.statusBar().showMessage(
                f"Merged {merge.other.name} into {merge.survivor.name}; {merge.moved} records moved", 15000)
        return done


def _steps(store: Store, merge: PeopleMerge):
    """Do and undo of a merge: the record changes (moves, then the delete) and the photo."""
    from afterword.core.undo import Writes

    writes = Writes(merge.changes)
    photo = merge.photo

    def do() -> None:
        with store.atomic():
            writes.forward(store)
            if photo is not None:
                store.set_card_photo(merge.survivor.uid, photo)

    def undo() -> None:
        with store.atomic():
            if photo is not None:
                store.set_card_photo(merge.survivor.uid, None)
            writes.backward(store)

    return do, undo
