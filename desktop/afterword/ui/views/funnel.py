"""The funnel: per target, how many processes reached each round and where they
stopped (a painted bar chart and a table), and the concerns that keep recurring."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.domain import Interview, Opportunity
from afterword.core.funnel import ConcernGroup, Process, TargetFunnel, concern_groups, funnel
from afterword.core.store import Store
from afterword.ui.colours import OVERDUE, status_colour
from afterword.ui.hub import Hub
from afterword.ui.models.rows import Column, RowsModel, SourceSortProxy
from afterword.ui.page import Page, Selection
from afterword.ui.page_loader import PageLoader
from afterword.ui.views.tables import compact_rows
from afterword.ui.widgets import named

REACHED = QColor("#3b7dd8")
STOPPED = QColor("#d9534f")
OPEN = QColor("#7fb3ef")
ROW_H, HEAD_H, LABEL_W, GAP = 22, 30, 84, 12


def round_label(number: int) -> str:
    return "All roles" if number == 0 else f"Round {number}"


class FunnelChart(QWidget):
    """Horizontal bars: one group per target, one bar per round. The bar is the
    number of processes that reached the round; its red end, how many stopped there."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.funnels: list[TargetFunnel] = []
        named(self, "Funnel chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_funnels(self, funnels: list[TargetFunnel]) -> None:
        self.funnels = funnels
        self.setAccessibleDescription("; ".join(
            f"{f.target}: " + ", ".join(f"{round_label(r)} {n}" + (f" ({s} stopped)" if s else "")
                                        for r, n, s in f.counts())
            for f in funnels))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = sum(len(f.counts()) for f in self.funnels)
        return QSize(520, max(60, len(self.funnels) * (HEAD_H + GAP) + rows * ROW_H + 8))

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        if not self.funnels:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No roles yet: add one to see the funnel.")
            return
        widest = max(f.reached(0) for f in self.funnels) or 1
        bar_w = max(80, self.width() - LABEL_W - 190)
        bold = QFont(self.font())
        bold.setBold(True)
        y = 4
        for f in self.funnels:
            p.setFont(bold)
            p.setPen(text)
            p.drawText(QRectF(0, y, self.width(), HEAD_H - 6), Qt.AlignmentFlag.AlignBottom,
                       f"{f.target} — {f.reached(0)} process{'es' if f.reached(0) != 1 else ''}")
            p.setFont(self.font())
            y += HEAD_H
            for number, reached, stopped in f.counts():
                p.setPen(text)
                p.drawText(QRectF(8, y, LABEL_W - 12, ROW_H), Qt.AlignmentFlag.AlignVCenter,
                           round_label(number))
                full = bar_w * reached / widest
                stop = bar_w * stopped / widest
                open_here = bar_w * f.open_at(number) / widest
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(REACHED)
                p.drawRoundedRect(QRectF(LABEL_W, y + 3, max(full, 2), ROW_H - 6), 3, 3)
                if open_here:
                    p.setBrush(OPEN)
                    p.drawRect(QRectF(LABEL_W + full - stop - open_here, y + 3, open_here, ROW_H - 6))
                if stop:
                    p.setBrush(STOPPED)
                    p.drawRect(QRectF(LABEL_W + full - stop, y + 3, stop, ROW_H - 6))
                p.setPen(text)
                words = f"{reached} reached"
                if stopped:
                    words += f" · {stopped} stopped here"
                if f.open_at(number):
                    words += f" · {f.open_at(number)} in progress"
                p.drawText(QRectF(LABEL_W + full + 8, y, self.width(), ROW_H),
                           Qt.AlignmentFlag.AlignVCenter, words)
                y += ROW_H
            y += GAP
        p.end()


def _table(model, name: str, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> QTableView:
    proxy = SourceSortProxy(model)
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)  # the search looks in every column
    view = named(QTableView(), name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, order)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    compact_rows(view)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _read(store: Store) -> tuple[list[TargetFunnel], list[ConcernGroup]]:
    return funnel(store), concern_groups(store)


class FunnelView(Page):
    """The chart counts every process; the search box narrows the tables below it."""

    def __init__(self, context: AppContext, hub: Hub, parent=None):
        super().__init__(parent)
        self.context, self.hub = context, hub
        named(self, "Funnel")
        self.chart = FunnelChart()
        legend = QLabel(
            f"<span style='color:{REACHED.name()}'>■</span> went further &nbsp; "
            f"<span style='color:{OPEN.name()}'>■</span> still at this stage &nbsp; "
            f"<span style='color:{STOPPED.name()}'>■</span> stopped at this stage (rejected or withdrawn)")
        self.processes = RowsModel([
            Column("Target", lambda p: p.target),
            Column("Company", lambda p: p.company),
            Column("Role", lambda p: p.title),
            Column("Furthest round", lambda p: p.furthest_round),
            Column("Where it is", Process.where),
        ], self, colour=lambda p: status_colour(OVERDUE) if p.stopped else None)
        self.concerns = RowsModel([
            Column("Times raised", lambda g: g.times),
            Column("Concern", lambda g: g.text),
            Column("At", lambda g: ", ".join(sorted(g.companies))),
            Column("Also worded", lambda g: " / ".join(g.wordings[1:])),
        ], self, colour=lambda g: status_colour(OVERDUE) if g.recurring else None)
        self.concerns_label = QLabel()
        named(self.concerns_label, "Recurring concerns summary")

        # Chart, processes and concerns share the height: each can be made smaller
        # (the chart scrolls), so a short window shows all three.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_scroll = QScrollArea()
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        chart_scroll.setWidget(self.chart)
        chart_scroll.setMinimumHeight(80)
        chart_layout.addWidget(chart_scroll, 1)
        chart_layout.addWidget(legend)
        self.splitter.addWidget(chart_box)
        self.processes_table = _table(self.processes, "Processes by target")
        self.splitter.addWidget(self.processes_table)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.concerns_label)
        self.concerns_table = _table(self.concerns, "Concerns raised across interviews",
                                     Qt.SortOrder.DescendingOrder)
        box_layout.addWidget(self.concerns_table)
        self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([320, 200, 170])
        layout = QVBoxLayout(self)
        title = QLabel("<b>Where do processes stall?</b> Per target, how many reached each round.")
        layout.addWidget(title)
        layout.addWidget(self.splitter, 1)
        self.processes_table.selectionModel().currentRowChanged.connect(
            lambda *_: self.selection_changed.emit())
        self.offer_context_menu(self.processes_table)
        self._groups: list[ConcernGroup] = []
        self.read_through(PageLoader(
            self, context, hub, ("opportunities", "interviews", "companies"),
            work=lambda: _read, show=self._show, status=self.concerns_label,
            size_of=(Opportunity, Interview)))
        self.loader.request()

    # -- page contract (ui/page.py) ----------------------------------------------------

    def set_search(self, text: str) -> None:
        for table in (self.processes_table, self.concerns_table):
            table.model().setFilterFixedString(text.strip())
        self._summarise()

    def selection(self) -> Selection:
        index = self.processes_table.currentIndex()
        if not index.isValid():
            return Selection()
        process = self.processes.record_at(self.processes_table.model().mapToSource(index).row())
        return Selection(role_uid=process.opportunity_uid) if process is not None else Selection()

    def _show(self, result: tuple[list[TargetFunnel], list[ConcernGroup]]) -> None:
        funnels, groups = result
        self.chart.set_funnels(funnels)
        self.processes_table.model().set_rows([p for f in funnels for p in f.processes])
        self.concerns_table.model().set_rows(groups)
        self._groups = groups
        self._summarise()

    def _summarise(self) -> None:
        groups = self._groups
        recurring = [g for g in groups if g.recurring]
        self.concerns_label.setText(
            f"<b>Concerns that recur:</b> {len(recurring)} of {len(groups)} raised more than once"
            if recurring else
            f"<b>Concerns raised:</b> {len(groups)}, none more than once yet")
        shown, listed = self.processes_table.model().rowCount(), self.processes.rowCount()
        if shown != listed:
            self.concerns_label.setText(
                f"{self.concerns_label.text()} · showing {shown} of {listed} processes, "
                f"{self.concerns_table.model().rowCount()} of {len(groups)} concerns")
