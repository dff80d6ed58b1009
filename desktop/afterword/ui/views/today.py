"""Today: everything due or overdue, grouped; tick an item off with a click or Space."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout

from afterword.context import AppContext
from afterword.core import queries
from afterword.core.completion import complete
from afterword.core.domain import Cadence, CallStatus, FeedbackCall, Interview, ThankYouNote
from afterword.core.rounds import RoundRow
from afterword.core.rules import Reminder, ReminderKind, Reminders, due_reminders
from afterword.ui import settings as keys
from afterword.ui.colours import is_dark
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.models.today import TodayModel
from afterword.ui.page import Page, Selection
from afterword.ui.page_loader import PageLoader
from afterword.ui.views.first_steps import FirstSteps
from afterword.ui.views.tables import VisibleChecks

_DONE_WORDS = {
    ReminderKind.THANK_YOU_NOTE: "Mark note sent",
    ReminderKind.FOLLOW_UP: "Mark followed up",
    ReminderKind.FEEDBACK_CALL: "Move feedback call on",
    ReminderKind.TOUCH: "Log touch",
}


TICK_HINT = "Tick a box (or press Space) when it is done; Ctrl+Z undoes it."


class TodayTree(QTreeView):
    """Space ticks the current item, wherever the focus is in its row.

    The width a column's text needs is measured once per change of the list, not on
    every layout: the window lays itself out several times before its first paint,
    and measuring asks every role of hundreds of rows each time."""

    def __init__(self, tick: Callable[[], None], parent=None):
        super().__init__(parent)
        self._tick = tick
        self._widths: dict[int, int] = {}
        self.expanded.connect(self._forget_widths)
        self.collapsed.connect(self._forget_widths)

    def setModel(self, model) -> None:
        super().setModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.layoutChanged):
            signal.connect(self._forget_widths)
        self._forget_widths()

    def setItemDelegate(self, delegate) -> None:
        super().setItemDelegate(delegate)
        self._forget_widths()

    def sizeHintForColumn(self, column: int) -> int:
        if column not in self._widths:
            self._widths[column] = super().sizeHintForColumn(column)
        return self._widths[column]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._forget_widths()
        super().changeEvent(event)

    def _forget_widths(self, *_args) -> None:
        self._widths.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self._tick()
            return
        super().keyPressEvent(event)


class TodayView(Page):
    """What is due. Enter (or a double click) opens what works on the item:
    `reminder_opened` asks the window for it."""

    title = "Today"
    searchable = False  # a search from Today looks for people
    reminder_opened = Signal(object)  # a Reminder
    computed = Signal(object, object)  # the day, and Reminders due by it and the look-ahead
    brief_requested = Signal()  # Enter on a round coming up: print its prep brief

    def __init__(self, context: AppContext, hub: Hub, changes: Changes,
                 lookahead: Callable[[], int], parent=None):
        super().__init__(parent)
        self.context, self.changes, self._lookahead = context, changes, lookahead
        self.heading = QLabel()
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName("Today summary")
        self.hint = QLabel(TICK_HINT)
        self.hint.setAccessibleName("How to tick items off")
        self.problems = QLabel()
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # names a record that could not be read
        self.problems.setAccessibleName("Problems reading reminders")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.model = TodayModel(self)
        self.model.tick_requested.connect(self.tick)
        self.tree = TodayTree(self.tick_current)
        self.tree.setObjectName("todayTree")
        self.tree.setAccessibleName("Due today")
        self.tree.setModel(self.model)
        self._plain_delegate = self.tree.itemDelegate()
        self._follow_palette()
        self.tree.installEventFilter(self)  # the palette may turn dark (or light) later
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        header.resizeSection(0, 420)
        # The due date is never cut short: its column takes the room its text needs.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.open_action = QAction("&Open", self)
        self.open_action.setToolTip("Open what works on this item (Enter)")
        self.open_action.setStatusTip("Open what works on this item")
        self.open_action.triggered.connect(self._open)
        self.tick_action = QAction("&Mark Done", self)  # D is Delete's
        self.tick_action.setToolTip("Tick the item off (Space)")
        self.tick_action.setStatusTip("Tick the item off: a note sent, a touch logged, a call moved on")
        self.tick_action.triggered.connect(self.tick_current)
        self.first_steps = FirstSteps()  # an empty database: ways to start
        self.first_steps.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addWidget(self.tree)
        layout.addWidget(self.first_steps, 1)
        self._on: date | None = None
        self.last_computed: tuple[date, Reminders] | None = None  # what `computed` said last
        self._empty = False
        self.read_through(PageLoader(
            self, context, hub, None, work=self._work, show=self._show, status=self.heading,
            size_of=(ThankYouNote, Cadence, Interview)))
        self.loader.loaded.connect(self.selection_changed)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.selection_changed.emit())
        self.tree.activated.connect(self._open)
        self.offer_context_menu(self.tree)
        self.loader.request()

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()
        return super().eventFilter(watched, event)

    def _follow_palette(self) -> None:
        """Tick boxes drawn with a visible outline on a dark palette (Qt's own
        delegate, quicker, on a light one)."""
        dark = is_dark(self.tree.palette())
        if dark and not isinstance(self.tree.itemDelegate(), VisibleChecks):
            self.tree.setItemDelegate(VisibleChecks(self.tree))
        elif not dark and self.tree.itemDelegate() is not self._plain_delegate:
            self.tree.setItemDelegate(self._plain_delegate)

    # -- page contract ------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        keys.TODAY_HEADER.write(settings, self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = keys.TODAY_HEADER.read(settings)
        if state is not None:
            self.tree.header().restoreState(state)

    def selection(self) -> Selection:
        coming = self.model.coming_round(self.tree.currentIndex())
        if coming is not None:
            return Selection(role_uid=coming.opportunity_uid, round_uid=coming.uid)
        reminder = self.current_reminder()
        if reminder is None:
            return Selection()
        source = {ReminderKind.THANK_YOU_NOTE: "note_uid", ReminderKind.FOLLOW_UP: "round_uid",
                  ReminderKind.FEEDBACK_CALL: "call_uid"}.get(reminder.kind)
        return Selection(contact_uid=reminder.contact_uid, reminder=reminder,
                         **({source: reminder.source_uid} if source else {}))

    def page_actions(self) -> list[QAction]:
        return [self.open_action, self.tick_action]

    def set_read_only(self, read_only: bool) -> None:
        self.model.set_checkable(not read_only)
        self.tick_action.setEnabled(not read_only)
        for step in ("contacts", "json", "role"):  # the sample data is a file of its own
            self.first_steps.set_step_enabled(step, not read_only)
        self.hint.setText("This file is read-only: items can be opened and read, not ticked off."
                          if read_only else TICK_HINT)

    # -- showing ------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute what is due: at once for a small database, else in the background
        (the list stays usable and the heading says it is updating)."""
        self.loader.reload()

    def _work(self):
        # On the window thread: the day and the look-ahead (a setting) are read here.
        now = self.context.clock()
        today = now.date()
        horizon = today + timedelta(days=self._lookahead())
        return lambda store: (today, due_reminders(store, horizon), queries.is_empty(store),
                              queries.rounds_coming_up(store, now))

    def _heading_text(self) -> str:
        if self._on is None:
            return "Today"
        if self._empty:
            return "Welcome to Afterword"
        n, late = self.model.reminder_count(), self.model.overdue_count()
        day = self._on.strftime("%A %d %B %Y")
        overdue = f", {late} overdue" if late else ""
        coming = len(self.model.coming_rounds())
        rounds = f" · {coming} round{'s' if coming != 1 else ''} coming up" if coming else ""
        if n == 0:
            return f"{day}: nothing due{rounds or '. Well done.'}"
        return f"{day}: {n} to do{overdue}{rounds}"

    def _show(self, result: tuple[date, Reminders, bool, list[RoundRow]]) -> None:
        today, reminders, empty, coming = result
        self._on, self._empty = today, empty
        self.first_steps.setVisible(empty)
        self.tree.setVisible(not empty)
        self.hint.setVisible(not empty)
        current = self.model.reminder(self.tree.currentIndex())
        self.model.set_reminders(reminders.items, today, coming)
        self.tree.expandAll()
        self.heading.setText(self._heading_text())
        self.problems.setText("\n".join(f"Could not read: {p}" for p in reminders.problems))
        self.problems.setVisible(bool(reminders.problems))
        self._select_after_refresh(current)
        self.last_computed = (today, reminders)
        self.computed.emit(today, reminders)

    def _select_after_refresh(self, previous: Reminder | None) -> None:
        index = self.model.index_of(previous.uid) if previous else None
        if index is None or not index.isValid():
            first_group = self.model.index(0, 0)
            index = self.model.index(0, 0, first_group) if first_group.isValid() else first_group
        if index.isValid():
            self.tree.setCurrentIndex(index)

    # -- ticking -------------------------------------------------------------------

    def _open(self, _index=None) -> None:
        if self.model.coming_round(self.tree.currentIndex()) is not None:
            self.brief_requested.emit()
            return
        reminder = self.current_reminder()
        if reminder is not None:
            self.reminder_opened.emit(reminder)

    def current_reminder(self) -> Reminder | None:
        return self.model.reminder(self.tree.currentIndex())

    def tick_current(self) -> None:
        if not self.tick_action.isEnabled():
            return  # a read-only file
        reminder = self.model.reminder(self.tree.currentIndex())
        if reminder is not None:
            self.tick(reminder)

    def tick(self, reminder: Reminder) -> None:
        now = self.context.clock()
        store = self.context.store
        scheduled = None
        if reminder.kind is ReminderKind.FEEDBACK_CALL:
            call = store.get(FeedbackCall, reminder.source_uid)
            if call is not None and call.status == CallStatus.REQUESTED:
                from afterword.ui.dialogs.schedule import ScheduleCallDialog  # on first use

                scheduled = ScheduleCallDialog.ask(reminder.contact_name or "them", now, self)
                if scheduled is None:
                    return
        done = self.changes.compute(
            f"{_DONE_WORDS[reminder.kind]}: {reminder.title[:50]}",
            lambda: complete(store, reminder, now, scheduled_at=scheduled),
        )
        # Shown done at once; the recomputation (maybe in the background) then
        # brings in whatever the tick changed, such as a touch's next date.
        if done and self.model.remove(reminder.uid):
            if not self.tree.currentIndex().isValid():
                self._select_after_refresh(None)
            self.heading.setText(self._heading_text())
        self.refresh()
