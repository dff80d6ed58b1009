"""Automatic snapshots of a database, and restoring one.

A snapshot is a consistent copy made with SQLite's backup API (never a file copy,
which could catch a write half done), owner-only, in the user's data folder under
`backups/<database name>-<key>/`, one folder per database file. One is taken each
day the database is used; the newest of each of the last KEEP_DAILY days and of
each of the KEEP_WEEKLY weeks before them are kept.

Restoring copies the snapshot into the open database through the same API, in one
write transaction (other programs with the file open see one change, never a
swapped file), after keeping the database as it was as a snapshot of its own: a
restore can itself be undone by restoring that one.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from afterword.core import file_lock, opening
from afterword.core.errors import StoreError
from afterword.core.migrations import SCHEMA_VERSION
from afterword.core.store import Store, backup_to

KEEP_DAILY = 7
KEEP_WEEKLY = 4
DAILY, BEFORE_RESTORE = "daily", "before-restore"
_NAME = re.compile(r"^(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})-(?P<reason>[a-z-]+)\.db$")
_STAMP = "%Y-%m-%d_%H%M%S"
# Held while the day's snapshot is taken; how long another taker waits for it.
LOCK_NAME, LOCK_WAIT = ".daily.lock", 120.0
# What a listing counts, in the words a user reads.
COUNTED = {"contacts": "people", "companies": "companies", "opportunities": "roles",
           "interviews": "rounds", "thank_you_notes": "notes"}


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken: datetime  # local time, as named
    reason: str
    counts: dict[str, int] = field(default_factory=dict, compare=False)

    def describe(self) -> str:
        """'2026-11-24 09:30  daily  42 people, 7 companies, …'"""
        what = ", ".join(f"{n:,} {word}" for word, n in self.counts.items()) or "unreadable"
        return f"{self.taken:%Y-%m-%d %H:%M}  {self.reason:<14}  {what}"


def snapshot_folder(data_dir: Path, db_path: Path) -> Path:
    """The folder of one database's snapshots (by its real path: two names for one
    file share it)."""
    real = Path(os.path.realpath(db_path))
    key = hashlib.sha256(str(real).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return Path(data_dir) / "backups" / f"{real.stem}-{key}"


def list_snapshots(folder: Path, *, counts: bool = True) -> list[Snapshot]:
    """The snapshots in `folder`, newest first (with record counts)."""
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match["stamp"], _STAMP)
            found.append(Snapshot(path, taken, match["reason"], _counts(path) if counts else {}))
    return sorted(found, key=lambda s: s.taken, reverse=True)


def snapshot_due(folder: Path, today: date) -> bool:
    """True when no snapshot was taken today."""
    return not any(s.taken.date() == today for s in list_snapshots(folder, counts=False))


def take_snapshot(store: Store, folder: Path, now: datetime, reason: str = DAILY) -> Path:
    """A consistent, owner-only copy of the open database in `folder` (made under a
    name of its own and moved into place whole: two taken at once never collide)."""
    _private_folder(folder)
    path = folder / f"{now:{_STAMP}}-{reason}.db"
    backup_to(store.db, path, store.path)
    return path


def rotate(folder: Path) -> list[Path]:
    """Delete the snapshots that are no longer kept; the ones removed. Kept: every
    snapshot of the KEEP_DAILY most recent days that have one, then the newest of
    each of the KEEP_WEEKLY weeks before them."""
    snapshots = list_snapshots(folder, counts=False)
    days = sorted({s.taken.date() for s in snapshots}, reverse=True)[:KEEP_DAILY]
    keep = {s.path for s in snapshots if s.taken.date() in days}
    weeks: list[tuple[int, int]] = []
    for s in snapshots:  # newest first: the first seen of a week is its newest
        week = s.taken.isocalendar()[:2]
        if s.path in keep or s.taken.date() >= min(days, default=date.max):
            continue
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(s.path)
    removed = [s.path for s in snapshots if s.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def daily_snapshot(store: Store, folder: Path, now: datetime) -> Path | None:
    """Take today's snapshot if there is none yet (and the database holds people or
    companies), and rotate; the new file or None.

    Programs and threads taking it at once (the window and an import starting
    together) take turns: the first takes it, the others find it taken. One that
    waited LOCK_WAIT seconds leaves it to the one still at work."""
    if store.path is None:
        return None
    _private_folder(folder)
    with file_lock.exclusive(folder / LOCK_NAME, LOCK_WAIT) as held:
        if not held or not snapshot_due(folder, now.date()):
            return None
        if not store.db.execute("SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS "
                                "(SELECT 1 FROM companies)").fetchone()[0]:
            return None
        path = take_snapshot(store, folder, now)
        rotate(folder)
    return path


def restore(store: Store, snapshot: Path, folder: Path, now: datetime) -> Path:
    """Put the open database back to `snapshot`; returns the snapshot of the
    database as it was just before (to undo the restore with). Raises StoreError
    (nothing changed) when the snapshot is damaged or not an Afterword database."""
    if store.read_only:
        raise StoreError(f"{store.path} is read-only; nothing was restored")
    source = sqlite3.connect(f"{Path(snapshot).resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = opening.inspect(source, Path(snapshot))
        finding = opening.quick_check(source)
        if version is None or finding is not None:
            raise StoreError(f"the backup {Path(snapshot).name} cannot be restored: "
                             f"{finding or 'it holds no Afterword database'}; nothing was changed")
        kept = take_snapshot(store, folder, now, BEFORE_RESTORE)
        try:
            source.backup(store.db.conn)  # one write transaction on the open file
        except sqlite3.Error as exc:
            raise StoreError(f"cannot restore {Path(snapshot).name}: {exc}; nothing was "
                             f"changed") from None
    finally:
        source.close()
    conn = store.db.conn
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    if version < SCHEMA_VERSION:
        opening.create_or_upgrade(store.db, store.path, version)
    return kept


def _private_folder(folder: Path) -> None:
    """`folder` and each missing parent made owner-only (mkdir's `mode` covers only
    the last one)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def _counts(path: Path) -> dict[str, int]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}
    try:
        return {word: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table, word in COUNTED.items()}
    except sqlite3.Error:
        return {}
    finally:
        conn.close()
