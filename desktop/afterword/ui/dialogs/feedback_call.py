"""The feedback call after a rejection: requested → scheduled → held (or dropped),
what was said, what to change, and the three follow-up answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from html import escape

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.domain import Answer, CallStatus, Company, Contact, FeedbackCall, Opportunity
from afterword.core.errors import AfterwordError, InvalidRecord
from afterword.core.feedback import (
    BEHAVIOUR,
    NEGATIVE,
    POSITIVE,
    SKILL,
    advance,
    cadence_offer,
    check_call,
    join_marked,
    phone_numbers,
    save_call,
    split_marked,
)
from afterword.core.stay_in_touch import describe
from afterword.ui import messages
from afterword.ui.commands import Changes
from afterword.ui.date_fields import DateField, DateTimeField, pydate, qdate
from afterword.ui.hub import Hub
from afterword.ui.widgets import (
    fill_combo,
    labelled,
    message_line,
    named,
    no_auto_default,
    select_data,
    show_message,
)


class FeedbackCallDialog(QDialog):
    """Edit one feedback call. After saving with a "yes" to staying in touch it
    offers a cadence (`offer_cadence`, which a test can answer); with `changes`
    that cadence is saved as an undoable step of the window."""

    def __init__(self, context: AppContext, hub: Hub, parent=None, *, call: FeedbackCall,
                 changes: Changes | None = None):
        super().__init__(parent)
        self.context, self.hub, self.call, self.changes = context, hub, call, changes
        store = context.store
        contact = store.get(Contact, call.contact_uid)
        opp = store.get(Opportunity, call.opportunity_uid) if call.opportunity_uid else None
        company = store.get(Company, opp.company_uid) if opp else None
        self.contact = contact
        self.setWindowTitle(f"Feedback Call — {contact.name if contact else ''}")
        named(self, "Feedback call")

        heading = QLabel(
            f"<b>{escape(contact.name) if contact else '(unknown)'}</b>"
            f"{' · ' + contact.role.value.replace('_', ' ') if contact and contact.role else ''}"
            f"{' · ' + escape(company.name) if company else ''}<br>"
            f"After the rejection for <i>{escape(opp.title) if opp else 'a role'}</i>. Ask by phone, "
            "with the interviewer: how could I improve? Never ask about the other candidate.")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        numbers = phone_numbers(contact) if contact else []
        self.phones = named(QLabel(
            "Phone: " + " · ".join(f"{kind} {number}" for kind, number in numbers) if numbers
            else "No phone number on their card yet: add their direct line or cell in People."),
            "Phone numbers to call")
        self.phones.setTextFormat(Qt.TextFormat.PlainText)
        self.phones.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = message_line(name="feedback call problem")

        form = QFormLayout()
        self.status = fill_combo(named(QComboBox(), "Call status"), CallStatus)
        select_data(self.status, call.status)
        self.status.currentIndexChanged.connect(self._status_changed)
        form.addRow("S&tatus:", self.status)
        today = context.today()
        self.requested_on = named(DateField(call.requested_on or today), "Requested on")
        self.requested_via = named(QLineEdit(call.requested_via or ""), "Requested via",
                                   "phone, voicemail, text…")
        req = QHBoxLayout()
        req.addWidget(self.requested_on)
        req.addWidget(QLabel("via"))
        req.addWidget(self.requested_via, 1)
        form.addRow(labelled("&Requested:", self.requested_on), req)
        self.scheduled_at = named(DateTimeField(), "Scheduled at")
        # Shown in the user's zone; saved again only if the user changes it.
        when = (call.scheduled_at.astimezone(context.zone()) if call.scheduled_at
                else context.clock().replace(minute=0, second=0, microsecond=0))
        self.scheduled_at.setDateTime(QDateTime(qdate(when.date()), _qtime(when)))
        self._shown_at = self._typed_at()
        form.addRow(labelled("S&cheduled:", self.scheduled_at), _left(self.scheduled_at))
        self.held_on = named(DateField(call.held_on or today), "Held on")
        form.addRow(labelled("&Held on:", self.held_on), _left(self.held_on))

        points = QGroupBox("Feedback and actions (one a line)")
        grid = QGridLayout(points)
        plus, minus = split_marked(call.feedback, (POSITIVE, NEGATIVE))
        change, build = split_marked(call.actions, (BEHAVIOUR, SKILL))
        self.positive = named(QPlainTextEdit(plus), "Positive feedback")
        self.negative = named(QPlainTextEdit(minus), "Negative feedback")
        self.behaviour = named(QPlainTextEdit(change), "Behaviour to change")
        self.skill = named(QPlainTextEdit(build), "Skill to build")
        for i, (label, edit) in enumerate((("What went well", self.positive),
                                           ("What to improve", self.negative),
                                           ("Behaviour to change", self.behaviour),
                                           ("Skill to build", self.skill))):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            grid.addWidget(QLabel(label), (i // 2) * 2, i % 2)
            grid.addWidget(edit, (i // 2) * 2 + 1, i % 2)

        answers = QGroupBox("If the feedback was good, ask")
        answer_form = QFormLayout(answers)
        self.similar_role = self._answer("Would they consider me for a similar role?", call.similar_role)
        self.other_roles = self._answer("Are there other roles that fit me better?", call.other_roles)
        self.stay_in_touch = self._answer("May I stay in touch?", call.stay_in_touch)
        for combo in (self.similar_role, self.other_roles, self.stay_in_touch):
            answer_form.addRow(combo.accessibleName(), combo)

        save = named(QPushButton("&Save"), "Save feedback call", "Ctrl+S")
        save.clicked.connect(self.save)
        cancel = named(QPushButton("Cancel"), "Cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.phones)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(points)
        layout.addWidget(answers)
        layout.addLayout(buttons)
        no_auto_default(self)
        self._status_changed()

    def _answer(self, question: str, value: Answer | None) -> QComboBox:
        combo = fill_combo(named(QComboBox(), question), Answer, blank="—")
        select_data(combo, value)
        return combo

    def _status_changed(self) -> None:
        status = CallStatus(self.status.currentData())
        self.requested_on.setEnabled(status != CallStatus.TO_REQUEST)
        self.requested_via.setEnabled(status != CallStatus.TO_REQUEST)
        self.scheduled_at.setEnabled(status in (CallStatus.SCHEDULED, CallStatus.HELD))
        self.held_on.setEnabled(status == CallStatus.HELD)

    def build(self) -> FeedbackCall:
        """The call as the form has it (raises InvalidRecord for a bad move)."""
        status = CallStatus(self.status.currentData())
        typed = self._typed_at()
        if self.call.scheduled_at is not None and typed == self._shown_at:
            at = self.call.scheduled_at  # untouched: the moment stays exactly as saved
        else:
            # The wall time in the user's zone on that day: a call across a
            # daylight-saving change gets that day's offset, not today's.
            at = datetime(*typed, tzinfo=self.context.zone())
        call = replace(
            self.call,
            requested_on=pydate(self.requested_on.date()) if status != CallStatus.TO_REQUEST
            else self.call.requested_on,
            requested_via=self.requested_via.text().strip() or None,
            scheduled_at=at if status in (CallStatus.SCHEDULED, CallStatus.HELD)
            else self.call.scheduled_at,
            held_on=pydate(self.held_on.date()) if status == CallStatus.HELD else self.call.held_on,
            feedback=join_marked(self.positive.toPlainText(), self.negative.toPlainText(),
                                 (POSITIVE, NEGATIVE)),
            actions=join_marked(self.behaviour.toPlainText(), self.skill.toPlainText(),
                                (BEHAVIOUR, SKILL)),
            similar_role=_answer(self.similar_role), other_roles=_answer(self.other_roles),
            stay_in_touch=_answer(self.stay_in_touch),
        )
        return advance(call, status, self.context.today()) if status != self.call.status else call

    def _typed_at(self) -> tuple[int, int, int, int, int]:
        q = self.scheduled_at.dateTime()
        return (q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())

    def save(self) -> bool:
        """Check and save the call; with `changes`, as one undoable step of the window."""
        store, today = self.context.store, self.context.today()
        try:
            call = self.build()
            check_call(store, call, today)
            if self.changes is None:
                save_call(store, call, today)
        except AfterwordError as exc:
            text = exc.problem if isinstance(exc, InvalidRecord) else str(exc)
            show_message(self.error, f"Not saved: {text}.")
            return False
        if self.changes is not None:
            name = self.contact.name[:40] if self.contact else "them"
            if not self.changes.save(store.get(FeedbackCall, call.uid), call,
                                     f"Feedback call with {name}"):
                show_message(self.error, "Not saved (see the message). Your entries are still here.")
                return False
        self.call = call
        self.hub.notify("feedback_calls")
        self.offer_cadence()
        self.accept()
        return True

    def offer_cadence(self) -> bool:
        """After a "yes" to staying in touch, offer a cadence for the person."""
        offer = cadence_offer(self.context.store, self.call)
        if offer is None:
            return False
        name = self.contact.name if self.contact else "this person"
        answer = messages.ask(
            self, "Stay in touch",
            f"{name} said yes to staying in touch. Set up a cadence ({describe(offer)})?\n"
            "You can change it in the cadence window.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        from afterword.ui.dialogs.cadence import CadenceDialog

        dialog = CadenceDialog(self.context, self.hub, self.parent(), contact_uid=offer.contact_uid,
                               proposed=offer, changes=self.changes)
        dialog.exec()
        return True


def _left(field: QWidget) -> QHBoxLayout:
    """A field at its own width, like the other dates, not stretched across the form."""
    row = QHBoxLayout()
    row.addWidget(field)
    row.addStretch(1)
    return row


def _qtime(moment: datetime) -> QTime:
    return QTime(moment.hour, moment.minute)


def _answer(combo: QComboBox) -> Answer | None:
    return Answer(combo.currentData()) if combo.currentData() else None
