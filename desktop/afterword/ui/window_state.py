"""The window's size, place, splitters and page, kept in the settings between runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize

from afterword.ui import settings as keys

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow

# Room for the sidebar, the people list and a whole business card; the window never
# opens taller or wider than the screen's free area (a 1366×768 laptop keeps its panel).
PREFERRED_SIZE = QSize(1240, 780)
SPLITTER = "window/splitter"


def default_size(available: QSize) -> QSize:
    """The window's first size on a screen with `available` free area (frame allowed for)."""
    return QSize(min(PREFERRED_SIZE.width(), available.width() - 16),
                 min(PREFERRED_SIZE.height(), available.height() - 40))


def restore_window_state(window: MainWindow, settings: QSettings) -> None:
    """Put the window, its splitters and each page back as they were; show the last page."""
    geometry = settings.value(keys.GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = settings.value(keys.WINDOW_STATE)
    if state is not None:
        window.restoreState(state)
    splitter = settings.value(SPLITTER)
    if splitter is not None:
        window.splitter.restoreState(splitter)
    # Each page puts back its own state when it is built (MainWindow.page).
    key = str(settings.value(keys.PAGE, "today"))
    window.show_page(key if key in {p.key for p in window.pages} else "today")


def save_window_state(window: MainWindow, settings: QSettings) -> None:
    """Keep the window's size and place, its splitters, each page's state and the page shown."""
    settings.setValue(keys.GEOMETRY, window.saveGeometry())
    settings.setValue(keys.WINDOW_STATE, window.saveState())
    settings.setValue(SPLITTER, window.splitter.saveState())
    settings.setValue(keys.PAGE, window.current_page())
    for page in window.page_widgets.values():  # the pages built; the others kept theirs
        page.save_state(settings)
    settings.sync()
