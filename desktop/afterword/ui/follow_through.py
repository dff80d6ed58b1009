"""The follow-through commands of the window: debrief a round, write the follow-up
letter, mark a role rejected, work a feedback call, keep in touch. Each acts on
what is selected on the page shown (its `selection()`), and is enabled only when
that gives it something to act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from afterword.core import queries
from afterword.core.domain import FeedbackCall, Opportunity, Stage
from afterword.core.rules import Reminder, ReminderKind
from afterword.ui.page import Selection

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

    def selection_actions(self) -> list[QAction]:
        """The commands that act on what is selected (a list's context menu)."""
        return [self.letter_action, self.reject_action, self.call_action, self.cadence_action]

    def enable_for(self, selection: Selection) -> None:
        """Enable each command only where it has something to act on; its tip says
        what to select when it has not."""
        role = self._role_uid(selection)
        stage = self.window.context.store.get(Opportunity, role).stage if role else None
        for action, ready, needs in (
                (self.letter_action, self._round_uid(selection) is not None,
                 "Select a round (Interviews, a role, a note or a follow-up on Today)"),
                (self.reject_action, role is not None and stage != Stage.REJECTED,
                 "Select a role that is not rejected yet (Companies & roles, a round)"),
                (self.call_action, self._call(selection) is not None,
                 "Select a feedback call on Today, or a rejected role"),
                (self.cadence_action, selection.contact_uid is not None,
                 "Select a person (People, a note, an item on Today)")):
            action.setEnabled(ready)
            base = action.toolTip().split("\n")[0]
            action.setToolTip(base if ready else f"{base}\n{needs} first.")

    # -- what is selected -----------------------------------------------------------

    def _selection(self) -> Selection:
        return self.window.selection()

    def _round_uid(self, selection: Selection) -> str | None:
        return selection.round_uid

    def _role_uid(self, selection: Selection) -> str | None:
        return queries.role_of(self.window.context.store, selection.role_uid, selection.round_uid)

    def _call(self, selection: Selection) -> FeedbackCall | None:
        store = self.window.context.store
        if selection.call_uid:
            return store.get(FeedbackCall, selection.call_uid)
        return queries.latest_call_about(store, self._role_uid(selection))

    # -- commands ---------------------------------------------------------------------
    # Each dialog is imported when first opened: start-up loads only what the first page needs.

    def debrief(self) -> None:
        from afterword.ui.dialogs.debrief import DebriefDialog

        w = self.window
        DebriefDialog(w.context, w.hub, w, opportunity_uid=self._role_uid(self._selection()),
                      changes=w.changes).exec()

    def follow_up_letter(self) -> None:
        from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog

        selection = self._selection()
        uid = self._round_uid(selection)
        if uid is None:
            return  # the command is disabled; a shortcut may still arrive
        w = self.window
        FollowUpLetterDialog(w.context, w.hub, w, interview_uid=uid,
                             recipient_uid=selection.contact_uid).exec()

    def mark_rejected(self) -> None:
        from afterword.ui.rejection import reject_and_offer_call

        uid = self._role_uid(self._selection())
        if uid is None:
            return
        w = self.window
        dialog = reject_and_offer_call(w.changes, uid, w)
        if dialog is not None:
            dialog.exec()
        w.selection_changed()

    def feedback_call(self) -> None:
        from afterword.ui.dialogs.feedback_call import FeedbackCallDialog

        call = self._call(self._selection())
        if call is None:
            return
        w = self.window
        FeedbackCallDialog(w.context, w.hub, w, call=call, changes=w.changes).exec()

    def stay_in_touch(self) -> None:
        from afterword.ui.dialogs.cadence import CadenceDialog

        uid = self._selection().contact_uid
        if uid is None:
            return
        w = self.window
        CadenceDialog(w.context, w.hub, w, contact_uid=uid, changes=w.changes).exec()

    def open_reminder(self, reminder: Reminder | None) -> None:
        """Enter or a double click on a Today item opens what works on it: the
        call, the cadence, the note (selected on its page), the round's letter."""
        if reminder is None:
            return
        if reminder.kind is ReminderKind.FEEDBACK_CALL:
            self.feedback_call()
        elif reminder.kind is ReminderKind.TOUCH:
            self.stay_in_touch()
        elif reminder.kind is ReminderKind.THANK_YOU_NOTE:
            self.window.show_record("notes", "thank_you_notes", reminder.source_uid)
        elif reminder.kind is ReminderKind.FOLLOW_UP:
            self.follow_up_letter()
