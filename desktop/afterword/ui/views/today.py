"""Today: everything due or overdue, grouped; tick an item off with a click or Space."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeView, QVBoxLayout, QWidget

from afterword.context import AppContext
from afterword.core.completion import complete
from afterword.core.domain import CallStatus, FeedbackCall
from afterword.core.rules import Reminder, ReminderKind, Reminders, due_reminders
from afterword.ui import settings as keys
from afterword.ui.background import BackgroundJobs
from afterword.ui.commands import Changes
from afterword.ui.dialogs.schedule import ScheduleCallDialog
from afterword.ui.hub import Hub
from afterword.ui.models.today import TodayModel

_DONE_WORDS = {
    ReminderKind.THANK_YOU_NOTE: "Mark note sent",
    ReminderKind.FOLLOW_UP: "Mark followed up",
    ReminderKind.FEEDBACK_CALL: "Move feedback call on",
    ReminderKind.TOUCH: "Log touch",
}


# Records (notes, cadences, rounds) above which reminders are computed on a worker
# thread; below, computing them takes a few milliseconds.
BACKGROUND_ABOVE = 5_000


class TodayTree(QTreeView):
    """Space ticks the current item, wherever the focus is in its row."""

    def __init__(self, tick: Callable[[], None], parent=None):
        super().__init__(parent)
        self._tick = tick

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self._tick()
            return
        super().keyPressEvent(event)


class TodayView(QWidget):
    title = "Today"

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
        self.hint = QLabel("Tick a box (or press Space) when it is done; Ctrl+Z undoes it.")
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
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addWidget(self.tree)
        self._stale = True
        self._on: date | None = None
        self.background_above = BACKGROUND_ABOVE
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._arrived)
        self._jobs.failed.connect(self._failed)
        hub.changed.connect(self._changed)
        self.refresh()

    # -- page protocol ------------------------------------------------------------

    def set_search(self, text: str) -> None:  # Today is not searched
        pass

    def save_state(self, settings: QSettings) -> None:
        keys.TODAY_HEADER.write(settings, self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = keys.TODAY_HEADER.read(settings)
        if state is not None:
            self.tree.header().restoreState(state)

    # -- showing ------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while reminders are being computed on the worker thread."""
        return self._jobs.busy

    def _in_background(self) -> bool:
        # A small database is computed at once (no flicker); a large one on a
        # worker thread, so the window never waits seconds for it.
        path = self.context.store.path
        if path is None:
            return False
        if self.background_above <= 0:
            return True
        count = self.context.store.db.execute(
            "SELECT (SELECT count(*) FROM thank_you_notes) + (SELECT count(*) FROM cadences)"
            " + (SELECT count(*) FROM interviews)").fetchone()[0]
        return count > self.background_above

    def refresh(self) -> None:
        """Recompute what is due: at once for a small database, else in the background
        (the list stays usable and the heading says it is updating)."""
        if not self._in_background():
            self.refresh_now()
            return
        today = self.context.today()
        horizon = today + timedelta(days=self._lookahead())
        self._stale = False
        self.heading.setText(f"{self._heading_text()}  ·  Updating…")
        self._jobs.submit(self.context.store.path,
                          lambda store: (today, due_reminders(store, horizon)))

    def finish_loading(self) -> None:
        """Wait for a running computation (on closing the window)."""
        self._jobs.wait()

    def refresh_now(self) -> None:
        """Recompute what is due in this thread (tests, small databases)."""
        today = self.context.today()
        horizon = today + timedelta(days=self._lookahead())
        self._show(today, due_reminders(self.context.store, horizon))

    def _arrived(self, result: tuple[date, Reminders]) -> None:
        if self._jobs.busy:
            return  # a newer computation is on its way; show that one
        self._show(*result)

    def _failed(self, reason: str) -> None:
        self.problems.setText(f"Could not update the list: {reason}")
        self.problems.setVisible(True)
        self.heading.setText(self._heading_text())

    def _heading_text(self) -> str:
        if self._on is None:
            return "Today"
        n, late = self.model.reminder_count(), self.model.overdue_count()
        day = self._on.strftime("%A %d %B %Y")
        if n == 0:
            return f"{day}: nothing due. Well done."
        overdue = f", {late} overdue" if late else ""
        return f"{day}: {n} to do{overdue}"

    def _show(self, today: date, result: Reminders) -> None:
        self._on = today
        current = self.model.reminder(self.tree.currentIndex())
        self.model.set_reminders(result.items, today)
        self.tree.expandAll()
        for column, width in ((0, 520), (1, 190)):
            self.tree.setColumnWidth(column, width)
        self.heading.setText(self._heading_text())
        self.problems.setText("\n".join(f"Could not read: {p}" for p in result.problems))
        self.problems.setVisible(bool(result.problems))
        self._select_after_refresh(current)
        self._stale = False

    def _select_after_refresh(self, previous: Reminder | None) -> None:
        index = self.model.index_of(previous.uid) if previous else None
        if index is None or not index.isValid():
            first_group = self.model.index(0, 0)
            index = self.model.index(0, 0, first_group) if first_group.isValid() else first_group
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _changed(self, _kind: str) -> None:
        # Recompute at once when on screen, else when next shown.
        self._stale = True
        if self.isVisible():
            self.refresh()

    # -- ticking -------------------------------------------------------------------

    def current_reminder(self) -> Reminder | None:
        return self.model.reminder(self.tree.currentIndex())

    def tick_current(self) -> None:
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
