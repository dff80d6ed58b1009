"""All thank-you notes by due date and status; move a note along from the keyboard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from afterword.context import AppContext
from afterword.core.domain import NoteStatus, ThankYouNote
from afterword.core.errors import AfterwordError
from afterword.core.notes import NoteCounts, NoteRow, move_note, next_status, note_counts
from afterword.core.queries import notes_matching
from afterword.ui.colours import DUE, MUTED, OVERDUE, status_colour
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.labels import role_label
from afterword.ui.models.rows import Column, RowsModel, SourceSortProxy, shown
from afterword.ui.page import Page, Selection
from afterword.ui.page_loader import PageLoader
from afterword.ui.views.tables import compact_rows
from afterword.ui.widgets import message_line, named, show_message

COLUMNS = [
    Column("Due", lambda r: r.due),
    Column("Status", lambda r: r.status),
    Column("To", lambda r: r.recipient),
    Column("Role", lambda r: role_label(r.role)),
    Column("Company", lambda r: r.company),
    Column("For", lambda r: f"{r.opportunity}, round {r.round}" if r.opportunity else ""),
    Column("Medium", lambda r: r.medium),
    Column("Sent on", lambda r: r.sent_on),
    Column("Points to mention", lambda r: (r.points or "").replace("\n", " · ")),
]

# Alt+letters clear of the menu bar's (F, E, T, V, H) and of Show and Next Step.
MOVE_LABELS = {NoteStatus.DRAFTED: "&Drafted", NoteStatus.WRITTEN: "&Written", NoteStatus.SENT: "Se&nt",
               NoteStatus.DELIVERED: "De&livered"}

# What the filter box offers: a label and the statuses it shows.
FILTERS = [
    ("Open notes", {s for s in NoteStatus if not s.is_done}),
    ("All notes", set(NoteStatus)),
    *[(s.value.replace("_", " ").capitalize(), {s}) for s in NoteStatus],
]


class NoteFilter(SourceSortProxy):
    """The notes shown: those with one of `statuses`, filtered in SQL when the
    rows are read (the open ones first; all 140k only when asked for)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.statuses: set[NoteStatus] = FILTERS[0][1]


