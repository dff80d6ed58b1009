"""File ▸ Restore from Backup…: the automatic backups of the open database, newest
first, with their dates and what each holds; the user picks one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.core.backups import BEFORE_RESTORE, COUNTED, Snapshot
from afterword.ui.widgets import named

_KINDS = {BEFORE_RESTORE: "Before a restore", "daily": "Daily"}
_HEADERS = ["Taken", "Kind", *(word.capitalize() for word in COUNTED.values())]
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class SnapshotsModel(QAbstractTableModel):
    def __init__(self, snapshots: list[Snapshot], parent: QWidget | None = None):
        super().__init__(parent)
        self.snapshots = snapshots

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.snapshots)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole)
        if not index.isValid() or role not in shown:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column > 1 else None
        snapshot = self.snapshots[index.row()]
        if column == 0:
            return f"{snapshot.taken:%Y-%m-%d %H:%M}"
        if column == 1:
            return _KINDS.get(snapshot.reason, snapshot.reason)
        word = list(COUNTED.values())[column - 2]
        count = snapshot.counts.get(word)
        return "?" if count is None else f"{count:,}"


class RestoreBackupDialog(QDialog):
    """`chosen()` is the snapshot picked, after exec() returned Accepted."""

    def __init__(self, snapshots: list[Snapshot], folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.model = SnapshotsModel(snapshots, self)
        self.table = named(QTableView(), "Automatic backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        intro = QLabel("Afterword keeps a backup of this database each day it is used (the last "
                       "7 days, then one a week for 4 weeks). Restoring one puts the database back "
                       "as it was then; what you have now is kept as a backup too, so you can come "
                       "back to it the same way." if snapshots else
                       "There are no automatic backups of this database yet: one is made each day "
                       "the database is used.")
        intro.setWordWrap(True)
        where = named(QLabel(f"Kept in {folder}"), "Backup folder")
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        restore = self.buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button = named(restore, "Restore the selected backup")
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.chosen() is not None))
        self.table.doubleClicked.connect(lambda _index: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if snapshots:  # none yet: the words above say so, without an empty table
            layout.addWidget(self.table, 1)
        else:
            self.table.hide()
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.resize(720, 420 if snapshots else 160)
        if snapshots:
            self.table.selectRow(0)
            self.table.setFocus()

    def chosen(self) -> Snapshot | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.snapshots[rows[0].row()] if rows else None
