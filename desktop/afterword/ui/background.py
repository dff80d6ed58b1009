"""Work that reads the whole database runs on a worker thread, so the window
never waits for it. The worker opens its own connection (one per thread).

While workers run Python code, Python's cycle collector must not: it starts in
whichever thread happens to allocate, and would delete there the Qt objects it
finds in reference cycles (a dialog's model, a QSettings, a pixmap). Qt objects
may only be deleted on their own thread; deleting a model on a worker while the
window paints corrupts memory (crashes under load). So once there are workers,
the collector runs on the window's thread only, from a timer.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from shiboken6 import isValid

from afterword.core.errors import AfterwordError
from afterword.core.store import Store

Work = Callable[[Store], Any]


COLLECT_EVERY_MS = 500


class _WindowThreadCollector(QObject):
    """Python's cycle collection, moved to the window's thread: automatic collection
    off, and a timer collecting the youngest generation on each tick and the older
    ones as often as Python would (every tenth collection of the one below)."""

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(COLLECT_EVERY_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        _young, middle, old = gc.get_count()
        gc.collect(2 if old >= self.thresholds[2] else 1 if middle >= self.thresholds[1] else 0)


_collector: _WindowThreadCollector | None = None


def keep_collection_on_the_window_thread() -> None:
    """Once per application: collect cycles on this (the window's) thread only."""
    global _collector
    app = QCoreApplication.instance()
    # Remembered here rather than looked for with app.findChild, which would wrap
    # every child of the application for Python (its style and all its enums) on
    # each start.
    if app is not None and (_collector is None or not isValid(_collector)
                            or _collector.parent() is not app):
        _collector = _WindowThreadCollector(app)


class _Relay(QObject):
    """Lives in the window's thread; signals emitted by the worker arrive queued."""

    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, db_path: Path, work: Work, relay: _Relay):
        super().__init__()
        self.db_path, self.work, self.relay = db_path, work, relay

    def run(self) -> None:
        try:
            store = Store.open(self.db_path)
            try:
                result = self.work(store)
            finally:
                store.close()
        except AfterwordError as exc:
            self.relay.failed.emit(str(exc))
        except Exception as exc:  # a worker must never take the app down
            self.relay.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.relay.done.emit(result)


class BackgroundJobs(QObject):
    """One job at a time; a job asked for while one runs replaces any waiting one
    and starts when the running one ends (the latest request wins)."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        keep_collection_on_the_window_thread()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(lambda result: self._finished(self.done, result))
        self._relay.failed.connect(lambda reason: self._finished(self.failed, reason))
        self._running = False
        self._waiting: tuple[Path, Work] | None = None

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def submit(self, db_path: Path, work: Work) -> None:
        if self._running:
            self._waiting = (db_path, work)
            return
        self._running = True
        self._pool.start(_Job(db_path, work, self._relay))

    def wait(self) -> None:
        """Block until the running and waiting jobs are done (on closing the window)."""
        while True:
            self._pool.waitForDone()
            # Deliver the queued "finished", which starts a waiting job, if any.
            QCoreApplication.sendPostedEvents(self._relay)
            if not self._running:
                return

    def _finished(self, signal: Signal, value: Any) -> None:
        self._running = False
        signal.emit(value)
        if self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            self.submit(*waiting)
