"""The store's SQLite connection, with sqlite-utils loaded when first needed.

Importing sqlite-utils takes a sixth of a start (it brings click, pluggy and its
plugin machinery), while opening a file that is up to date and reading the first
page only runs plain SQL. So `Database` runs SQL on the connection itself, as
sqlite-utils' `execute` does, and makes the sqlite-utils wrapper (`library`) the
first time something needs more: a schema migration.
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

Parameters = Sequence[Any] | dict[str, Any]

# Statements that begin or end a transaction themselves: never committed for them.
_TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")
_savepoints = itertools.count(1)


def json_array(values: Iterable[str]) -> str:
    """Many values as one statement parameter, read back in SQL with json_each(?)."""
    import json  # on first use: opening the window needs none

    return json.dumps(list(values))


class Database:
    """One SQLite connection: `execute` and `query` as sqlite-utils has them, the
    rest of sqlite-utils through `library`."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._library: sqlite_utils.Database | None = None
        # As sqlite-utils sets on every connection it wraps: a trigger's own writes
        # fire triggers too (the search and contact-facts triggers rely on it).
        conn.execute("PRAGMA recursive_triggers = on")

    def execute(self, sql: str, parameters: Parameters | None = None) -> sqlite3.Cursor:
        """Run one statement. A write outside a transaction is committed at once;
        inside one it joins it. A failed statement leaves no transaction open
        that it began (sqlite-utils' rules for `execute`)."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and conn.in_transaction and cursor.description is None
                and not sql.lstrip().upper().startswith(_TRANSACTION_CONTROL)):
            conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, params: Parameters | None = None) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT, each as a dict by column name (a repeated name
        gets _2, _3 … as in sqlite-utils)."""
        cursor = self.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() is for SQL that returns rows; use execute()")
        keys = _unique_keys([d[0] for d in cursor.description])
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextmanager
    def savepoint(self) -> Iterator[Database]:
        """Part of the transaction under way (opening.write_transaction), undone on
        its own on an error: what sqlite-utils' `atomic` does inside a transaction,
        without a save waiting for sqlite-utils' import."""
        conn = self.conn
        if not conn.in_transaction:
            raise RuntimeError("a savepoint belongs inside a transaction")
        name = f"afterword_{next(_savepoints)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            # An error such as a RAISE(ROLLBACK) trigger may have ended the whole
            # transaction, savepoint and all: then there is nothing left to undo.
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")

    def close(self) -> None:
        self.conn.close()

    @property
    def library(self) -> sqlite_utils.Database:
        """sqlite-utils' wrapper of this same connection, made when first asked for."""
        if self._library is None:
            Database_ = import_sqlite_utils()
            # recursive_triggers: already set; plugins: none is wanted here, and
            # looking for them reads every installed package's metadata.
            self._library = Database_(self.conn, recursive_triggers=False, execute_plugins=False)
        return self._library


def import_sqlite_utils() -> type[sqlite_utils.Database]:
    """sqlite-utils' Database class. sqlite-utils imports NumPy and pandas when
    they are installed, to map their number types to columns; Afterword stores
    none of them, and NumPy (there for card reading) would add its import time.
    So sqlite-utils is imported without them unless they are loaded already."""
    with _not_importable_here("numpy", "pandas"):
        from sqlite_utils.db import Database as Library
    return Library


class _Refuse:
    """Makes importing `names` fail in one thread; other threads (a card being
    read on a worker thread imports NumPy) import them as usual. A finder on
    sys.meta_path needs only find_spec; importlib.abc's base class would load
    importlib.resources with every start."""

    def __init__(self, names: tuple[str, ...]):
        self.names, self.thread = names, threading.get_ident()

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname in self.names and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"{fullname} is not imported here", name=fullname)
        return None


@contextmanager
def _not_importable_here(*names: str) -> Iterator[None]:
    refuse = _Refuse(names)
    # A new list rather than an insertion: an import under way in another thread
    # goes on through the list it started with.
    sys.meta_path = [refuse, *sys.meta_path]
    try:
        yield
    finally:
        sys.meta_path = [finder for finder in sys.meta_path if finder is not refuse]


def _unique_keys(keys: list[str]) -> list[str]:
    if len(set(keys)) == len(keys):
        return keys
    taken, seen, unique = set(keys), set(), []
    for key in keys:
        if key in seen:
            name, suffix = key, 2
            while name in seen or name in taken:
                name, suffix = f"{key}_{suffix}", suffix + 1
            key = name
        seen.add(key)
        unique.append(key)
    return unique
