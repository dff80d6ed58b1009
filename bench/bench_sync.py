"""`afterword sync` against a local Radicale, as whole processes: the first sync of
2,000 people and their open reminders into a new, empty address book and calendar,
then a sync with nothing changed. Beside them, in the same run, two floors: the
same interpreter starting and printing its version, and a bare client that makes
two collections, uploads the same people and reminders into them in one request
each (as Afterword's own contacts and .ics exports write them) and asks for a
sync-token (what the server itself costs for that). Each row:
wall and CPU time of the process, and the server's CPU time meanwhile (Radicale
runs on this machine).

Twice: with the server's files in memory (the server's work alone, as the tests
run it), then on disk, where Radicale syncs each file it writes to the disk (a
few per card or entry): there the disk's sync time dominates, the floor shows
how much.

The data is the "stress" shape of bench/datasets.py (every thank-you note open):
about 2,200 reminder entries beside the 2,000 cards. Each run takes a fresh account
and a fresh copy of the database; the steps take turns; medians of 5 runs in
memory and 5 on disk.

    PYTHONPATH=desktop python bench/bench_sync.py [--runs N] [--disk-runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the Radicale the tests start
sys.path.insert(0, str(HERE))

from datasets import OUT, database  # noqa: E402
from processes import run  # noqa: E402

from afterword.core.calendar import CalendarOptions, collect_specs  # noqa: E402
from afterword.core.domain import Contact  # noqa: E402
from afterword.core.store import Store  # noqa: E402
from dav_server import Radicale  # noqa: E402

PEOPLE = 2_000
AFTERWORD = [sys.executable, "-m", "afterword"]
BARE_UPLOAD = """
import sys, httpx
url, user, cards, calendar = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
ns = 'xmlns:D="DAV:" xmlns:A="urn:ietf:params:xml:ns:carddav"'
book = f'<D:mkcol {ns}><D:set><D:prop><D:resourcetype><D:collection/><A:addressbook/></D:resourcetype>' \\
       '</D:prop></D:set></D:mkcol>'
token = ('<D:sync-collection xmlns:D="DAV:"><D:sync-token/><D:sync-level>1</D:sync-level>'
         '<D:prop><D:getetag/></D:prop></D:sync-collection>')
with httpx.Client(auth=(user, "secret"), timeout=300) as c:
    c.request("MKCOL", f"{url}/{user}/bare-book/", content=book.encode()).raise_for_status()
    c.request("MKCALENDAR", f"{url}/{user}/bare-calendar/").raise_for_status()
    for where, path, kind in (("bare-book", cards, "text/vcard"),
                              ("bare-calendar", calendar, "text/calendar")):
        where = f"{url}/{user}/{where}/"
        with open(path, "rb") as body:
            c.put(where, content=body.read(), headers={"Content-Type": kind}).raise_for_status()
        # A sync-token, as any client that syncs later asks for one.
        c.request("REPORT", where, content=token.encode(), headers={"Depth": "0"}).raise_for_status()
"""
STEPS = ("floor (interpreter)", "bare upload (server floor)", "first sync", "no-change sync")


def server_cpu(pid: int) -> float:
    """CPU seconds a process has used so far (user + system, all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(server: Radicale, cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall and CPU seconds of one process, and the server's CPU seconds meanwhile."""
    before = server_cpu(server.process.pid)
    result = run(cmd, env)
    return result.wall, result.cpu, server_cpu(server.process.pid) - before


def one_round(server: Radicale, source: Path, folder: Path, files: tuple[Path, Path], n: int,
              rows: dict[str, list]) -> None:
    user = server.add_user()
    env = {**os.environ, "AFTERWORD_DAV_PASSWORD": user.password, "AFTERWORD_PHONE_REGION": "US"}
    db = folder / f"run-{n}.db"
    shutil.copyfile(source, db)
    rows[STEPS[0]].append(measured(server, [*AFTERWORD, "--version"], env))
    rows[STEPS[1]].append(measured(server, [sys.executable, "-c", BARE_UPLOAD, server.url, user.name,
                                            *map(str, files)], env))
    rows[STEPS[2]].append(measured(server, [*AFTERWORD, "sync", "--db", str(db), "--url", server.url,
                                            "--user", user.name], env))
    rows[STEPS[3]].append(measured(server, [*AFTERWORD, "sync", "--db", str(db)], env))
    db.unlink()


def exported(source: Path, folder: Path) -> tuple[Path, Path]:
    """The people as vCard 3.0 (what sync sends) and the open reminders as one
    calendar, written by Afterword's own exports: what the bare client uploads."""
    cards, calendar = folder / "people.vcf", folder / "reminders.ics"
    for command in (["contacts", "export", "--vcard-version", "3.0", "--out", str(cards)],
                    ["ics", "--out", str(calendar)]):
        subprocess.run([*AFTERWORD, *command, "--db", str(source)], check=True, capture_output=True)
    return cards, calendar


def measure(folder: Path, source: Path, files: tuple[Path, Path], runs: int, *,
            in_memory: bool) -> dict[str, list]:
    """`runs` rounds of the steps against a server keeping its files in memory or on disk."""
    (folder / "radicale").mkdir()
    server = Radicale(folder / "radicale", in_memory=in_memory)
    rows: dict[str, list] = {step: [] for step in STEPS}
    try:
        for n in range(runs):
            one_round(server, source, folder, files, n, rows)
    finally:
        server.stop()
        shutil.rmtree(folder / "radicale", ignore_errors=True)
    return rows


def report(storage: str, rows: dict[str, list]) -> None:
    floor = statistics.median(wall for wall, _, _ in rows[STEPS[0]])
    for step, measures in rows.items():
        wall, cpu, served = (statistics.median(m[i] for m in measures) for i in range(3))
        over = "" if step == STEPS[0] else f"{wall - floor:.2f}"
        print(f"{storage} | {step} | {len(measures)} | {wall:.2f} | {cpu:.2f} | {served:.2f} | {over}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="rounds with the server's files in memory")
    parser.add_argument("--disk-runs", type=int, default=5, help="rounds with them on disk")
    args = parser.parse_args()
    source = database("stress", PEOPLE)
    store = Store.open(source)
    counts = store.count(Contact), len(collect_specs(store, CalendarOptions())[0])
    store.close()
    import radicale

    print(f"Sync with a local Radicale {radicale.VERSION}: {counts[0]:,} people, {counts[1]:,} reminder "
          "entries (whole processes; medians of the runs shown, steps interleaved)")
    print("server's files | step | runs | wall s | CPU s | server CPU s | over floor s")
    # Under bench/out: on disk, where the data is (a temporary folder may be in memory).
    with tempfile.TemporaryDirectory(prefix="sync-", dir=OUT) as name:
        files = exported(source, Path(name))
        report("in memory", measure(Path(name), source, files, args.runs, in_memory=True))
        report("on disk", measure(Path(name), source, files, args.disk_runs, in_memory=False))


if __name__ == "__main__":
    main()
