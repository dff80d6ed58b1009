"""The people list: ids in display order, row columns read a page at a time.

Sorting happens in SQL (indexes, no 100k-row Python sort); search narrows the ids
through FTS5. An edit updates one row; only a new search or sort resets the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from afterword.core import people, search
from afterword.core.people import PersonRow
from afterword.core.rules import CadenceState, CadenceStatus, cadence_status
from afterword.core.store import Store
from afterword.ui.colours import DUE, MUTED, OVERDUE, status_colour
from afterword.ui.labels import role_label
from afterword.ui.messages import plain_tooltip

HEADERS = ("Name", "Company", "Title", "Role", "Email", "Phone", "Last contact", "Next touch")
LAST_CONTACT, NEXT_TOUCH = 6, 7
# Kinds of change that move someone's last contact or next touch.
CONTACT_KINDS = frozenset({"touches", "cadences", "thank_you_notes", "feedback_calls", "interviews"})
# Readable on a light and a dark palette (ui/colours.py); the state is also said in words.
_STATE_COLOURS = {CadenceState.OVERDUE: OVERDUE, CadenceState.DUE: DUE, CadenceState.PAUSED: MUTED}
_STATE_WORDS = {CadenceState.OVERDUE: "overdue", CadenceState.DUE: "due",
                CadenceState.PAUSED: "paused"}
UID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY, _TOOLTIP, _FOREGROUND = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                   Qt.ItemDataRole.ForegroundRole)
# Rows read at a time: a screenful or two (a search resets the list on every keystroke).
PAGE = 80
MAX_CACHED = 5000

Index = QModelIndex | QPersistentModelIndex


def listed_ids(store: Store, *, text: str, sort: tuple[str, bool]) -> list[int]:
    """Who the list shows: the people matching `text`, else everyone in `sort` order."""
    if text.strip():
        return search.people(store, text)
    column, descending = sort
    return people.ordered_ids(store, column, descending)


class PeopleModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None, *, today: Callable[[], date] = date.today,
                 read: bool = True):
        super().__init__(parent)
        self._store = store
        self._today = today
        self._ids: list[int] = []
        self._rows: dict[int, PersonRow] = {}
        self._touch: dict[str, CadenceStatus] = {}
        # Each row's shown text, worked out once: a repaint asks for every cell and role.
        self._cells: dict[int, tuple[tuple[Any, ...], Any]] = {}
        self._search = ""
        self._sort = ("name", False)
        if read:  # else the owner reads the list (see ids_work)
            self.reload()

    # -- what is listed ------------------------------------------------------

    def reload(self) -> None:
        self.set_ids(self.ids_work()(self._store))

    def ids_work(self) -> Callable[[Store], list[int]]:
        """The reading that lists the people for the search and sort now asked
        for: core calls only, so it may run on a worker thread."""
        return partial(listed_ids, text=self._search, sort=self._sort)

    def set_ids(self, ids: list[int]) -> None:
        """Show these people, in this order (read by `ids_work`)."""
        self.beginResetModel()
        self._ids = ids
        self._rows.clear()
        self._touch.clear()
        self._cells.clear()
        self.endResetModel()

    def set_search(self, text: str, *, read: bool = True) -> bool:
        """Search for `text`; False when it was already the search. With read=False
        the caller reads the list (see ids_work)."""
        if text == self._search:
            return False
        self._search = text
        if read:
            self.reload()
        return True

    def search_text(self) -> str:
        return self._search

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (people.COLUMNS[column], order == Qt.SortOrder.DescendingOrder) \
            if 0 <= column < len(people.COLUMNS) else self._sort
        if wanted != self._sort:
            self._sort = wanted
            if not self._search.strip():
                self.reload()

    def set_store(self, store: Store, *, read: bool = True) -> None:
        self._store = store
        if read:
            self.reload()

    # -- one record changed ----------------------------------------------------

    def contact_changed(self, uid: str) -> None:
        """Update, insert or remove the one row for `uid`."""
        contact_id = people.id_of(self._store, uid)
        if contact_id is None:
            self._remove_uid(uid)
            return
        self._rows.pop(contact_id, None)
        self._cells.pop(contact_id, None)
        try:
            row = self._ids.index(contact_id)
        except ValueError:
            self._insert(contact_id)
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def related_changed(self) -> None:
        """A company was renamed or similar: shown text may change, the list does not."""
        self._rows.clear()
        self._touch.clear()
        self._cells.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(HEADERS) - 1))

    def _insert(self, contact_id: int) -> None:
        if self._search.strip() or self._sort != ("name", False):
            self.reload()  # where it belongs depends on the search or a costly order
            return
        row = people.name_position(self._store, contact_id)
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, contact_id)
        self.endInsertRows()

    def _remove_uid(self, uid: str) -> None:
        gone = [cid for cid, r in self._rows.items() if r.uid == uid]
        if not gone or gone[0] not in self._ids:
            self.reload()
            return
        row = self._ids.index(gone[0])
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._rows.pop(gone[0], None)
        self._cells.pop(gone[0], None)
        self.endRemoveRows()

    # -- lookups ----------------------------------------------------------------

    def uid_at(self, row: int) -> str | None:
        person = self._person(row)
        return person.uid if person else None

    def row_of(self, uid: str) -> int | None:
        contact_id = people.id_of(self._store, uid)
        try:
            return self._ids.index(contact_id) if contact_id is not None else None
        except ValueError:
            return None

    def _person(self, row: int) -> PersonRow | None:
        if not 0 <= row < len(self._ids):
            return None
        contact_id = self._ids[row]
        person = self._rows.get(contact_id)
        if person is None:
            if len(self._rows) > MAX_CACHED:
                self._rows.clear()
                self._cells.clear()
            start = row - row % PAGE
            page = people.rows_by_id(self._store, self._ids[start:start + PAGE])
            self._rows.update(page)
            # Last contact and next touch for the same page, in a few queries.
            self._touch.update(cadence_status(self._store, [p.uid for p in page.values()],
                                              self._today()))
            person = self._rows.get(contact_id)
        return person

    def _touch_cell(self, person: PersonRow, column: int, role: int) -> Any:
        status = self._touch.get(person.uid)
        if status is None:
            return None
        if column == LAST_CONTACT:
            return status.last_touch.isoformat() if status.last_touch else None
        if role == Qt.ItemDataRole.ForegroundRole:
            meaning = _STATE_COLOURS.get(status.state)
            return status_colour(meaning) if meaning else None
        word = _STATE_WORDS.get(status.state)
        if status.state == CadenceState.PAUSED:
            return "paused"
        if status.next_due is None:
            return None
        text = status.next_due.isoformat()
        return f"{text} ({word})" if word else text

    # -- Qt's side ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            cells = self._cells_at(index.row())
            return cells[0][index.column()] if cells else None
        if role == _FOREGROUND:
            cells = self._cells_at(index.row()) if index.column() == NEXT_TOUCH else None
            return cells[1] if cells else None
        if role == UID_ROLE:
            return self.uid_at(index.row())
        if role == _TOOLTIP:
            if index.column() in (LAST_CONTACT, NEXT_TOUCH):
                cells = self._cells_at(index.row())
                return cells[0][index.column()] if cells else None
            person = self._person(index.row())
            return plain_tooltip(self._values(person)[index.column()]) if person else None
        return None

    def _cells_at(self, row: int) -> tuple[tuple[Any, ...], Any] | None:
        """A row's shown text per column, and the next touch's colour."""
        if not 0 <= row < len(self._ids):
            return None
        cells = self._cells.get(self._ids[row])
        if cells is None:
            person = self._person(row)
            if person is None:
                return None
            shown = tuple(v[:120] + "…" if v and len(v) > 120 else v for v in self._values(person))
            cells = ((*shown, self._touch_cell(person, LAST_CONTACT, _DISPLAY),
                      self._touch_cell(person, NEXT_TOUCH, _DISPLAY)),
                     self._touch_cell(person, NEXT_TOUCH, _FOREGROUND))
            self._cells[person.id] = cells
        return cells

    @staticmethod
    def _values(person: PersonRow) -> tuple[Any, ...]:
        return (person.name, person.company, person.title, role_label(person.role),
                person.email, person.phone)
