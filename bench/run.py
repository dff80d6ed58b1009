"""`make bench`: figures on realistic data sizes. Prints tables; asserts nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SIZES = (1_000, 10_000, 100_000)

COLUMNS = [
    ("contacts", "contacts", "{:,}"), ("records", "records", "{:,}"),
    ("open_ms", "open+migrate ms", "{:.1f}"), ("due_ms", "due ms", "{:.1f}"),
    ("fts_selective_ms", "FTS selective ms", "{:.2f}"), ("fts_broad_ms", "FTS broad ms", "{:.2f}"),
    ("export_ms", "export ms", "{:.0f}"), ("import_ms", "import ms", "{:.0f}"),
    ("db_mb", "db MB", "{:.1f}"), ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
]


def store_table() -> None:
    rows = []
    for size in SIZES:
        out = subprocess.run([sys.executable, str(HERE / "bench_store.py"), "--contacts", str(size)],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout))
    print("Store, rules, search and interchange")
    print(" | ".join(title for _, title, _ in COLUMNS))
    for row in rows:
        print(" | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS))
    print()


# Each area measures in a process of its own, so Qt and memory start fresh.
AREAS = ("bench_ui.py", "bench_followthrough.py", "bench_calendar.py", "bench_checklist.py",
         "bench_pages.py", "bench_contacts.py", "bench_sync.py", "bench_packaging.py",
         "bench_cards.py")


def main() -> None:
    store_table()
    for script in AREAS:
        sys.stdout.flush()
        subprocess.run([sys.executable, str(HERE / script)], check=True)
        print()


if __name__ == "__main__":
    main()
