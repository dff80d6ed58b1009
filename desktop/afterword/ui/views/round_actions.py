"""What the Interviews page does to the selected round: open it for editing in
the debrief dialog, or delete it (after asking; undoable, its notes come back)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from afterword.context import AppContext
from afterword.core import snapshots
from afterword.core.domain import Interview
from afterword.core.rounds import RoundRow
from afterword.ui import messages
from afterword.ui.commands import Changes
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.hub import Hub


def edit_round(context: AppContext, hub: Hub, changes: Changes | None, row: RoundRow | None,
               parent: QWidget) -> DebriefDialog | None:
    """Open the round in the debrief dialog (shown modally); returns the dialog."""
    if row is None or context.store.get(Interview, row.uid) is None:
        return None
    dialog = DebriefDialog(context, hub, parent, interview_uid=row.uid, changes=changes)
    dialog.setWindowTitle("Edit Round")
    dialog.exec()
    return dialog


def delete_round(context: AppContext, changes: Changes | None, row: RoundRow | None,
                 parent: QWidget) -> bool:
    """Delete the round after the user confirms; Edit ▸ Undo brings it back with its notes."""
    if row is None or changes is None:
        return False
    snapshot = snapshots.of_interview(context.store, row.uid)
    if not snapshot.records:
        return False
    notes = len(snapshot.records) - 1
    what = f"round {row.round} of {row.role_title} at {row.company}"
    kept = (f"\nIts {notes} thank-you note{'s stay' if notes != 1 else ' stays'}, no longer tied "
            "to a round." if notes else "")
    answer = messages.ask(
        parent, "Delete Round", f"Delete {what}?{kept}\nYou can undo this with Edit ▸ Undo.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    return changes.delete(Interview, row.uid, snapshot, f"Delete {what[:60]}")
