"""Start the window: build the AppContext, then the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer, QTimeZone
from PySide6.QtWidgets import QApplication, QMessageBox

from afterword import APP_NAME, __version__, cycle_collection
from afterword.context import AppContext
from afterword.core.clock import UTC, named_system_zone, zone_named
from afterword.core.errors import AfterwordError
from afterword.core.store import WINDOW_BUSY_TIMEOUT, Store
from afterword.paths import default_database
from afterword.ui.background import keep_collection_on_the_window_thread
from afterword.ui.resources import app_icon  # logs and falls back when the icon is missing
from afterword.ui.single_instance import claim_database

# The desktop entry's and AppStream's id (packaging/linux/): Wayland docks match
# the window to its launcher and icon by this name.
DESKTOP_ID = "io.github.afterword.Afterword"

# What waits until the window is up, not before its first paint: answering later
# launches on its file (the local server costs milliseconds of every start, see
# ui/single_instance.py) and the end of the start's pause of cycle collection.
WINDOW_UP_AFTER_MS = 500

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    return app


def database_to_open(db_path: Path | None) -> Path:
    """The file asked for; else the last one used, if it still exists; else the default."""
    from afterword.ui.settings import LAST_DATABASE, open_settings

    if db_path is not None:
        return db_path
    last = LAST_DATABASE.read(open_settings())
    return last if last is not None and last.exists() else default_database()


def system_now() -> datetime:
    """Now in the zone the core reads (TZ, /etc/localtime, /etc/timezone), else in
    the zone Qt reports (it also knows the zone on Windows), else UTC; always a named
    IANA zone. Qt is asked only then: its first answer costs milliseconds of a start."""
    zone = named_system_zone() or zone_named(
        bytes(QTimeZone.systemTimeZoneId().data()).decode("utf-8", "replace"))
    return datetime.now(zone or UTC)


def tell(icon: QMessageBox.Icon, text: str) -> None:
    """One message box, as plain text (a path or an error may hold '<')."""
    box = QMessageBox(icon, APP_NAME, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def unexpected_error_text(error: BaseException) -> str:
    """The one line a user sees for an error nobody caught."""
    detail = " ".join(str(error).split())
    detail = detail if len(detail) <= 200 else detail[:197] + "..."
    return (f"Something went wrong: {type(error).__name__}{': ' + detail if detail else ''}. "
            "What you saved before is safe; the details are in the log.")


def install_excepthook() -> Callable[..., None]:
    """The last resort: an error that escapes a slot is logged with its traceback and
    told in one line, instead of vanishing (or ending the app) unseen."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error", exc_info=(kind, error, tb))
        if showing or QApplication.instance() is None:
            return  # one box at a time: a failing timer must not stack them up
        showing = True
        try:
            tell(QMessageBox.Icon.Critical, unexpected_error_text(error))
        finally:
            showing = False

    sys.excepthook = hook
    return hook


def forget_last_database() -> None:
    from afterword.ui.settings import LAST_DATABASE, open_settings

    settings = open_settings()
    LAST_DATABASE.forget(settings)
    settings.sync()


def open_database(db_path: Path | None):
    """Claim and open the file to work on: (store, path, claim), or an exit code.

    When the remembered last file cannot be opened, the app forgets it, says so
    once, and opens the default database, so one bad file never stops every start.
    """
    path = database_to_open(db_path)
    remembered = db_path is None and path.resolve() != default_database().resolve()
    # One window per database file (ui/single_instance.py); it listens once the window is up.
    instance = claim_database(path, listen=False)
    if not instance.owned:
        return instance.exit_code
    try:
        return Store.open(path, busy_timeout=WINDOW_BUSY_TIMEOUT), path, instance
    except AfterwordError as exc:
        instance.release()
        if not remembered:
            tell(QMessageBox.Icon.Critical, str(exc))
            return 1
        problem = exc
    forget_last_database()
    fallback = default_database()
    log.warning("cannot open the last database %s: %s", path, problem)
    tell(QMessageBox.Icon.Warning,
         f"The last database could not be opened: {problem}. "
         f"Opening the default database {fallback} instead.")
    return open_database(fallback)


def window_is_up(window) -> None:
    """Answer later launches on the window's file (the claim it holds now: the user
    may have opened another file since); end the start's pause of cycle collection
    (cycle_collection.py), which goes on on this thread."""
    if window.files.claim is not None:
        window.files.claim.listen()
    cycle_collection.start_is_over()
    keep_collection_on_the_window_thread()


def run_app(db_path: Path | None, *, smoke: bool = False) -> int:
    """Open the window on `db_path` (default: the last used or the user's database) and run."""
    previous_hook = sys.excepthook
    try:
        return _run(db_path, smoke=smoke)
    finally:
        sys.excepthook = previous_hook


def _run(db_path: Path | None, *, smoke: bool) -> int:
    from afterword.ui.main_window import MainWindow

    app = create_application()
    hook = install_excepthook()
    app.setWindowIcon(app_icon())
    opened = open_database(db_path)
    if isinstance(opened, int):
        return opened
    store, path, instance = opened
    try:
        window = MainWindow(AppContext(store=store, db_path=path, clock=system_now))
    except Exception as exc:  # a failed start-up says why in a window, not on a terminal
        hook(type(exc), exc, exc.__traceback__)
        store.close()
        instance.release()
        return 70
    window.files.claim = instance
    if smoke:
        from afterword.ui.smoke import QuitOnFirstPaintWithData

        QuitOnFirstPaintWithData(window, app)
    window.show()
    QTimer.singleShot(WINDOW_UP_AFTER_MS, window, lambda: window_is_up(window))
    code = app.exec()
    # Said here, not left to the objects' ends: the process may end without
    # collecting them (cycle_collection.py), and these must happen.
    window.settings.sync()
    window.context.store.close()
    if window.files.claim is not None:
        window.files.claim.release()
    return code
