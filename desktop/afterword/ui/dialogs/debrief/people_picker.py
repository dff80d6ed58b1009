"""Who was present at the round: typed by name, Enter adds; a name nobody has yet
becomes a new person (saved with the debrief, not before)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterword.core import queries
from afterword.core.domain import Contact, Role
from afterword.core.store import Store
from afterword.ui.dialogs.debrief.tables import form_table
from afterword.ui.models.rows import Column, RowsModel
from afterword.ui.widgets import fill_combo, named


class PeoplePicker(QWidget):
    """The people present. `company_uid()` gives the company of a person created here."""

    person_added = Signal()

    def __init__(self, store: Store, company_uid: Callable[[], str | None], parent=None):
        super().__init__(parent)
        self.store, self._company_uid = store, company_uid
        self.new_contacts: dict[str, Contact] = {}  # created here, not saved yet
        self.model = RowsModel([
            Column("Name", lambda c: c.name + ("  (new)" if c.uid in self.new_contacts else "")),
            Column("Role in the process", lambda c: c.role),
            Column("Mailing address", lambda c: (c.mailing_address or "").replace("\n", ", ")),
        ])
        self.view = form_table(self.model, "People present", rows=4)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        QShortcut(QKeySequence.StandardKey.Delete, self.view, activated=self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.name = named(QLineEdit(), "Add a person present",
                          "Type a name and press Enter; a new name creates the person")
        self.name.setPlaceholderText("Name of someone present — Enter adds (new names are created)")
        self.name.returnPressed.connect(self.add_typed)
        self.role = fill_combo(named(QComboBox(), "Role of a new person"), Role)
        self.add_button = named(QPushButton("Add &Person"), "Add person")
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = named(QPushButton("Re&move"), "Remove person",
                                   "Remove the selected person (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        adder = QHBoxLayout()
        adder.addWidget(self.name, 1)
        adder.addWidget(self.role)
        adder.addWidget(self.add_button)
        adder.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(adder)

    def tab_chain(self) -> list[QWidget]:
        """Name, role, Add, then the list and Remove: typing first, as the label's Alt+E does."""
        return [self.name, self.role, self.add_button, self.view, self.remove_button]

    def offer_names(self) -> None:
        """Complete names from everyone in the database, matching any part."""
        names = [c.name for c in queries.everyone_by_name(self.store)]
        completer = QCompleter(names, self.name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)

    # -- who is present -------------------------------------------------------------

    def set_present(self, contacts: list[Contact]) -> None:
        self.model.set_rows(contacts)

    def present(self) -> list[Contact]:
        return list(self.model.rows)

    def new_present(self) -> list[Contact]:
        """The people created here who are still in the list."""
        present = {c.uid for c in self.model.rows}
        return [c for u, c in self.new_contacts.items() if u in present]

    def contact(self, uid: str) -> Contact:
        """A person by uid, whether saved or only created here."""
        return self.new_contacts.get(uid) or self.store.get(Contact, uid) or Contact("(removed)")

    def add_typed(self) -> None:
        """Add the person whose name is typed: someone known by that name, else a new person."""
        name = " ".join(self.name.text().split())
        if not name:
            return
        present = {c.uid for c in self.model.rows}
        match = next((c for c in [*queries.people_named(self.store, name),
                                  *self.new_contacts.values()]
                      if c.name.casefold() == name.casefold()), None)
        if match is None:
            match = Contact(name, company_uid=self._company_uid(), role=Role(self.role.currentData()))
            self.new_contacts[match.uid] = match
        if match.uid not in present:
            self.model.set_rows([*self.model.rows, match])
        self.name.clear()
        self.person_added.emit()

    def remove_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            gone = self.model.row_at(index)
            self.model.set_rows([c for c in self.model.rows if c.uid != gone.uid])
            self.new_contacts.pop(gone.uid, None)
