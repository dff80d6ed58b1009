"""Start the window: build the AppContext, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from afterword import APP_NAME, __version__
from afterword.context import AppContext
from afterword.core.errors import AfterwordError
from afterword.core.store import Store
from afterword.paths import default_database
from afterword.ui.resources import app_icon  # logs and falls back when the icon is missing
from afterword.ui.single_instance import claim_database

# The desktop entry's and AppStream's id (packaging/linux/): Wayland docks match
# the window to its launcher and icon by this name.
DESKTOP_ID = "io.github.afterword.Afterword"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    return app


def database_to_open(db_path: Path | None) -> Path:
    """The file asked for; else the last one used, if it still exists; else the default."""
    from afterword.ui.settings import last_database, open_settings

    if db_path is not None:
        return db_path
    last = last_database(open_settings())
    return last if last is not None and last.exists() else default_database()


def run_app(db_path: Path | None, *, smoke: bool = False) -> int:
    """Open the window on `db_path` (default: the last used or the user's database) and run."""
    from afterword.ui.main_window import MainWindow

    app = create_application()
    app.setWindowIcon(app_icon())
    path = database_to_open(db_path)
    instance = claim_database(path)  # one window per database file (ui/single_instance.py)
    if not instance.owned:
        return instance.exit_code
    try:
        store = Store.open(path)
    except AfterwordError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(AppContext(store=store, db_path=path))
    window.database_claim = instance
    window.show()
    if smoke:
        QTimer.singleShot(200, window.close)
        QTimer.singleShot(250, app.quit)
    code = app.exec()
    window.context.store.close()
    return code
