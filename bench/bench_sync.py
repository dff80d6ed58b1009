"""`afterword sync` against a local Radicale, as whole processes: the first sync of
a database (every contact a new card, every open reminder a new event), then a
sync with nothing changed. Beside them, two floors in the same run: the same
interpreter starting and printing its version, and a bare client that PUTs the
same number of cards to the same server with nothing else (what the server itself
costs). Wall and CPU time of the sync process (the CPU is the client's own work;
the rest of the wall time is the server's).

Radicale checks each new card's UID against every card already in the address
book, so creating n cards costs it O(n²): the first sync of a large address book
is bound by the server (see the bare-PUT floor), not by Afterword.

Medians of 5 interleaved runs for 500 contacts and for the no-change sync of 2,000;
the first sync of 2,000 (minutes of server time) once, beside its floor.

    PYTHONPATH=desktop python bench/bench_sync.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the Radicale the tests start
sys.path.insert(0, str(HERE))

from datagen import generate  # noqa: E402

from afterword.core.store import Store  # noqa: E402
from dav_server import Radicale  # noqa: E402

RUNS = 5
AFTERWORD = [sys.executable, "-m", "afterword"]
TODAY = date(2026, 11, 23)
BARE_PUTS = """
import sys, httpx
url, user, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = ('<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
        '<D:set><D:prop><D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>'
        '</D:prop></D:set></D:mkcol>')
with httpx.Client(auth=(user, "secret"), timeout=60) as c:
    c.request("MKCOL", f"{url}/{user}/bare/", content=body.encode())
    for i in range(count):
        card = (f"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nUID:bare-{i}\\r\\nFN:Pat Person{i}\\r\\n"
                f"N:Person{i};Pat;;;\\r\\nEMAIL:pat{i}@example.com\\r\\nTEL;TYPE=CELL:+1 206 555 {i:04d}"
                f"\\r\\nEND:VCARD\\r\\n")
        c.put(f"{url}/{user}/bare/bare-{i}.vcf", content=card.encode(),
              headers={"If-None-Match": "*", "Content-Type": "text/vcard"}).raise_for_status()
"""


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def database(folder: Path, contacts: int) -> Path:
    path = folder / f"sync-{contacts}.db"
    if not path.exists():
        store = Store.open(path)
        store.put_many(generate(contacts, TODAY))
        store.close()
    return path


def copy(path: Path, folder: Path, name: str) -> Path:
    out = folder / name
    out.write_bytes(path.read_bytes())
    return out


def measure(server: Radicale, folder: Path, contacts: int, runs: int) -> dict[str, list]:
    source = database(folder, contacts)
    steps: dict[str, list] = {"floor": [], "bare PUTs": [], "first sync": [], "no-change sync": []}
    for n in range(runs):
        user = server.add_user()
        env = {"AFTERWORD_DAV_PASSWORD": user.password, "AFTERWORD_PHONE_REGION": "US"}
        db = copy(source, folder, f"run-{contacts}-{n}.db")
        steps["floor"].append(run([*AFTERWORD, "--version"]))
        steps["bare PUTs"].append(run([sys.executable, "-c", BARE_PUTS, server.url, user.name,
                                       str(contacts)]))
        steps["first sync"].append(run([*AFTERWORD, "sync", "--db", str(db), "--url", server.url,
                                        "--user", user.name], env))
        steps["no-change sync"].append(run([*AFTERWORD, "sync", "--db", str(db)], env))
    return steps


def quiet_syncs(server: Radicale, folder: Path, contacts: int, runs: int) -> dict[str, list]:
    """The no-change sync of an already synced database, `runs` times, beside the floor."""
    source = database(folder, contacts)
    user = server.add_user()
    env = {"AFTERWORD_DAV_PASSWORD": user.password, "AFTERWORD_PHONE_REGION": "US"}
    db = copy(source, folder, f"quiet-{contacts}.db")
    steps: dict[str, list] = {"floor": [], "bare PUTs": [], "first sync": [], "no-change sync": []}
    steps["bare PUTs"].append(run([sys.executable, "-c", BARE_PUTS, server.url, user.name,
                                   str(contacts)]))
    steps["first sync"].append(run([*AFTERWORD, "sync", "--db", str(db), "--url", server.url,
                                    "--user", user.name], env))
    for _ in range(runs):
        steps["floor"].append(run([*AFTERWORD, "--version"]))
        steps["no-change sync"].append(run([*AFTERWORD, "sync", "--db", str(db)], env))
    return steps


def report(contacts: int, steps: dict[str, list]) -> None:
    floor = statistics.median(w for w, _ in steps["floor"])
    for step, rows in steps.items():
        wall = statistics.median(w for w, _ in rows)
        cpu = statistics.median(c for _, c in rows)
        over = "" if step == "floor" else f"{wall - floor:.2f}"
        print(f"{contacts:,} | {step} | {len(rows)} | {wall:.2f} | {cpu:.2f} | {over}")


def main() -> None:
    print("Sync with a local Radicale (whole processes; medians of the runs shown)")
    print("contacts | step | runs | wall s | CPU s | over floor s")
    with tempfile.TemporaryDirectory(prefix="afterword-bench-sync-") as name:
        folder = Path(name)
        (folder / "radicale").mkdir()
        server = Radicale(folder / "radicale")
        try:
            report(500, measure(server, folder, 500, RUNS))
            report(2_000, quiet_syncs(server, folder, 2_000, RUNS))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
