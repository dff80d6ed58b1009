"""Calendar export (.ics) beside icalendar alone writing the same file.

For 1k and 10k reminders (60% thank-you notes, 25% stay-in-touch cadences, 15%
feedback calls, each with a business card): `afterword ics` as a whole process
against bench/ics_floor.py (Python and icalendar building the very same file from
ready values, one add() per property), and export_calendar in one process against
ics_floor.build. Re-exports of an unchanged database, as "keep this file up to
date" does. Medians of RUNS interleaved runs, wall and CPU time; the goal is at
most 1.2x icalendar alone at 10k.

    PYTHONPATH=desktop python bench/bench_calendar.py
"""

from __future__ import annotations

import gc
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "desktop"))
sys.path.insert(0, str(HERE))

import ics_floor  # noqa: E402

from afterword.core.calendar import CalendarOptions  # noqa: E402
from afterword.core.calendar_export import export_calendar  # noqa: E402
from afterword.core.domain import (  # noqa: E402
    Cadence,
    Company,
    Contact,
    FeedbackCall,
    Medium,
    Role,
    ThankYouNote,
)
from afterword.core.store import Store  # noqa: E402

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
SIZES = (1_000, 10_000)
RUNS = 5
GOAL = 1.2


def records(reminders: int) -> list:
    """About 60% thank-you notes, 25% stay-in-touch cadences, 15% feedback calls."""
    companies = [Company(f"Company {i}", address=f"{i} Main St, Springfield") for i in range(50)]
    out: list = list(companies)
    for i in range(reminders):
        person = Contact(f"Person {i}", "Director", companies[i % 50].uid, Role.INTERVIEWER,
                         phone_direct=f"+1 206 555 {i % 10000:04d}", email=f"p{i}@example.com",
                         mailing_address=f"Person {i}\nCompany {i % 50}\n{i} Main St\nSpringfield",
                         notes="Met at the panel; likes cycling")
        out.append(person)
        day = TODAY + timedelta(days=i % 60 - 20)
        if i % 20 < 12:
            out.append(ThankYouNote(person.uid, None, day, Medium.HANDWRITTEN,
                                    points="The territory plan"))
        elif i % 20 < 17:
            out.append(Cadence(person.uid, f"FREQ=WEEKLY;INTERVAL={1 + i % 6}", day))
        else:
            out.append(FeedbackCall(person.uid, None, day))
    return out


@dataclass
class Timing:
    wall: float
    cpu: float


def _process(command: list[str]) -> Timing:
    """A whole process: wall time, and the CPU time (user + system) it used."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed")
    return Timing(wall, usage.ru_utime + usage.ru_stime)


def _in_process(work: Callable[[], object]) -> Timing:
    gc.collect()  # each run starts without the last run's garbage
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def interleaved(ours: Callable[[], Timing], floor: Callable[[], Timing]) -> tuple[Timing, Timing]:
    """Medians of RUNS runs of each, taking turns (and turns about who goes first)."""
    mine, theirs = [], []
    for run in range(RUNS):
        pair = (ours, floor) if run % 2 == 0 else (floor, ours)
        first, second = pair[0](), pair[1]()
        a, b = (first, second) if run % 2 == 0 else (second, first)
        mine.append(a)
        theirs.append(b)
    return _median(mine), _median(theirs)


def _median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def measure(size: int, folder: Path) -> list[tuple[str, Timing, Timing, bool]]:
    db = folder / f"cal-{size}.db"
    store = Store.open(db)
    store.put_many(records(size))
    ours_out, floor_out = folder / f"ours-{size}.ics", folder / f"floor-{size}.ics"
    export_calendar(store, ours_out, CalendarOptions(), NOW)  # every entry new: remembered
    values = ics_floor.entry_values(ours_out)
    values_file = folder / f"values-{size}.pickle"
    values_file.write_bytes(pickle.dumps(values))
    afterword = [sys.executable, "-m", "afterword", "ics", "--db", str(db), "--out", str(ours_out)]
    bare = [sys.executable, str(HERE / "ics_floor.py"), str(values_file), str(floor_out)]
    _process(afterword), _process(bare)  # bytecode cached, files warm
    rows = []
    whole = interleaved(lambda: _process(afterword), lambda: _process(bare))
    rows.append(("whole process", *whole, ours_out.read_bytes() == floor_out.read_bytes()))
    inside = interleaved(
        lambda: _in_process(lambda: export_calendar(store, ours_out, CalendarOptions(), NOW)),
        lambda: _in_process(lambda: floor_out.write_bytes(ics_floor.build(values))),
    )
    rows.append(("in one process", *inside, ours_out.read_bytes() == floor_out.read_bytes()))
    store.close()
    return rows


def main() -> None:
    print(f"Calendar export (.ics) beside icalendar alone writing the same file: medians of "
          f"{RUNS} interleaved runs, re-exports of an unchanged database")
    print(f"{'reminders':>9}  {'measured as':<15}{'afterword wall':>15}{'CPU':>8}"
          f"{'icalendar alone wall':>22}{'CPU':>8}{'ratio wall':>12}{'CPU':>7}  same bytes  goal")
    # The processes find this checkout's package, installed or not.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(HERE.parent / "desktop"), os.environ.get("PYTHONPATH")) if p)
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            for how, ours, floor, same in measure(size, Path(tmp)):
                goal = f"<= {GOAL}x" if size == max(SIZES) else ""
                print(f"{size:>9,}  {how:<15}{ours.wall:>13.2f} s{ours.cpu:>6.2f} s"
                      f"{floor.wall:>20.2f} s{floor.cpu:>6.2f} s"
                      f"{ours.wall / floor.wall:>11.2f}x{ours.cpu / floor.cpu:>6.2f}x"
                      f"  {'yes' if same else 'NO':<10}  {goal}")


def headline_figure(size: int = 10_000) -> dict:
    """The .ics row of `make bench`'s table: `afterword ics` of `size` reminders as a
    whole process beside icalendar alone writing the same file (CPU seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure(size, Path(tmp))
    _how, ours, floor, same = next(r for r in rows if r[0] == "whole process")
    return {"reminders": size, "alone_s": floor.cpu, "afterword_s": ours.cpu, "same_bytes": same}


if __name__ == "__main__":
    main()

