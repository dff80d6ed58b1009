"""One round's debrief, filled from the keyboard right after the interview.

Saving checks the round, then shows the thank-you notes it proposes (one per
person present); the user unticks any not wanted, and the round, people created
on the spot and the kept notes are saved in one transaction.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QStackedWidget, QVBoxLayout

from afterword.context import AppContext
from afterword.core.debrief import Debrief, check_debrief, proposed_notes, save_debrief
from afterword.core.domain import Interview, Opportunity, ThankYouNote
from afterword.core.errors import AfterwordError, InvalidRecord
from afterword.ui.commands import Changes
from afterword.ui.dialogs.debrief.form import DebriefForm
from afterword.ui.dialogs.debrief.notes_page import NotesPage
from afterword.ui.hub import Hub
from afterword.ui.widgets import fitting_size, named, no_auto_default, show_message


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
        self.debrief: Debrief | None = None
        self.setWindowTitle("Debrief a Round")
        named(self, "Debrief a round")

        self.form = DebriefForm(self.store, context.clock, self.existing)
        self.form.propose_requested.connect(self.propose)
        self.form.cancel_requested.connect(self.reject)
        self.picker = self.form.picker
        self.notes = NotesPage(self.picker.contact)
        self.notes.back_requested.connect(lambda: self.pages.setCurrentWidget(self.form))
        self.notes.confirm_requested.connect(self.confirm)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._primary)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._primary)
        self._name_the_fields()
        self.form.load(opportunity_uid)
        no_auto_default(self)
        self.resize(fitting_size(self, QSize(920, 860)))

    def _name_the_fields(self) -> None:
        """The pages and fields by the names callers (and tests) know them by."""
        f, p, n = self.form, self.picker, self.notes
        self.form_page, self.notes_page = f, n
        self.error, self.opportunity, self.round, self.day, self.at, self.zone, self.format = (
            f.error, f.opportunity, f.round, f.day, f.at, f.zone, f.format)
        self.when, self.add_role_button = f.when, f.add_role_button
        self.people, self.people_model, self.person, self.person_role, self.new_contacts = (
            p.view, p.model, p.name, p.role, p.new_contacts)
        self.tone, self.tone_hint, self.questions, self.questions_model = (
            f.tone, f.tone_hint, f.questions, f.questions_model)
        self.concerns, self.concerns_model, self.closing_question, self.closing_answer = (
            f.concerns, f.concerns_model, f.closing_question, f.closing_answer)
        self.next_steps, self.has_hear_back, self.hear_back, self.save_button = (
            f.next_steps, f.has_hear_back, f.hear_back, f.save_button)
        self.notes_intro, self.notes_model, self.notes_view, self.notes_error = (
            n.intro, n.model, n.view, n.error)
        self.confirm_button = n.confirm_button

    def _primary(self) -> None:
        if self.pages.currentWidget() is self.form:
            self.propose()
        else:
            self.confirm()

    # -- the two steps -------------------------------------------------------------

    def build(self) -> Debrief:
        """The debrief as typed (raises InvalidRecord for an unknown zone)."""
        interview, people = self.form.interview(), self.picker.new_present()
        role, company = self.form.new_role, self.form.new_company
        role = role if role is not None and role.uid == interview.opportunity_uid else None
        # The new company goes with its role, or with people met there.
        needed = company is not None and (role is not None
                                          or any(p.company_uid == company.uid for p in people))
        return Debrief(interview, people, role, company if needed else None)

    def propose(self) -> bool:
        """Check the form; if it is right, show the notes it proposes."""
        try:
            debrief = self.build()
            check_debrief(self.store, debrief, self.context.clock())
            notes = proposed_notes(self.store, debrief)
        except InvalidRecord as exc:
            self.form.show_problem(exc)
            return False
        show_message(self.form.error, None)
        self.debrief = debrief
        self.pages.setCurrentWidget(self.notes)
        self.notes.show_notes(notes)
        return True

    def chosen_notes(self) -> list[ThankYouNote]:
        return self.notes.chosen()

    def confirm(self) -> bool:
        """Save the round, new people and the ticked notes in one transaction."""
        if self.debrief is None:
            return False
        debrief, notes, now = self.debrief, self.chosen_notes(), self.context.clock()
        try:
            check_debrief(self.store, debrief, now)
        except InvalidRecord as exc:
            show_message(self.notes.error, f"Not saved: {exc.problem}. Your entries are still here.")
            return False
        if self.changes is not None:
            if not self.changes.compute(self._undo_text(debrief),
                                        lambda: self._write(debrief, notes, now)):
                show_message(self.notes.error, "Not saved (see the message). Your entries are still here.")
                return False
        else:
            try:
                self._write(debrief, notes, now)
            except AfterwordError as exc:
                text = exc.problem if isinstance(exc, InvalidRecord) else str(exc)
                show_message(self.notes.error, f"Not saved: {text}. Your entries are still here.")
                return False
        if debrief.new_role is not None:
            self.hub.notify("opportunities")
        if debrief.new_company is not None:
            self.hub.notify("companies")
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
        return [*((None, r) for r in debrief.created()), (before, debrief.interview),
                *((None, n) for n in notes)]

    def _undo_text(self, debrief: Debrief) -> str:
        opp = debrief.new_role or self.store.get(Opportunity, debrief.interview.opportunity_uid)
        verb = "Edit" if self.existing is not None else "Debrief"
        return f"{verb} round {debrief.interview.round} of {opp.title[:40] if opp else 'a role'}"
