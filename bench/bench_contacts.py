"""`afterword contacts import` of 5,000 vCards with photos, as whole processes, beside
two floors measured in the same run: the interpreter starting Afterword (`--version`)
and the same interpreter reading every card of the file into contacts without a
database (bench/floor_contacts_read.py: the part of an import no store can save); then the same file again
(everyone already known), a dry run, and the export back to vCard. Medians of 5
interleaved runs after a warm-up; wall and CPU time; peak memory of the process,
for 1,000 and 5,000 cards (memory holds one card at a time plus the matching index,
so it barely grows with the file). The goal line says whether the import of 5,000
took under 5 s of wall time; the load average is printed, as a busy machine stretches
wall time beyond CPU time.

    PYTHONPATH=desktop python bench/bench_contacts.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from base64 import b64encode
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datasets  # noqa: E402
from processes import Runs, Subject, interleaved  # noqa: E402

RUNS = 5
CARDS = (1_000, 5_000)
GOAL_CARDS, GOAL_WALL_S = 5_000, 5.0
PHOTO_BYTES = 5_000  # a contact photo as phones export it (about 96-200 px JPEG)
AFTERWORD = [sys.executable, "-m", "afterword"]


def fold(line: str) -> str:
    return "\r\n ".join(line[i:i + 74] for i in range(0, len(line), 74))


def write_cards(path: Path, count: int) -> None:
    rng = random.Random(7)
    with path.open("w", newline="") as out:
        for i in range(count):
            photo = b"\xff\xd8\xff\xe0" + rng.randbytes(PHOTO_BYTES - 4)
            out.write("\r\n".join([
                "BEGIN:VCARD", "VERSION:3.0", f"N:Person{i};Pat;;;", f"FN:Pat Person{i}",
                f"ORG:Company {i % 400}", "TITLE:Engineering Manager",
                f"item1.EMAIL;type=INTERNET;type=pref:pat{i}@example{i % 400}.com",
                "item1.X-ABLabel:_$!<Work>!$_",
                f"TEL;type=CELL;type=VOICE:+1 206 555 {i % 10000:04d}",
                f"TEL;type=WORK:+1 (425) 55{i % 10}-{(i * 7) % 10000:04d}",
                f"ADR;type=WORK:;;{i} Pine Street;Seattle;WA;98101;USA",
                f"URL:https\\://www.linkedin.com/in/pat-person-{i}",
                "NOTE:Met at the onsite loop\\, round 2.",
                fold("PHOTO;ENCODING=b;TYPE=JPEG:" + b64encode(photo).decode("ascii")),
                "END:VCARD", ""]))


def _removing(*paths: Path):
    def remove() -> None:
        for path in paths:
            for extra in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                extra.unlink(missing_ok=True)
    return remove


def _subjects(cards: Path, root: Path) -> list[Subject]:
    db, dry, out = root / f"{cards.stem}.db", root / f"{cards.stem}-dry.db", root / f"{cards.stem}-out.vcf"
    importing = [*AFTERWORD, "contacts", "import", str(cards)]
    return [
        Subject("floor (interpreter)", [*AFTERWORD, "--version"]),
        Subject("floor (reading the cards)", [sys.executable, str(HERE / "floor_contacts_read.py"),
                                              str(cards)]),
        Subject("import", [*importing, "--db", str(db)], before=_removing(db)),
        Subject("again", [*importing, "--db", str(db)]),
        Subject("dry run", [*importing, "--db", str(dry), "--dry-run"], before=_removing(dry)),
        Subject("export", [*AFTERWORD, "contacts", "export", "--out", str(out), "--db", str(db)],
                before=_removing(out)),
    ]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    env = datasets.child_env(AFTERWORD_PHONE_REGION="US")
    print(f"Contacts import and export (whole processes; medians of {args.runs} interleaved runs "
          f"after a warm-up; load average {_load()} at the start)")
    print("cards | file MB | step | wall s | CPU s | over interpreter s | peak RSS MB")
    figures: dict[int, dict[str, Runs]] = {}
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as folder:
        root = Path(folder)
        for count in CARDS:
            cards = root / f"cards-{count}.vcf"
            write_cards(cards, count)
            size = cards.stat().st_size / 1e6
            results = interleaved(_subjects(cards, root), args.runs, env)
            figures[count] = results
            floor = results["floor (interpreter)"].median("wall")
            for step, runs in results.items():
                over = "" if step == "floor (interpreter)" else f"{runs.median('wall') - floor:.2f}"
                print(f"{count:,} | {size:.1f} | {step} | {runs.median('wall'):.2f} | "
                      f"{runs.median('cpu'):.2f} | {over} | {runs.median('rss_mb'):.0f}")
    print(goal_line(figures))
    print(f"load average at the end: {_load()}")


def goal_line(figures: dict[int, dict[str, Runs]]) -> str:
    at_goal = figures[GOAL_CARDS]
    imp, read = at_goal["import"], at_goal["floor (reading the cards)"]
    wall = imp.median("wall")
    met = "met" if wall < GOAL_WALL_S else "MISSED"
    rss = " → ".join(f"{figures[n]['import'].median('rss_mb'):.0f}" for n in CARDS)
    walls = ", ".join(f"{r.wall:.2f}" for r in imp.runs)
    return (f"goal: {GOAL_CARDS:,} cards with photos imported in under {GOAL_WALL_S:.0f} s: {met} — "
            f"{wall:.2f} s wall (runs {walls}; spread {statistics.pstdev(r.wall for r in imp.runs):.2f}), "
            f"{imp.median('cpu'):.2f} s CPU, {imp.median('rss_mb'):.0f} MB peak; reading the cards "
            f"alone {read.median('wall'):.2f} s wall, {read.median('cpu'):.2f} s CPU, "
            f"{read.median('rss_mb'):.0f} MB; peak memory for {' → '.join(f'{n:,}' for n in CARDS)} "
            f"cards: {rss} MB")


if __name__ == "__main__":
    main()
