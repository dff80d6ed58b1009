"""Today: open reminders grouped by kind (thank-you notes, follow-ups, feedback
calls, touches), overdue first within each group. Ticking the box asks for the
reminder to be done; the view decides how (see views/today.py).

Below them, the rounds coming up in the next days, under "read your brief":
not reminders (nothing to tick off, no calendar entry of their own), a reason to
print the prep brief."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from afterword.core.rounds import RoundRow
from afterword.core.rules import KIND_ORDER, Reminder, ReminderKind, sorted_by_urgency
from afterword.ui.colours import DUE, OVERDUE, status_colour
from afterword.ui.messages import plain_tooltip

GROUP_TITLES = {
    ReminderKind.THANK_YOU_NOTE: "Thank-you notes",
    ReminderKind.FOLLOW_UP: "Follow-ups",
    ReminderKind.FEEDBACK_CALL: "Feedback calls",
    ReminderKind.TOUCH: "Stay in touch",
}
COMING_UP = "Coming up: read your brief"
HEADERS = ("To do", "Due", "Details")
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = 0xFFFFFFFF
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.CheckStateRole,
                    Qt.ItemDataRole.AccessibleTextRole, REMINDER_ROLE})


class _Row(NamedTuple):
    item: Reminder | RoundRow
    overdue: bool
    texts: tuple[str, ...]  # per column


class TodayModel(QAbstractItemModel):
    tick_requested = Signal(object)  # a Reminder

    def __init__(self, parent=None):
        super().__init__(parent)
        # A group of reminders of one kind, or (kind None) of the rounds coming up.
        self._groups: list[tuple[ReminderKind | None, list[Reminder] | list[RoundRow]]] = []
        self._on = date.today()
        self._checkable = True
        # Each row's texts, worked out once: a layout asks every role of
        # every visible cell, several times over, before the first paint.
        self._rows: dict[tuple[int, int], _Row] = {}

    def set_reminders(self, reminders: list[Reminder], on: date,
                      coming: list[RoundRow] | None = None) -> None:
        """The reminders by kind, then the rounds `coming` up (soonest first)."""
        self.beginResetModel()
        self._on = on
        self._groups = []
        self._rows.clear()
        for kind in KIND_ORDER:
            items = sorted_by_urgency([r for r in reminders if r.kind is kind], on)
            if items:
                self._groups.append((kind, items))
        if coming:
            self._groups.append((None, list(coming)))
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
            self._rows.clear()
            self.endResetModel()
            return True
        self.beginRemoveRows(self.index(group, 0), index.row(), index.row())
        del items[index.row()]
        self._rows.clear()  # the rows below moved up
        self.endRemoveRows()
        return True

    def set_checkable(self, checkable: bool) -> None:
        """No tick boxes (a read-only file)."""
        self.beginResetModel()
        self._checkable = checkable
        self.endResetModel()

    def reminders(self) -> list[Reminder]:
        """Every reminder listed, group by group."""
        return [r for kind, items in self._groups if kind is not None for r in items]

    def coming_rounds(self) -> list[RoundRow]:
        return [r for kind, items in self._groups if kind is None for r in items]

    def reminder_count(self) -> int:
        return sum(len(items) for kind, items in self._groups if kind is not None)

    def overdue_count(self) -> int:
        return sum(r.is_overdue(self._on) for r in self.reminders())

    def _item(self, index: Index) -> Reminder | RoundRow | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._groups[index.internalId()][1][index.row()]

    def reminder(self, index: Index) -> Reminder | None:
        item = self._item(index)
        return item if isinstance(item, Reminder) else None

    def coming_round(self, index: Index) -> RoundRow | None:
        """The round coming up at `index`, if that row is one."""
        item = self._item(index)
        return item if isinstance(item, RoundRow) else None

    def index_of(self, uid: str) -> QModelIndex:
        """The row of the reminder (or round coming up) with this uid."""
        for g, (_, items) in enumerate(self._groups):
            for row, item in enumerate(items):
                if item.uid == uid:
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
        if index.column() == 0 and self._checkable and self.reminder(index) is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Drawing and measuring a cell asks for roles this model never answers (icons,
        # alignment, background, size): those return before anything is looked up.
        if role not in _ROLES or not index.isValid():
            return None
        group = index.internalId()
        if group == _NO_PARENT:
            return self._group_data(index, role)
        row = self._row(group, index.row())
        column = index.column()
        if not isinstance(row.item, Reminder):
            return self._round_data(row, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == REMINDER_ROLE:
            return row.item
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and self._checkable:
            return Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{row.item.title}\n{row.texts[1]}\n{row.item.detail or ''}")
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue and column < 2:
            return status_colour(OVERDUE)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and row.item.due == self._on:
            return status_colour(DUE)
        if role == Qt.ItemDataRole.FontRole and row.overdue and column == 1:
            return self._bold()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.item.title}, {row.texts[1]}"
        return None

    def _row(self, group: int, number: int) -> _Row:
        row = self._rows.get((group, number))
        if row is None:
            item = self._groups[group][1][number]
            if isinstance(item, Reminder):
                overdue = item.is_overdue(self._on)
                row = _Row(item, overdue, tuple(self._text(item, c, overdue) for c in range(3)))
            else:
                row = _Row(item, False, tuple(self._round_text(item, c) for c in range(3)))
            self._rows[(group, number)] = row
        return row

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        reminder = self.reminder(index)
        if reminder is None or role != Qt.ItemDataRole.CheckStateRole or not self._checkable:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.tick_requested.emit(reminder)
        return False  # the box stays clear; the reminder goes away once it is done

    @staticmethod
    def _round_data(row: _Row, column: int, role: int) -> Any:
        """A round coming up: what, when on its own clock, and how to get the brief."""
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.texts[0]}, {row.texts[1]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(row.texts))
        return None

    def _round_text(self, row: RoundRow, column: int) -> str:
        if column == 0:
            return f"Round {row.round}, {row.role_title} ({row.company})"
        if column == 1:
            days = (date.fromisoformat(row.local_day) - self._on).days
            when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
            return f"{row.starts()} ({when})"
        how = (row.format or "").replace("_", " ")
        with_whom = f" with {row.people}" if row.people else ""
        return f"{how.capitalize()}{with_whom} · Enter: print your prep brief".lstrip(" ·")

    def _group_data(self, index: Index, role: int) -> Any:
        kind, items = self._groups[index.row()]
        if kind is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{COMING_UP} ({len(items)})"
            return self._bold() if role == Qt.ItemDataRole.FontRole else None
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            overdue = sum(r.is_overdue(self._on) for r in items)
            late = f", {overdue} overdue" if overdue else ""
            return f"{GROUP_TITLES[kind]} ({len(items)}{late})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold()
        return None

    @staticmethod
    def _bold() -> QFont:
        font = QFont()
        font.setBold(True)
        return font

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
