"""What Today shows on an empty database: ways to start, instead of "nothing due"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from afterword.ui.widgets import named

# (step, button text, what it does) in the order offered.
STEPS = (
    ("sample", "Open the &Sample Data",
     "A made-up job search dated around today, in its own file: look around, nothing of yours changes."),
    ("contacts", "Import &Contacts…",
     "People from your address book or phone: a vCard (.vcf) or CSV file."),
    ("json", "Import &Data…",
     "An Afterword interchange file (.json), from another computer or a backup."),
    ("role", "Add Your First &Role…",
     "The company and role you are interviewing for; then debrief its first round."),
)


class FirstSteps(QWidget):
    """Four ways to start; `step_chosen(step)` names the one picked (see STEPS)."""

    step_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        named(self, "First steps")
        layout = QVBoxLayout(self)
        intro = QLabel("Nothing is recorded in this database yet. Start in one of these ways:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for step, text, explanation in STEPS:
            button = named(QPushButton(text), text.replace("&", "").rstrip("…"), explanation)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=step: self.step_chosen.emit(s))
            words = QLabel(explanation)
            words.setWordWrap(True)
            words.setTextFormat(Qt.TextFormat.PlainText)
            words.setContentsMargins(4, 0, 0, 10)
            layout.addWidget(button)
            layout.addWidget(words)
            self.buttons[step] = button
        layout.addStretch(1)

    def set_step_enabled(self, step: str, enabled: bool) -> None:
        self.buttons[step].setEnabled(enabled)
