"""A file kept up to date is written the same way by Export Reminders and by every
re-write after a change: it never flips between two contents."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QPoint, QSettings, Qt

from afterword.context import AppContext
from afterword.ui.calendar_autoexport import CalendarAutoExport
from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
from afterword.ui.hub import Hub

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def test_the_dialog_and_the_re_write_give_the_same_file(qtbot, demo_store, db_path, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(store=demo_store, db_path=db_path, clock=lambda: NOW)
    dialog = ExportRemindersDialog(context, Hub(), settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    out = tmp_path / "kept.ics"
    dialog.path.setText(str(out))
    dialog.range_box.setChecked(True)  # one day only…
    dialog.first.setDate(QDate(2026, 11, 23))
    dialog.last.setDate(QDate(2026, 11, 23))
    box = dialog.keep_current
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = out.read_bytes()

    auto = CalendarAutoExport(context, Hub(), settings=settings)
    assert auto.export_now() is not None
    assert out.read_bytes() == written
    assert dialog.summary.text().startswith("Wrote 11 events to kept.ics")
    assert not dialog.range_box.isEnabled()  # …which a kept file cannot hold
