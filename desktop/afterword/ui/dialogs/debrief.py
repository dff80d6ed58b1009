"""One round's debrief, filled from the keyboard right after the interview.

Saving checks the round, then shows the thank-you notes it proposes (one per
person present); the user unticks any not wanted, and the round, people created
on the spot and the kept notes are saved in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from PySide6.QtCore import QDate, QSize, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.debrief import Debrief, check_debrief, proposed_notes, save_debrief, tone_hint
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
    Role,
    ThankYouNote,
)
from afterword.core.errors import AfterwordError, InvalidRecord
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.models.rows import Column, EditableModel, RowsModel, shown
from afterword.ui.widgets import (
    HINT_STYLE,
    ChoiceDelegate,
    FormTable,
    fill_combo,
    fitting_size,
    labelled,
    message_line,
    named,
    no_auto_default,
    select_data,
    show_message,
)


def local_zone_name(moment: datetime) -> str:
    """The IANA name of the computer's zone when it is known, else UTC."""
    return getattr(moment.tzinfo, "key", None) or "UTC"


def _table(model, name: str, rows: int = 3) -> QTableView:
    view = FormTable()
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table, so the form stays fast
    row = view.verticalHeader().defaultSectionSize()
    view.setMinimumHeight(row * (rows + 1) + 6)
    # Room for one more before the table scrolls; the form, not one table, takes the height.
    view.setMaximumHeight(row * (rows + 2) + 6)
    named(view, name)
    return view


