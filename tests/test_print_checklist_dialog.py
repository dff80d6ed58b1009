"""File ▸ Print checklist…: what a user sees and the files the dialog writes; and
the command line that writes the same PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox

from afterword import cli
from afterword.context import AppContext
from afterword.core.domain import NoteStatus, ThankYouNote
from afterword.ui.dialogs import print_checklist
from afterword.ui.dialogs.print_checklist import NO_PRINTER, Output, PrintChecklistDialog
from afterword.ui.hub import Hub
from conftest import DEMO_TODAY
from pdftext import page_sizes, pdf_pages, pdf_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda parent, title, text, *a, _k=kind, **kw: shown.append((_k, text)))
    return shown


@pytest.fixture
def dialog(qtbot, demo_store, db_path):
    hub = Hub()
    context = AppContext(store=demo_store, db_path=db_path,
                         clock=lambda: datetime(2026, 11, 23, 19, tzinfo=ZoneInfo("UTC")))
    dlg = PrintChecklistDialog(context, hub)
    qtbot.addWidget(dlg)
    dlg.hub = hub
    return dlg


def _choose(dialog, output: Output) -> None:
    dialog.output_combo.setCurrentIndex(dialog.output_combo.findData(output.value))


def test_it_opens_on_today_and_says_what_will_print(dialog):
    assert dialog.until_edit.date() == QDate(2026, 11, 23)
    assert dialog.summary_label.text().startswith("4 notes to write after 1 interview")
    for widget in (dialog.until_edit, dialog.since_edit, dialog.output_combo,
                   dialog.preview_button, dialog.print_button, dialog.pdf_button):
        assert widget.accessibleName()


def test_choosing_an_earlier_day_shows_nothing_to_write(dialog):
    dialog.until_edit.setDate(QDate(2026, 11, 1))
    assert dialog.since_edit.date() == QDate(2026, 11, 1)  # the range follows
    assert dialog.summary_label.text() == "Nothing to write."


def test_a_change_elsewhere_refreshes_the_summary(dialog, demo_store):
    note = demo_store.select(ThankYouNote, "status = 'to_write'")[0]
    note.status = NoteStatus.SENT
    demo_store.put(note)
    dialog.hub.notify("thank_you_notes")
    assert dialog.summary_label.text().startswith("3 notes to write")


def test_save_pdf_writes_the_checklist(dialog, qtbot, tmp_path, monkeypatch, messages):
    target = tmp_path / "notes"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    qtbot.mouseClick(dialog.pdf_button, print_checklist.Qt.MouseButton.LeftButton)
    written = tmp_path / "notes.pdf"
    assert written.exists() and messages == []
    text = pdf_text(written.read_bytes())
    for name in ("Aisha Okafor", "Dana Reyes", "Marcus Chen", "Tom Becker", "Receptionist"):
        assert name in text
    assert "Saved" in dialog.summary_label.text()


def test_envelopes_and_labels_from_the_dialog(dialog, tmp_path, messages):
    _choose(dialog, Output.ENVELOPES_10)
    assert "Aisha Okafor (Northwind Logistics): no mailing address" in dialog.summary_label.text()
    envelopes = dialog.save_pdf_to(str(tmp_path / "env.pdf"))
    assert page_sizes(envelopes.read_bytes())[:3] == [(684, 297)] * 3
    _choose(dialog, Output.LABELS_A4)
    labels = dialog.save_pdf_to(str(tmp_path / "labels.pdf"))
    pages = pdf_pages(labels.read_bytes())
    assert "Tom Becker (Reception)" in pages[0] and "no mailing address" in pages[-1]
    assert messages == []


def test_an_unwritable_path_says_so_and_writes_nothing(dialog, tmp_path, messages):
    assert dialog.save_pdf_to(str(tmp_path / "gone" / "x.pdf")) is None
    assert len(messages) == 1
    kind, text = messages[0]
    assert kind == "warning" and "cannot write" in text and "No such file" in text
    assert not (tmp_path / "gone").exists()


def test_no_printer_installed_gives_a_clear_message(dialog, monkeypatch, messages):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    assert dialog.print_pages() is False
    assert messages == [("information", NO_PRINTER)]


def test_preview_paints_the_pages(dialog, monkeypatch, tmp_path, messages):
    out = tmp_path / "preview.pdf"

    def fake_exec(self):
        printer = self.printer()
        printer.setOutputFileName(str(out))  # what the preview shows, kept as a file
        self.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    dialog.preview()
    assert messages == []
    assert "Tom Becker" in pdf_text(out.read_bytes())


# -- the command line ----------------------------------------------------------------

def _demo_file(tmp_path) -> Path:
    path = tmp_path / "demo.db"
    assert cli.main(["demo", "--db", str(path), "--today", DEMO_TODAY.isoformat()]) == 0
    return path


def test_cli_writes_the_same_pdf_as_the_window(qapp, tmp_path, capsys, demo_store, db_path):
    db = _demo_file(tmp_path)
    out = tmp_path / "cli.pdf"
    code = cli.main(["checklist", "--db", str(db), "--pdf", str(out), "--on", "2026-11-23"])
    assert code == 0
    assert "4 notes to write" in capsys.readouterr().out
    # The window, on the same data and day, printing today as the CLI does.
    window = PrintChecklistDialog(AppContext(demo_store, db_path), Hub())
    window.until_edit.setDate(QDate(2026, 11, 23))
    window.since_edit.setDate(QDate(2026, 11, 23))
    saved = window.save_pdf_to(str(tmp_path / "window.pdf"))
    window.deleteLater()
    assert pdf_pages(out.read_bytes()) == pdf_pages(saved.read_bytes())
    assert page_sizes(out.read_bytes()) == page_sizes(saved.read_bytes())


def test_cli_envelopes_and_labels(qapp, tmp_path, capsys):
    db = _demo_file(tmp_path)
    args = ["checklist", "--db", str(db), "--pdf", str(tmp_path / "c.pdf"), "--on", "2026-11-23",
            "--envelopes", str(tmp_path / "e.pdf"), "--envelope-size", "10",
            "--labels", str(tmp_path / "l.pdf"), "--sheet", "letter-3x10"]
    assert cli.main(args) == 0
    captured = capsys.readouterr()
    assert "wrote 3 envelopes" in captured.out and "wrote 3 labels" in captured.out
    assert "not addressed: Aisha Okafor" in captured.err
    assert page_sizes((tmp_path / "e.pdf").read_bytes())[0] == (684, 297)
    assert page_sizes((tmp_path / "l.pdf").read_bytes())[0] == (612, 792)


def test_cli_empty_day_and_unwritable_path(qapp, tmp_path, capsys):
    db = _demo_file(tmp_path)
    out = tmp_path / "empty.pdf"
    assert cli.main(["checklist", "--db", str(db), "--pdf", str(out), "--on", "2026-11-01"]) == 0
    assert "Nothing to write" in pdf_text(out.read_bytes())
    capsys.readouterr()
    bad = tmp_path / "nowhere" / "x.pdf"
    assert cli.main(["checklist", "--db", str(db), "--pdf", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"afterword: error: cannot write {bad}: No such file or directory"]


def test_checklist_command_is_documented():
    assert "checklist" in cli.build_parser().format_help()
    assert "afterword checklist --db PATH --pdf F.pdf [--on DATE]" in (ROOT / "README.md").read_text()

