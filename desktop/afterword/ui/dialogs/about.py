"""Help ▸ About: the version, the data file (click to reveal its folder), the
Qt/PySide/Python versions, and the licence."""

from __future__ import annotations

import html
import platform
import sqlite3

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from afterword import APP_NAME, __version__
from afterword.context import AppContext
from afterword.ui.hub import Hub
from afterword.ui.resources import app_icon

LICENCE = "MIT licence — free to use, copy, change and share; no warranty."
ICON_SIZE = 64


class AboutDialog(QDialog):
    def __init__(self, context: AppContext, hub: Hub, parent=None):
        super().__init__(parent)
        self.context = context
        self.hub = hub
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAccessibleName(f"{APP_NAME} icon")
        title = QLabel(f"<h2>{APP_NAME} {html.escape(__version__)}</h2>"
                       "A personal CRM for the people you meet while interviewing.")
        title.setWordWrap(True)
        title.setAccessibleName("Name and version")
        self.version_label = title

        self.data_file_label = QLabel(self._data_file_link())
        self.data_file_label.setTextFormat(Qt.TextFormat.RichText)
        self.data_file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.data_file_label.setOpenExternalLinks(False)
        self.data_file_label.linkActivated.connect(self.reveal_data_folder)
        self.data_file_label.setWordWrap(True)
        self.data_file_label.setAccessibleName("Data file")
        self.data_file_label.setToolTip("Show the folder that holds this file")

        self.runtime_label = QLabel(self.runtime_versions())
        self.runtime_label.setAccessibleName("Qt, PySide and Python versions")
        self.runtime_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licence_label = QLabel(LICENCE)
        self.licence_label.setWordWrap(True)
        self.licence_label.setAccessibleName("Licence")

        form = QFormLayout()
        form.addRow("Data file:", self.data_file_label)
        form.addRow("Built with:", self.runtime_label)
        form.addRow("Licence:", self.licence_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(icon, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _data_file_link(self) -> str:
        path = self.context.db_path
        return f'<a href="{QUrl.fromLocalFile(str(path.parent)).toString()}">{html.escape(str(path))}</a>'

    @staticmethod
    def runtime_versions() -> str:
        return (f"Qt {qVersion()}, PySide {PySide6.__version__}, "
                f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")

    def reveal_data_folder(self, _link: str = "") -> bool:
        """Open the folder holding the data file in the file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.context.db_path.parent)))
