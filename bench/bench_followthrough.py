"""Follow-through figures: the People list's cadence column, the notes list, the
funnel, recurring concerns and one debrief save, at realistic sizes. Prints a
table; asserts nothing."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).parent))

import datasets  # noqa: E402

from afterword.core.debrief import Debrief, proposed_notes, save_debrief  # noqa: E402
from afterword.core.domain import Contact, Interview, Opportunity, Role  # noqa: E402
from afterword.core.funnel import concern_groups, funnel  # noqa: E402
from afterword.core.notes import note_rows  # noqa: E402
from afterword.core.rules import cadence_status  # noqa: E402
from afterword.core.store import Store  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
VISIBLE_ROWS = 60  # what a People list shows at once


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measure(contacts: int) -> dict:
    # A scratch copy of the realistic database: the debrief save writes to it.
    source = datasets.database("realistic", contacts)
    today = datasets.today_of(source)
    store = Store.open(datasets.copy_of(source, f"ft-{contacts}.db"))
    uids = [r[0] for r in store.db.execute("SELECT uid FROM contacts ORDER BY name LIMIT ?",
                                           [VISIBLE_ROWS]).fetchall()]
    all_uids = [r[0] for r in store.db.execute("SELECT uid FROM contacts").fetchall()]
    opp = store.select(Opportunity, order_by="id LIMIT 1")[0]
    now = datetime(2026, 11, 23, 18, tzinfo=ZoneInfo("America/Chicago"))

    def debrief() -> None:
        people = [Contact(f"New {i}", company_uid=opp.company_uid, role=Role.INTERVIEWER)
                  for i in range(4)]
        interview = Interview(opp.uid, 9, now - timedelta(hours=2), "America/Chicago",
                              participant_uids=[p.uid for p in people])
        d = Debrief(interview, people)
        save_debrief(store, d, proposed_notes(store, d), now)

    row = {
        "contacts": contacts,
        "status_visible_ms": timed(lambda: cadence_status(store, uids, today)),
        "status_all_ms": timed(lambda: cadence_status(store, all_uids, today), repeat=1),
        "notes_ms": timed(lambda: note_rows(store)),
        "notes": len(note_rows(store)),
        "funnel_ms": timed(lambda: funnel(store)),
        "concerns_ms": timed(lambda: concern_groups(store)),
        "debrief_ms": timed(debrief, repeat=1),
    }
    store.close()
    return row


COLUMNS = [
    ("contacts", "contacts", "{:,}"), ("notes", "notes", "{:,}"),
    ("status_visible_ms", f"cadence_status {VISIBLE_ROWS} rows ms", "{:.1f}"),
    ("status_all_ms", "cadence_status all ms", "{:.0f}"),
    ("notes_ms", "notes list ms", "{:.0f}"), ("funnel_ms", "funnel ms", "{:.1f}"),
    ("concerns_ms", "concerns ms", "{:.0f}"), ("debrief_ms", "debrief save ms", "{:.1f}"),
]


def main() -> None:
    rows = [measure(size) for size in SIZES]
    print("Follow-through: People cadence column, notes, funnel, debrief save")
    print(" | ".join(title for _, title, _ in COLUMNS))
    for row in rows:
        print(" | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS))
    print()


if __name__ == "__main__":
    main()
