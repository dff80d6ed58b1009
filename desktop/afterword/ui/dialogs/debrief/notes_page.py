"""The debrief's second page: the thank-you notes the round proposes, one per
person present, each ticked; the user unticks any they will not send."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from afterword.core.domain import Contact, ThankYouNote
from afterword.ui.dialogs.debrief.tables import form_table
from afterword.ui.models.rows import Column, RowsModel, shown
from afterword.ui.widgets import message_line, named, show_message


class NotesPage(QWidget):
    """`contact(uid)` names each note's person (new people are not saved yet)."""

    back_requested = Signal()
    confirm_requested = Signal()

    def __init__(self, contact: Callable[[str], Contact], parent=None):
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setAccessibleName("About the proposed notes")
        self.intro.setWordWrap(True)
        self.model = RowsModel([
            Column("To", lambda n: contact(n.contact_uid).name),
            Column("Role", lambda n: contact(n.contact_uid).role),
            Column("Medium", lambda n: n.medium),
            Column("Due", lambda n: n.due),
        ], checkable=True)
        self.model.dataChanged.connect(self._update_count)
        self.view = form_table(self.model, "Proposed thank-you notes", rows=5)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.SelectedClicked)
        self.error = message_line(name="save problem")
        back = named(QPushButton("&Back"), "Back to the debrief")
        back.setAutoDefault(False)
        back.clicked.connect(self.back_requested)
        self.confirm_button = named(QPushButton("Save"), "Save debrief and notes", "Ctrl+Enter")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
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

    def _update_count(self, *_args) -> None:
        count = len(self.model.checked_rows())
        total = len(self.model.rows)
        due = self.model.rows[0].due if total else None
        self.intro.setText(
            f"<b>Thank-you notes to write</b><br>One per person present, due {shown(due)} "
            "(the day after the round, in its time zone). Untick any you will not send "
            "(Space toggles the selected row)."
            if total else "<b>Everyone present already has a note for this round.</b>")
        self.confirm_button.setText(f"&Save Debrief and {count} Note{'s' if count != 1 else ''}")
