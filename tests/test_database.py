"""The store's connection runs SQL as sqlite-utils does (so nothing changes for
the code above it) and hands out sqlite-utils itself on the same connection."""

from __future__ import annotations

import importlib
import sqlite3
import subprocess
import sys
import threading

import pytest

from afterword.core import database
from afterword.core.database import Database


@pytest.fixture
def pair(tmp_path):
    """The database under test and a second connection to see what is committed."""
    path = tmp_path / "t.db"
    db = Database(sqlite3.connect(path))
    db.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
    other = sqlite3.connect(path)
    yield db, other
    other.close()
    db.close()


def test_a_write_outside_a_transaction_is_committed_at_once(pair):
    db, other = pair
    db.execute("INSERT INTO t(b) VALUES (?)", ["x"])
    assert not db.conn.in_transaction
    assert other.execute("SELECT b FROM t").fetchall() == [("x",)]


def test_a_write_inside_a_transaction_joins_it(pair):
    db, other = pair
    db.conn.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t(b) VALUES ('x')")
    assert db.conn.in_transaction
    db.conn.execute("ROLLBACK")
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_a_failed_write_leaves_no_transaction_open(pair):
    db, other = pair
    db.execute("INSERT INTO t(a, b) VALUES (1, 'x')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t(a, b) VALUES (1, 'y')")
    assert not db.conn.in_transaction
    other.execute("INSERT INTO t(b) VALUES ('z')")  # the write lock is free
    other.commit()


def test_query_gives_rows_by_name_and_a_repeated_name_a_suffix(pair):
    db, _ = pair
    db.execute("INSERT INTO t(a, b) VALUES (1, 'x')")
    assert list(db.query("SELECT a, b, b FROM t WHERE a = ?", [1])) == [{"a": 1, "b": "x", "b_2": "x"}]
    with pytest.raises(ValueError):
        db.query("DELETE FROM t")


def test_triggers_fire_from_a_triggers_own_writes(pair):
    db, _ = pair
    assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_sqlite_utils_works_on_the_same_connection_inside_its_transaction(pair):
    db, other = pair
    db.conn.execute("BEGIN IMMEDIATE")
    with db.savepoint():
        db.execute("INSERT INTO t(b) VALUES ('inner')")
    assert db.library.conn is db.conn
    assert db.library.table_names() == ["t"]
    db.conn.execute("COMMIT")
    assert other.execute("SELECT b FROM t").fetchall() == [("inner",)]


def test_a_failed_savepoint_undoes_only_its_own_writes(pair):
    db, other = pair
    db.conn.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t(b) VALUES ('kept')")
    with pytest.raises(RuntimeError), db.savepoint():
        db.execute("INSERT INTO t(b) VALUES ('undone')")
        raise RuntimeError("the action failed")
    assert db.conn.in_transaction
    db.conn.execute("COMMIT")
    assert other.execute("SELECT b FROM t").fetchall() == [("kept",)]


def test_a_savepoint_needs_a_transaction(pair):
    db, _ = pair
    with pytest.raises(RuntimeError), db.savepoint():
        pass
    assert not db.conn.in_transaction


def test_sqlite_utils_is_kept_from_numpy_in_its_own_thread_only(tmp_path, monkeypatch):
    """Another thread (a card being read) imports what sqlite-utils is kept from."""
    (tmp_path / "heavy_library.py").write_text("LOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "heavy_library", raising=False)
    finders = list(sys.meta_path)
    elsewhere: list[object] = []
    with database._not_importable_here("heavy_library"):
        with pytest.raises(ImportError):
            importlib.import_module("heavy_library")
        worker = threading.Thread(target=lambda: elsewhere.append(importlib.import_module("heavy_library")))
        worker.start()
        worker.join()
    assert [m.LOADED for m in elsewhere] == [True]
    assert sys.meta_path == finders


def test_loading_sqlite_utils_leaves_numpy_unloaded():
    probe = ("import sys; from afterword.core.database import import_sqlite_utils; "
             "import_sqlite_utils(); print('numpy' in sys.modules, 'sqlite_utils.db' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "True"], out.stderr
