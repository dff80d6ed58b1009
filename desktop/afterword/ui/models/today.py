"""Today: open reminders grouped by kind (thank-you notes, follow-ups, feedback
calls, touches), overdue first within each group. Ticking the box asks for the
reminder to be done; the view decides how (see views/today.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from afterword.core.rules import KIND_ORDER, Reminder, ReminderKind, sorted_by_urgency
from afterword.ui.colours import DUE, OVERDUE, status_colour
from afterword.ui.messages import plain_tooltip

GROUP_TITLES = {
    ReminderKind.THANK_YOU_NOTE: "Thank-you notes",
    ReminderKind.FOLLOW_UP: "Follow-ups",
    ReminderKind.FEEDBACK_CALL: "Feedback calls",
    ReminderKind.TOUCH: "Stay in touch",
}
HEADERS = ("To do", "Due", "Details")
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = 0xFFFFFFFF


class TodayModel(QAbstractItemModel):
    tick_requested = Signal(object)  # a Reminder

    def __init__(self, parent=None):
        super().__init__(parent)
        self._groups: list[tuple[ReminderKind, list[Reminder]]] = []
        self._on = date.today()
        self._checkable = True

    def set_reminders(self, reminders: list[Reminder], on: date) -> None:
        self.beginResetModel()
        self._on = on
        self._groups = []
        for kind in KIND_ORDER:
            items = sorted_by_urgency([r for r in reminders if r.kind is kind], on)
            if items:
                self._groups.append((kind, items))
        self.endResetModel()

    def remove(self, uid: str) -> bool:
        """Take one reminder out of the list (it was just done); False if absent."""
        index = self.index_of(uid)
        if not index.isValid():
            return False
        group = index.internalId()
        items = self._groups[group][1]
        if len(items) == 1:
            # A whole group goes: the later groups' rows change parent number, so
            # tell the view to start afresh rather than move them.
            self.beginResetModel()
            del self._groups[group]
            self.endResetModel()
            return True
        self.beginRemoveRows(self.index(group, 0), index.row(), index.row())
        del items[index.row()]
        self.endRemoveRows()
        return True

    def set_checkable(self, checkable: bool) -> None:
        """No tick boxes (a read-only file)."""
        self.beginResetModel()
        self._checkable = checkable
        self.endResetModel()

    def reminders(self) -> list[Reminder]:
        """Every reminder listed, group by group."""
        return [r for _, items in self._groups for r in items]

    def reminder_count(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def overdue_count(self) -> int:
        return sum(r.is_overdue(self._on) for _, items in self._groups for r in items)

    def reminder(self, index: Index) -> Reminder | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._groups[index.internalId()][1][index.row()]

    def index_of(self, uid: str) -> QModelIndex:
        for g, (_, items) in enumerate(self._groups):
            for row, reminder in enumerate(items):
                if reminder.uid == uid:
                    return self.createIndex(row, 0, g)
        return QModelIndex()

    # -- the tree ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            if 0 <= row < len(self._groups):
                return self.createIndex(row, column, _NO_PARENT)
            return QModelIndex()
        if parent.internalId() != _NO_PARENT:
            return QModelIndex()
        group = parent.row()
        if 0 <= row < len(self._groups[group][1]):
            return self.createIndex(row, column, group)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _NO_PARENT and index.column() == 0 and self._checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            return self._group_data(index, role)
        reminder = self.reminder(index)
        overdue = reminder.is_overdue(self._on)
        if role == REMINDER_ROLE:
            return reminder
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and self._checkable:
            return Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(reminder, index.column(), overdue)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{reminder.title}\n{self._text(reminder, 1, overdue)}\n"
                                 f"{reminder.detail or ''}")
        if role == Qt.ItemDataRole.ForegroundRole and overdue and index.column() < 2:
            return status_colour(OVERDUE)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and reminder.due == self._on:
            return status_colour(DUE)
        if role == Qt.ItemDataRole.FontRole and overdue and index.column() == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{reminder.title}, {self._text(reminder, 1, overdue)}"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        reminder = self.reminder(index)
        if reminder is None or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.tick_requested.emit(reminder)
        return False  # the box stays clear; the reminder goes away once it is done

    def _group_data(self, index: Index, role: int) -> Any:
        kind, items = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            overdue = sum(r.is_overdue(self._on) for r in items)
            late = f", {overdue} overdue" if overdue else ""
            return f"{GROUP_TITLES[kind]} ({len(items)}{late})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, reminder: Reminder, column: int, overdue: bool) -> str:
        if column == 0:
            return reminder.title
        if column == 1:
            if overdue:
                days = (self._on - reminder.due).days
                return f"Overdue · {reminder.due.isoformat()} ({days} d)"
            if reminder.due == self._on:
                return "Due today"
            if reminder.due < self._on:
                return f"Due · {reminder.due.isoformat()}"
            return f"Due {reminder.due.isoformat()}"
        return reminder.detail or ""
