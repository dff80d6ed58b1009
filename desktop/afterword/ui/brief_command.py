"""Follow-through ▸ Print Prep Brief… (Ctrl+B): the page to read before the next round
of the role selected — a role on Companies & roles, a round on Interviews, a round
coming up on Today — and in their context menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from afterword.core import queries
from afterword.ui import settings as keys
from afterword.ui.page import Selection

if TYPE_CHECKING:
    from afterword.ui.dialogs.print_brief import PrintBriefDialog
    from afterword.ui.main_window import MainWindow

NEEDS = "Select a role (Companies & roles), a round (Interviews) or a round coming up on Today first."


class BriefCommand(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.action = window.make_action(
            "Print Prep &Brief…", self.print_brief, "Ctrl+B",
            "Preview, print or save as PDF the page to read before the selected role's next round")
        self.action.setObjectName("printBriefAction")
        self.action.setToolTip("Print the prep brief for the selected role's next round (Ctrl+B)")

    def target(self, selection: Selection) -> tuple[str, str | None] | None:
        """(role uid, round uid or None) the brief is for, or None."""
        role = queries.role_of(self.window.context.store, selection.role_uid, selection.round_uid)
        return (role, selection.round_uid) if role else None

    def enable_for(self, selection: Selection) -> None:
        ready = self.target(selection) is not None
        self.action.setEnabled(ready)
        base = self.action.toolTip().split("\n")[0]
        self.action.setToolTip(base if ready else f"{base}\n{NEEDS}")

    def print_brief(self) -> PrintBriefDialog | None:
        """Open the brief's print dialog for what is selected (shown modally)."""
        from afterword.ui.dialogs.print_brief import PrintBriefDialog

        target = self.target(self.window.selection())
        if target is None:
            self.window.statusBar().showMessage(NEEDS, 6000)
            return None
        w = self.window
        dialog = PrintBriefDialog(w.context, w.hub, w, role_uid=target[0], round_uid=target[1],
                                  closing_question=keys.CLOSING_QUESTION.read(w.settings))
        dialog.exec()
        return dialog
