"""A person's stay-in-touch cadence (every N days/weeks/months, a maximum,
paused or active) and the touches that restart it. With the window's `changes`,
saving the cadence and logging a touch are each one undoable step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from afterword.context import AppContext
from afterword.core.domain import Cadence, Contact, TouchKind
from afterword.core.errors import AfterwordError, InvalidRecord
from afterword.core.rules import CadenceState, cadence_status
from afterword.core.stay_in_touch import (
    cadence_for,
    make_cadence,
    make_touch,
    rule_parts,
    save_cadence,
    save_touch,
)
from afterword.core.undo import Change
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.widgets import fill_combo, labelled, message_line, named, no_auto_default, show_message

UNIT_LABELS = [("days", "days"), ("weeks", "weeks"), ("months", "months")]


class CadenceDialog(QDialog):
    """Set the cadence for `contact_uid`; `proposed` pre-fills a new one. With
    `changes` each save and each touch logged is an undoable step of the window."""

    def __init__(self, context: AppContext, hub: Hub, parent=None, *, contact_uid: str,
                 proposed: Cadence | None = None, changes: Changes | None = None):
        super().__init__(parent)
        self.context, self.hub, self.changes = context, hub, changes
        self.contact_uid = contact_uid
        contact = context.store.get(Contact, contact_uid)
        self.name = contact.name[:40] if contact else "someone"
        self.existing = cadence_for(context.store, contact_uid)
        cadence = self.existing or proposed
        self.setWindowTitle(f"Stay in Touch — {contact.name if contact else ''}")
        named(self, "Stay in touch")
        self.error = message_line(name="cadence problem")

        every, unit = rule_parts(cadence.rrule) if cadence else (1, "months")
        self.every = named(QSpinBox(), "Every how many")
        self.every.setRange(1, 365)
        self.every.setValue(every)
        self.unit = named(QComboBox(), "Unit")
        for label, value in UNIT_LABELS:
            self.unit.addItem(label, value)
        self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))
        ideal = QHBoxLayout()
        ideal.addWidget(QLabel("every"))
        ideal.addWidget(self.every)
        ideal.addWidget(self.unit)
        ideal.addStretch(1)
        self.max_days = named(QSpinBox(), "Maximum days between contacts",
                              "After this many days without contact the touch is overdue")
        self.max_days.setRange(0, 3650)
        self.max_days.setSpecialValueText("no maximum")
        self.max_days.setSuffix(" days")
        self.max_days.setValue((cadence.max_days or 0) if cadence else 0)
        start = cadence.start if cadence else context.today()
        self.start = named(QDateEdit(QDate(start.year, start.month, start.day)), "Cadence start")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")  # as every other date in the window
        self.paused = named(QCheckBox("&Paused"), "Paused")
        self.paused.setChecked(bool(cadence) and not cadence.active)
        form = QFormLayout()
        form.addRow(labelled("&Ideal:", self.every), ideal)
        form.addRow("&At most:", self.max_days)
        form.addRow("&From:", self.start)
        form.addRow("", self.paused)
        self.status = QLabel()
        named(self.status, "Cadence status")

        touch_box = QGroupBox("Log a touch")
        touch_form = QFormLayout(touch_box)
        self.touch_kind = fill_combo(named(QComboBox(), "Kind of touch"), TouchKind)
        now = context.clock()
        self.touch_at = named(QDateTimeEdit(QDateTime(QDate(now.year, now.month, now.day),
                                                      QTime(now.hour, now.minute))), "Touch time")
        self.touch_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.touch_at.setCalendarPopup(True)
        self.touch_notes = named(QLineEdit(), "Touch notes")
        self.touch_notes.setPlaceholderText("What was said (optional)")
        self.touch_notes.returnPressed.connect(self.log_touch)
        log = named(QPushButton("&Log Touch"), "Log touch", "Ctrl+L")
        log.setAutoDefault(False)
        log.clicked.connect(self.log_touch)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.log_touch)
        row = QHBoxLayout()
        row.addWidget(self.touch_kind)
        row.addWidget(self.touch_at)
        touch_form.addRow(labelled("&Kind, when:", self.touch_kind), row)
        touch_form.addRow("&Notes:", self.touch_notes)
        touch_form.addRow("", log)

        save = named(QPushButton("&Save Cadence"), "Save cadence", "Ctrl+S")
        save.setAutoDefault(False)
        save.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        close = named(QPushButton("Close"), "Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(touch_box)
        layout.addLayout(buttons)
        no_auto_default(self)
        self.refresh_status()

    def refresh_status(self) -> None:
        status = cadence_status(self.context.store, [self.contact_uid], self.context.today())
        s = status[self.contact_uid]
        last = s.last_touch.isoformat() if s.last_touch else "never"
        if s.state == CadenceState.NONE:
            text = f"Last contact: {last}. No cadence yet."
        elif s.state == CadenceState.PAUSED:
            text = f"Last contact: {last}. Paused."
        else:
            text = f"Last contact: {last} · next touch due {s.next_due.isoformat()} ({s.state.value})"
        self.status.setText(text)

    def build(self) -> Cadence:
        d = self.start.date()
        return make_cadence(
            self.contact_uid, self.every.value(), self.unit.currentData(),
            date(d.year(), d.month(), d.day()), max_days=self.max_days.value() or None,
            active=not self.paused.isChecked(), uid=self.existing.uid if self.existing else None)

    def save(self) -> bool:
        try:
            cadence = self.build()
        except AfterwordError as exc:
            show_message(self.error, _problem(exc))
            return False
        store = self.context.store

        def write() -> list[Change]:
            before = store.get(Cadence, cadence.uid)
            save_cadence(store, cadence)
            return [(before, cadence)]

        verb = "Change" if self.existing is not None else "Set"
        if not self._write(f"{verb} the cadence for {self.name}", write, "cadences"):
            return False
        self.existing = cadence
        self.accept()
        return True

    def log_touch(self) -> bool:
        q = self.touch_at.dateTime()
        # In the user's zone on that day (not today's offset): right across a DST change.
        at = datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(),
                      q.time().minute(), tzinfo=self.context.zone())
        try:
            touch = make_touch(self.contact_uid, at, TouchKind(self.touch_kind.currentData()),
                               self.context.clock(), self.touch_notes.text())
        except AfterwordError as exc:
            show_message(self.error, _problem(exc))
            return False

        def write() -> list[Change]:
            save_touch(self.context.store, touch)
            return [(None, touch)]

        if not self._write(f"Log a touch with {self.name}", write, "touches"):
            return False
        self.touch_notes.clear()
        self.refresh_status()
        return True

    def _write(self, text: str, write: Callable[[], Sequence[Change]], kind: str) -> bool:
        """Save in one transaction: through the window's undo stack when there is
        one (a refusal is then shown by the window too), else directly."""
        if self.changes is not None:
            if not self.changes.compute(text, write):
                show_message(self.error, "Not saved (see the message). What you typed is still here.")
                return False
        else:
            try:
                with self.context.store.atomic():
                    write()
            except AfterwordError as exc:
                show_message(self.error, _problem(exc))
                return False
            self.hub.notify(kind)
        show_message(self.error, None)
        return True


def _problem(exc: AfterwordError) -> str:
    text = exc.problem if isinstance(exc, InvalidRecord) else str(exc)
    return f"Not saved: {text[0].upper()}{text[1:]}."
