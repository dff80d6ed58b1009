"""Today: everything due or overdue, grouped; tick an item off with a click or Space."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTreeView, QVBoxLayout, QWidget

from afterword.context import AppContext
from afterword.core.completion import complete
from afterword.core.domain import CallStatus, FeedbackCall
from afterword.core.rules import Reminder, ReminderKind, due_reminders
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
        hub.changed.connect(self._changed)
        self.refresh()

    # -- page protocol ------------------------------------------------------------

    def set_search(self, text: str) -> None:  # Today is not searched
        pass

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("today/header", self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("today/header")
        if state is not None:
            self.tree.header().restoreState(state)

    # -- showing ------------------------------------------------------------------

    def refresh(self) -> None:
        today = self.context.today()
        horizon = today + timedelta(days=self._lookahead())
        result = due_reminders(self.context.store, horizon)
        current = self.model.reminder(self.tree.currentIndex())
        self.model.set_reminders(result.items, today)
        self.tree.expandAll()
        for column, width in ((0, 520), (1, 190)):
            self.tree.setColumnWidth(column, width)
        n, late = self.model.reminder_count(), self.model.overdue_count()
        day = today.strftime("%A %d %B %Y")
        if n == 0:
            self.heading.setText(f"{day}: nothing due. Well done.")
        else:
            overdue = f", {late} overdue" if late else ""
            self.heading.setText(f"{day}: {n} to do{overdue}")
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
        self.changes.compute(
            f"{_DONE_WORDS[reminder.kind]}: {reminder.title[:50]}",
            lambda: complete(store, reminder, now, scheduled_at=scheduled),
        )
        self.refresh()
