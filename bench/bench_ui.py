"""Window figures: start to first paint (demo data, 100k contacts) and search per
keystroke through the window's own path (search field → FTS5 → model → view paint).

    QT_QPA_PLATFORM=offscreen python bench/bench_ui.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop"))

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

FIRST = ["Ana", "Marcus", "Dana", "Priya", "Tom", "Aisha", "Rafael", "Helen", "Jo", "Sam", "Nora",
         "Raj", "Ellis", "Olivia", "Kim", "Mateo", "Sofia", "Liam", "Chloé", "Yusuf", "Mei", "Ivan"]
LAST = ["Reyes", "Chen", "Okafor", "Becker", "Nguyen", "Ortiz", "Park", "Whitaker", "Delgado",
        "Lindqvist", "Patel", "Raman", "Grant", "Hart", "Müller", "Kowalski", "Tanaka", "Silva"]
WORDS = ["logistics", "analytics", "health", "robotics", "foods", "capital", "energy", "retail"]


def fill_many(path: Path, contacts: int = 100_000, companies: int = 5_000) -> float:
    """A database of `contacts` people at `companies` companies, written with executemany."""
    from afterword.core.store import Store

    started = time.perf_counter()
    rng = random.Random(7)
    store = Store.open(path)
    company_rows = [(str(uuid.UUID(int=rng.getrandbits(128))),
                     f"{rng.choice(WORDS).title()} {rng.choice(LAST)} {i}",
                     f"https://c{i}.example") for i in range(companies)]
    with store.atomic():
        store.db.conn.executemany(
            "INSERT INTO companies(uid, name, website) VALUES (?, ?, ?)", company_rows)
        store.db.conn.executemany(
            "INSERT INTO contacts(uid, name, title, company_uid, role, email, phone_cell, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(str(uuid.UUID(int=rng.getrandbits(128))),
              f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}", "Sales Director",
              rng.choice(company_rows)[0], "interviewer", f"p{i}@example.com",
              f"+1 206 555 {i % 10000:04d}", f"met at the {rng.choice(WORDS)} fair")
             for i in range(contacts)])
    store.close()
    return time.perf_counter() - started


class _FirstPaint(QObject):
    def __init__(self):
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def start_to_first_paint(app: QApplication, path: Path, today: date) -> tuple[float, object]:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from afterword.context import AppContext
    from afterword.core.store import Store
    from afterword.ui.main_window import MainWindow

    watcher = _FirstPaint()
    app.installEventFilter(watcher)
    started = time.perf_counter()
    store = Store.open(path)
    now = datetime.combine(today, datetime.min.time(), ZoneInfo("UTC"))
    window = MainWindow(AppContext(store=store, db_path=path, clock=lambda: now))
    window.show()
    while watcher.at is None:
        app.processEvents()
    app.removeEventFilter(watcher)
    return (watcher.at - started) * 1000, window


def keystroke_times(app: QApplication, window, words: list[str]) -> list[float]:
    """Milliseconds per keystroke: each prefix of each word, through the search field."""
    window.show_page("people")
    table = window.page("people").table
    times = []
    for word in words:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            window.search_field.setText(word[:end])
            window.apply_search()  # what the field's short typing pause triggers
            table.viewport().repaint()  # the visible rows are read and drawn
            times.append((time.perf_counter() - started) * 1000)
        window.search_field.clear()
        window.apply_search()
    return times


def main() -> None:
    from afterword.app import create_application
    from afterword.core.demo import fill_demo
    from afterword.core.store import Store

    app = create_application(["bench"])
    folder = Path(tempfile.mkdtemp(prefix="afterword-bench-ui-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    today = date(2026, 11, 23)
    demo = folder / "demo.db"
    store = Store.open(demo)
    fill_demo(store, today)
    store.close()
    big = folder / "100k.db"
    fill_seconds = fill_many(big)

    rows = []
    demo_ms, window = start_to_first_paint(app, demo, today)
    rows.append(("window start → first paint, demo data", f"{demo_ms:8.1f} ms"))
    window.close()
    window.context.store.close()
    big_ms, window = start_to_first_paint(app, big, today)
    rows.append(("window start → first paint, 100k contacts", f"{big_ms:8.1f} ms"))
    times = keystroke_times(app, window, ["marcus", "chen", "logist", "okafor 12", "zz", "fair"])
    rows.append(("search per keystroke at 100k, median", f"{statistics.median(times):8.1f} ms"))
    rows.append(("search per keystroke at 100k, 95th pct",
                 f"{statistics.quantiles(times, n=20)[-1]:8.1f} ms"))
    rows.append(("search per keystroke at 100k, worst", f"{max(times):8.1f} ms"))
    rows.append(("(keystrokes measured)", f"{len(times):8d}"))
    rows.append(("(100k database written with executemany in)", f"{fill_seconds:8.1f} s"))
    window.close()
    window.context.store.close()
    width = max(len(r[0]) for r in rows)
    print("Desktop window")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    main()
