"""Who was present at the round. Typing a name lists the people it may be, the
first one highlighted; Enter takes the highlighted one. Creating a new person is
an explicit choice: the last line of the list, "New person: …" (saved with the
debrief, not before)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
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
from afterword.core.debrief import people_matching
from afterword.core.domain import Contact, Role
from afterword.core.store import Store
from afterword.ui.dialogs.debrief.tables import form_table
from afterword.ui.labels import role_label
from afterword.ui.models.rows import Column, RowsModel
from afterword.ui.widgets import fill_combo, named

# What a suggestion stands for: a person's uid, or NEW for "create this person".
PERSON = Qt.ItemDataRole.UserRole + 1
NEW = "new"
SUGGESTIONS = 8


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
                          "Type a name: Enter takes the highlighted person; the last line "
                          "of the list creates a new one")
        self.name.setPlaceholderText("Name of someone present — Enter takes the highlighted person")
        self.name.textEdited.connect(self.suggest)
        self.name.returnPressed.connect(self.add_typed)
        self.suggestions = QStandardItemModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(self.name)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.popup().setAccessibleName("People it may be")
        self.completer.activated[QModelIndex].connect(self._take)
        self.role = fill_combo(named(QComboBox(), "Role of a new person"), Role)
        self.role.currentIndexChanged.connect(lambda: self.suggest(self.name.text()))
        self.add_button = named(QPushButton("Add &Person"), "Add person",
                                "Add the highlighted person (Enter)")
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

    # -- suggestions ------------------------------------------------------------------

    def suggest(self, text: str) -> None:
        """List who `text` may be, the best first and highlighted, then "New person"."""
        name = " ".join(text.split())
        self.suggestions.clear()
        if not name:
            self.completer.popup().hide()
            return
        present = {c.uid for c in self.model.rows}
        for contact, company in self._matches(name):
            if contact.uid in present:
                continue
            details = ", ".join(p for p in (contact.title, company) if p)
            item = QStandardItem(f"{contact.name} — {details}" if details else contact.name)
            item.setData(contact.uid, PERSON)
            self.suggestions.appendRow(item)
        role = role_label(self.role.currentData() or "").lower()
        new = QStandardItem(f"New person: “{name}”" + (f" ({role})" if role else ""))
        new.setData(NEW, PERSON)
        self.suggestions.appendRow(new)
        self.completer.setCompletionPrefix("")
        self.completer.complete()
        self.completer.popup().setCurrentIndex(self.suggestions.index(0, 0))

    def _matches(self, name: str) -> list[tuple[Contact, str]]:
        found = people_matching(self.store, name, SUGGESTIONS)
        typed = name.casefold()
        unsaved = [(c, "") for c in self.new_contacts.values()
                   if all(w in c.name.casefold() for w in typed.split())]
        return [*unsaved, *found]

    def highlighted(self) -> QModelIndex | None:
        """The suggestion Enter would take, if the list is showing."""
        popup = self.completer.popup()
        index = popup.currentIndex()
        return index if popup.isVisible() and index.isValid() else None

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
        """Enter (or Add Person): take the highlighted suggestion. With no list
        showing, take the one person of exactly that name, or show the list."""
        index = self.highlighted()
        if index is not None:
            self._take(index)
            return
        name = " ".join(self.name.text().split())
        if not name:
            return
        exact = [c for c in [*queries.people_named(self.store, name), *self.new_contacts.values()]
                 if c.name.casefold() == name.casefold()]
        if len(exact) == 1:
            self._add(exact[0])
        else:
            self.suggest(name)

    def add_new(self, name: str, role: Role | None = None) -> Contact:
        """Create a person present at the round (saved with the debrief)."""
        contact = Contact(" ".join(name.split()), company_uid=self._company_uid(),
                          role=role or Role(self.role.currentData()))
        self.new_contacts[contact.uid] = contact
        self._add(contact)
        return contact

    def _take(self, index: QModelIndex) -> None:
        chosen = index.data(PERSON)
        self.completer.popup().hide()
        if chosen == NEW:
            if self.name.text().strip():  # the list may report a choice already taken
                self.add_new(self.name.text())
        elif chosen:
            self._add(self.contact(chosen))

    def _add(self, contact: Contact) -> None:
        if contact.uid not in {c.uid for c in self.model.rows}:
            self.model.set_rows([*self.model.rows, contact])
        self.completer.popup().hide()
        self.name.clear()
        self.person_added.emit()

    def remove_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            gone = self.model.row_at(index)
            self.model.set_rows([c for c in self.model.rows if c.uid != gone.uid])
            self.new_contacts.pop(gone.uid, None)
