"""Ask when a requested feedback call will be held."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel


class ScheduleCallDialog(QDialog):
    def __init__(self, who: str, default: datetime, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Schedule Feedback Call")
        layout = QFormLayout(self)
        question = QLabel(f"When is the feedback call with {who}?")
        question.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed
        layout.addRow(question)
        self.when = QDateTimeEdit(QDateTime(default))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName("Date and time of the call")
        layout.addRow("&When:", self.when)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def moment(self) -> datetime:
        return self.when.dateTime().toPython().astimezone()

    @classmethod
    def ask(cls, who: str, now: datetime, parent=None) -> datetime | None:
        """The moment chosen (local, aware), or None if the user cancelled."""
        default = (now + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
        dialog = cls(who, default.replace(tzinfo=None), parent)
        return dialog.moment() if dialog.exec() == QDialog.DialogCode.Accepted else None
