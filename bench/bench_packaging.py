"""Packaging figures: the bundle's size, and the cold start of the bundled binary
against `python -m afterword`, each to the window's first paint and exit (--smoke).

    python bench/bench_packaging.py        (build the bundle first: make dist)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "afterword"
RUNS = 5


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def time_smoke(command: list[str], env: dict[str, str]) -> list[float]:
    """Wall seconds for each of RUNS launches, after one untimed warm-up of the disk cache."""
    times = []
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as folder:
        for run in range(RUNS + 1):
            db = Path(folder) / f"bench-{run}.db"
            start = time.perf_counter()
            done = subprocess.run([*command, "--smoke", "--db", str(db)], env=env, cwd=folder,
                                  capture_output=True, text=True, timeout=120)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                raise SystemExit(f"{command[0]} --smoke failed ({done.returncode}): {done.stderr.strip()}")
            if run:
                times.append(elapsed)
    return times


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "desktop"), env.get("PYTHONPATH")]))
    print(f"Packaging ({RUNS} runs each; --smoke opens the window on a new database, "
          "paints it and quits after a fixed 200 ms)")
    print(f"{'what':<44} {'median':>10} {'min':>10} {'max':>10}")
    rows = [("python -m afterword --smoke", [sys.executable, "-m", "afterword"])]
    exe = BUNDLE / ("afterword.exe" if os.name == "nt" else "afterword")
    if exe.exists():
        rows.append(("bundle dist/afterword/afterword --smoke", [str(exe)]))
    for label, command in rows:
        times = time_smoke(command, env)
        print(f"{label:<44} {statistics.median(times):>9.2f}s {min(times):>9.2f}s {max(times):>9.2f}s")
    if exe.exists():
        size, count = folder_size(BUNDLE)
        print(f"{'bundle size (dist/afterword)':<44} {size / 2**20:>8.1f} MiB in {count} files")
    else:
        print("bundle: not built (run 'make dist' first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
