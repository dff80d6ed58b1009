"""A file that cannot be written opens for reading: the title, the status bar and a
banner say so, and nothing that edits is offered (instead of a failure on the
first edit). Reading, searching, printing, exporting and Save a Copy still work."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from afterword.core.health import is_read_only
from afterword.ui import messages
from afterword.ui.widgets import HINT_STYLE, named

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from afterword.ui.main_window import MainWindow
    from afterword.ui.page import Page

BANNER = ("This file is read-only: you can read, search, print and export it, but not change it. "
          "To work in it, use File ▸ Save a Copy… and open the copy.")


class ReadOnlyMode(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.on = False
        self.banner = named(QLabel(BANNER), "Read-only file")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(HINT_STYLE)
        self.banner.hide()

    def editing_actions(self) -> list[QAction]:
        """The window's commands that would change the file."""
        w = self.window
        return [*self._writing_actions(), w.follow_through.reject_action,
                w.follow_through.call_action, w.follow_through.cadence_action,
                w.sync_control.action]

    def _writing_actions(self) -> list[QAction]:
        """The editing commands on whenever the file can be written (the others follow
        the selection, or a sync under way)."""
        w = self.window
        return [*w.records.new_actions(), *w.card_capture.actions(), w.data_import.action,
                w.contacts_io.import_action, w.contacts_io.merge_action,
                w.follow_through.debrief_action, w.safekeeping.restore_action]

    def refused(self, title: str) -> bool:
        """True (having said so where the user is) when the file is read-only: for ways
        in that have no menu item to turn off, such as a drop."""
        if self.on:
            messages.warn(self.window, title, "This file is read-only: nothing can be added to "
                          "it. To work in it, use File ▸ Save a Copy… and open the copy.")
        return self.on

    def check(self) -> None:
        """Look at the file now open (on opening it, or another)."""
        self.on = is_read_only(self.window.context.db_path)
        self.banner.setVisible(self.on)
        for page in self.window.page_widgets.values():
            page.set_read_only(self.on)
        self.apply()

    def apply(self) -> None:
        """Take back what the selection enabled: run after every enabling pass."""
        if not self.on:
            for action in self._writing_actions():
                action.setEnabled(True)
            return
        for action in [*self.editing_actions(), self.window.delete_action]:
            action.setEnabled(False)

    def page_built(self, page: Page) -> None:
        if self.on:
            page.set_read_only(True)

    def title_suffix(self) -> str:
        return " (read-only)" if self.on else ""
