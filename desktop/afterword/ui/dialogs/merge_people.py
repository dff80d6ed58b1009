"""Merge People: choose who stays (the fuller record by default) of two people
selected on the People page, or of a suggested pair of likely duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.core.domain import Contact
from afterword.core.merge_people import SuggestedPair
from afterword.ui.widgets import named


class PairsModel(QAbstractTableModel):
    HEADERS = ("Person", "Perhaps the same as", "Because")

    def __init__(self, pairs: Sequence[SuggestedPair], parent: QObject | None = None):
        super().__init__(parent)
        self.pairs = list(pairs)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        pair = self.pairs[index.row()]
        return (pair.first_name, pair.second_name, pair.reason)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


def _filled(contact: Contact) -> int:
    return sum(1 for v in vars(contact).values() if v) + len(contact.name.split())


class MergePeopleDialog(QDialog):
    """Two people given: pick the survivor. None given: pick a suggested pair first.
    After exec(), `survivor_uid` and `other_uid` name the choice."""

    def __init__(self, people: Sequence[Contact], pairs: Sequence[SuggestedPair],
                 load: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Merge People")
        named(self, "Merge people")
        self._load = load  # uid -> Contact
        self.survivor_uid: str | None = None
        self.other_uid: str | None = None
        layout = QVBoxLayout(self)
        self.pairs = named(QTableView(), "Likely duplicates",
                           "People who share an email or phone number, or whose names differ "
                           "only by a missing surname")
        self.pairs.setObjectName("duplicatePairs")
        self.pairs.setModel(PairsModel(pairs, self))
        self.pairs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pairs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pairs.horizontalHeader().setStretchLastSection(True)
        self.pairs.verticalHeader().hide()
        self.pairs.resizeColumnsToContents()
        self.pairs.selectionModel().currentRowChanged.connect(self._pair_chosen)
        if people:
            said = "Keep which record?"
        elif pairs:
            said = "Select two people on the People page (Ctrl+click), or a likely duplicate here:"
        else:  # nothing to list: say so, and how to merge two people all the same
            said = ("No likely duplicates found: no two people share an email address or phone "
                    "number, or differ only by a missing surname. To merge two people all the "
                    "same, select both on the People page (Ctrl+click) and choose Merge People "
                    "again.")
        self.intro = named(QLabel(said), "What to merge")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        if not people and pairs:
            layout.addWidget(self.pairs)
        self.keep_first = named(QRadioButton(), "Keep the first person")
        self.keep_second = named(QRadioButton(), "Keep the second person")
        group = QButtonGroup(self)
        group.addButton(self.keep_first)
        group.addButton(self.keep_second)
        layout.addWidget(self.keep_first)
        layout.addWidget(self.keep_second)
        note = QLabel("The other record's rounds, thank-you notes, calls, cadences, touches and "
                      "card photo move to the one kept; its details fill empty fields, and "
                      "differing ones are kept in the notes. Edit ▸ Undo takes it back.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Merge")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._people: list[Contact] = []
        self._show(list(people))
        if not people and pairs:
            self.pairs.selectRow(0)
        self.resize(640, 420 if not people and pairs else 220)

    def _pair_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        pair = self.pairs.model().pairs[current.row()]
        people = [self._load(pair.first_uid), self._load(pair.second_uid)]
        self._show([p for p in people if p is not None])

    def _show(self, people: list[Contact]) -> None:
        self._people = people if len(people) == 2 else []
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._people))
        for button in (self.keep_first, self.keep_second):
            button.setVisible(bool(self._people))
        if not self._people:
            return
        first, second = self._people
        self.keep_first.setText(f"Keep &first: {_described(first)}")
        self.keep_second.setText(f"Keep &second: {_described(second)}")
        (self.keep_first if _filled(first) >= _filled(second) else self.keep_second).setChecked(True)

    def accept(self) -> None:
        if not self._people:
            return
        first, second = self._people
        keep_first = self.keep_first.isChecked()
        self.survivor_uid = (first if keep_first else second).uid
        self.other_uid = (second if keep_first else first).uid
        super().accept()


def _described(person: Contact) -> str:
    """A person as a choice reads, with any "&" in their details shown as itself."""
    said = f"“{person.name}” ({person.email or person.phone_cell or 'no email'})"
    return said.replace("&", "&&")
