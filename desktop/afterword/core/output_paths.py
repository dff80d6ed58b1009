"""Where Afterword may write a file: never over a database.

An export, a calendar, a PDF, a letter or a backup written over the open database
(or its -wal/-shm/-journal, or a link to any of them) would replace the user's
records with something else. Every writer asks `check_output_path` first; a
writer added later (contacts export, a printed brief) calls it too.

The databases open in this process are remembered here by the store as it opens
and closes them: the guard must hold for every writer, including ones that were
never handed the store, so this is process-wide knowledge, like the open files
themselves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from afterword.core.errors import AfterwordError

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
_SQLITE_MAGIC = b"SQLite format 3\x00"

# Real path of each database open in this process → how many stores have it open.
# The window's worker threads open and close stores of their own meanwhile.
_open_databases: dict[Path, int] = {}
_counting = threading.Lock()


class DatabaseTarget(AfterwordError):
    """The chosen output file is a database (or one of its files); nothing was written."""


def remember_open_database(path: Path) -> None:
    real = _real(path)
    with _counting:
        _open_databases[real] = _open_databases.get(real, 0) + 1


def forget_open_database(path: Path) -> None:
    real = _real(path)
    with _counting:
        left = _open_databases.get(real, 0) - 1
        if left > 0:
            _open_databases[real] = left
        else:
            _open_databases.pop(real, None)


def open_databases() -> list[Path]:
    with _counting:
        return list(_open_databases)


def database_files(db: str | os.PathLike[str]) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    real = _real(db)
    return [real, *(real.with_name(real.name + s) for s in COMPANION_SUFFIXES)]


def check_output_path(out: str | os.PathLike[str], databases: Iterable[str | os.PathLike[str]] = (),
                      ) -> None:
    """Refuse (DatabaseTarget) to write `out` when it is, or would replace, one of
    `databases` or a database open in this process, or one of their -wal, -shm or
    -journal files: by name after following symlinks (also for a file not yet
    there), or as the same file under another name (a hard link)."""
    out = Path(out).expanduser()
    target = _real(out)
    same = _identity(out)
    for db in {*map(_real, databases), *_open_databases}:
        for protected in database_files(db):
            if target == protected or (same is not None and same == _identity(protected)):
                raise DatabaseTarget(_refusal(out, db, protected))


def check_input_path(path: str | os.PathLike[str]) -> None:
    """Refuse to read, with a plain file handle, a database open in this process or
    one of its files (a contacts file, a photo, an interchange file chosen by
    mistake): closing that handle would drop the locks SQLite holds on it, and
    another program could then remove its WAL underneath."""
    try:
        check_output_path(path)
    except DatabaseTarget as exc:
        raise DatabaseTarget(str(exc).replace("; choose another file name (nothing was written)",
                                              "; choose another file (nothing was read)")) from None


def check_output_stream(stream: IO[Any], name: str = "standard output") -> None:
    """Refuse to write an export to an open stream (standard output sent to a file)
    that is a database open in this process or one of its files."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to guard
        return
    for db in _open_databases:
        for protected in database_files(db):
            if (info.st_dev, info.st_ino) == _identity(protected):
                raise DatabaseTarget(f"{name} is the database {db}; send it to another file "
                                     f"(nothing was written)")


def check_export_path(out: str | os.PathLike[str], databases: Iterable[str | os.PathLike[str]] = (),
                      ) -> None:
    """`check_output_path`, and also refuse to replace any SQLite database or one of
    its companion files (a database another program has open is not known here):
    an export, a calendar, a PDF or a letter never belongs there."""
    check_output_path(out, databases)
    out = Path(out).expanduser()
    base = out
    for suffix in COMPANION_SUFFIXES:
        if out.name.endswith(suffix):
            base = out.with_name(out.name[: -len(suffix)])
    # Safe to read: it is not a database open in this process (checked above), so
    # closing this handle cannot drop SQLite's locks on it.
    if _is_sqlite(base):
        what = "a database file" if base == out else f"a file of the database {base.name}"
        raise DatabaseTarget(f"{out} is {what}; choose another file name (nothing was written)")


def check_backup_path(out: str | os.PathLike[str], source: str | os.PathLike[str] | None) -> None:
    """A backup may replace an older backup, but never `source`, a database open in
    this process, or a database in use elsewhere (its -wal or -shm is beside it:
    the rename would leave that program writing to a file no one can see)."""
    check_output_path(out, [source] if source is not None else [])
    out = Path(out).expanduser()
    for suffix in ("-wal", "-shm"):
        beside = out.with_name(out.name + suffix)
        if beside.exists():
            raise DatabaseTarget(f"{out} is a database in use ({beside.name} is beside it); "
                                 f"choose another file name (nothing was written)")


def _refusal(out: Path, db: Path, protected: Path) -> str:
    what = "the database" if protected == db else f"a file of the database ({protected.name})"
    return f"{out} is {what} {db}; choose another file name (nothing was written)"


def _real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == _SQLITE_MAGIC
    except (OSError, ValueError):
        return False
