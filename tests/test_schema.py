"""The shipped schema steps are frozen: run today, each still makes exactly the
schema of the real file its version wrote, and none shares SQL with live code."""

from __future__ import annotations

import ast
import inspect
import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from afterword.core import migrations, search_index, shipped_sql
from afterword.core.migrations import SCHEMA_VERSION

DATA = Path(__file__).parent / "data"
MASTER = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
SHIPPED_STEPS = ("m001_initial_schema", "m002_calendar_events", "m003_sync", "m004_sync_contacts",
                 "m005_contact_facts")


def _step_names() -> list[str]:
    return [m.name for m in migrations.migrations.pending(Database(memory=True))]


def _schema_of(path: Path) -> list[tuple]:
    # immutable: the real file is only read, not even its -shm is made
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(MASTER).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_each_version_is_made_today_byte_for_byte_as_its_real_file(version):
    db = Database(memory=True)
    migrations.migrations.apply(db, stop_before=_step_names()[version:])
    made = db.execute(MASTER).fetchall()
    assert made == _schema_of(DATA / f"schema-{version}.db")
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
        str(version),)


def test_the_steps_keep_their_order_and_names():
    assert tuple(_step_names()[:len(SHIPPED_STEPS)]) == SHIPPED_STEPS


def _names_used(function) -> set[str]:
    tree = ast.parse(inspect.getsource(function))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


@pytest.mark.parametrize("name", _step_names())
def test_every_step_uses_only_its_own_sql(name):
    """Its SQL written out in the step (or kept word for word in shipped_sql), run by
    run_script: never a constant or a function of live code."""
    step = getattr(migrations, name)
    used = _names_used(step) - {"db", "migrations", "Database", "None", name}
    frozen = {n for n in vars(shipped_sql) if n.isupper()}
    assert used <= {"run_script"} | frozen, used


def test_the_shipped_sql_stands_alone():
    source = inspect.getsource(shipped_sql)
    tree = ast.parse(source)
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    live = Path(migrations.__file__).parent.parent
    importers = [p.relative_to(live).as_posix() for p in live.rglob("*.py")
                 if re.search(r"\bshipped_sql\b", p.read_text(encoding="utf-8"))]
    assert importers == ["core/migrations.py"]


def test_live_search_rows_are_the_ones_the_triggers_build(store):
    triggers = dict(store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_a*'"
    ).fetchall())
    assert triggers
    for table, (fts, row, _id) in search_index.SEARCH_ROWS.items():
        inserting = [sql for sql in triggers.values() if f"INSERT INTO {fts}" in sql]
        assert inserting, table
        assert all(f"INSERT INTO {fts} {row} WHERE" in sql for sql in inserting), table


def test_a_script_is_run_statement_by_statement_and_an_unfinished_one_is_refused():
    db = Database(memory=True)
    migrations.run_script(db, """
CREATE TABLE t (a TEXT);
CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
UPDATE t SET a = 'x';
END;
""")
    assert [r[0] for r in db.execute("SELECT name FROM sqlite_master ORDER BY name")] == ["t", "t_ai"]
    with pytest.raises(ValueError, match="incomplete"):
        migrations.run_script(db, "CREATE TABLE u (a TEXT)")
