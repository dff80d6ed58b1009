"""The debrief's second page: the thank-you notes the round proposes, one per
person present, each ticked; the user unticks any they will not send and may
change a note's medium right there (handwritten is proposed wherever a postal
address is known)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterword.core.domain import Contact, Medium, ThankYouNote
from afterword.ui.dialogs.debrief.tables import form_table
from afterword.ui.models.rows import Column, Index, RowsModel, shown
from afterword.ui.widgets import ChoiceDelegate, message_line, named, show_message

MEDIUM_COLUMN = 2


class ProposedNotes(RowsModel):
    """The proposed notes, ticked; the medium column can be edited."""

    def __init__(self, contact: Callable[[str], Contact], parent=None):
        super().__init__([
            Column("To", lambda n: contact(n.contact_uid).name),
            Column("Role", lambda n: contact(n.contact_uid).role),
            Column("Medium", lambda n: n.medium),
            Column("Due", lambda n: n.due),
            Column("Points to mention", lambda n: " · ".join((n.points or "").splitlines())),
        ], parent, checkable=True)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == MEDIUM_COLUMN else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.column() == MEDIUM_COLUMN:
            return self.rows[index.row()].medium.value
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.EditRole and index.column() == MEDIUM_COLUMN:
            if value not in {m.value for m in Medium}:
                return False
            self.rows[index.row()] = replace(self.rows[index.row()], medium=Medium(value))
            self.dataChanged.emit(index, index, [role])
            return True
        return super().setData(index, value, role)


class NotesPage(QWidget):
    """`contact(uid)` names each note's person (new people are not saved yet)."""

    back_requested = Signal()
    confirm_requested = Signal()

    def __init__(self, contact: Callable[[str], Contact], parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setAccessibleName("About the proposed notes")
        self.intro.setWordWrap(True)
        self.model = ProposedNotes(contact, self)
        self.model.dataChanged.connect(self._update_count)
        self.view = form_table(self.model, "Proposed thank-you notes", rows=6)
        self.view.setMaximumHeight(16777215)  # the page's one table takes the room there is
        self.view.setItemDelegateForColumn(MEDIUM_COLUMN, ChoiceDelegate(Medium, self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.SelectedClicked
                                  | QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.view.horizontalHeader()
        for column in range(MEDIUM_COLUMN + 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.error = message_line(name="save problem")
        back = named(QPushButton("&Back"), "Back to the debrief")
        back.setAutoDefault(False)
        back.clicked.connect(self.back_requested)
        self.medium_button = named(QPushButton("Change &Medium"), "Change the medium",
                                   "Handwritten, email or card for the selected note (F2)")
        self.medium_button.setAutoDefault(False)
        self.medium_button.clicked.connect(self.edit_medium)
        self.confirm_button = named(QPushButton("Save"), "Save debrief and notes", "Ctrl+Enter")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.medium_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def show_notes(self, notes: list[ThankYouNote]) -> None:
        """Propose `notes`, all ticked, the first one selected."""
        self.model.set_rows(notes, checked=True)
        self._update_count()
        show_message(self.error, None)
        self.view.setFocus()
        if notes:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def chosen(self) -> list[ThankYouNote]:
        return self.model.checked_rows()

    def edit_medium(self) -> None:
        """Open the medium of the selected note for a choice."""
        row = max(self.view.currentIndex().row(), 0)
        if row < self.model.rowCount():
            index = self.model.index(row, MEDIUM_COLUMN)
            self.view.setFocus()  # the editor takes the focus from the view
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def _update_count(self, *_args) -> None:
        count = len(self.model.checked_rows())
        total = len(self.model.rows)
        due = self.model.rows[0].due if total else None
        self.intro.setText(
            f"<b>Thank-you notes to write</b><br>One per person present, due {shown(due)} "
            "(the day after the round, in its time zone): handwritten where a postal address "
            "is known. Untick any you will not send (Space toggles the selected row); "
            "F2 or Change Medium picks handwritten, email or card."
            if total else "<b>Everyone present already has a note for this round.</b>")
        self.confirm_button.setText(f"&Save Debrief and {count} Note{'s' if count != 1 else ''}")
