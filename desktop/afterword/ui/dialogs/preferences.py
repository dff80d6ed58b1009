"""Preferences: the phone region for numbers typed without +, how far ahead Today
looks and the prep brief's closing question (General); the server to sync with
(Sync, ui/dialogs/sync_preferences.py)."""

from __future__ import annotations

import phonenumbers
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from afterword.core import validation
from afterword.ui import messages
from afterword.ui import settings as keys


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent=None, *, sync_page: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.sync_page = sync_page
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Preferences pages")
        outer.addWidget(self.tabs)
        general = QWidget()
        layout = QFormLayout(general)
        self.tabs.addTab(general, "&General")
        if sync_page is not None:
            self.tabs.addTab(sync_page, "S&ync")
        self.region = QComboBox()
        self.region.setAccessibleName("Phone region")
        for region in sorted(phonenumbers.SUPPORTED_REGIONS):
            code = phonenumbers.country_code_for_region(region)
            self.region.addItem(f"{region} (+{code})", region)
        self.region.setCurrentIndex(max(self.region.findData(keys.PHONE_REGION.read(settings)), 0))
        layout.addRow("Phone numbers without + are from &region:", self.region)
        self.lookahead = QSpinBox()
        self.lookahead.setRange(0, 30)
        self.lookahead.setSuffix(" days")
        self.lookahead.setAccessibleName("Today looks ahead")
        self.lookahead.setValue(keys.TODAY_LOOKAHEAD.read(settings))
        layout.addRow("&Today also shows what is due in the next:", self.lookahead)
        self.closing_question = QPlainTextEdit(keys.CLOSING_QUESTION.read(settings))
        self.closing_question.setAccessibleName("Closing question on the prep brief")
        self.closing_question.setToolTip("Asked softly before leaving the room; the prep brief "
                                         "always ends with it. Empty: the default wording.")
        self.closing_question.setTabChangesFocus(True)
        margins = 2 * (self.closing_question.frameWidth()
                       + int(self.closing_question.document().documentMargin()))
        # the default wording whole, without a scroll bar, at the narrowest width
        self.closing_question.setFixedHeight(self.closing_question.fontMetrics().lineSpacing() * 5
                                             + margins)
        self.closing_question.setMinimumWidth(self.closing_question.fontMetrics().averageCharWidth() * 46)
        self.default_question = QPushButton("Default &Wording")
        self.default_question.setAccessibleName("Use the default closing question")
        self.default_question.setAutoDefault(False)
        self.default_question.clicked.connect(
            lambda: self.closing_question.setPlainText(keys.CLOSING_QUESTION.default()))
        question = QWidget()
        column = QVBoxLayout(question)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.closing_question)
        column.addWidget(self.default_question, 0, Qt.AlignmentFlag.AlignRight)
        layout.addRow("Prep brief's closing &question:", question)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def show_page(self, name: str) -> None:
        """'general' or 'sync'."""
        if name == "sync" and self.sync_page is not None:
            self.tabs.setCurrentWidget(self.sync_page)

    def accept(self) -> None:
        if self.sync_page is not None:
            problem = self.sync_page.save()
            if problem:
                self.tabs.setCurrentWidget(self.sync_page)
                messages.warn(self, "Sync Not Saved", problem)
                return
        question = " ".join(self.closing_question.toPlainText().split())
        problem = validation.text_problem("closing_question", question)
        if problem:
            self.tabs.setCurrentIndex(0)
            self.closing_question.setFocus()
            messages.warn(self, "Closing Question Not Saved", f"The closing question: {problem}.")
            return
        if question:
            keys.CLOSING_QUESTION.write(self._settings, question)
        else:
            keys.CLOSING_QUESTION.forget(self._settings)  # the default wording, as it stands
        keys.PHONE_REGION.write(self._settings, self.region.currentData())
        keys.TODAY_LOOKAHEAD.write(self._settings, self.lookahead.value())
        self._settings.sync()
        super().accept()
