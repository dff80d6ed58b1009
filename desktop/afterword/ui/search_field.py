"""The toolbar's search box: asks for a search after a short pause in typing, or at
once on Enter, so a fast typist does not search on every letter."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

SEARCH_DELAY_MS = 120


class SearchField(QLineEdit):
    """Emits `search_requested` when the text typed should be searched for,
    `cleared` on Esc."""

    search_requested = Signal()
    cleared = Signal()  # Esc: the search is given up

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setAccessibleName("Search people, companies and notes")
        self.setPlaceholderText("Search people, companies, notes  (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(360)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_DELAY_MS)
        self._pause.timeout.connect(self.search_requested)
        self.textEdited.connect(lambda _text: self._pause.start())
        self.returnPressed.connect(self.search_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers() and self.text():
            self._pause.stop()
            self.cleared.emit()  # the window empties the box and shows the page whole
            return
        super().keyPressEvent(event)

    def settle(self) -> None:
        """The search is being run now: drop the one still waiting for the pause."""
        self._pause.stop()

    def focus(self) -> None:
        """Ctrl+F: into the box, with its text selected to type over."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
