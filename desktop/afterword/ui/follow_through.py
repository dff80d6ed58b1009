"""The follow-through commands of the window: debrief a round, write the follow-up
letter, mark a role rejected, work a feedback call, keep in touch. Each acts on
what is selected on the current page and says so when nothing fitting is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from afterword.core.domain import FeedbackCall, Interview
from afterword.core.rules import Reminder, ReminderKind
from afterword.ui.dialogs.cadence import CadenceDialog
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
from afterword.ui.rejection import reject_and_offer_call

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow


class FollowThrough(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        make = window.make_action
        self.debrief_action = make("&Debrief a Round…", self.debrief, "Ctrl+D",
                                   "Record a round: who was there, tone, questions, concerns")
        self.letter_action = make("Follow-up &Letter…", self.follow_up_letter, "Ctrl+Shift+L",
                                  "Compose a follow-up letter for the selected round")
        self.reject_action = make("Mark Role Re&jected…", self.mark_rejected, "Ctrl+Shift+J",
                                  "Mark the selected role rejected and propose a feedback call")
        self.call_action = make("&Feedback Call…", self.feedback_call, "Ctrl+Shift+F",
                                "Request, schedule and record a feedback call")
        self.cadence_action = make("Stay in &Touch…", self.stay_in_touch, "Ctrl+T",
                                   "Set how often to keep in touch with the selected person; log a touch")

    def actions(self) -> list[QAction]:
        return [self.debrief_action, self.letter_action, self.reject_action, self.call_action,
                self.cadence_action]

    # -- what is selected -----------------------------------------------------------

    def _page(self, key: str):
        return self.window.page_widgets[key] if self.window.current_page() == key else None

    def _reminder(self) -> Reminder | None:
        today = self._page("today")
        return today.current_reminder() if today else None

    def _role_uid(self) -> str | None:
        companies, interviews = self._page("companies"), self._page("interviews")
        if companies and companies.current_role():
            return companies.current_role().uid
        if interviews and interviews.current_round():
            return interviews.current_round().opportunity_uid
        reminder = self._reminder()
        if reminder and reminder.kind is ReminderKind.FOLLOW_UP:
            interview = self.window.context.store.get(Interview, reminder.source_uid)
            return interview.opportunity_uid if interview else None
        return None

    def _contact_uid(self) -> str | None:
        people = self._page("people")
        if people:
            return people.current_uid()
        reminder = self._reminder()
        return reminder.contact_uid if reminder else None

    def _explain(self, title: str, text: str) -> None:
        QMessageBox.information(self.window, title, text)

    # -- commands ---------------------------------------------------------------------

    def debrief(self) -> None:
        w = self.window
        DebriefDialog(w.context, w.hub, w, opportunity_uid=self._role_uid(), changes=w.changes).exec()

    def follow_up_letter(self) -> None:
        interviews = self._page("interviews")
        row = interviews.current_round() if interviews else None
        if row is None:
            self._explain("Follow-up Letter", "Select a round on the Interviews page first.")
            return
        w = self.window
        FollowUpLetterDialog(w.context, w.hub, w, interview_uid=row.uid).exec()

    def mark_rejected(self) -> None:
        uid = self._role_uid()
        if uid is None:
            self._explain("Mark Role Rejected",
                          "Select a role on the Companies & roles page (or a round) first.")
            return
        w = self.window
        dialog = reject_and_offer_call(w.changes, uid, w)
        if dialog is not None:
            dialog.exec()

    def feedback_call(self) -> None:
        call = self._call()
        if call is None:
            self._explain("Feedback Call", "Select a feedback call on Today, or a rejected role "
                          "on the Companies & roles page, first.")
            return
        w = self.window
        FeedbackCallDialog(w.context, w.hub, w, call=call, changes=w.changes).exec()

    def _call(self) -> FeedbackCall | None:
        store = self.window.context.store
        reminder = self._reminder()
        if reminder and reminder.kind is ReminderKind.FEEDBACK_CALL:
            return store.get(FeedbackCall, reminder.source_uid)
        role = self._role_uid()
        calls = store.select(FeedbackCall, "opportunity_uid = ?", [role], order_by="id DESC") \
            if role else []
        return calls[0] if calls else None

    def stay_in_touch(self) -> None:
        uid = self._contact_uid()
        if uid is None:
            self._explain("Stay in Touch", "Select a person on the People page first.")
            return
        w = self.window
        CadenceDialog(w.context, w.hub, w, contact_uid=uid, changes=w.changes).exec()

    def open_reminder(self, reminder: Reminder | None) -> None:
        """Enter or a double click on a Today item opens what works on it."""
        if reminder is None:
            return
        if reminder.kind is ReminderKind.FEEDBACK_CALL:
            self.feedback_call()
        elif reminder.kind is ReminderKind.TOUCH:
            self.stay_in_touch()
        elif reminder.kind is ReminderKind.THANK_YOU_NOTE:
            self.window.show_page("notes")
        elif reminder.kind is ReminderKind.FOLLOW_UP:
            self.window.show_page("interviews")
