"""The first run: on an empty database Today offers ways to start (ui/views/
first_steps.py); this carries them out. Open the sample data (a file of its own),
import contacts (the File menu's Import Contacts… where the window has it, else
the interchange import), import an interchange file, or add the first company and
role, then debrief its first round."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from afterword.core import queries
from afterword.core.domain import Company
from afterword.core.errors import AfterwordError
from afterword.core.store import Store
from afterword.paths import data_dir
from afterword.ui import messages

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow

SAMPLE_NAME = "sample.db"
# The object name of File ▸ Import Contacts… (vCard, CSV), when the window has it.
IMPORT_CONTACTS_ACTION = "importContactsAction"


def sample_database() -> Path:
    """The sample data's own file, beside the user's database in the data folder."""
    return data_dir() / SAMPLE_NAME


class FirstRun(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def contacts_action(self) -> QAction:
        """File ▸ Import Contacts… when the window has it; else the interchange import."""
        found = self.window.findChild(QAction, IMPORT_CONTACTS_ACTION) or next(
            (a for a in self.window.findChildren(QAction)
             if a.text().replace("&", "").startswith("Import Contacts")), None)
        return found if found is not None else self.window.data_import.action

    def take(self, step: str) -> None:
        """Carry out a first step (ui/views/first_steps.STEPS)."""
        {"sample": self.open_sample, "contacts": lambda: self.contacts_action().trigger(),
         "json": self.window.data_import.choose, "role": self.add_first_role}[step]()

    def open_sample(self) -> None:
        from afterword.core.demo import fill_demo  # on first use, not at start-up

        path = sample_database()
        try:
            store = Store.open(path)
            try:
                if queries.is_empty(store):
                    fill_demo(store, self.window.context.today())
            finally:
                store.close()
        except AfterwordError as exc:
            messages.warn(self.window, "Sample Data", f"The sample data could not be written: {exc}")
            return
        if self.window.open_database(path):
            self.window.statusBar().showMessage(
                f"This is the sample data ({path}); File ▸ Open Database… goes back to yours.", 20000)

    def add_first_role(self) -> None:
        from afterword.ui.dialogs.new_role import NewRoleDialog  # on first use

        w = self.window
        dialog = NewRoleDialog(w.context.store.all(Company), w, title="Add Your First Role",
                               accept_text="&Add and Debrief…")
        if not dialog.exec() or dialog.role is None:
            return
        role, company = dialog.role, dialog.new_company or dialog.known_company()
        added = [(None, r) for r in (dialog.new_company, role) if r is not None]
        if w.changes.apply(added, f"Add {role.title[:40]} at {company.name[:40] if company else ''}"):
            w.show_record("companies", "opportunities", role.uid)
            w.follow_through.debrief()
