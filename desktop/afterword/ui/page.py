"""The contract every page of the window keeps, written once.

The window talks to the page shown only through `Page`: it asks it to search,
to say what is selected, to delete, to let go before another page shows, and to
keep its layout between runs. A page reads its lists through one `PageLoader`
(ui/page_loader.py), which reads a large database off the window thread, and says
`loaded` when its data is on screen. How to add a page: docs/design.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

if TYPE_CHECKING:
    from afterword.core.rules import Reminder
    from afterword.ui.page_loader import PageLoader


@dataclass(frozen=True)
class Selection:
    """What is selected on a page: what the window's commands (delete, the
    follow-through ones, context menus) act on. Unknown parts stay None."""

    contact_uid: str | None = None
    contact_uids: tuple[str, ...] = ()  # every person selected, where a list allows several
    company_uid: str | None = None
    role_uid: str | None = None
    round_uid: str | None = None
    note_uid: str | None = None
    call_uid: str | None = None
    reminder: Reminder | None = None
    deletable: bool = False  # Edit ▸ Delete has something to delete here


class Page(QWidget):
    """Base of every page. A page overrides what applies to it; the defaults are
    what a page without lists, search or selection does."""

    #: The page has put its data on screen (after its first read and every reload).
    loaded = Signal()
    #: What `selection()` answers may have changed: the window re-checks its commands.
    selection_changed = Signal()

    #: A page that cannot be searched sends the search to People (Today does).
    searchable = True
    #: Set by the page when it reads through a PageLoader.
    loader: PageLoader | None = None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._shared_actions: list[QAction | None] = []

    # -- search ------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Narrow the page to what matches `text` ('' shows everything)."""

    def clear_search(self) -> None:
        self.set_search("")

    # -- selection -----------------------------------------------------------------

    def selection(self) -> Selection:
        return Selection()

    def select(self, kind: str, uid: str) -> bool:
        """Show and select the record `uid` of store table `kind`; False when this
        page does not list it."""
        return False

    def delete_current(self) -> None:
        """Edit ▸ Delete on this page (asks first)."""

    def set_read_only(self, read_only: bool) -> None:
        """The file cannot be changed: offer nothing that edits (lists stay usable)."""

    def confirm_leave(self) -> bool:
        """Before another page or record shows: False keeps the user here (a
        value that could not be saved is still being edited)."""
        return True

    # -- loading -------------------------------------------------------------------

    def read_through(self, loader: PageLoader) -> None:
        """Read this page's lists through `loader`; its reads make this page `loaded`."""
        self.loader = loader
        loader.loaded.connect(self.loaded)

    @property
    def loading(self) -> bool:
        """True while the page is being read on the worker thread."""
        return self.loader is not None and self.loader.loading

    def reload(self) -> None:
        """Read the page again now."""
        if self.loader is not None:
            self.loader.reload()

    def finish_loading(self) -> None:
        """Wait for a read under way (the window is closing)."""
        if self.loader is not None:
            self.loader.finish()

    # -- between runs ----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Keep column widths, splitters and the like."""

    def restore_state(self, settings: QSettings) -> None:
        """Put back what save_state kept."""

    # -- context menus ---------------------------------------------------------------

    def page_actions(self) -> list[QAction]:
        """This page's own commands on the selected row (first in its context menu)."""
        return []

    def set_shared_actions(self, actions: list[QAction | None]) -> None:
        """The window's commands that act on a selection (None draws a separator)."""
        self._shared_actions = list(actions)

    def offer_context_menu(self, view: QAbstractItemView) -> None:
        """Right-click (or the Menu key) on `view` offers this page's commands and
        the window's, each enabled only where it applies."""
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(lambda at: self._context_menu(view, at))

    def context_menu(self) -> QMenu:
        """The menu a right-click shows (built fresh: actions enable as they apply)."""
        menu = QMenu(self)
        menu.setAccessibleName("Commands for the selection")
        own = self.page_actions()
        menu.addActions(own)
        shared = self._shared_actions
        if own and shared:
            menu.addSeparator()
        for action in shared:
            menu.addSeparator() if action is None else menu.addAction(action)
        return menu

    def _context_menu(self, view: QAbstractItemView, at: QPoint) -> None:
        # A right-click has already made its row current (the view does that on the
        # press); the Menu key or Shift+F10 opens the menu beside the current row.
        current = view.currentIndex()
        if current.isValid() and view.indexAt(at).siblingAtColumn(0) != current.siblingAtColumn(0):
            at = view.visualRect(current).center()
        self.context_menu().popup(view.viewport().mapToGlobal(at))

