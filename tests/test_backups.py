"""Automatic daily backups, kept 7 days and 4 weeks, listed with their counts, and
restored into the open database (the current state kept as a backup first)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from afterword.cli import main
from afterword.core import backups
from afterword.core.demo import fill_demo
from afterword.core.domain import Contact
from afterword.core.errors import StoreError
from afterword.core.store import Store
from afterword.paths import data_dir
from conftest import DEMO_TODAY


@pytest.fixture
def filled(tmp_path) -> Path:
    path = tmp_path / "mine.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    store.close()
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_rotation_keeps_seven_days_and_four_weeks(tmp_path):
    folder = tmp_path / "snaps"
    folder.mkdir()
    start = datetime(2026, 9, 1, 9, 30)
    for day in range(60):
        (folder / f"{start + timedelta(days=day):%Y-%m-%d_%H%M%S}-daily.db").write_bytes(b"")
    (folder / "2026-10-30_120000-before-restore.db").write_bytes(b"")
    (folder / "notes.txt").write_bytes(b"not ours")
    backups.rotate(folder)
    snapshots = backups.list_snapshots(folder, counts=False)
    kept = sorted({s.taken.date() for s in snapshots})
    last = (start + timedelta(days=59)).date()
    assert kept[-7:] == [last - timedelta(days=n) for n in range(6, -1, -1)]
    assert "before-restore" in {s.reason for s in snapshots}  # every one of those days
    weekly = kept[:-7]
    assert len(weekly) == 4 and len({d.isocalendar()[:2] for d in weekly}) == 4
    assert (folder / "notes.txt").exists()


def test_a_daily_snapshot_is_private_consistent_and_taken_once_a_day(filled, tmp_path):
    folder = tmp_path / "data" / "backups" / "mine"
    store = Store.open(filled)
    now = datetime(2026, 11, 23, 9, 0)
    first = backups.daily_snapshot(store, folder, now)
    assert first is not None and backups.daily_snapshot(store, folder, now + timedelta(hours=3)) is None
    assert mode(first) == 0o600 and mode(folder) == 0o700 and mode(folder.parent) == 0o700
    copy = Store.open(first, read_only=True)
    assert copy.count(Contact) == store.count(Contact)
    copy.close()
    store.close()
    # No -wal/-shm beside it, nothing half made (the lock the takers share aside).
    assert [p.name for p in folder.iterdir() if p.name != backups.LOCK_NAME] == [first.name]


def _one_daily_snapshot_and_nothing_else(folder: Path, taken: list) -> None:
    """Exactly one backup was kept for the day, by one taker; nothing half made is left."""
    assert sum(name is not None for name in taken) == 1, taken
    assert [p.name for p in folder.iterdir() if p.name != backups.LOCK_NAME] == [
        n for n in taken if n]
    copy = Store.open(folder / next(n for n in taken if n), read_only=True)
    assert copy.count(Contact) > 0
    copy.close()


def test_many_threads_taking_the_days_backup_at_once_keep_one(filled, tmp_path):
    """The window's worker and anything else in the process race for the same day:
    one takes it, the rest find it taken; none fails, nothing half made is left."""
    folder, takers = tmp_path / "snaps", 8
    start = threading.Barrier(takers)

    def take(n: int) -> str | None:
        store = Store.open(filled)
        try:
            start.wait()
            # Half in the same second (the same file name), half a second later.
            path = backups.daily_snapshot(store, folder, datetime(2026, 11, 23, 9, 0, n % 2))
            return path.name if path else None
        finally:
            store.close()

    with ThreadPoolExecutor(takers) as pool:
        taken = list(pool.map(take, range(takers)))
    _one_daily_snapshot_and_nothing_else(folder, taken)


def test_programs_taking_the_days_backup_at_once_keep_one(filled, tmp_path):
    """Two imports (or the window and an import) start together: each takes the
    day's backup before writing; one keeps it, the others find it taken."""
    folder, racer = tmp_path / "snaps", Path(__file__).with_name("snapshot_racer.py")
    runs = [subprocess.Popen([sys.executable, str(racer), str(filled), str(folder),
                              f"2026-11-23T09:00:0{n % 3}"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for n in range(6)]
    for run in runs:
        assert run.stdout.readline().strip() == "ready", run.stderr.read()
    for run in runs:  # all at once
        run.stdin.write("go\n")
        run.stdin.flush()
    taken = []
    for run in runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        taken.append(None if out.strip() == "none" else out.strip())
    _one_daily_snapshot_and_nothing_else(folder, taken)


def test_restore_puts_the_database_back_and_can_itself_be_undone(filled, tmp_path):
    folder = tmp_path / "snaps"
    store = Store.open(filled)
    other = Store.open(filled)  # another connection (a worker, another program) sees it too
    before = store.count(Contact)
    snapshot = backups.take_snapshot(store, folder, datetime(2026, 11, 23, 9, 0))
    store.put(Contact(name="Met later"))
    kept = backups.restore(store, snapshot, folder, datetime(2026, 11, 24, 8, 0))
    assert store.count(Contact) == other.count(Contact) == before
    assert kept.name.endswith("-before-restore.db")
    backups.restore(store, kept, folder, datetime(2026, 11, 24, 8, 5))
    assert "Met later" in {c.name for c in other.all(Contact)}
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
    other.close()


def test_a_damaged_or_foreign_backup_is_not_restored(filled, tmp_path):
    folder = tmp_path / "snaps"
    store = Store.open(filled)
    snapshot = backups.take_snapshot(store, folder, datetime(2026, 11, 23, 9, 0))
    with open(snapshot, "r+b") as handle:
        handle.seek(snapshot.stat().st_size // 2 // 4096 * 4096)
        handle.write(b"\xa5" * 8192)
    count = store.count(Contact)
    with pytest.raises(StoreError, match="cannot be restored"):
        backups.restore(store, snapshot, folder, datetime(2026, 11, 24, 8, 0))
    assert store.count(Contact) == count
    store.close()


def test_backup_list_names_each_backup_with_its_date_and_counts(filled, tmp_path, capsys):
    assert main(["backup", "--list", "--db", str(filled)]) == 0
    assert "No automatic backups" in capsys.readouterr().out
    source = tmp_path / "more.json"
    source.write_text('{"format": "afterword", "version": 1, "contacts": [{"uid": "x1", "name": "Xu"}]}')
    assert main(["import", str(source), "--db", str(filled)]) == 0  # keeps today's backup first
    capsys.readouterr()
    assert main(["backup", "--list", "--db", str(filled)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "daily" in lines[1] and "14 people" in lines[1]
    assert str(backups.snapshot_folder(data_dir(), filled)) in lines[0]


def test_backup_needs_out_or_list(filled, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["backup", "--db", str(filled)])
    assert exit_.value.code == 2


# -- the window ----------------------------------------------------------------------

def test_the_window_takes_the_daily_backup_and_restores_one(qtbot, filled, monkeypatch, message_boxes):
    from afterword.ui.dialogs.restore_backup import RestoreBackupDialog
    from tests.window_helpers import close_window, open_window

    window = open_window(qtbot, filled)
    keeping = window.safekeeping
    keeping.snapshot_if_due()
    qtbot.waitUntil(lambda: bool(backups.list_snapshots(keeping.folder(), counts=False)),
                    timeout=10_000)
    qtbot.waitUntil(lambda: not keeping._snapshots.busy)
    count = window.context.store.count(Contact)
    window.changes.save(None, Contact(name="Added after the backup"), "New Person")

    def pick_first(dialog):
        assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreBackupDialog, "exec", pick_first)
    message_boxes.replies = [QMessageBox.StandardButton.Yes]
    keeping.restore_action.trigger()
    assert window.context.store.count(Contact) == count
    assert window.undo_stack.count() == 0
    assert "Restored the backup" in window.statusBar().currentMessage()
    reasons = [s.reason for s in backups.list_snapshots(keeping.folder(), counts=False)]
    assert sorted(reasons) == ["before-restore", "daily"]
    close_window(window)


def test_check_database_says_the_file_is_sound(qtbot, filled, message_boxes):
    from tests.window_helpers import close_window, open_window

    window = open_window(qtbot, filled)
    window.safekeeping.check_action.trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.texts), timeout=10_000)
    assert "is sound" in message_boxes.texts[0]
    close_window(window)


def test_the_menus_offer_restore_and_check(qtbot, filled):
    from tests.window_helpers import close_window, open_window

    window = open_window(qtbot, filled)
    texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    assert "Restore from &Backup…" in texts and "&Check Database…" in texts
    close_window(window)


def test_daily_snapshot_skips_an_empty_database(tmp_path):
    store = Store.open(tmp_path / "empty.db")
    assert backups.daily_snapshot(store, tmp_path / "snaps", datetime(2026, 11, 23)) is None
    store.close()


def test_a_contacts_import_keeps_todays_backup_first_and_a_dry_run_does_not(filled, capsys):
    cards = Path(__file__).parent / "data" / "contacts" / "apple-contacts.vcf"
    folder = backups.snapshot_folder(data_dir(), filled)
    assert main(["contacts", "import", str(cards), "--dry-run", "--db", str(filled)]) == 0
    assert backups.list_snapshots(folder) == []
    assert main(["contacts", "import", str(cards), "--db", str(filled)]) == 0
    capsys.readouterr()
    assert main(["backup", "--list", "--db", str(filled)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "14 people" in lines[1]  # as it was before the merge
