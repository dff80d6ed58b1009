"""Two exports of an unchanged database are the same bytes, in every variant, also
from two runs of the program (each run hashes text differently), so a calendar that
subscribes to the file sees no change where there is none."""

from __future__ import annotations

import os
import subprocess
import sys

from icalendar import Calendar

from afterword.core.store import Store
from calendar_world import fill

VARIANTS = {
    "default": [], "tasks": ["--tasks"], "rounds": ["--rounds"], "full": ["--full", "--rounds"],
    "full-tasks": ["--full", "--tasks", "--rounds"],
}
RUN_ALL = """
import sys
from afterword.cli import main
db, folder = sys.argv[1], sys.argv[2]
for name, flags in {variants!r}.items():
    assert main(["ics", "--db", db, "--out", f"{{folder}}/{{name}}.ics", *flags]) == 0
"""


def _export_every_variant(db, folder, seed: str) -> dict[str, bytes]:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-c", RUN_ALL.format(variants=VARIANTS), str(db), str(folder)],
                   check=True, env=env, capture_output=True, timeout=120)
    return {name: (folder / f"{name}.ics").read_bytes() for name in VARIANTS}


def test_every_variant_is_the_same_bytes_from_two_runs(tmp_path):
    db = tmp_path / "world.db"
    store = Store.open(db)
    fill(store)
    store.close()
    first = _export_every_variant(db, tmp_path / "first", "1")
    second = _export_every_variant(db, tmp_path / "second", "2")
    for name in VARIANTS:
        assert first[name] == second[name], name
    zones = [str(z["TZID"]) for z in Calendar.from_ical(first["rounds"]).walk("VTIMEZONE")]
    assert zones == sorted(zones) and len(zones) == 6
