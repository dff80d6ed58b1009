"""Interviews: every round, latest first, with its company, role and people."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout

from afterword.context import AppContext
from afterword.core.domain import Interview
from afterword.core.rounds import RoundRow, round_rows
from afterword.ui import settings as keys
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.labels import word_label
from afterword.ui.models.rows import Column, RowsModel, SourceSortProxy
from afterword.ui.page import Page, Selection
from afterword.ui.page_loader import PageLoader
from afterword.ui.views import round_actions
from afterword.ui.views.tables import compact_rows

_COLUMNS = [
    Column("Date", lambda r: r.local_day), Column("Company", lambda r: r.company),
    Column("Role", lambda r: r.role_title), Column("Round", lambda r: r.round),
    Column("Format", lambda r: word_label(r.format)), Column("People", lambda r: r.people),
    Column("Hear back by", lambda r: r.hear_back_by), Column("Tone", lambda r: r.tone),
]
# A long list of people or role title is cut (the tooltip has it whole).
MAX_COLUMN_WIDTH = 190
# What a round's line shows comes from these records.
_KINDS = ("interviews", "opportunities", "companies", "contacts")


class InterviewsView(Page):
    title = "Interviews"

    def __init__(self, context: AppContext, hub: Hub, parent=None, *, changes: Changes | None = None):
        super().__init__(parent)
        self.context, self.hub, self.changes = context, hub, changes
        self.model = RowsModel(_COLUMNS, self)
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setObjectName("interviewsTable")
        self.table.setAccessibleName("Interview rounds")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        compact_rows(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        # Enter or a double click opens the round; Delete (Edit ▸ Delete) removes it.
        self.table.activated.connect(lambda _index: self.open_action.isEnabled() and self.edit_current())
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of rounds listed")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.selection_changed.emit())
        self.offer_context_menu(self.table)
        self.open_action = QAction("&Open Round…", self)
        self.open_action.setToolTip("Edit the round's date, people, questions and concerns (Enter)")
        self.open_action.setStatusTip("Edit the round's date, people, questions and concerns")
        self.open_action.triggered.connect(self.edit_current)
        self.read_through(PageLoader(self, context, hub, _KINDS, work=lambda: round_rows,
                                     show=self._show, size_of=(Interview,), status=self.count_label))
        self.loader.request()

    def _show(self, rows: list[RoundRow]) -> None:
        self.proxy.set_rows(rows)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):  # every column stays in view at 1024 wide
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))
        self._count()
        self.selection_changed.emit()

    def _count(self) -> None:
        n = self.proxy.rowCount()
        self.count_label.setText(f"{n} round{'s' if n != 1 else ''}")

    def current_round(self) -> RoundRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record_at(self.proxy.mapToSource(index).row())

    def edit_current(self) -> None:
        round_actions.edit_round(self.context, self.hub, self.changes, self.current_round(), self)

    def delete_current(self) -> None:
        round_actions.delete_round(self.context, self.changes, self.current_round(), self)

    # -- page contract (ui/page.py) ----------------------------------------------------

    def set_search(self, text: str) -> None:
        # Few rows: the proxy filters them in memory, across every column.
        self.proxy.setFilterFixedString(text.strip())
        self._count()

    def selection(self) -> Selection:
        row = self.current_round()
        if row is None:
            return Selection()
        return Selection(round_uid=row.uid, role_uid=row.opportunity_uid, deletable=True)

    def select(self, kind: str, uid: str) -> bool:
        if kind != "interviews":
            return False
        row = next((i for i, r in enumerate(self.model.rows) if r.uid == uid), None)
        if row is None:
            return False
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        return self.current_round() is not None

    def page_actions(self) -> list[QAction]:
        return [self.open_action]

    def set_read_only(self, read_only: bool) -> None:
        self.open_action.setEnabled(not read_only)

    def save_state(self, settings: QSettings) -> None:
        keys.INTERVIEWS_HEADER.write(settings, self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = keys.INTERVIEWS_HEADER.read(settings)
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
