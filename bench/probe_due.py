"""What is due on a day, computed the way Today does, in a fresh process:
prints the milliseconds of the first computation (what opening the window pays)
and of a second one, and how many items are due.

    python bench/probe_due.py --db PATH --on DATE
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date

from afterword.core.rules import due_reminders
from afterword.core.store import Store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--on", type=date.fromisoformat, required=True)
    args = parser.parse_args()
    store = Store.open(args.db)
    times = []
    for _ in range(2):
        started = time.perf_counter()
        result = due_reminders(store, args.on)
        times.append((time.perf_counter() - started) * 1000)
    store.close()
    print(json.dumps({"first_ms": times[0], "again_ms": times[1], "items": len(result.items)}))


if __name__ == "__main__":
    main()
