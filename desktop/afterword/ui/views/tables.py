"""Shared look for the app's table views."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def compact_rows(view: QTableView) -> None:
    """One line per row, sized from the font (so it follows the system text size),
    fixed so 100k rows never need measuring."""
    header = view.verticalHeader()
    header.hide()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setWordWrap(False)
