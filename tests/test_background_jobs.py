"""Work on a worker thread never takes a window object down with it: whatever the
worker does, Qt objects are deleted on the window's thread, as Qt requires."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt

from afterword.core.store import Store
from afterword.ui.background import BackgroundJobs


class _InACycle(QObject):
    """A Qt object held only by a reference cycle (a page's model, a QSettings, a
    dialog's lambda that refers back to it): Python's cycle collector frees it."""

    def __init__(self, deleted_on: list[str]):
        super().__init__()  # no parent: Python owns it
        self.me = self
        self.destroyed.connect(lambda: deleted_on.append(threading.current_thread().name),
                               Qt.ConnectionType.DirectConnection)


def _busy_work(store: Store) -> int:
    """A read that makes many small Python objects, as listing 100,000 people does."""
    rows = [(n, f"Person {n}", {"k": n}) for n in range(200_000)]
    return len(rows) + len(store.db.execute("SELECT 1").fetchall())


def test_objects_in_reference_cycles_are_deleted_on_the_window_thread(qtbot, file_store):
    jobs = BackgroundJobs()
    deleted_on: list[str] = []
    for _ in range(3):
        _InACycle(deleted_on)  # garbage at once, freed at the collector's next pass
        with qtbot.waitSignal(jobs.done, timeout=60_000):
            jobs.submit(file_store.path, _busy_work)
    qtbot.waitUntil(lambda: len(deleted_on) == 3, timeout=10_000)
    assert set(deleted_on) == {threading.main_thread().name}


def test_cycles_are_still_collected_on_the_window_thread(qtbot):
    import gc

    from afterword.ui.background import _WindowThreadCollector

    BackgroundJobs(), BackgroundJobs()
    assert len(QCoreApplication.instance().findChildren(_WindowThreadCollector)) == 1
    assert not gc.isenabled()
    deleted_on: list[str] = []
    _InACycle(deleted_on)
    kept = [[n] for n in range(5_000)]  # allocations that call for a collection
    qtbot.waitUntil(lambda: deleted_on == [threading.main_thread().name], timeout=10_000)
    assert len(kept) == 5_000
