"""The debrief's first page: role and round, when, who was present, tone,
questions, concerns, the close and when to hear back; filled from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from afterword.core import queries
from afterword.core.debrief import tone_hint
from afterword.core.domain import (
    Company,
    Concern,
    ConcernKind,
    ConcernSize,
    Contact,
    Format,
    Interview,
    Opportunity,
    Question,
)
from afterword.core.errors import InvalidRecord
from afterword.core.store import Store
from afterword.ui.date_fields import DateField, qdate
from afterword.ui.dialogs.debrief.people_picker import PeoplePicker
from afterword.ui.dialogs.debrief.tables import form_table, with_add_button
from afterword.ui.dialogs.debrief.time_zone import RoundTime, local_zone_name
from afterword.ui.dialogs.new_role import NewRoleDialog
from afterword.ui.models.rows import EditableModel
from afterword.ui.widgets import (
    HINT_STYLE,
    ChoiceDelegate,
    fill_combo,
    labelled,
    message_line,
    named,
    select_data,
    show_message,
)

# The field a refusal names → the control that takes the focus.
FOCUS = {"timezone": "zone", "start": "day", "participant_uids": "person", "round": "round",
         "opportunity_uid": "opportunity", "hear_back_by": "hear_back",
         "questions": "questions", "concerns": "concerns", "title": "add_role_button",
         "company_uid": "add_role_button"}


class DebriefForm(QWidget):
    """One round as typed. `existing` is the round being edited, if any."""

    propose_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, store: Store, clock: Callable[[], datetime], existing: Interview | None,
                 parent=None):
        super().__init__(parent)
        self.store, self.clock, self.existing = store, clock, existing
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = message_line(name="debrief problem")
        self.hint = message_line(HINT_STYLE, "debrief hint")

        # A role (and its company) added here, saved with the debrief.
        self.new_role: Opportunity | None = None
        self.new_company: Company | None = None
        self.opportunity = named(QComboBox(), "Role", "The role this round was for")
        for opp, company in queries.roles_open_first(self.store):
            self.opportunity.addItem(f"{opp.title} — {company}", opp.uid)
        self.opportunity.currentIndexChanged.connect(self.role_changed)
        self.add_role_button = named(QPushButton("Ad&d Role…"), "Add role",
                                     "A role not listed yet, at a known or a new company")
        self.add_role_button.clicked.connect(self.add_role)
        self.round = named(QSpinBox(), "Round number")
        self.round.setRange(1, 20)
        self.round.setPrefix("Round ")
        top = QHBoxLayout()
        top.addWidget(self.opportunity, 1)
        top.addWidget(self.add_role_button)
        top.addWidget(self.round)
        form.addRow(labelled("&Role:", self.opportunity), top)

        # One field for the date and time (one Tab stop), read on the zone's clock.
        self.time = RoundTime(clock, self)
        self.when, self.zone = self.time.when, self.time.zone
        self.day = self.at = self.when  # its date() and time(), by the names callers know
        self.format = fill_combo(named(QComboBox(), "Format"), Format)
        when = QHBoxLayout()
        for w, stretch in ((self.when, 0), (self.zone, 1), (self.format, 0)):
            when.addWidget(w, stretch)
        form.addRow(labelled("&When:", self.when), when)

        self.picker = PeoplePicker(self.store, self._company_uid)
        self.picker.person_added.connect(lambda: show_message(self.error, None))
        self.person = self.picker.name  # where a refusal about the people present sends the focus
        form.addRow(labelled("Pr&esent:", self.picker.name), self.picker)

        self.tone = named(QLineEdit(), "Tone of the round", "How the round felt, e.g. warm, curious")
        self.tone.setPlaceholderText("e.g. warm, collaborative")
        self.tone.textChanged.connect(self.update_tone_hint)
        self.tone_hint = message_line(HINT_STYLE, "tone hint")
        tone = QVBoxLayout()
        tone.addWidget(self.tone)
        tone.addWidget(self.tone_hint)
        form.addRow(labelled("T&one:", self.tone), tone)

        self.questions_model = EditableModel(
            ["question", "my_answer", "better_answer"],
            ["Question", "What I said", "What I wish I had said"])
        self.questions = form_table(self.questions_model, "Questions worth revisiting")
        form.addRow(labelled("&Questions:", self.questions),
                    with_add_button(self.questions, "Add Q&uestion", self.questions_model))

        self.concerns_model = EditableModel(
            ["text", "kind", "response", "size"], ["Concern", "Kind", "My response", "Size"],
            choices={"kind": ConcernKind, "size": ConcernSize})
        self.concerns = form_table(self.concerns_model, "Concerns raised")
        self.concerns.setItemDelegateForColumn(1, ChoiceDelegate(ConcernKind, self.concerns))
        self.concerns.setItemDelegateForColumn(3, ChoiceDelegate(ConcernSize, self.concerns))
        form.addRow(labelled("Co&ncerns:", self.concerns),
                    with_add_button(self.concerns, "Add Con&cern", self.concerns_model))

        self.closing_question = named(QLineEdit(), "Closing question asked")
        self.closing_question.setPlaceholderText("e.g. Is there anything I could address?")
        form.addRow("C&losing question:", self.closing_question)
        self.closing_answer = named(QLineEdit(), "Their answer")
        form.addRow("Their &answer:", self.closing_answer)
        self.next_steps = named(QLineEdit(), "Next steps")
        form.addRow("Ne&xt steps:", self.next_steps)
        self.has_hear_back = named(QCheckBox("They said I would hear &back by"), "Hear back by is set")
        self.hear_back = named(DateField(), "Hear back by")
        self.hear_back.setEnabled(False)
        self.has_hear_back.toggled.connect(self.hear_back.setEnabled)
        hear = QHBoxLayout()
        hear.addWidget(self.has_hear_back)
        hear.addWidget(self.hear_back)
        hear.addStretch(1)
        form.addRow(labelled("&Hear back:", self.has_hear_back), hear)
        self._lay_out(form)
        chain = [self.opportunity, self.add_role_button, self.round, self.when, self.zone,
                 self.format, *self.picker.tab_chain()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _lay_out(self, form: QFormLayout) -> None:
        self.save_button = named(QPushButton("&Save and Propose Notes"), "Save and propose notes",
                                 "Ctrl+Enter")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.propose_requested)
        cancel = named(QPushButton("Cancel"), "Cancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.cancel_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        # The form scrolls on a small screen; the buttons stay in view below it.
        fields = QWidget()
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.error)
        column.addWidget(self.hint)
        column.addLayout(form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)

    # -- loading -----------------------------------------------------------------

    def load(self, opportunity_uid: str | None) -> None:
        """A new round of `opportunity_uid` (an hour ago, on the hour, in its zone),
        or the round edited."""
        interview = self.existing
        if interview is not None:
            opportunity_uid = interview.opportunity_uid
        if opportunity_uid:
            select_data(self.opportunity, opportunity_uid)
        self.role_changed()
        if interview is None:
            self.time.start_now()
            self.hear_back.setDate(qdate(self.time.start().date() + timedelta(days=7)))
            if self.opportunity.count() == 0:
                show_message(self.hint, "No roles are recorded yet: Add Role… (Alt+D) adds the "
                                        "role this round was for, with its company.")
                self.add_role_button.setFocus()
            return
        self.round.setValue(interview.round)
        self.time.show_start(interview.start, interview.timezone)
        select_data(self.format, interview.format)
        self.picker.set_present([c for c in (self.store.get(Contact, u)
                                             for u in interview.participant_uids) if c])
        self.tone.setText(interview.tone or "")
        self.questions_model.set_items([vars(q) for q in interview.questions])
        self.concerns_model.set_items([vars(c) for c in interview.concerns])
        self.closing_question.setText(interview.closing_question or "")
        self.closing_answer.setText(interview.closing_answer or "")
        self.next_steps.setText(interview.next_steps or "")
        if interview.hear_back_by:
            self.has_hear_back.setChecked(True)
            self.hear_back.setDate(qdate(interview.hear_back_by))

    def opportunity_record(self) -> Opportunity | None:
        uid = self.opportunity.currentData()
        if self.new_role is not None and uid == self.new_role.uid:
            return self.new_role
        return self.store.get(Opportunity, uid) if uid else None

    def add_role(self) -> bool:
        """Add Role…: a role not listed yet (with a new company, if need be) becomes
        the role of this round; it is saved with the debrief."""
        current = self.opportunity_record()
        companies = [*self.store.all(Company), *([self.new_company] if self.new_company else [])]
        dialog = NewRoleDialog(companies, self, company_uid=current.company_uid if current else None)
        if not dialog.exec() or dialog.role is None:
            return False
        if self.new_role is not None:  # one new role per debrief: the last one added
            self.opportunity.removeItem(self.opportunity.findData(self.new_role.uid))
        pool = {c.uid: c for c in companies}
        if dialog.new_company is not None:
            pool[dialog.new_company.uid] = dialog.new_company
        company = pool[dialog.role.company_uid]
        dropped = self.new_company if self.new_company and self.new_company is not company else None
        self.new_role = dialog.role
        self.new_company = company if self.store.get(Company, company.uid) is None else None
        for person in self.picker.new_contacts.values():  # people met there go with it
            if dropped is not None and person.company_uid == dropped.uid:
                person.company_uid = company.uid
        self.opportunity.insertItem(0, f"{dialog.role.title} — {company.name}  (new)", dialog.role.uid)
        self.opportunity.setCurrentIndex(0)
        show_message(self.error, None)
        show_message(self.hint, None)
        self.time.when.setFocus()
        return True

    def _company_uid(self) -> str | None:
        """A person first met at this round works at the role's company."""
        opp = self.opportunity_record()
        return opp.company_uid if opp else None

    def role_changed(self) -> None:
        """A new round of another role: its next round number, in the zone of its last."""
        opp = self.opportunity_record()
        if opp is None or self.existing is not None:
            self.zone.setCurrentText(local_zone_name(self.clock()))
            return
        earlier = queries.rounds_latest_first(self.store, opp.uid)
        self.round.setValue((earlier[0].round + 1) if earlier else 1)
        self.zone.setCurrentText(earlier[0].timezone if earlier else local_zone_name(self.clock()))
        self.update_tone_hint()

    def update_tone_hint(self) -> None:
        opp = self.opportunity_record()
        if opp is None:
            return
        probe = Interview(opp.uid, self.round.value(), self._start_or_now(), self.zone.currentText(),
                          tone=self.tone.text(), uid=self.existing.uid if self.existing else "new")
        show_message(self.tone_hint, tone_hint(self.store, probe))

    # -- the round as typed ------------------------------------------------------------

    def _start_or_now(self) -> datetime:
        try:
            return self.time.start()
        except InvalidRecord:
            return self.clock()

    def interview(self) -> Interview:
        """The round as typed (raises InvalidRecord for an unknown zone)."""
        opp = self.opportunity_record()
        hb = self.hear_back.date()
        interview = Interview(
            opportunity_uid=opp.uid if opp else "",
            round=self.round.value(),
            start=self.time.start(),
            timezone=self.zone.currentText().strip(),
            format=Format(self.format.currentData()) if self.format.currentData() else None,
            participant_uids=[c.uid for c in self.picker.present()],
            tone=self.tone.text().strip() or None,
            hear_back_by=date(hb.year(), hb.month(), hb.day()) if self.has_hear_back.isChecked() else None,
            closing_question=self.closing_question.text().strip() or None,
            closing_answer=self.closing_answer.text().strip() or None,
            next_steps=self.next_steps.text().strip() or None,
            questions=[Question(i["question"] or "", i["my_answer"], i["better_answer"])
                       for i in self.questions_model.filled()],
            concerns=[Concern(i["text"] or "", i["kind"], i["response"], i["size"])
                      for i in self.concerns_model.filled()],
        )
        if self.existing is not None:
            interview.uid = self.existing.uid
            interview.followed_up_on = self.existing.followed_up_on
        return interview

    def show_problem(self, exc: InvalidRecord) -> None:
        """Say what is wrong above the form and put the focus on the field concerned."""
        show_message(self.error, exc.problem[0].upper() + exc.problem[1:] + ".")
        widget = getattr(self, FOCUS.get(exc.field, ""), None)
        if widget is not None:
            widget.setFocus()
