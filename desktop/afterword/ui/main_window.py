"""The main window (a first, bare version)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from afterword import APP_NAME
from afterword.context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowTitle(f"{context.db_path.name} — {APP_NAME}")
        self.setCentralWidget(QLabel(f"{context.db_path}"))
        self.resize(1000, 680)
