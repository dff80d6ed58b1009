"""Date and date-time fields the way every form here shows them: ISO order
(2026-11-24, 2026-11-24 14:00) whatever the locale, a calendar to pick from, and
one Tab stop each — Tab leaves the field instead of walking its year, month, day,
hour and minute (Left/Right and typing still move between those)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"
DATE_TIME_FORMAT = "yyyy-MM-dd HH:mm"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DateField(QDateEdit):
    def __init__(self, day: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        if day is not None:
            self.setDate(qdate(day))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 (Qt's name)
        return QWidget.focusNextPrevChild(self, next)


class DateTimeField(QDateTimeEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat(DATE_TIME_FORMAT)
        self.setCalendarPopup(True)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 (Qt's name)
        return QWidget.focusNextPrevChild(self, next)
