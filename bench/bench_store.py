"""Store figures for one database size; run.py calls this in a fresh process per
size so that peak memory is that size's own."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from datagen import generate  # noqa: E402

from afterword.core import interchange  # noqa: E402
from afterword.core.rules import due_reminders  # noqa: E402
from afterword.core.store import Store  # noqa: E402

TODAY = date(2026, 11, 23)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def fts(store: Store, query: str) -> int:
    rows = store.db.execute(
        "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY rank LIMIT 50",
        [query]).fetchall()
    return len(rows)


def measure(contacts: int, folder: Path) -> dict:
    path = folder / f"bench-{contacts}.db"
    records = generate(contacts, TODAY)
    store = Store.open(path)
    fill_ms, _ = timed(lambda: store.put_many(records))
    store.close()
    open_ms, store = timed(lambda: Store.open(path))
    due_ms, due = timed(lambda: due_reminders(store, TODAY))
    sel_ms, sel_hits = timed(lambda: fts(store, '"p12345@c.example"'))
    broad_ms, broad_hits = timed(lambda: fts(store, "da*"))
    export_ms, doc = timed(lambda: interchange.export_document(store))
    text = interchange.dumps(doc)
    store.close()
    target = Store.open(folder / f"import-{contacts}.db")
    import_ms, _ = timed(lambda: interchange.import_document(target, interchange.loads(text)))
    target.close()
    return {
        "contacts": contacts, "records": len(records), "fill_ms": fill_ms, "open_ms": open_ms,
        "due_ms": due_ms, "due_items": len(due.items), "fts_selective_ms": sel_ms,
        "fts_broad_ms": broad_ms, "broad_hits": broad_hits, "export_ms": export_ms,
        "import_ms": import_ms, "json_mb": len(text.encode()) / 1e6,
        "db_mb": path.stat().st_size / 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(args.contacts, Path(folder))))


if __name__ == "__main__":
    main()
