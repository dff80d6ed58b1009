"""Table models over plain rows: read-only lists and small editable tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from afterword.ui.labels import role_label
from afterword.ui.messages import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def shown(value: Any) -> str:
    """A value as a cell shows it: enum words as the combos show them ("Hiring manager"),
    ISO dates, '' for None."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return role_label(str(value.value))
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]


class RowsModel(QAbstractTableModel):
    """Read-only rows; `colour(row)` may return a text colour for the whole row,
    `checkable` adds a tick box in the first column."""

    def __init__(self, columns: Sequence[Column], parent=None, *,
                 colour: Callable[[Any], QColor | None] | None = None, checkable: bool = False):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.checked: list[bool] = []
        self._colour = colour
        self._checkable = checkable

    def set_rows(self, rows: Sequence[Any], checked: bool = True) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.checked = [checked] * len(self.rows)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's sort value, stably, in one pass of Python:
        a proxy's sort asks data() twice per comparison, seconds at 100k rows."""
        if not 0 <= column < len(self.columns) or not self.rows:
            return
        value = self.columns[column].value

        def key(i: int) -> Any:
            v = value(self.rows[i])
            return v if isinstance(v, int | float) and not isinstance(v, bool) else shown(v)

        self.layoutAboutToBeChanged.emit()
        new_order = sorted(range(len(self.rows)), key=key,
                           reverse=order == Qt.SortOrder.DescendingOrder)
        moved_to = {old: new for new, old in enumerate(new_order)}
        self.rows = [self.rows[i] for i in new_order]
        self.checked = [self.checked[i] for i in new_order]
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(moved_to[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def row_at(self, index: Index) -> Any:
        return self.rows[index.row()]

    def record_at(self, row: int) -> Any | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def checked_rows(self) -> list[Any]:
        return [r for r, on in zip(self.rows, self.checked, strict=True) if on]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(self.columns[index.column()].value(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(shown(self.columns[index.column()].value(row)))
        if role == SORT_ROLE:
            value = self.columns[index.column()].value(row)
            return shown(value) if not isinstance(value, int | float) else value
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and self._colour:
            colour = self._colour(row)
            return QBrush(colour) if colour else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index, [role])
            return True
        return False


class SourceSortProxy(QSortFilterProxyModel):
    """Sorts by asking its RowsModel to sort itself, once, in Python: a proxy's own
    sort calls data() twice per comparison (seconds for 100k rows)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sort_by: tuple[int, Qt.SortOrder] | None = None
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_by = (column, order)
        self.sourceModel().sort(column, order)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """New rows for the model, in the chosen order."""
        model = self.sourceModel()
        model.set_rows(rows)
        if self.sort_by is not None:
            model.sort(*self.sort_by)


class EditableModel(QAbstractTableModel):
    """A small editable table of dicts (questions, concerns of a round).

    `choices[key]` lists the enum a column takes; the cell edits through a combo.
    """

    def __init__(self, keys: Sequence[str], titles: Sequence[str], parent=None, *,
                 choices: dict[str, type[Enum]] | None = None):
        super().__init__(parent)
        self.keys, self.titles = list(keys), list(titles)
        self.choices = choices or {}
        self.items: list[dict[str, Any]] = []

    def set_items(self, items: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.items = [dict(i) for i in items]
        self.endResetModel()

    def append(self) -> int:
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append({k: None for k in self.keys})
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.items[row]
            self.endRemoveRows()

    def filled(self) -> list[dict[str, Any]]:
        """Rows where something was typed; blank rows are dropped silently."""
        return [i for i in self.items
                if any((v.strip() if isinstance(v, str) else v) for v in i.values())]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.items[index.row()][self.keys[index.column()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(shown(value))
        if role == Qt.ItemDataRole.EditRole:
            return value.value if isinstance(value, Enum) else (value or "")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.keys[index.column()]
        enum = self.choices.get(key)
        text = (value or "").strip() if isinstance(value, str) else value
        self.items[index.row()][key] = enum(text) if enum and text else (text or None)
        self.dataChanged.emit(index, index, [role])
        return True
