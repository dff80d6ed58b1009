"""`afterword --smoke`: open the window, wait until the page it opens on has painted
with its data, then quit. No fixed timer: a slow start takes as long as it takes,
and a fast one is not padded out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


def page_ready(page: QWidget) -> bool:
    """The page has its data: it is not reading it (on a worker thread) any more."""
    return not getattr(page, "loading", False)


class QuitOnFirstPaintWithData(QObject):
    """Watches paint events; the first one inside the shown page, once that page has
    its data, closes the window and ends the event loop."""

    def __init__(self, window: QMainWindow, current_page, app: QApplication | None = None):
        super().__init__(window)
        self._window, self._current_page = window, current_page
        self._app = app or QApplication.instance()
        self.painted = False
        self._app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted or event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        page = self._current_page()
        if page is None or not (watched is page or page.isAncestorOf(watched)) or not page_ready(page):
            return False
        self.painted = True
        self._app.removeEventFilter(self)
        # Quit once this paint has finished, from the event loop.
        QTimer.singleShot(0, self._quit)
        return False

    def _quit(self) -> None:
        self._window.close()
        self._app.quit()
