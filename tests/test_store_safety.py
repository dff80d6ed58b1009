"""The database file under stress: killed writers (also during first creation),
concurrent writers, loose permissions, damage, a read-only medium."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.core.demo import fill_demo
from afterword.core.domain import Contact
from afterword.core.errors import StoreError
from afterword.core.store import Store
from conftest import DEMO_TODAY

HERE = Path(__file__).parent


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- crashes ---------------------------------------------------------------------

def _run_and_kill(path: Path, tag: str, rng: random.Random, window_ms: int) -> list[str]:
    """Start the writer, kill it `0..window_ms` ms after it is ready; the uids it
    reported committed."""
    child = subprocess.Popen([sys.executable, str(HERE / "crash_writer.py"), str(path), tag],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0, window_ms) / 1000)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    return [line for line in out.splitlines() if line.startswith(tag)]


def test_a_writer_killed_at_random_points_loses_no_committed_write(tmp_path):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    committed: list[str] = []
    shared = tmp_path / "shared.db"
    for round_ in range(8):
        # Even rounds: a new file each time, killed in or near its first creation.
        # Odd rounds: writers on one file that keeps growing.
        fresh = round_ % 2 == 0
        path = tmp_path / f"fresh-{round_}.db" if fresh else shared
        done = _run_and_kill(path, f"r{round_}", rng, 40 if fresh else 150)
        store = Store.open(path)  # every file opens, whatever moment the kill hit
        uids = {c.uid for c in store.all(Contact)}
        store.close()
        if not fresh:
            committed += done
            assert set(committed) <= uids, f"seed {seed}: lost {set(committed) - uids}"
        else:
            assert set(done) <= uids, f"seed {seed}"


def test_a_file_left_half_made_by_an_earlier_version_counts_as_new(tmp_path):
    path = tmp_path / "half.db"
    conn = sqlite3.connect(path)  # what a crash right after the bookkeeping left
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT,"
                 " name TEXT, applied_at TEXT)")
    conn.commit()
    conn.close()
    store = Store.open(path)
    store.put(Contact(name="Dana"))
    assert store.count(Contact) == 1
    store.close()


def test_another_programs_migrations_table_is_not_taken_for_new(tmp_path):
    from afterword.core.errors import NotAfterwordDatabase

    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT,"
                 " name TEXT, applied_at TEXT)")
    conn.execute("INSERT INTO _sqlite_migrations VALUES (1, 'otherapp', 'm1', 'now')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAfterwordDatabase):
        Store.open(path)
    assert path.read_bytes() == before


# -- two writers -------------------------------------------------------------------

def _import_file(path: Path, tag: str, people: int = 400) -> Path:
    doc = {"format": "afterword", "version": 1,
           "companies": [{"uid": f"{tag}-co{i}", "name": f"Company {tag} {i}"} for i in range(40)],
           "contacts": [{"uid": f"{tag}-p{i}", "name": f"Person {tag} {i}",
                         "company_uid": f"{tag}-co{i % 40}"} for i in range(people)],
           "touches": [{"uid": f"{tag}-t{i}", "contact_uid": f"{tag}-p{i}", "kind": "call",
                        "at": "2026-11-20T10:00:00-08:00", "notes": "spoke"} for i in range(people)]}
    path.write_text(json.dumps(doc))
    return path


def _start_import(source: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "afterword", "import", str(source), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_concurrent_imports_both_succeed(tmp_path):
    db = tmp_path / "two.db"
    Store.open(db).close()
    runs = [_start_import(_import_file(tmp_path / f"{t}.json", t), db) for t in ("a", "b", "c")]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    store = Store.open(db)
    assert store.count(Contact) == 1200
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.db.execute("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'spoke'"
                            ).fetchone()[0] == 1200
    store.close()


def test_the_window_saves_while_command_line_imports_run(qtbot, tmp_path, message_boxes):
    from afterword.core.domain import Touch
    from tests.window_helpers import NOW, close_window, open_window

    db = tmp_path / "busy.db"
    store = Store.open(db)
    fill_demo(store, DEMO_TODAY)
    store.close()
    window = open_window(qtbot, db)
    runs = [_start_import(_import_file(tmp_path / f"{t}.json", t), db) for t in ("x", "y")]
    saved = []
    while any(run.poll() is None for run in runs) or len(saved) < 20:
        person = Contact(name=f"Met at the fair {len(saved)}")
        assert window.changes.save(None, person, "New Person"), message_boxes.texts
        assert window.changes.save(None, Touch(person.uid, NOW, "call", "hello"), "Log Touch")
        saved.append(person.uid)
        # What the window's workers do on every page reload: their own connection.
        Store.open(db).close()
        qtbot.wait(5)
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert message_boxes.texts == []
    uids = {c.uid for c in window.context.store.all(Contact)}
    assert set(saved) <= uids and len(uids) >= 800 + len(saved)
    assert window.context.store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    close_window(window)


def test_a_write_waits_for_the_lock_instead_of_failing_at_once(tmp_path):
    import threading

    db = tmp_path / "wait.db"
    first = Store.open(db)
    done, started = [], threading.Event()

    def write():
        second = Store.open(db, busy_timeout=5)
        started.set()
        with second.atomic():
            second.count(Contact)  # a read before the write, as an import does
            second.put(Contact(name="second"))
        done.append(second.count(Contact))
        second.close()

    with first.atomic():
        first.put(Contact(name="first"))
        thread = threading.Thread(target=write)
        thread.start()
        started.wait(10)
        time.sleep(0.3)
        assert not done  # waiting for the first writer
    thread.join(10)
    assert done == [2]
    first.close()


def test_a_write_that_cannot_get_the_lock_says_busy(tmp_path):
    db = tmp_path / "busy.db"
    first, second = Store.open(db), Store.open(db, busy_timeout=0.1)
    with first.atomic():
        first.put(Contact(name="first"))
        with pytest.raises(StoreError, match="busy: another program is writing"):
            second.put(Contact(name="second"))
    first.close()
    second.close()


# -- permissions -------------------------------------------------------------------

def test_a_loose_database_is_made_private_before_sqlite_opens_it(tmp_path):
    db = tmp_path / "loose.db"
    Store.open(db).close()
    os.chmod(db, 0o644)
    for suffix in ("-wal", "-shm"):  # left over by a crash, readable by all
        db.with_name(db.name + suffix).write_bytes(b"")
        os.chmod(db.with_name(db.name + suffix), 0o644)
    db.with_name(db.name + "-wal").unlink()
    store = Store.open(db)
    store.put(Contact(name="Dana"))
    for file in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        assert mode(file) == 0o600, file
    store.close()


def test_the_window_makes_nothing_for_other_users(monkeypatch, tmp_path):
    import afterword.app

    seen = []

    def fake_run_app(path, smoke=False):
        mask = os.umask(0o022)
        os.umask(mask)
        seen.append(mask)
        return 0

    before = os.umask(0o022)
    try:
        monkeypatch.setattr(afterword.app, "run_app", fake_run_app)
        assert main(["--db", str(tmp_path / "w.db")]) == 0
    finally:
        os.umask(before)
    assert seen == [0o077]


# -- damage ------------------------------------------------------------------------

def _damaged_copy(tmp_path: Path) -> Path:
    db = tmp_path / "damaged.db"
    store = Store.open(db)
    fill_demo(store, DEMO_TODAY)
    store.close()
    size = db.stat().st_size
    with open(db, "r+b") as handle:  # scribble over pages in the middle of the file
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(b"\xa5" * 8192)
    return db


def test_backup_refuses_a_damaged_file_and_says_what_to_do(tmp_path, capsys):
    db = _damaged_copy(tmp_path)
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "copy.db")]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "backup --list" in err and err.count("\n") == 1
    assert not (tmp_path / "copy.db").exists()


def test_no_command_answers_unexpected_error_on_a_damaged_file(tmp_path, capsys):
    db = _damaged_copy(tmp_path)
    for command in (["due"], ["export", "--out", str(tmp_path / "x.json")]):
        main([*command, "--db", str(db)])
        assert "unexpected" not in capsys.readouterr().err


def test_a_damaged_older_file_is_not_upgraded(tmp_path):
    from afterword.core.opening import DamagedDatabase

    db = tmp_path / "old.db"
    shutil.copy(HERE / "data" / "schema-1.db", db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    pages = db.stat().st_size // 4096
    with open(db, "r+b") as handle:
        handle.seek((pages - 1) * 4096)
        handle.write(b"\xa5" * 4096)
    before = db.read_bytes()
    with pytest.raises((DamagedDatabase, StoreError), match="damaged|malformed"):
        Store.open(db)
    assert db.read_bytes() == before
    assert not db.with_name("old.db.schema-1.bak").exists()


# -- read-only ------------------------------------------------------------------------

def test_a_read_only_store_reads_and_refuses_writes(tmp_path):
    db = tmp_path / "ro.db"
    store = Store.open(db)
    fill_demo(store, DEMO_TODAY)
    store.close()
    store = Store.open(db, read_only=True)
    assert store.read_only and store.count(Contact) > 3
    with pytest.raises(StoreError, match="read-only"):
        store.put(Contact(name="nope"))
    store.close()


def _read_only_mount_available() -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _read_only_mount_available(), reason="needs root and unshare (mount namespace)")
def test_a_database_on_a_read_only_medium_opens_for_reading(tmp_path):
    folder = tmp_path / "medium"
    folder.mkdir()
    db = folder / "a.db"
    assert main(["demo", "--db", str(db), "--today", DEMO_TODAY.isoformat()]) == 0
    script = (f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && "
              f"exec {sys.executable} -m afterword due --db {db} --on {DEMO_TODAY.isoformat()}")
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "OVERDUE" in run.stdout or "due" in run.stdout
