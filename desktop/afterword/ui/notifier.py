"""Tell the user what is due: once at start, then whenever something becomes due
while the app is open. A tray message where the desktop has a tray, otherwise a
banner the main window places above its content."""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QWidget,
)

from afterword import APP_NAME
from afterword.context import AppContext
from afterword.core.rules import Reminder, Reminders, due_reminders
from afterword.ui.background import BackgroundJobs
from afterword.ui.hub import Hub
from afterword.ui.widgets import HINT_STYLE, named

if TYPE_CHECKING:
    from afterword.ui.views.today import TodayView

CHECK_EVERY_MS = 60_000
SETTLE_MS = 1_500


class NotificationBanner(QWidget):
    """A dismissible line of text; hidden until there is something to say."""

    open_today = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        named(self, "Due reminders banner")
        self.setStyleSheet(HINT_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Plain text in two labels, not one of rich text: names are never read as
        # markup, and no rich-text document is built while the window opens. They
        # share one box (the hint's), as one line of text would.
        self.title = _plain_label()
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.label = _plain_label()
        self.label.setWordWrap(True)
        text = QFrame()
        line = QHBoxLayout(text)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.title)
        line.addWidget(self.label, 1)
        show = named(QPushButton("Show"), "Show what is due")
        show.clicked.connect(self.open_today)
        close = named(QPushButton("Dismiss"), "Dismiss reminder banner")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(text, 1)
        layout.addWidget(show)
        layout.addWidget(close)
        self.hide()

    def show_text(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.label.setText(body)
        self.show()

    def text(self) -> str:
        """What the banner says, title first."""
        return f"{self.title.text()} {self.label.text()}"


def _plain_label() -> QLabel:
    """A label inside the banner's box: its text colour, no box of its own."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("border: none; padding: 0; background: transparent;")
    return label


def summary(items: list[Reminder], on) -> tuple[str, str]:
    """A title and one line of body text for a list of due reminders."""
    overdue = sum(r.is_overdue(on) for r in items)
    title = f"{len(items)} item{'s' if len(items) != 1 else ''} due"
    if overdue:
        title += f" ({overdue} overdue)"
    names = "; ".join(r.title for r in items[:3])
    more = f"; and {len(items) - 3} more" if len(items) > 3 else ""
    return title, names + more


def with_uids(items: list[Reminder]) -> list[Reminder]:
    """The reminders with their uids worked out (each a hash), on the worker thread:
    the window then only compares them (100k hashes would hold it for seconds)."""
    for reminder in items:
        _ = reminder.uid
    return items


class Notifier(QObject):
    """Announces due reminders once each. `tray` None means: decide from the desktop.

    While the Today page is on screen it keeps what is due current, and the notifier
    announces from its result (`take`) instead of computing the same again;
    `shown_today` gives that page while it is on screen (else None)."""

    announced = Signal(str, str)

    def __init__(self, context: AppContext, hub: Hub, parent=None, *, tray: bool | None = None,
                 shown_today: Callable[[], TodayView | None] | None = None):
        super().__init__(parent)
        self.context, self.hub = context, hub
        # Held weakly: a window's method kept here would keep the window alive in a
        # reference cycle, to be destroyed later by whichever thread collects it.
        if shown_today is None:
            self._today_of: Callable[[], Callable[[], TodayView | None] | None] = lambda: None
        elif inspect.ismethod(shown_today):
            self._today_of = weakref.WeakMethod(shown_today)
        else:
            self._today_of = lambda: shown_today
        self.seen: set[str] = set()
        self.banner = NotificationBanner(parent if isinstance(parent, QWidget) else None)
        use_tray = QSystemTrayIcon.isSystemTrayAvailable() if tray is None else tray
        self.tray: QSystemTrayIcon | None = None
        if use_tray:
            icon = QApplication.windowIcon()
            if icon.isNull():
                from PySide6.QtWidgets import QStyle  # its many enums cost a start that has an icon

                icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(APP_NAME)
            self.tray.show()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_soon)
        # Edits come in bursts and computing reminders reads the whole database:
        # look once the burst has settled, not on every keystroke-sized change.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        hub.changed.connect(lambda _kind: self._settle.start())
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._checked)
        self._first = False

    def start(self) -> list[Reminder]:
        """Announce everything due now, then keep watching."""
        self.timer.start()
        return self.check(first=True)

    def start_in_background(self) -> None:
        """Start watching; the first announcement comes when the worker has read
        what is due, so opening a large database does not wait for it — or, when
        the window opens on Today, from what Today reads anyway."""
        self.timer.start()
        self._first = True
        today_page = self._shown_today()
        if today_page is None:
            self.check_soon()
        elif today_page.last_computed is not None:  # read while the window was built
            self.take(*today_page.last_computed)

    def take(self, on: date, reminders: Reminders) -> None:
        """What Today computed (due by `on` and its look-ahead): announce what is due
        by the computer's today that was not announced yet."""
        today = self.context.today()
        first, self._first = self._first, False
        self._announce([r for r in reminders.items if r.due <= today], first)

    def stop(self) -> None:
        """Stop watching and let a running check finish (on closing the window)."""
        self.timer.stop()
        self._settle.stop()
        self._jobs.wait()

    def _checked(self, items: list[Reminder]) -> None:
        first, self._first = self._first, False
        self._announce(items, first)

    def _shown_today(self) -> TodayView | None:
        shown_today = self._today_of()
        return shown_today() if shown_today is not None else None

    def _settled(self) -> None:
        # Today on screen has read again on the change itself.
        if self._shown_today() is None:
            self.check_soon()

    def check_soon(self) -> None:
        """Check on a worker thread: reading every reminder can take seconds. While
        Today is on screen it reads again instead, and its result comes to `take`."""
        today_page = self._shown_today()
        if today_page is not None:
            today_page.reload()
            return
        path, today = self.context.store.path, self.context.today()
        if path is None:
            self.check()
            return
        self._jobs.submit(path, lambda store: with_uids(due_reminders(store, today).items))

    def check(self, first: bool = False) -> list[Reminder]:
        """Announce reminders due today or earlier that were not announced yet."""
        return self._announce(due_reminders(self.context.store, self.context.today()).items,
                              first)

    def _announce(self, items: list[Reminder], first: bool) -> list[Reminder]:
        today = self.context.today()
        new = [r for r in items if r.uid not in self.seen]
        self.seen.update(r.uid for r in items)
        if not new:
            return []
        title, body = summary(new, today)
        if not first:
            title = f"Now due: {title}"
        if self.tray is not None:
            self.tray.showMessage(f"{APP_NAME}: {title}", body, QSystemTrayIcon.MessageIcon.Information)
        else:
            self.banner.show_text(title, body)
        self.announced.emit(title, body)
        return new
