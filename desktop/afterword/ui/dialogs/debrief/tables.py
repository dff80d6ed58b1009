"""The debrief's small tables: a few rows tall, Tab leaves them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.ui.models.rows import EditableModel
from afterword.ui.widgets import FormTable, named


def form_table(model, name: str, rows: int = 3) -> QTableView:
    """A table of `rows` visible rows inside the form."""
    view = FormTable()
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table, so the form stays fast
    row = view.verticalHeader().defaultSectionSize()
    view.setMinimumHeight(row * (rows + 1) + 6)
    # Room for one more before the table scrolls; the form, not one table, takes the height.
    view.setMaximumHeight(row * (rows + 2) + 6)
    named(view, name)
    return view


def with_add_button(view: QTableView, label: str, model: EditableModel) -> QWidget:
    """The table with a button below it that adds a row and starts typing in it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    add = named(QPushButton(label), label.replace("&", "").capitalize())
    add.setAutoDefault(False)

    def append() -> None:
        row = model.append()
        index = model.index(row, 0)
        view.setCurrentIndex(index)  # starts editing: the table edits on any trigger
        if view.state() != QAbstractItemView.State.EditingState:
            view.edit(index)

    add.clicked.connect(append)
    row = QHBoxLayout()
    row.addWidget(add)
    row.addStretch(1)
    layout.addLayout(row)
    return box
