"""Opening the database file safely: private before SQLite sees it, inspected
through SQLite only, created or upgraded in one write transaction.

- Permissions: SQLite gives the -wal and -shm files the main file's mode, so the
  main file (and any companions left over) are made owner-only before the first
  connection; a folder is created owner-only.
- Never open the database with anything but SQLite while it may be open in this
  process: on POSIX, closing any handle on a file drops every lock this process
  holds on it, and a writer elsewhere then checkpoints and removes the WAL under
  the open connection ("database disk image is malformed").
- A new file gets its whole schema in one transaction: a crash leaves the file as
  new as it was. A file holding no Afterword tables and no data (what such a crash
  left behind with an earlier version) counts as new.
- A file on a read-only medium, or that this user may not write, opens read-only.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from afterword.core.database import Database
from afterword.core.errors import NewerDatabase, NotAfterwordDatabase, StoreError
from afterword.core.migrations import APP_ID, SCHEMA_VERSION, migrations
from afterword.core.output_paths import COMPANION_SUFFIXES

# Tables a half-made file from an earlier version may hold without being a database
# yet: the migrations' own bookkeeping (committed before the first step) and SQLite's.
_BOOKKEEPING = {"_sqlite_migrations", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


class DamagedDatabase(StoreError):
    """The file is an Afterword database whose pages are damaged."""


def make_private(path: Path) -> None:
    """Owner-only permissions on the database and the files SQLite keeps beside
    it, before SQLite opens them (its -wal/-shm copy the main file's mode)."""
    for file in (path, *(path.with_name(path.name + s) for s in COMPANION_SUFFIXES)):
        try:
            mode = stat.S_IMODE(os.stat(file).st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)
        except FileNotFoundError:
            continue
        except OSError:
            pass  # not ours to change (another owner, a read-only medium): opened as it is


def is_read_only_place(path: Path) -> bool:
    """True when the file (or, for WAL's companions, its folder) cannot be written
    by this user: a read-only medium, or permissions."""
    if path.exists():
        mode = path.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
            return True
    folder = path.parent
    return folder.exists() and not os.access(folder, os.W_OK | os.X_OK)


def connect(path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    """One connection to `path`; `timeout` is how long a write waits for the lock."""
    if not read_only:
        return sqlite3.connect(path, timeout=timeout)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    # A WAL file whose -shm cannot be made on a read-only medium: read the file as
    # it is, unless a -wal beside it still holds changes that would be missed.
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        raise StoreError(f"{path} is on a read-only medium with unsaved changes in {wal.name}; "
                         f"copy both files to a writable folder to open them")
    return sqlite3.connect(f"{uri}&immutable=1", uri=True, timeout=timeout)


def inspect(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of the file behind `conn`; None when it is new (empty,
    or only bookkeeping from an interrupted first creation). Raises
    NotAfterwordDatabase / NewerDatabase, having changed nothing."""
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        what = "not SQLite" if "not a database" in str(exc) else str(exc)
        raise NotAfterwordDatabase(f"{path} is not an Afterword database ({what})") from None
    if tables <= _BOOKKEEPING and not _other_bookkeeping(conn, tables):
        return None
    if "meta" not in tables:
        raise NotAfterwordDatabase(f"{path} is an SQLite file but not an Afterword database")
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as exc:
        raise NotAfterwordDatabase(f"{path} cannot be read as a database: {exc}") from None
    if meta.get("app") != APP_ID:
        raise NotAfterwordDatabase(f"{path} is an SQLite file but not an Afterword database")
    version = int(meta.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        raise NewerDatabase(
            f"{path} was written by a newer Afterword (schema {version}; "
            f"this version knows up to {SCHEMA_VERSION}); it was left untouched"
        )
    return version


def _other_bookkeeping(conn: sqlite3.Connection, tables: set[str]) -> bool:
    """True when the migrations table records another program's steps (then the
    file is that program's, not a half-made Afterword file)."""
    if "_sqlite_migrations" not in tables:
        return False
    try:
        sets = {r[0] for r in conn.execute("SELECT DISTINCT migration_set FROM _sqlite_migrations")}
    except sqlite3.DatabaseError:
        return True  # not the table sqlite-utils makes: someone else's
    return bool(sets - {APP_ID})


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT: the write lock is taken first (waiting up to the
    busy timeout for another writer), so a transaction that reads before it
    writes can never fail half-way for want of the lock."""
    conn = db.conn
    if conn.in_transaction:
        with db.savepoint():  # inside the caller's transaction
            yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def create_or_upgrade(db: Database, path: Path, version: int | None) -> None:
    """Bring the file to SCHEMA_VERSION in one write transaction; for a new file
    that is the whole schema at once. Checked again under the write lock: another
    process may have created or upgraded it meanwhile."""
    with write_transaction(db):
        now = inspect(db.conn, path)
        if now == SCHEMA_VERSION:
            return
        if now is None:
            # Leftovers of an interrupted first creation by an earlier version.
            db.execute("DROP TABLE IF EXISTS _sqlite_migrations")
        migrations.apply(db.library)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None when SQLite's quick check finds the file sound, else its first finding."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = rows[0][0] if rows else "no answer"
    return None if first == "ok" else str(first)


def damaged_message(path: Path | None, finding: str) -> str:
    """What to say, and what to do, when the quick check fails."""
    where = str(path) if path else "the database"
    return (f"{where} is damaged ({finding}). Nothing was changed. Restore a backup: File ▸ "
            f"Restore from Backup… or 'afterword backup --list'; 'afterword export' may still "
            f"save what can be read")
