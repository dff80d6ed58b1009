"""Search keystrokes in the real window on a large database: each keystroke's whole
work on the window thread (the field's text → the search asked for; when a large
list is read on a worker thread, its arrival: the list model, the first match's
card, the visible rows read and painted), in wall time and in the window thread's
own CPU time (what a busy machine's other processes cannot add to), and the wall
time until the results are painted, beside the raw FTS5 query for the same text on
its own connection. Prints milliseconds per keystroke as JSON.

    QT_QPA_PLATFORM=offscreen python bench/probe_search.py --db PATH
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time

from PySide6.QtWidgets import QApplication

WORDS = ["marcus", "chen", "northwind", "okafor", "p1234", "talked", "zz", "priya rossi",
         "summit labs", "director"]


def wait_until_loaded(app: QApplication, window, key: str) -> None:
    page = window.page(key)
    while getattr(page, "loading", False):
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()


class WindowThreadClock:
    """Adds up the time the window thread spends putting a page's read on screen
    (PageLoader._put), which a read on a worker thread leads to later."""

    def __init__(self):
        from afterword.ui import page_loader

        self.spent = self.cpu = 0.0
        real = page_loader.PageLoader._put

        def timed(loader, result):
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return real(loader, result)
            finally:
                self.spent += time.perf_counter() - started
                self.cpu += time.thread_time() - cpu

        page_loader.PageLoader._put = timed


def keystrokes(app: QApplication, window, clock: WindowThreadClock
               ) -> tuple[list[float], list[float], list[float]]:
    window.show_page("people")
    page = window.page("people")
    wait_until_loaded(app, window, "people")
    table = page.table
    busy, cpu, latency = [], [], []
    for word in WORDS:
        for end in range(1, len(word) + 1):
            clock.spent = clock.cpu = 0.0
            started, cpu_started = time.perf_counter(), time.thread_time()
            window.search_field.setText(word[:end])
            window.apply_search()  # what the field's short typing pause triggers
            asked = time.perf_counter() - started
            asked_cpu = time.thread_time() - cpu_started
            while page.loading:  # a large list is read on the worker thread
                app.processEvents()
                time.sleep(0.0005)
            app.processEvents()
            painted, paint_cpu = time.perf_counter(), time.thread_time()
            table.viewport().repaint()  # the visible rows are read and drawn
            done = time.perf_counter()
            busy.append((asked + clock.spent + (done - painted)) * 1000)
            cpu.append((asked_cpu + clock.cpu + time.thread_time() - paint_cpu) * 1000)
            latency.append((done - started) * 1000)
        window.search_field.clear()
        window.apply_search()
        wait_until_loaded(app, window, "people")
    return busy, cpu, latency


def raw_fts(path: str) -> list[float]:
    from afterword.core.search import match_expression

    conn = sqlite3.connect(path)
    times = []
    for word in WORDS:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            conn.execute("SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT 500",
                         [match_expression(word[:end])]).fetchall()
            times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    from pathlib import Path

    from afterword.app import create_application, system_now
    from afterword.context import AppContext
    from afterword.core.store import Store
    from afterword.ui.main_window import MainWindow

    app = create_application(["bench"])
    path = Path(args.db)
    window = MainWindow(AppContext(store=Store.open(path), db_path=path, clock=system_now))
    window.show()
    wait_until_loaded(app, window, "today")
    busy, cpu, latency = keystrokes(app, window, WindowThreadClock())
    result = {"keystrokes": busy, "cpu": cpu, "latency": latency, "fts": raw_fts(args.db)}
    window.close()
    window.context.store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
