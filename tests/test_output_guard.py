"""No file Afterword writes ever lands on the database: not by its name, nor its
-wal/-shm, nor a symlink or a hard link to it, from the command line or the window."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QPushButton

from afterword.cli import main
from afterword.context import AppContext
from afterword.core.demo import fill_demo
from afterword.core.domain import Contact, Interview
from afterword.core.output_paths import (
    DatabaseTarget,
    check_backup_path,
    check_export_path,
    check_output_path,
)
from afterword.core.store import Store
from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
from afterword.ui.dialogs.print_checklist import PrintChecklistDialog
from afterword.ui.hub import Hub
from conftest import DEMO_TODAY

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "a.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    store.close()
    return path


def targets(db: Path) -> dict[str, Path]:
    """Every way of naming the database (or a file of it) as an output."""
    folder = db.parent
    (folder / "link.db").symlink_to(db)
    (folder / "dir-link").symlink_to(folder, target_is_directory=True)
    os.link(db, folder / "hard.db")
    return {
        "itself": db,
        "wal": db.with_name(db.name + "-wal"),  # not there while closed: by name
        "shm": db.with_name(db.name + "-shm"),
        "symlink": folder / "link.db",
        "hard link": folder / "hard.db",
        "through a linked folder": folder / "dir-link" / db.name,
        "wal through a linked folder": folder / "dir-link" / (db.name + "-wal"),
        "relative with ..": folder / "sub" / ".." / db.name,
    }


COMMANDS = {
    "export": lambda db, out: ["export", "--db", str(db), "--out", str(out)],
    "ics": lambda db, out: ["ics", "--db", str(db), "--out", str(out)],
    "checklist --pdf": lambda db, out: ["checklist", "--db", str(db), "--pdf", str(out),
                                        "--on", DEMO_TODAY.isoformat()],
    "checklist --envelopes": lambda db, out: ["checklist", "--db", str(db), "--on",
                                              DEMO_TODAY.isoformat(), "--pdf",
                                              str(db.parent / "ok.pdf"), "--envelopes", str(out)],
    "checklist --labels": lambda db, out: ["checklist", "--db", str(db), "--on",
                                           DEMO_TODAY.isoformat(), "--pdf",
                                           str(db.parent / "ok.pdf"), "--labels", str(out)],
    "backup": lambda db, out: ["backup", "--db", str(db), "--out", str(out)],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_command_writes_over_the_database(qapp, demo_db, capsys, command):
    (demo_db.parent / "sub").mkdir()
    before = digest(demo_db)
    for how, out in targets(demo_db).items():
        assert main(COMMANDS[command](demo_db, out)) == 1, how
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "afterword: error:" in err, (how, err)
        assert "database" in err and "nothing was written" in err, (how, err)
        assert digest(demo_db) == before, how
        assert not demo_db.with_name(demo_db.name + "-wal").exists(), how
    store = Store.open(demo_db)
    assert store.count(Contact) > 5
    store.close()


def test_export_to_standard_output_that_is_the_database_is_refused(demo_db, capsys, monkeypatch):
    import sys

    before = digest(demo_db)
    with open(demo_db, "ab") as handle:  # as `> a.db` would, but without truncating
        monkeypatch.setattr(sys, "stdout", os.fdopen(os.dup(handle.fileno()), "w"))
        assert main(["export", "--db", str(demo_db), "--out", "-"]) == 1
    assert "standard output is the database" in capsys.readouterr().err
    assert digest(demo_db) == before


def test_other_outputs_still_work_and_a_backup_may_replace_an_older_backup(qapp, demo_db, capsys):
    folder = demo_db.parent
    for args in (COMMANDS["export"](demo_db, folder / "x.json"), COMMANDS["ics"](demo_db, folder / "x.ics"),
                 COMMANDS["checklist --pdf"](demo_db, folder / "x.pdf")):
        assert main(args) == 0, capsys.readouterr().err
    assert main(COMMANDS["backup"](demo_db, folder / "old.db")) == 0
    assert main(COMMANDS["backup"](demo_db, folder / "old.db")) == 0, capsys.readouterr().err


def test_an_export_never_replaces_another_database(demo_db, tmp_path):
    other = tmp_path / "other.db"
    Store.open(other).close()
    with pytest.raises(DatabaseTarget, match="is a database file"):
        check_export_path(other)
    with pytest.raises(DatabaseTarget, match="a file of the database other.db"):
        check_export_path(tmp_path / "other.db-wal")
    check_export_path(tmp_path / "fresh.json")  # an ordinary new file is fine


def test_a_backup_never_replaces_a_database_in_use_elsewhere(tmp_path):
    live = tmp_path / "live.db"
    Store.open(live).close()
    live.with_name("live.db-wal").write_bytes(b"")  # as while another program has it open
    with pytest.raises(DatabaseTarget, match="in use"):
        check_backup_path(live, None)


def test_the_guard_knows_only_open_databases_and_those_named(tmp_path):
    db = tmp_path / "g.db"
    store = Store.open(db)
    with pytest.raises(DatabaseTarget):
        check_output_path(db)
    store.close()
    check_output_path(db)  # closed: an ordinary file to this guard
    with pytest.raises(DatabaseTarget):
        check_output_path(db, [db])


# -- the window's dialogs ---------------------------------------------------------

@pytest.fixture
def context(demo_db):
    store = Store.open(demo_db)
    yield AppContext(store=store, db_path=demo_db, clock=lambda: NOW)
    store.close()


def chooser_returns(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_export_reminders_refuses_the_database(qtbot, context, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = ExportRemindersDialog(context, Hub(), settings=settings)
    qtbot.addWidget(dialog)
    before = digest(context.db_path)
    # The dialog adds .ics to a name without it, so the database is reached by a link.
    (tmp_path / "link.ics").symlink_to(context.db_path)
    os.link(context.db_path, tmp_path / "hard.ics")
    for target in (tmp_path / "link.ics", tmp_path / "hard.ics"):
        chooser_returns(monkeypatch, target)
        next(b for b in dialog.findChildren(QPushButton)
             if b.accessibleName() == "Choose destination file").click()
        assert dialog.export() is None
        assert "database" in dialog.summary.text()
    assert digest(context.db_path) == before


def test_print_checklist_save_pdf_and_print_to_file_refuse_the_database(qtbot, context, monkeypatch,
                                                                         message_boxes):
    dialog = PrintChecklistDialog(context, Hub())
    qtbot.addWidget(dialog)
    before = digest(context.db_path)
    link = context.db_path.with_name("db.pdf")
    link.symlink_to(context.db_path)
    chooser_returns(monkeypatch, link)
    shown = []
    monkeypatch.setattr("afterword.ui.dialogs.print_pages.QMessageBox.warning",
                        lambda _p, _t, text: shown.append(text))
    assert dialog.save_pdf() is None
    printer = QPrinter()
    printer.setOutputFileName(str(context.db_path))  # "Print to file" in the print dialog
    assert dialog._paint_or_warn(printer) is False
    assert len(shown) == 2 and all("database" in text for text in shown)
    assert digest(context.db_path) == before


def test_save_a_copy_refuses_the_open_database(qtbot, context, monkeypatch, message_boxes):
    from afterword.ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    before = digest(context.db_path)
    hard = context.db_path.with_name("copy.db")
    os.link(context.db_path, hard)
    for target in (context.db_path, hard, context.db_path.with_name("a.db-wal")):
        chooser_returns(monkeypatch, target)
        window.save_copy_action.trigger()
    assert len(message_boxes.texts) == 3
    assert all("database" in text for text in message_boxes.texts)
    assert digest(context.db_path) == before
    window.close()


def test_letter_save_as_refuses_the_database(qtbot, context, monkeypatch):
    interview = next(i for i in context.store.all(Interview) if i.questions)
    dialog = FollowUpLetterDialog(context, Hub(), interview_uid=interview.uid)
    qtbot.addWidget(dialog)
    before = digest(context.db_path)
    chooser_returns(monkeypatch, context.db_path)
    assert dialog.save_as() is None
    assert "database" in dialog.note.text()
    assert digest(context.db_path) == before


# -- reading the open database by mistake ---------------------------------------------

def test_the_open_database_is_never_read_as_an_input_file(qapp, demo_db, capsys):
    """A plain file handle on the open database, once closed, would drop SQLite's
    locks: a contacts file, a photo or an import chosen by mistake is refused."""
    from afterword.core.output_paths import check_input_path
    from afterword.ui.views.card_photo import PhotoError, read_card_photo

    before = digest(demo_db)
    assert main(["contacts", "import", str(demo_db), "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err
    assert "nothing was read" in err and err.count("\n") == 1
    store = Store.open(demo_db)
    try:
        with pytest.raises(DatabaseTarget, match="nothing was read"):
            check_input_path(demo_db.with_name(demo_db.name + "-wal"))
        with pytest.raises(PhotoError, match="the database"):
            read_card_photo(demo_db)
    finally:
        store.close()
    assert digest(demo_db) == before


def test_workers_opening_and_closing_stores_never_make_the_guard_forget_the_window_s(tmp_path):
    """The window keeps its database open while its workers open and close their own
    stores of it: the count stays right, so the guard still refuses the file after."""
    import sys
    import threading

    from afterword.core.output_paths import forget_open_database, remember_open_database

    db = tmp_path / "mine.db"
    remember_open_database(db)  # the window's
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads interleave at every bytecode

    def worker() -> None:
        for _ in range(5_000):
            remember_open_database(db)
            forget_open_database(db)

    try:
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)
    try:
        with pytest.raises(DatabaseTarget):
            check_output_path(db)
        forget_open_database(db)
        check_output_path(db)  # the window closed it: nothing holds it any more
    finally:
        forget_open_database(db)