class NotesView(Page):
    """The notes list. Ctrl+→ moves the selected notes one step on; the buttons
    move them to a chosen status. The search box narrows it."""

    def __init__(self, context: AppContext, hub: Hub, parent=None, *, changes: Changes | None = None):
        super().__init__(parent)
        self.context, self.hub, self.changes = context, hub, changes
        self._search = ""
        # The day the list was read on: its overdue marks and the counts above it agree,
        # and a cell is drawn without asking the clock.
        self._on = context.today()
        named(self, "Thank-you notes")
        self.model = RowsModel([COLUMNS[0], Column("Status", self._status), *COLUMNS[2:]], self,
                               colour=self._colour)
        self.proxy = NoteFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(), "Notes list")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        compact_rows(self.table)  # one line a note: the points are in the tooltip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.filter = named(QComboBox(), "Show notes")
        for label, _ in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(lambda i: self.set_statuses(FILTERS[i][1]))
        self.summary = QLabel()
        named(self.summary, "Notes summary")
        self.error = message_line(name="notes problem")

        bar = QHBoxLayout()
        bar.addWidget(QLabel("&Show:", buddy=self.filter))
        bar.addWidget(self.filter)
        bar.addWidget(self.summary, 1)
        # The move buttons get their own row, so the page fits a narrow window.
        moves = QHBoxLayout()
        self.advance_action = QAction("&Next Step", self, shortcut=QKeySequence("Ctrl+Right"))
        self.advance_action.setStatusTip("Move the note on: to write → drafted → written → sent")
        self.advance_action.triggered.connect(self.advance_selected)
        self.addAction(self.advance_action)
        self.step_button = named(QPushButton("Ne&xt Step (Ctrl+→)"), "Move to the next step")
        self.step_button.clicked.connect(self.advance_selected)
        moves.addWidget(self.step_button)
        self.move_buttons: dict[NoteStatus, QPushButton] = {}
        for status in (NoteStatus.DRAFTED, NoteStatus.WRITTEN, NoteStatus.SENT, NoteStatus.DELIVERED):
            words = MOVE_LABELS[status]
            button = named(QPushButton(words), f"Mark {status.value}")
            button.clicked.connect(lambda _=False, s=status: self.move_selected(s))
            self.move_buttons[status] = button
            moves.addWidget(button)
        moves.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(moves)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.offer_context_menu(self.table)
        # Rows show the recipient, company and role, so those changes count too.
        self.read_through(PageLoader(
            self, context, hub, ("thank_you_notes", "contacts", "interviews", "opportunities", "companies"),
            work=self._work, show=self._show, status=self.summary, size_of=(ThankYouNote,)))
        self.loader.request()

    # -- page contract (ui/page.py) ----------------------------------------------------

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self.reload()

    def selection(self) -> Selection:
        rows = self.selected()
        if len(rows) != 1:
            return Selection()
        note = self.context.store.get(ThankYouNote, rows[0].uid)
        return Selection(contact_uid=rows[0].contact_uid, note_uid=rows[0].uid,
                         round_uid=note.interview_uid if note else None)

    def select(self, kind: str, uid: str) -> bool:
        if kind != "thank_you_notes":
            return False
        if not any(r.uid == uid for r in self.model.rows) and self.filter.currentIndex() != 1:
            self.filter.setCurrentIndex(1)  # "All notes": a done note is listed too
            self.loader.finish()
        self.select_uid(uid)
        return [r.uid for r in self.selected()] == [uid]

    def page_actions(self) -> list[QAction]:
        return [self.advance_action]

    def set_read_only(self, read_only: bool) -> None:
        self.advance_action.setEnabled(not read_only)
        for button in (self.step_button, *self.move_buttons.values()):
            button.setEnabled(not read_only)

    def _status(self, row: NoteRow) -> str:
        return f"{shown(row.status)} · overdue" if row.is_overdue(self._on) else shown(row.status)

    def _colour(self, row: NoteRow) -> QColor | None:
        if row.status.is_done:
            return status_colour(MUTED)
        if row.is_overdue(self._on):
            return status_colour(OVERDUE)
        return status_colour(DUE) if row.is_due(self._on) else None

    def set_statuses(self, statuses: set[NoteStatus]) -> None:
        self.proxy.statuses = set(statuses)
        self.reload()

    def _work(self):
        # What to read is fixed here, on the window thread; the reading may run on the worker.
        statuses, text, today = set(self.proxy.statuses), self._search, self.context.today()
        return lambda store: (notes_matching(store, text, statuses), note_counts(store, today), today)

    def _show(self, result: tuple[list[NoteRow], NoteCounts, date]) -> None:
        rows, counts, self._on = result
        keep = {r.uid for r in self.selected()}
        self.proxy.set_rows(rows)
        matching = f" · {len(rows):,} matching “{self._search.strip()[:40]}”" if self._search.strip() else ""
        self.summary.setText(f"{counts.open} open · {counts.due_today} due today · {counts.overdue} overdue"
                             + matching)
        selection = self.table.selectionModel()
        for row, note in enumerate(self.model.rows):
            if note.uid in keep:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def selected(self) -> list[NoteRow]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.rows[r] for r in sorted(rows)]

    def select_uid(self, uid: str) -> None:
        for row, note in enumerate(self.model.rows):
            if note.uid == uid:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                self.table.scrollTo(index)

    def move_selected(self, status: NoteStatus) -> None:
        self._move([(r.uid, status) for r in self.selected()])

    def advance_selected(self) -> None:
        self._move([(r.uid, nxt) for r in self.selected() if (nxt := next_status(r.status))])

    def _move(self, moves: list[tuple[str, NoteStatus]]) -> None:
        if not moves or not self.advance_action.isEnabled():
            return
        store, today = self.context.store, self.context.today()

        def write() -> list:
            # One user action, however many notes were selected.
            with store.atomic():
                return [(store.get(ThankYouNote, uid), move_note(store, uid, status, today))
                        for uid, status in moves]

        if self.changes is not None:
            targets = {status for _, status in moves}
            words = f"{len(moves)} notes" if len(moves) > 1 else "note"
            text = (f"Move {words} to {moves[0][1].value.replace('_', ' ')}" if len(targets) == 1
                    else f"Move {words} on")
            if self.changes.compute(text, write):
                show_message(self.error, None)
                self.hub.notify("thank_you_notes")
            return
        try:
            write()
        except AfterwordError as exc:
            show_message(self.error, f"Not saved: {exc}")
            return
        show_message(self.error, None)
        self.hub.notify("thank_you_notes")
