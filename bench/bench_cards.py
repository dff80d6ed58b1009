"""Business-card reading over the whole corpus (tests/data/cards): field accuracy per
field and overall, time per card (wall and CPU), peak memory; then `afterword card read`
as a whole process against a bare Python start, medians of interleaved runs.

    python bench/bench_cards.py            (make bench runs it too)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CARDS = REPO / "tests" / "data" / "cards"
sys.path.insert(0, str(HERE / "cards"))
from score import FIELDS, field_right  # noqa: E402

RUNS = 5
CLI_CARDS = ("card-02.jpg", "card-05.jpg", "card-21.jpg")


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def corpus() -> None:
    from afterword.core.cardread import CardReadError, read_card
    from afterword.core.cardread.engine import default_reader

    truth = json.loads((CARDS / "truth.json").read_text(encoding="utf-8"))
    before = peak_mb()
    start = time.perf_counter()
    default_reader()
    load_s = time.perf_counter() - start
    right = dict.fromkeys(FIELDS, 0)
    walls, cpus, misses, failures = [], [], [], []
    for name, want in truth.items():
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            got = read_card(CARDS / name, region="US").fields.as_json()
        except CardReadError as exc:
            failures.append(f"{name}: {exc}")
            continue
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        for field in FIELDS:
            if field_right(field, got[field], want[field]):
                right[field] += 1
            else:
                misses.append(f"{name} {field}: read {got[field]!r}, printed {want[field]!r}")
    n = len(truth)
    print(f"Business cards: {n} cards of tests/data/cards, {len(FIELDS)} fields each "
          "(a field is right when it matches the card, null included)")
    for field in FIELDS:
        print(f"  {field:<16} {right[field]:>3}/{n}  {right[field] / n:6.1%}")
    total = sum(right.values())
    print(f"  {'overall':<16} {total:>3}/{n * len(FIELDS)}  {total / (n * len(FIELDS)):6.1%}")
    print(f"  engine load {load_s:.2f} s (once per process); per card: median "
          f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU; "
          f"slowest {max(walls):.2f} s")
    print(f"  peak memory {peak_mb():.0f} MB (before loading the engine {before:.0f} MB)")
    for line in failures + misses:
        print(f"  miss: {line}")


def _run(command: list[str]) -> tuple[float, float, float]:
    """Wall s, CPU s and peak MB of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read().decode()}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def whole_process() -> None:
    floor = [sys.executable, "-c", "import afterword.cli"]
    rows: dict[str, list[tuple[float, float, float]]] = {"floor": []}
    for _ in range(RUNS):  # interleaved, so a busy moment hits every row alike
        rows["floor"].append(_run(floor))
        for card in CLI_CARDS:
            command = [sys.executable, "-m", "afterword", "card", "read", str(CARDS / card), "--json"]
            rows.setdefault(card, []).append(_run(command))
    print(f"`afterword card read CARD --json` as a whole process ({RUNS} interleaved runs, medians)")
    print(f"  {'what':<34} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
    for label, runs in rows.items():
        what = "python -c 'import afterword.cli'" if label == "floor" else f"card read {label}"
        wall, cpu, peak = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"  {what:<34} {wall:>7.2f} {cpu:>7.2f} {max(r[2] for r in runs):>8.0f}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--corpus"]:
        corpus()
    else:
        # The corpus runs in a process of its own: a child forked from a process that
        # holds the engine would report the parent's memory as its own peak.
        subprocess.run([sys.executable, __file__, "--corpus"], check=True)
        print()
        whole_process()
