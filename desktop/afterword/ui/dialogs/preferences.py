"""Preferences: the phone region for numbers typed without +, and how far ahead
Today looks (General); the server to sync with (Sync, ui/dialogs/sync_preferences.py)."""

from __future__ import annotations

import phonenumbers
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

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
        keys.PHONE_REGION.write(self._settings, self.region.currentData())
        keys.TODAY_LOOKAHEAD.write(self._settings, self.lookahead.value())
        self._settings.sync()
        super().accept()
