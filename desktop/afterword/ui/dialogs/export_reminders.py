"""File ▸ Export reminders…: choose what goes into an .ics file, write it, and say
what was written. The dialog stays open afterwards, so a problem can be read
and the export repeated."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.calendar import CalendarOptions
from afterword.core.calendar_export import ExportSummary, export_calendar
from afterword.core.errors import AfterwordError
from afterword.core.rules import ReminderKind
from afterword.ui import settings as keys
from afterword.ui.calendar_settings import auto_file, kept_file, load_options, save_options
from afterword.ui.date_fields import DateField, pydate
from afterword.ui.hub import Hub
from afterword.ui.settings import open_settings
from afterword.ui.widgets import PROBLEM_COLOUR, labelled

KIND_LABELS = {
    ReminderKind.THANK_YOU_NOTE: "&Thank-you notes",
    ReminderKind.FOLLOW_UP: "&Follow-ups",
    ReminderKind.FEEDBACK_CALL: "Feedback &calls",
    ReminderKind.TOUCH: "&Stay-in-touch",
}


class ExportRemindersDialog(QDialog):
    def __init__(self, context: AppContext, hub: Hub, parent: QWidget | None = None, *,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.context = context
        self.hub = hub
        self.settings = settings or open_settings()
        self.last_summary: ExportSummary | None = None
        self.setWindowTitle("Export Reminders")
        self.setAccessibleName("Export reminders")
        options = load_options(self.settings)

        layout = QVBoxLayout(self)
        layout.addWidget(self._kinds_box(options))
        layout.addWidget(self._range_box())
        form = QFormLayout()
        self.as_events = QRadioButton("&Events (Google, Outlook, Apple Calendar)")
        self.as_tasks = QRadioButton("T&asks (Thunderbird, Apple Reminders)")
        (self.as_tasks if options.tasks else self.as_events).setChecked(True)
        self.as_events.setAccessibleName("Write events")
        self.as_tasks.setAccessibleName("Write tasks")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.as_events)
        kind_row.addWidget(self.as_tasks)
        form.addRow("Write as:", kind_row)
        self.alarm_time = QTimeEdit(QTime(options.alarm_time.hour, options.alarm_time.minute))
        self.alarm_time.setDisplayFormat("HH:mm")
        self.alarm_time.setAccessibleName("Alarm time for all-day reminders")
        alarm_row = QHBoxLayout()  # a time is five characters: no need for the full width
        alarm_row.addWidget(self.alarm_time)
        alarm_row.addStretch(1)
        form.addRow(labelled("A&larm on the day at:", self.alarm_time), alarm_row)
        self.private_notes = QCheckBox("Include &private notes (contact notes, points to mention)")
        self.private_notes.setChecked(options.private_notes)
        self.private_notes.setAccessibleName("Include private notes")
        self.full = QCheckBox("F&ull calendar: also write done reminders, as cancelled")
        self.full.setChecked(options.full)
        self.full.setAccessibleName("Full calendar")
        self.full.setToolTip("For a calendar that subscribes to the file: it then drops "
                             "reminders that are done.")
        form.addRow(self.private_notes)
        form.addRow(self.full)
        self.path = QLineEdit(str(keys.CALENDAR_LAST_FILE.read(self.settings) or ""))
        self.path.setPlaceholderText("reminders.ics")
        self.path.setAccessibleName("Destination file")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose destination file")
        # Enter in the path exports (the default button); it never opens the chooser.
        browse.setAutoDefault(False)
        browse.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form.addRow(labelled("&Destination:", self.path), path_row)
        self.keep_current = QCheckBox("&Keep this file up to date after every change")
        self.keep_current.setAccessibleName("Keep the file up to date")
        auto = auto_file(self.settings, self.context.db_path)
        self.keep_current.setChecked(auto is not None and str(auto) == self.path.text())
        self.keep_current.toggled.connect(self._range_for_kept_file)
        self._range_for_kept_file(self.keep_current.isChecked())
        form.addRow(self.keep_current)
        layout.addLayout(form)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # names the file
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Export summary")
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setText("Close")  # Esc closes; some platforms' "&Close" would take Feedback &calls' C
        close.setAutoDefault(False)
        self.export_button = buttons.addButton("E&xport", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setAccessibleName("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _kinds_box(self, options: CalendarOptions) -> QGroupBox:
        box = QGroupBox("Reminders to export")
        box.setAccessibleName("Reminders to export")
        row = QVBoxLayout(box)
        self.kind_boxes: dict[str, QCheckBox] = {}
        for kind, label in KIND_LABELS.items():
            check = QCheckBox(label)
            check.setChecked(kind.value in options.kinds)
            check.setAccessibleName(label.replace("&", ""))
            self.kind_boxes[kind.value] = check
            row.addWidget(check)
        self.rounds = QCheckBox("&Interview rounds (timed, in their own time zone)")
        self.rounds.setChecked(options.rounds)
        self.rounds.setAccessibleName("Interview rounds")
        row.addWidget(self.rounds)
        return box

    def _range_box(self) -> QGroupBox:
        box = QGroupBox("Only dates f&rom")
        box.setCheckable(True)
        box.setChecked(False)
        box.setAccessibleName("Limit to a date range")
        self.range_box = box
        today = self.context.today()
        self.first = DateField(today)
        self.last = DateField(today + timedelta(days=90))
        for edit, name in ((self.first, "First date"), (self.last, "Last date")):
            edit.setAccessibleName(name)
        row = QHBoxLayout(box)
        row.addWidget(self.first)
        row.addWidget(QLabel("to"))
        row.addWidget(self.last)
        row.addStretch(1)  # "from … to …" reads as one phrase, not two far-apart boxes
        return box

    def _range_for_kept_file(self, kept: bool) -> None:
        # A file kept up to date holds every date: a range would go stale.
        self.range_box.setEnabled(not kept)
        self.range_box.setToolTip("A file kept up to date holds every date." if kept else "")

    # -- actions ---------------------------------------------------------------

    def choose_file(self) -> None:
        start = self.path.text() or str(Path.home() / "afterword-reminders.ics")
        name, _ = QFileDialog.getSaveFileName(self, "Export reminders to", start,
                                              "Calendar files (*.ics)")
        if name:
            self.path.setText(name)

    def options(self) -> CalendarOptions:
        limited = self.range_box.isChecked() and self.range_box.isEnabled()
        t = self.alarm_time.time()
        return CalendarOptions(
            tasks=self.as_tasks.isChecked(),
            kinds=frozenset(k for k, box in self.kind_boxes.items() if box.isChecked()),
            first=pydate(self.first.date()) if limited else None,
            last=pydate(self.last.date()) if limited else None,
            rounds=self.rounds.isChecked(), full=self.full.isChecked(),
            private_notes=self.private_notes.isChecked(),
            alarm_time=CalendarOptions().alarm_time.replace(hour=t.hour(), minute=t.minute()),
        )

    def _destination(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")

    def _say(self, text: str, *, problem: bool) -> None:
        self.summary.setText(text)
        # The window's own text colour for a result and a red that reads on light and dark alike.
        self.summary.setStyleSheet("" if not problem else f"color: {PROBLEM_COLOUR};")

    def export(self) -> ExportSummary | None:
        """Write the file; the summary (or the reason it failed) appears in the dialog."""
        options = self.options()
        path = self._destination()
        if path is None:
            self._say("Choose a file to write first.", problem=True)
            self.path.setFocus()
            return None
        if not options.kinds and not options.rounds:
            self._say("Tick at least one kind of reminder to export.", problem=True)
            return None
        if options.first and options.last and options.first > options.last:
            self._say("The first date is after the last date.", problem=True)
            self.first.setFocus()
            return None
        try:
            if self.keep_current.isChecked():  # written as every later change re-writes it
                self._remember(path, options)
                kept = kept_file(self.settings, self.context.db_path)
                assert kept is not None
                summary = kept.write(self.context.store, self.context.clock())
            else:
                summary = export_calendar(self.context.store, path, options, self.context.clock())
                self._remember(path, options)
        except AfterwordError as exc:
            self._say(str(exc), problem=True)
            return None
        self.path.setText(str(path))
        lines = [summary.describe()]
        if summary.problems:
            lines.append(f"{len(summary.problems)} could not be exported:")
            lines.extend(f"• {p}" for p in summary.problems)
        self._say("\n".join(lines), problem=bool(summary.problems))
        self.last_summary = summary
        return summary

    def _remember(self, path: Path, options: CalendarOptions) -> None:
        save_options(self.settings, options)
        keys.CALENDAR_LAST_FILE.write(self.settings, path)
        kept = keys.CALENDAR_AUTO_FILE.of(self.context.db_path)
        if self.keep_current.isChecked():
            kept.write(self.settings, path)
        elif kept.read(self.settings) == path:
            kept.forget(self.settings)
        self.settings.sync()
