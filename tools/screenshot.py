"""Capture the main window on a database to a PNG (run under Xvfb for the README).

    python tools/screenshot.py DB OUT.png [page] [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer


def main(argv: list[str]) -> int:
    from afterword.app import create_application
    from afterword.context import AppContext
    from afterword.core.store import Store
    from afterword.ui.main_window import MainWindow, app_icon

    db, out = Path(argv[0]), Path(argv[1])
    page = argv[2] if len(argv) > 2 else "today"
    width, height = (int(v) for v in (argv[3] if len(argv) > 3 else "1280x800").split("x"))
    app = create_application()
    app.setWindowIcon(app_icon())
    store = Store.open(db)
    window = MainWindow(AppContext(store=store, db_path=db))
    window.resize(width, height)
    window.show()
    window.show_page(page)
    if page == "people":
        # The sample's most complete card.
        from afterword.core.domain import Contact

        dana = [c for c in store.all(Contact) if c.name == "Dana Reyes"]
        window.page("people").select_uid(dana[0].uid) if dana else window.page("people").select_row(0)

    def grab() -> None:
        screen = window.screen()
        shot = screen.grabWindow(0, window.frameGeometry().x(), window.frameGeometry().y(),
                                 window.frameGeometry().width(), window.frameGeometry().height())
        if shot.isNull() or shot.width() < 10:
            shot = window.grab()
        shot.save(str(out))
        window.close()
        app.quit()

    QTimer.singleShot(800, grab)
    app.exec()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
