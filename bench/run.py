"""`make bench`: the start-up and scale table (bench/headline.py) first, then each
area's own figures. Prints tables; asserts nothing. Arguments go to headline.py
(e.g. `make bench BENCH_ARGS="--runs 7"`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

# Each area measures in a process of its own, so Qt and memory start fresh.
AREAS = ("bench_followthrough.py", "bench_calendar.py", "bench_checklist.py", "bench_brief.py",
         "bench_pages.py", "bench_contacts.py", "bench_sync.py", "bench_packaging.py", "bench_cards.py")


def main() -> None:
    subprocess.run([sys.executable, str(HERE / "headline.py"), *sys.argv[1:]], check=True)
    print()
    for script in AREAS:
        sys.stdout.flush()
        subprocess.run([sys.executable, str(HERE / script)], check=True)
        print()


if __name__ == "__main__":
    main()