class DebriefDialog(QDialog):
    """Record one round; `opportunity_uid` preselects the role, `interview_uid`
    opens an existing round to edit it (and thank anyone added). With `changes`
    the save is one undoable step of the window."""

    def __init__(self, context: AppContext, hub: Hub, parent=None, *,
                 opportunity_uid: str | None = None, interview_uid: str | None = None,
                 changes: Changes | None = None):
        super().__init__(parent)
        self.context, self.hub, self.changes = context, hub, changes
        self.store = context.store
        self.existing = self.store.get(Interview, interview_uid) if interview_uid else None
        self.new_contacts: dict[str, Contact] = {}
        self.debrief: Debrief | None = None
        self.setWindowTitle("Debrief a Round")
        named(self, "Debrief a round")

        self.pages = QStackedWidget()
        self.form_page = self._build_form()
        self.notes_page = self._build_notes_page()
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.notes_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._primary)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._primary)

        for first, second in pairwise(self._people_tabs):
            QWidget.setTabOrder(first, second)
        self._load(opportunity_uid)
        no_auto_default(self)
        self.resize(fitting_size(self, QSize(920, 860)))

    # -- form ------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = message_line(name="debrief problem")

        self.opportunity = named(QComboBox(), "Role", "The role this round was for")
        for opp in self.store.select(Opportunity, order_by="stage = 'rejected', title"):
            company = self.store.get(Company, opp.company_uid)
            self.opportunity.addItem(f"{opp.title} — {company.name if company else ''}", opp.uid)
        self.opportunity.currentIndexChanged.connect(self._role_changed)
        self.round = named(QSpinBox(), "Round number")
        self.round.setRange(1, 20)
        self.round.setPrefix("Round ")
        top = QHBoxLayout()
        top.addWidget(self.opportunity, 1)
        top.addWidget(self.round)
        form.addRow(labelled("&Role:", self.opportunity), top)

        self.day = named(QDateEdit(), "Date of the round")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.at = named(QTimeEdit(), "Time of the round")
        self.at.setDisplayFormat("HH:mm")
        self.zone = named(QComboBox(), "Time zone", "IANA name, e.g. America/Chicago")
        self.zone.setEditable(True)
        self.zone.addItems(sorted(available_timezones()))
        self.zone.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.zone.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.format = fill_combo(named(QComboBox(), "Format"), Format)
        when = QHBoxLayout()
        for w, stretch in ((self.day, 0), (self.at, 0), (self.zone, 1), (self.format, 0)):
            when.addWidget(w, stretch)
        form.addRow(labelled("&When:", self.day), when)

        self.people_model = RowsModel([
            Column("Name", lambda c: c.name + ("  (new)" if c.uid in self.new_contacts else "")),
            Column("Role in the process", lambda c: c.role),
            Column("Mailing address", lambda c: (c.mailing_address or "").replace("\n", ", ")),
        ])
        self.people = _table(self.people_model, "People present", rows=4)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        QShortcut(QKeySequence.StandardKey.Delete, self.people, activated=self._remove_person,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.person = named(QLineEdit(), "Add a person present",
                            "Type a name and press Enter; a new name creates the person")
        self.person.setPlaceholderText("Name of someone present — Enter adds (new names are created)")
        self.person.returnPressed.connect(self._add_person)
        self.person_role = fill_combo(named(QComboBox(), "Role of a new person"), Role)
        add = named(QPushButton("Add &Person"), "Add person")
        add.clicked.connect(self._add_person)
        remove = named(QPushButton("Re&move"), "Remove person", "Remove the selected person (Delete)")
        remove.clicked.connect(self._remove_person)
        adder = QHBoxLayout()
        adder.addWidget(self.person, 1)
        adder.addWidget(self.person_role)
        adder.addWidget(add)
        adder.addWidget(remove)
        present = QVBoxLayout()
        present.addWidget(self.people)
        present.addLayout(adder)
        form.addRow(labelled("Pr&esent:", self.person), present)
        # Name, role, Add, then the list and Remove: typing first, as the label's Alt+E does.
        self._people_tabs = (self.format, self.person, self.person_role, add, self.people, remove)
        people_header = self.people.horizontalHeader()
        people_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        people_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.tone = named(QLineEdit(), "Tone of the round", "How the round felt, e.g. warm, curious")
        self.tone.setPlaceholderText("e.g. warm, collaborative")
        self.tone.textChanged.connect(self._update_tone_hint)
        self.tone_hint = message_line(HINT_STYLE, "tone hint")
        tone = QVBoxLayout()
        tone.addWidget(self.tone)
        tone.addWidget(self.tone_hint)
        form.addRow(labelled("T&one:", self.tone), tone)

        self.questions_model = EditableModel(
            ["question", "my_answer", "better_answer"],
            ["Question", "What I said", "What I wish I had said"])
        self.questions = _table(self.questions_model, "Questions worth revisiting")
        form.addRow(labelled("&Questions:", self.questions),
                    self._with_add(self.questions, "Add Q&uestion", self.questions_model))

        self.concerns_model = EditableModel(
            ["text", "kind", "response", "size"], ["Concern", "Kind", "My response", "Size"],
            choices={"kind": ConcernKind, "size": ConcernSize})
        self.concerns = _table(self.concerns_model, "Concerns raised")
        self.concerns.setItemDelegateForColumn(1, ChoiceDelegate(ConcernKind, self.concerns))
        self.concerns.setItemDelegateForColumn(3, ChoiceDelegate(ConcernSize, self.concerns))
        form.addRow(labelled("Co&ncerns:", self.concerns),
                    self._with_add(self.concerns, "Add Con&cern", self.concerns_model))

        self.closing_question = named(QLineEdit(), "Closing question asked")
        self.closing_question.setPlaceholderText("e.g. Is there anything I could address?")
        form.addRow("C&losing question:", self.closing_question)
        self.closing_answer = named(QLineEdit(), "Their answer")
        form.addRow("Their &answer:", self.closing_answer)
        self.next_steps = named(QLineEdit(), "Next steps")
        form.addRow("Ne&xt steps:", self.next_steps)
        self.has_hear_back = named(QCheckBox("They said I would hear back by"), "Hear back by is set")
        self.hear_back = named(QDateEdit(), "Hear back by")
        self.hear_back.setCalendarPopup(True)
        self.hear_back.setDisplayFormat("yyyy-MM-dd")
        self.hear_back.setEnabled(False)
        self.has_hear_back.toggled.connect(self.hear_back.setEnabled)
        hear = QHBoxLayout()
        hear.addWidget(self.has_hear_back)
        hear.addWidget(self.hear_back)
        hear.addStretch(1)
        form.addRow(labelled("&Hear back:", self.has_hear_back), hear)

        self.save_button = named(QPushButton("&Save and Propose Notes"), "Save and propose notes",
                                 "Ctrl+Enter")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.propose)
        cancel = named(QPushButton("Cancel"), "Cancel")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        # The form scrolls on a small screen; the buttons stay in view below it.
        fields = QWidget()
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.error)
        column.addLayout(form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        return page

    def _with_add(self, view: QTableView, label: str, model: EditableModel) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        add = named(QPushButton(label), label.replace("&", "").capitalize())
        add.setAutoDefault(False)

        def append() -> None:
            row = model.append()
            index = model.index(row, 0)
            view.setCurrentIndex(index)  # starts editing: the table edits on any trigger
            if view.state() != QAbstractItemView.State.EditingState:
                view.edit(index)

        add.clicked.connect(append)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    # -- notes page --------------------------------------------------------------

    def _build_notes_page(self) -> QWidget:
        page = QWidget()
        self.notes_intro = QLabel()
        self.notes_intro.setAccessibleName("About the proposed notes")
        self.notes_intro.setWordWrap(True)
        self.notes_model = RowsModel([
            Column("To", lambda n: self._contact(n.contact_uid).name),
            Column("Role", lambda n: self._contact(n.contact_uid).role),
            Column("Medium", lambda n: n.medium),
            Column("Due", lambda n: n.due),
        ], checkable=True)
        self.notes_model.dataChanged.connect(self._update_note_count)
        self.notes_view = _table(self.notes_model, "Proposed thank-you notes", rows=5)
        self.notes_view.setEditTriggers(QAbstractItemView.EditTrigger.SelectedClicked)
        self.notes_error = message_line(name="save problem")
        back = named(QPushButton("&Back"), "Back to the debrief")
        back.setAutoDefault(False)
        back.clicked.connect(lambda: self.pages.setCurrentWidget(self.form_page))
        self.confirm_button = named(QPushButton("Save"), "Save debrief and notes", "Ctrl+Enter")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.notes_intro)
        layout.addWidget(self.notes_view, 1)
        layout.addWidget(self.notes_error)
        layout.addLayout(buttons)
        return page

    def _primary(self) -> None:
        if self.pages.currentWidget() is self.form_page:
            self.propose()
        else:
            self.confirm()

    # -- loading -----------------------------------------------------------------

    def _load(self, opportunity_uid: str | None) -> None:
        now = self.context.clock()
        interview = self.existing
        if interview is not None:
            opportunity_uid = interview.opportunity_uid
        if opportunity_uid:
            select_data(self.opportunity, opportunity_uid)
        self._role_changed()
        if interview is None:
            start = (now - timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
            self.day.setDate(QDate(start.year, start.month, start.day))
            self.at.setTime(QTime(start.hour, 0))
            self.hear_back.setDate(QDate(now.year, now.month, now.day).addDays(7))
            return
        local = interview.start.astimezone(ZoneInfo(interview.timezone))
        self.round.setValue(interview.round)
        self.day.setDate(QDate(local.year, local.month, local.day))
        self.at.setTime(QTime(local.hour, local.minute))
        self.zone.setCurrentText(interview.timezone)
        select_data(self.format, interview.format)
        self.people_model.set_rows([c for c in (self.store.get(Contact, u)
                                                for u in interview.participant_uids) if c])
        self.tone.setText(interview.tone or "")
        self.questions_model.set_items([vars(q) for q in interview.questions])
        self.concerns_model.set_items([vars(c) for c in interview.concerns])
        self.closing_question.setText(interview.closing_question or "")
        self.closing_answer.setText(interview.closing_answer or "")
        self.next_steps.setText(interview.next_steps or "")
        if interview.hear_back_by:
            self.has_hear_back.setChecked(True)
            d = interview.hear_back_by
            self.hear_back.setDate(QDate(d.year, d.month, d.day))

    def _opportunity(self) -> Opportunity | None:
        uid = self.opportunity.currentData()
        return self.store.get(Opportunity, uid) if uid else None

    def _role_changed(self) -> None:
        opp = self._opportunity()
        names = [c.name for c in self.store.select(Contact, order_by="name COLLATE NOCASE")]
        completer = QCompleter(names, self.person)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.person.setCompleter(completer)
        if opp is None or self.existing is not None:
            self.zone.setCurrentText(local_zone_name(self.context.clock()))
            return
        earlier = self.store.select(Interview, "opportunity_uid = ?", [opp.uid],
                                    order_by="round DESC, start DESC")
        self.round.setValue((earlier[0].round + 1) if earlier else 1)
        self.zone.setCurrentText(earlier[0].timezone if earlier
                                 else local_zone_name(self.context.clock()))
        self._update_tone_hint()

    # -- people --------------------------------------------------------------------

    def _contact(self, uid: str) -> Contact:
        return self.new_contacts.get(uid) or self.store.get(Contact, uid) or Contact("(removed)")

    def _add_person(self) -> None:
        name = " ".join(self.person.text().split())
        if not name:
            return
        present = {c.uid for c in self.people_model.rows}
        match = next((c for c in [*self.store.select(Contact, "name = ? COLLATE NOCASE", [name]),
                                  *self.new_contacts.values()]
                      if c.name.casefold() == name.casefold()), None)
        if match is None:
            opp = self._opportunity()
            match = Contact(name, company_uid=opp.company_uid if opp else None,
                            role=Role(self.person_role.currentData()))
            self.new_contacts[match.uid] = match
        if match.uid not in present:
            self.people_model.set_rows([*self.people_model.rows, match])
        self.person.clear()
        show_message(self.error, None)

    def _remove_person(self) -> None:
        index = self.people.currentIndex()
        if index.isValid():
            gone = self.people_model.row_at(index)
            self.people_model.set_rows([c for c in self.people_model.rows if c.uid != gone.uid])
            self.new_contacts.pop(gone.uid, None)

    # -- building and saving ---------------------------------------------------------

    def _update_tone_hint(self) -> None:
        opp = self._opportunity()
        if opp is None:
            return
        probe = Interview(opp.uid, self.round.value(), self._start_or_now(), self.zone.currentText(),
                          tone=self.tone.text(), uid=self.existing.uid if self.existing else "new")
        show_message(self.tone_hint, tone_hint(self.store, probe))

    def _start_or_now(self) -> datetime:
        try:
            return self._start()
        except InvalidRecord:
            return self.context.clock()

    def _start(self) -> datetime:
        name = self.zone.currentText().strip()
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidRecord("interview", None, "timezone",
                                f"“{name}” is not a time zone name (e.g. America/Chicago)") from None
        d, t = self.day.date(), self.at.time()
        return datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), zone)

    def build(self) -> Debrief:
        """The debrief as typed (raises InvalidRecord for an unknown zone)."""
        opp = self._opportunity()
        hb = self.hear_back.date()
        interview = Interview(
            opportunity_uid=opp.uid if opp else "",
            round=self.round.value(),
            start=self._start(),
            timezone=self.zone.currentText().strip(),
            format=Format(self.format.currentData()) if self.format.currentData() else None,
            participant_uids=[c.uid for c in self.people_model.rows],
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
        present = set(interview.participant_uids)
        return Debrief(interview, [c for u, c in self.new_contacts.items() if u in present])

    _FOCUS = {"timezone": "zone", "start": "day", "participant_uids": "person", "round": "round",
              "opportunity_uid": "opportunity", "hear_back_by": "hear_back",
              "questions": "questions", "concerns": "concerns"}

    def propose(self) -> bool:
        """Check the form; if it is right, show the notes it proposes."""
        try:
            debrief = self.build()
            check_debrief(self.store, debrief, self.context.clock())
            notes = proposed_notes(self.store, debrief)
        except InvalidRecord as exc:
            show_message(self.error, exc.problem[0].upper() + exc.problem[1:] + ".")
            widget = getattr(self, self._FOCUS.get(exc.field, ""), None)
            if widget is not None:
                widget.setFocus()
            return False
        show_message(self.error, None)
        self.debrief = debrief
        self.notes_model.set_rows(notes, checked=True)
        self._update_note_count()
        show_message(self.notes_error, None)
        self.pages.setCurrentWidget(self.notes_page)
        self.notes_view.setFocus()
        if notes:
            self.notes_view.setCurrentIndex(self.notes_model.index(0, 0))
        return True

    def _update_note_count(self, *args) -> None:
        count = len(self.notes_model.checked_rows())
        total = len(self.notes_model.rows)
        due = self.notes_model.rows[0].due if total else None
        self.notes_intro.setText(
            f"<b>Thank-you notes to write</b><br>One per person present, due {shown(due)} "
            "(the day after the round, in its time zone). Untick any you will not send "
            "(Space toggles the selected row)."
            if total else "<b>Everyone present already has a note for this round.</b>")
        self.confirm_button.setText(f"&Save Debrief and {count} Note{'s' if count != 1 else ''}")

    def chosen_notes(self) -> list[ThankYouNote]:
        return self.notes_model.checked_rows()

    def confirm(self) -> bool:
        """Save the round, new people and the ticked notes in one transaction."""
        if self.debrief is None:
            return False
        debrief, notes, now = self.debrief, self.chosen_notes(), self.context.clock()
        try:
            check_debrief(self.store, debrief, now)
        except InvalidRecord as exc:
            show_message(self.notes_error, f"Not saved: {exc.problem}. Your entries are still here.")
            return False
        if self.changes is not None:
            if not self.changes.compute(self._undo_text(debrief),
                                        lambda: self._write(debrief, notes, now)):
                show_message(self.notes_error, "Not saved (see the message). Your entries are still here.")
                return False
        else:
            try:
                self._write(debrief, notes, now)
            except AfterwordError as exc:
                text = exc.problem if isinstance(exc, InvalidRecord) else str(exc)
                show_message(self.notes_error, f"Not saved: {text}. Your entries are still here.")
                return False
        if debrief.new_contacts:
            self.hub.notify("contacts")
        self.hub.notify("interviews")
        self.hub.notify("thank_you_notes")
        self.accept()
        return True

    def _write(self, debrief: Debrief, notes: list[ThankYouNote], now: datetime) -> list:
        """Save, returning the (before, after) changes for undo."""
        before = self.store.get(Interview, debrief.interview.uid)
        save_debrief(self.store, debrief, notes, now)
        return [*((None, c) for c in debrief.new_contacts), (before, debrief.interview),
                *((None, n) for n in notes)]

    def _undo_text(self, debrief: Debrief) -> str:
        opp = self.store.get(Opportunity, debrief.interview.opportunity_uid)
        verb = "Edit" if self.existing is not None else "Debrief"
        return f"{verb} round {debrief.interview.round} of {opp.title[:40] if opp else 'a role'}"
