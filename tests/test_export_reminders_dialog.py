"""File ▸ Export reminders…: what a user ticks, clicks and reads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import vobject
from PySide6.QtCore import QDate, QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
)

from afterword.context import AppContext
from afterword.core.domain import NoteStatus, ThankYouNote
from afterword.ui import settings as keys
from afterword.ui.calendar_autoexport import CalendarAutoExport
from afterword.ui.calendar_settings import auto_file, load_options
from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
from afterword.ui.hub import Hub

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def context(demo_store, db_path):
    return AppContext(store=demo_store, db_path=db_path, clock=lambda: NOW)


@pytest.fixture
def dialog(qtbot, context, settings):
    d = ExportRemindersDialog(context, Hub(), settings=settings)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _tick(qtbot, box):
    """Click a check box on its indicator (a wide row's centre may be past its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _read(path):
    return vobject.readOne(path.read_text(encoding="utf-8"))


def test_export_with_defaults_shows_a_summary(qtbot, dialog, tmp_path, monkeypatch):
    target = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    browse = next(b for b in dialog.findChildren(QPushButton)
                  if b.accessibleName() == "Choose destination file")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "mine.ics"  # the .ics ending is added
    assert dialog.summary.text().startswith("Wrote 11 events to mine.ics: 4 thank-you notes")
    assert len(_read(written).vevent_list) == 11
    assert dialog.isVisible()  # it stays open: the summary can be read


def test_choices_shape_the_file_and_are_remembered(qtbot, dialog, tmp_path, settings, context):
    out = tmp_path / "tasks.ics"
    dialog.path.setText(str(out))
    for kind in ("follow_up", "feedback_call", "touch"):
        dialog.kind_boxes[kind].setChecked(False)
    qtbot.mouseClick(dialog.as_tasks, Qt.MouseButton.LeftButton)
    dialog.alarm_time.setTime(dialog.alarm_time.time().fromString("07:15", "HH:mm"))
    dialog.range_box.setChecked(True)
    dialog.first.setDate(QDate(2026, 11, 23))
    dialog.last.setDate(QDate(2026, 11, 23))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text().startswith("Wrote 4 tasks to tasks.ics: 4 thank-you notes")
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VTODO") == 4 and "PT7H15M" in text
    remembered = load_options(settings)
    assert remembered.tasks and remembered.kinds == {"thank_you_note"}
    assert remembered.alarm_time.hour == 7 and remembered.alarm_time.minute == 15
    again = ExportRemindersDialog(context, Hub(), settings=settings)
    qtbot.addWidget(again)
    assert again.as_tasks.isChecked() and again.path.text() == str(out)
    assert not again.kind_boxes["touch"].isChecked()


def test_problems_are_shown_where_the_user_is(qtbot, dialog, tmp_path, demo_store):
    dialog.path.setText("")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "Choose a file to write first."
    dialog.path.setText(str(tmp_path / "no-such-folder" / "r.ics"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text().startswith("cannot write ")
    assert "nothing was exported" in dialog.summary.text()
    demo_store.db.execute(
        "UPDATE cadences SET rrule = 'FREQ=SOMETIMES' WHERE rrule = 'FREQ=WEEKLY;INTERVAL=2'")
    dialog.path.setText(str(tmp_path / "r.ics"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    text = dialog.summary.text()
    assert text.startswith("Wrote 10 events") and "1 could not be exported" in text
    assert "Ellis Grant" in text


def test_keep_up_to_date_rewrites_the_file_after_a_change(qtbot, dialog, tmp_path, settings,
                                                          context, demo_store):
    out = tmp_path / "subscribed.ics"
    hub = Hub()
    auto = CalendarAutoExport(context, hub, settings=settings, delay_ms=10_000)
    dialog.path.setText(str(out))
    _tick(qtbot, dialog.full)
    _tick(qtbot, dialog.keep_current)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert auto_file(settings, context.db_path) == out

    note = next(n for n in demo_store.all(ThankYouNote) if n.status == NoteStatus.TO_WRITE)
    note.status = NoteStatus.SENT
    demo_store.put(note)
    hub.notify("thank_you_notes")
    hub.notify("contacts")  # a burst of changes: one export
    assert auto.pending
    with qtbot.waitSignal(auto.exported) as signal:
        auto.flush()
    assert not auto.pending
    assert "(0 new, 0 updated, 1 cancelled)" in signal.args[0]  # one change, counted once
    statuses = {e.summary.value: e.status.value for e in _read(out).vevent_list}
    assert list(statuses.values()).count("CANCELLED") == 1

    # Unticking it stops the re-writing.
    _tick(qtbot, dialog.keep_current)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert auto_file(settings, context.db_path) is None
    hub.notify()
    assert not auto.pending


def test_autoexport_reports_an_unwritable_file(qtbot, context, settings, tmp_path):
    keys.CALENDAR_AUTO_FILE.of(context.db_path).write(settings, tmp_path / "gone" / "r.ics")
    auto = CalendarAutoExport(context, Hub(), settings=settings)
    with qtbot.waitSignal(auto.failed) as signal:
        auto.export_now()
    assert signal.args[0].startswith("Calendar file not updated: cannot write")


def test_controls_have_accessible_names(dialog):
    controls = [w for cls in (QAbstractButton, QLineEdit, QAbstractSpinBox)
                for w in dialog.findChildren(cls) if not w.objectName().startswith("qt_")]
    assert len(controls) >= 15
    assert [w for w in controls if not w.accessibleName()] == []


def test_autoexport_after_a_change_runs_off_the_window_thread(qtbot, demo_store, settings, tmp_path):
    out = tmp_path / "subscribed.ics"
    context = AppContext(store=demo_store, db_path=demo_store.path, clock=lambda: NOW)
    keys.CALENDAR_AUTO_FILE.of(context.db_path).write(settings, out)
    hub = Hub()
    auto = CalendarAutoExport(context, hub, settings=settings, delay_ms=10)
    with qtbot.waitSignal(auto.exported, timeout=10_000) as signal:
        hub.notify("thank_you_notes")
    assert signal.args[0].startswith("Wrote")
    assert out.exists() and b"BEGIN:VCALENDAR" in out.read_bytes()
    auto.flush()


def test_the_kept_current_file_belongs_to_one_database(qtbot, demo_store, settings, tmp_path):
    out = tmp_path / "subscribed.ics"
    mine = AppContext(store=demo_store, db_path=demo_store.path, clock=lambda: NOW)
    keys.CALENDAR_AUTO_FILE.of(mine.db_path).write(settings, out)
    other = AppContext(store=demo_store, db_path=tmp_path / "other.db", clock=lambda: NOW)
    auto = CalendarAutoExport(other, Hub(), settings=settings)
    assert auto.export_now() is None
    assert not out.exists()
