"""Keeping a page's lists current without making the window wait: the one loader
every page reads through.

A page reloads only on the kinds of change that affect it. While it is hidden
behind another page it only notes that it is stale, and reloads when shown. On a
large database the reading runs on a worker thread while the page says it is
updating; on a small one, or in memory, it runs at once (no flicker)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from afterword.context import AppContext
from afterword.core.queries import record_scale
from afterword.ui.background import BackgroundJobs, Work
from afterword.ui.hub import Hub

# Records above which a page is read on a worker thread; below, reading takes milliseconds.
BACKGROUND_ABOVE = 5_000
UPDATING = "  ·  Updating…"


class PageLoader(QObject):
    """`work()` runs on the window thread and returns the reading to do: a function
    of a Store (core calls only: it may run on the worker thread, with its own
    connection). `show(result)` puts the result on screen (window thread).
    `kinds` are the store tables whose changes make the page stale (None: every
    change). `size_of` names the record kinds whose number makes reading slow; none: the
    page is always read at once. `loaded` follows each `show`."""

    loaded = Signal()

    def __init__(self, page: QWidget, context: AppContext, hub: Hub, kinds: Iterable[str] | None, *,
                 work: Callable[[], Work], show: Callable[[Any], None],
                 size_of: Iterable[type] = (), status: QLabel | None = None):
        super().__init__(page)
        self._page, self._context = page, context
        self._kinds = None if kinds is None else frozenset(kinds) | {"*"}
        self._work, self._show, self._size_of, self._status = work, show, tuple(size_of), status
        self.background_above = BACKGROUND_ABOVE
        self.stale = False
        self.ever_loaded = False
        self._generation = 0  # of the latest read asked for
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._arrived)
        self._jobs.failed.connect(self._failed)
        hub.changed.connect(self.changed)
        page.installEventFilter(self)

    @property
    def loading(self) -> bool:
        """True while the page is being read on the worker thread."""
        return self._jobs.busy

    def changed(self, kind: str) -> None:
        if self._kinds is None or kind in self._kinds:
            self.request()

    def request(self) -> None:
        """Reload now if the page can be seen (or has never been read: it is
        being built to be shown), else when it is next shown."""
        hidden = not self._page.isVisible()
        if hidden and self.ever_loaded and (self._page.window().isVisible() or self.in_background()):
            self.stale = True
            return
        self.reload()

    def reload(self) -> None:
        """Read the page again: on the worker thread for a large database, else at
        once. A later read wins over an earlier one still on its way (say, of the
        larger file open before)."""
        self.stale = False
        self._generation += 1
        work = self._work()
        if not self.in_background():
            self._put(work(self._context.store))
            return
        if self._status is not None and not self._status.text().endswith(UPDATING):
            self._status.setText(self._status.text() + UPDATING)
        generation = self._generation
        self._jobs.submit(self._context.store.path, lambda store: (generation, work(store)))

    def finish(self) -> None:
        """Wait for a running read (on closing the window)."""
        self._jobs.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self.reload()
        return False

    def in_background(self) -> bool:
        """Whether a read now would run on the worker thread: a file database
        holding more than `background_above` records of the slow kinds."""
        store = self._context.store
        if store.path is None or not self._size_of:
            return False
        if self.background_above <= 0:
            return True
        return record_scale(store, *self._size_of) > self.background_above

    def _put(self, result: Any) -> None:
        self._show(result)
        self.ever_loaded = True
        self.loaded.emit()

    def _arrived(self, result: tuple[int, Any]) -> None:
        generation, read = result
        # Else a newer read is on its way, or was shown already.
        if generation == self._generation and not self._jobs.busy:
            self._put(read)

    def _failed(self, reason: str) -> None:
        if self._status is not None:
            self._status.setText(f"Could not update the list: {reason}")
