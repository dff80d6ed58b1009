"""Generated databases and interchange files, cached under bench/out/ so reruns
are quick. A cached file is rebuilt when the generator, the schema or the week
changes (the data is dated around the day it was made, as the app reads the
computer's clock)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent / "desktop"))
sys.path.insert(0, str(HERE))


def _fingerprint() -> str:
    from afterword.core.migrations import SCHEMA_VERSION

    source = (HERE / "datagen.py").read_bytes()
    return f"s{SCHEMA_VERSION}-{hashlib.sha256(source).hexdigest()[:8]}"


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _fresh(path: Path) -> bool:
    stamp = _stamp_path(path)
    if not path.exists() or not stamp.exists():
        return False
    made = date.fromisoformat(json.loads(stamp.read_text())["today"])
    return 0 <= (date.today() - made).days < 7


def today_of(path: Path) -> date:
    """The day a cached file's data is dated around."""
    return date.fromisoformat(json.loads(_stamp_path(path).read_text())["today"])


def database(shape: str, contacts: int) -> Path:
    """A database of `contacts` people in `shape` (see datagen), built if needed, in a
    process of its own: a process's peak RSS (wait4) counts from its parent's memory
    at the moment it starts, so a bench that had built 100k people in itself would
    report every process it measured after that as at least as large."""
    path = OUT / f"{shape}-{contacts}-{_fingerprint()}.db"
    if not _fresh(path):
        subprocess.run([sys.executable, __file__, shape, str(contacts)], check=True, env=child_env())
    return path


def _build(shape: str, contacts: int) -> None:
    from datagen import generate

    from afterword.core.store import Store

    OUT.mkdir(exist_ok=True)
    path = OUT / f"{shape}-{contacts}-{_fingerprint()}.db"
    for old in OUT.glob(f"{shape}-{contacts}-*"):
        old.unlink()
    today = date.today()
    started = time.perf_counter()
    print(f"  (generating {shape} data for {contacts:,} people …)", file=sys.stderr, flush=True)
    building = path.with_name(path.name + ".partial")
    for leftover in OUT.glob(building.name + "*"):
        leftover.unlink()
    store = Store.open(building)
    records = 0
    for batch in generate(shape, contacts, today):
        store.put_many(batch)
        records += len(batch)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    building.rename(path)
    for extra in OUT.glob(building.name + "-*"):
        extra.unlink()
    _stamp_path(path).write_text(json.dumps({
        "shape": shape, "contacts": contacts, "records": records, "today": today.isoformat(),
        "seconds": round(time.perf_counter() - started, 1)}))


def records_in(path: Path) -> int:
    return json.loads(_stamp_path(path).read_text())["records"]


def interchange_file(shape: str, contacts: int) -> Path:
    """The interchange export of database(shape, contacts), made by `afterword export`."""
    db = database(shape, contacts)
    path = db.with_suffix(".json")
    if path.exists() and path.stat().st_mtime >= db.stat().st_mtime:
        return path
    subprocess.run([sys.executable, "-m", "afterword", "export", "--db", str(db), "--out", str(path)],
                   check=True, env=child_env())
    return path


def copy_of(path: Path, name: str) -> Path:
    """A scratch copy of a cached database (a run may write to it)."""
    scratch = OUT / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    target = scratch / name
    for old in scratch.glob(name + "*"):
        old.unlink()
    shutil.copyfile(path, target)
    return target


def child_env(**extra: str) -> dict[str, str]:
    """The environment for measured processes: headless, the checkout's code with its
    bytecode cached, the bench's own settings folder (never the user's window state)."""
    import os

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured as a user starts it: bytecode cached
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(HERE.parent / "desktop")
    config = OUT / "config"
    config.mkdir(parents=True, exist_ok=True)
    env["XDG_CONFIG_HOME"] = str(config)
    env["XDG_DATA_HOME"] = str(OUT / "share")
    env["AFTERWORD_DATA_DIR"] = str(OUT / "data")
    env.update(extra)
    return env


def forget_window_state() -> None:
    """Remove the settings measured processes saved (child_env's folder)."""
    import shutil

    shutil.rmtree(OUT / "config" / "Afterword", ignore_errors=True)


def empty_database() -> Path:
    """A database with the current schema and no records (the import floor's start)."""
    from afterword.core.store import Store

    OUT.mkdir(exist_ok=True)
    path = OUT / f"empty-{_fingerprint()}.db"
    if not path.exists():
        for old in OUT.glob("empty-*"):
            old.unlink()
        Store.open(path).close()
    return path


if __name__ == "__main__":  # database() builds each file this way
    _build(sys.argv[1], int(sys.argv[2]))
