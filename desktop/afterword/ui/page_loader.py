"""Keeping a page's lists current without making the window wait.

A page reloads only on the kinds of change that affect it. While it is hidden
behind another page it only notes that it is stale, and reloads when shown. On a
large database the reading runs on a worker thread (as Today's does) while the
page says it is updating; on a small one, or in memory, it runs at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from afterword.context import AppContext
from afterword.core.store import Store
from afterword.ui.background import BackgroundJobs
from afterword.ui.hub import Hub

# Rows above which a page is read on a worker thread; below, reading takes milliseconds.
BACKGROUND_ABOVE = 5_000
UPDATING = "  ·  Updating…"


class PageLoader(QObject):
    """`fetch(store)` reads what the page shows (any thread: core calls only);
    `show(result)` puts it on screen (window thread). `size_sql` counts the rows
    that make reading slow; None: always read at once."""

    def __init__(self, page: QWidget, context: AppContext, hub: Hub, kinds: Iterable[str], *,
                 fetch: Callable[[Store], Any], show: Callable[[Any], None],
                 size_sql: str | None = None, status: QLabel | None = None):
        super().__init__(page)
        self._page, self._context = page, context
        self._kinds = frozenset(kinds) | {"*"}
        self._fetch, self._show, self._size_sql, self._status = fetch, show, size_sql, status
        self.background_above = BACKGROUND_ABOVE
        self.stale = False
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
        if kind in self._kinds:
            self.request()

    def request(self) -> None:
        """Reload now if the page can be seen, else when it is next shown. A page
        whose window is not shown yet (being built, or used alone) reads at once
        when that is quick."""
        hidden = not self._page.isVisible()
        if hidden and (self._page.window().isVisible() or self._in_background()):
            self.stale = True
            return
        self.reload()

    def reload(self) -> None:
        self.stale = False
        if not self._in_background():
            self._show(self._fetch(self._context.store))
            return
        if self._status is not None and not self._status.text().endswith(UPDATING):
            self._status.setText(self._status.text() + UPDATING)
        self._jobs.submit(self._context.store.path, self._fetch)

    def finish(self) -> None:
        """Wait for a running read (on closing the window)."""
        self._jobs.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self.reload()
        return False

    def _in_background(self) -> bool:
        store = self._context.store
        if store.path is None or self._size_sql is None:
            return False
        if self.background_above <= 0:
            return True
        return store.db.execute(self._size_sql).fetchone()[0] > self.background_above

    def _arrived(self, result: Any) -> None:
        if not self._jobs.busy:  # else a newer read is on its way; show that one
            self._show(result)

    def _failed(self, reason: str) -> None:
        if self._status is not None:
            self._status.setText(f"Could not update the list: {reason}")


class LoadedPage:
    """What a page with a `loader` (a PageLoader) tells the window: whether it is
    reading, wait for it, read again."""

    loader: PageLoader

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def finish_loading(self) -> None:
        self.loader.finish()

    def reload(self) -> None:
        self.loader.reload()
