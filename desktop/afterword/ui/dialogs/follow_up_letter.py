"""Compose the follow-up email for a round: copy it, or save it as a text file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from afterword.context import AppContext
from afterword.core.domain import Contact, Interview
from afterword.core.errors import AfterwordError
from afterword.core.letters import LetterChoice, compose_follow_up, save_letter
from afterword.ui import messages
from afterword.ui.hub import Hub
from afterword.ui.widgets import HINT_STYLE, message_line, named, no_auto_default, show_message


class FollowUpLetterDialog(QDialog):
    """Pick the recipient, the question to answer better and the concern to
    address; the letter below updates and stays editable."""

    def __init__(self, context: AppContext, hub: Hub, parent=None, *, interview_uid: str,
                 recipient_uid: str | None = None):
        super().__init__(parent)
        self.context, self.hub = context, hub
        self.interview = context.store.get(Interview, interview_uid)
        self.setWindowTitle("Follow-up Letter")
        named(self, "Follow-up letter")
        self.note = message_line(HINT_STYLE, "letter message")

        self.recipient = named(QComboBox(), "Recipient")
        self.recipient.addItem("Hiring team", None)
        for uid in self.interview.participant_uids:
            contact = context.store.get(Contact, uid)
            if contact:
                self.recipient.addItem(contact.name, uid)
        if self.recipient.count() > 1:  # the person selected, else the first one met
            self.recipient.setCurrentIndex(max(1, self.recipient.findData(recipient_uid)))
        self.question = named(QComboBox(), "Question to answer better")
        self.question.addItem("(none)", None)
        for i, q in enumerate(self.interview.questions):
            self.question.addItem(q.question, i)
        best = next((i for i, q in enumerate(self.interview.questions) if q.better_answer), None)
        if best is not None:
            self.question.setCurrentIndex(best + 1)
        self.concern = named(QComboBox(), "Concern to address")
        self.concern.addItem("(none)", None)
        for i, c in enumerate(self.interview.concerns):
            self.concern.addItem(c.text, i)
        answered = next((i for i, c in enumerate(self.interview.concerns) if c.response), None)
        if answered is not None:
            self.concern.setCurrentIndex(answered + 1)
        self.sender = named(QLineEdit(), "Your name")
        self.sender.setPlaceholderText("Your name, to sign the letter")
        form = QFormLayout()
        form.addRow("&To:", self.recipient)
        form.addRow("&Better answer to:", self.question)
        form.addRow("C&oncern:", self.concern)
        form.addRow("&Sign as:", self.sender)
        self._generated = ""  # the letter as last composed; differs once the user edits it
        for combo in (self.recipient, self.question, self.concern):
            combo.currentIndexChanged.connect(self.choices_changed)
        self.sender.textChanged.connect(self.choices_changed)

        self.text = named(QPlainTextEdit(), "Letter text")
        self.text.setMinimumSize(620, 320)
        copy = named(QPushButton("&Copy to Clipboard"), "Copy to clipboard", "Ctrl+Shift+C")
        copy.clicked.connect(self.copy)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, activated=self.copy)
        # Alt+T is the To: field's
        save = named(QPushButton("Save as Te&xt File…"), "Save as text file", "Ctrl+S")
        save.clicked.connect(self.save_as)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)
        regenerate = named(QPushButton("&Regenerate"), "Regenerate the letter",
                           "Compose the letter again from the choices above, replacing its text")
        regenerate.clicked.connect(self.regenerate)
        close = named(QPushButton("Close"), "Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addWidget(save)
        buttons.addWidget(regenerate)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        no_auto_default(self)
        self.compose()

    def choice(self) -> LetterChoice:
        return LetterChoice(self.recipient.currentData(), self.question.currentData(),
                            self.concern.currentData(), self.sender.text())

    def edited(self) -> bool:
        """True once the user has changed the composed text."""
        return self.text.toPlainText() != self._generated

    def choices_changed(self) -> None:
        """Recompose while the letter is as composed; an edited letter is kept
        (Regenerate rebuilds it on purpose)."""
        if self.edited():
            show_message(self.note, "Your edits to the letter are kept; press Regenerate to "
                                    "compose it again from these choices.")
            return
        self.compose()

    def regenerate(self) -> None:
        if self.edited() and messages.ask(
                self, "Regenerate Letter", "Replace the letter, with your edits, by a newly "
                "composed one?") != messages.Button.Yes:
            return
        self.compose()

    def compose(self) -> None:
        try:
            self._generated = compose_follow_up(self.context.store, self.interview, self.choice())
        except AfterwordError as exc:
            show_message(self.note, str(exc))
            return
        self.text.setPlainText(self._generated)
        show_message(self.note, None)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        show_message(self.note, "Copied: paste it into your email.")

    def save_as(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save follow-up letter",
                                              str(Path.home() / "follow-up.txt"), "Text files (*.txt)")
        if not path:
            return None
        try:
            save_letter(self.text.toPlainText(), Path(path))
        except AfterwordError as exc:
            show_message(self.note, str(exc))
            return None
        show_message(self.note, f"Saved to {path}")
        return Path(path)
