"""`afterword --smoke`: open the window, wait until the page it opens on has painted
with its data, then quit. No fixed timer: a slow start takes as long as it takes,
and a fast one is not padded out."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from afterword.ui.page import Page

# Only if the first page never shows its data (a read that failed) does the check
# give up, with a non-zero status; a healthy start takes well under a second.
GIVE_UP_AFTER_MS = 300_000


def page_ready(page: QWidget) -> bool:
    """The page has its data on screen: read at least once, and not reading now."""
    if not isinstance(page, Page):  # nothing read in the background
        return True
    return not page.loading and (page.loader is None or page.loader.ever_loaded)


class QuitOnFirstPaintWithData(QObject):
    """Watches the page shown for paint events; the first one inside it, once that
    page has its data, closes the window and ends the event loop with status 0."""

    def __init__(self, window: QMainWindow, app: QApplication | None = None):
        super().__init__(window)
        self._window = window
        self._app = app or QApplication.instance()
        self.painted = False
        # It watches the widgets of the page shown, not the whole application: a filter
        # on the application costs every event of every object a call into Python
        # (and the wrapping of each object for it), slowing the start it measures.
        window.stack.currentChanged.connect(lambda _index: self._watch())
        window.page_loaded.connect(lambda _key: self._watch())  # its widgets may have grown
        self._watch()
        QTimer.singleShot(GIVE_UP_AFTER_MS, self._give_up)

    def _watch(self) -> None:
        page = self._window.stack.currentWidget()
        if page is None or self.painted:
            return
        for widget in (page, *page.findChildren(QWidget)):
            widget.installEventFilter(self)  # installed again: still once

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted or event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        page = self._window.stack.currentWidget()
        if page is None or not (watched is page or page.isAncestorOf(watched)) or not page_ready(page):
            return False
        self.painted = True
        QTimer.singleShot(0, self._quit)  # once this paint has finished
        return False

    def _quit(self) -> None:
        self._window.close()
        QTimer.singleShot(0, self._app.quit)  # after the close has been handled

    def _give_up(self) -> None:
        if self.painted:
            return
        print("afterword: the first page did not show its data", file=sys.stderr)
        self._window.close()
        self._app.exit(1)
