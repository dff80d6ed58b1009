"""Window-thread time per page at scale: how long the window is busy (frozen)
building, showing and refreshing each page on a large database.

    QT_QPA_PLATFORM=offscreen python bench/bench_pages.py [--db COPY.db] [--contacts N]

Without --db, a copy of the realistic database of N contacts (default 100,000,
see datasets.py) is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "desktop"))
sys.path.insert(0, str(HERE))

from PySide6.QtWidgets import QApplication  # noqa: E402


def _ms(fn) -> float:
    started = time.perf_counter()
    fn()
    QApplication.processEvents()
    return (time.perf_counter() - started) * 1000


def _settle(app: QApplication, window) -> float:
    """Seconds until every page's background load has arrived."""
    started = time.perf_counter()
    while any(getattr(w, "loading", False) for w in window.page_widgets.values()):
        app.processEvents()
        time.sleep(0.005)
    return time.perf_counter() - started


def measure(path: Path, today: date) -> list[tuple[str, str]]:
    from afterword.app import create_application
    from afterword.context import AppContext
    from afterword.core.store import Store
    from afterword.ui.main_window import MainWindow

    app = create_application(["bench"])
    now = datetime.combine(today, datetime.min.time(), ZoneInfo("UTC"))
    rows = []
    window = None

    def build():
        nonlocal window
        window = MainWindow(AppContext(store=Store.open(path), db_path=path, clock=lambda: now))
        window.show()

    rows.append(("build window and show Today (window thread)", f"{_ms(build):9.0f} ms"))
    rows.append(("  then background loads arrive after", f"{_settle(app, window) * 1000:9.0f} ms"))
    for key in ("people", "companies", "interviews", "notes", "funnel", "today"):
        rows.append((f"show page {key} (window thread)", f"{_ms(lambda k=key: window.show_page(k)):9.0f} ms"))
        _settle(app, window)
    today = window.page("today")
    changed = _ms(lambda: window.hub.notify("*"))
    rows.append(("Today refresh on a change (window thread)", f"{changed:9.0f} ms"))
    rows.append(("  then the new reminders arrive after", f"{_settle(app, window) * 1000:9.0f} ms"))
    rows.append(("(Today items)", f"{today.model.reminder_count():9d}"))
    for key in ("interviews", "funnel", "notes"):
        window.show_page(key)
        _settle(app, window)
        changed = _ms(lambda: window.hub.notify("*"))
        rows.append((f"{key} shown: a change (window thread)", f"{changed:9.0f} ms"))
        rows.append(("  then its rows arrive after", f"{_settle(app, window) * 1000:9.0f} ms"))
    notes = window.page("notes")
    show_all = _ms(lambda: notes.filter.setCurrentIndex(1))
    rows.append(("notes: show all (window thread)", f"{show_all:9.0f} ms"))
    rows.append(("  then all notes arrive after", f"{_settle(app, window) * 1000:9.0f} ms"))
    window.close()
    window.context.store.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing database (a copy: it may be written)")
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="afterword-bench-pages-") as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        path = args.db
        today = date.today()
        if path is None:
            import datasets

            source = datasets.database("realistic", args.contacts)
            today = datasets.today_of(source)
            path = datasets.copy_of(source, "pages.db")
        rows = measure(path, today)
    width = max(len(name) for name, _ in rows)
    print(f"Pages at scale ({path.name})")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    main()
