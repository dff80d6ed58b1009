"""`afterword contacts import` of 5,000 vCards with photos, as whole processes, beside
a bare floor (the same interpreter starting and printing its version); then the same
file again (everyone already known), a dry run, and the export back to vCard.
Medians of 5 interleaved runs; wall and CPU time; peak memory of the process, for
1,000 and 5,000 cards (memory holds one card at a time plus the matching index).

    PYTHONPATH=desktop python bench/bench_contacts.py
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from base64 import b64encode
from pathlib import Path

RUNS = 5
CARDS = (1_000, 5_000)
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


def run(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one process."""
    env = dict(os.environ, AFTERWORD_PHONE_REGION="US")
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return tuple(statistics.median(column) for column in zip(*rows, strict=True))


def main() -> None:
    print("Contacts import and export (whole processes; medians of 5 interleaved runs)")
    print("cards | file MB | step | wall s | CPU s | over floor s | peak RSS MB")
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as folder:
        root = Path(folder)
        for count in CARDS:
            cards = root / f"cards-{count}.vcf"
            write_cards(cards, count)
            size = cards.stat().st_size / 1e6
            steps = {"floor": [], "import": [], "again": [], "dry run": [], "export": []}
            for n in range(RUNS):
                db = root / f"db-{count}-{n}.db"
                steps["floor"].append(run([*AFTERWORD, "--version"]))
                steps["import"].append(run([*AFTERWORD, "contacts", "import", str(cards), "--db", str(db)]))
                steps["again"].append(run([*AFTERWORD, "contacts", "import", str(cards), "--db", str(db)]))
                steps["dry run"].append(run([*AFTERWORD, "contacts", "import", str(cards), "--db",
                                             str(root / f"dry-{n}.db"), "--dry-run"]))
                steps["export"].append(run([*AFTERWORD, "contacts", "export", "--out",
                                            str(root / f"out-{n}.vcf"), "--db", str(db)]))
            floor = median(steps["floor"])
            for step, rows in steps.items():
                wall, cpu, rss = median(rows)
                over = "" if step == "floor" else f"{wall - floor[0]:.2f}"
                print(f"{count:,} | {size:.1f} | {step} | {wall:.2f} | {cpu:.2f} | {over} | {rss:.0f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parents[1] / "desktop"))
    main()
