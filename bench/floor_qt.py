"""The bare Qt floor: QApplication, a QMainWindow with a table of 50 rows, show,
and quit once it has painted. What any Qt window costs, before Afterword does
anything; `afterword --smoke` is compared with it. It prints the CPU time spent
when the paint is done (the exit not counted), as smoke_paint_cpu.py does for
Afterword.

With --libraries it first imports what the design builds Afterword on and any
model/view program reads: sqlite-utils (without NumPy, as Afterword imports it),
python-dateutil's rules, and Qt's namespace of enums. Not the floor the goals are
measured against; it shows how much of a start those alone take.

    python bench/floor_qt.py [--libraries]"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class QuitOnPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, quit_after_paint)
        return False


def quit_after_paint() -> None:
    print(f"first paint CPU {time.process_time():.6f}", flush=True)
    QApplication.quit()


def import_libraries() -> None:
    for name in ("numpy", "pandas"):
        sys.modules[name] = None  # type: ignore[assignment]  # as afterword.core does
    import dateutil.relativedelta  # noqa: F401
    import dateutil.rrule  # noqa: F401
    import sqlite_utils.db  # noqa: F401
    from PySide6.QtCore import Qt  # noqa: F401


def main() -> int:
    if "--libraries" in sys.argv[1:]:
        import_libraries()
    app = QApplication(sys.argv[:1])
    model = QStandardItemModel(50, 6)
    for row in range(50):
        for column in range(6):
            model.setItem(row, column, QStandardItem(f"cell {row}.{column}"))
    table = QTableView()
    table.setModel(model)
    window = QMainWindow()
    window.setCentralWidget(table)
    window.resize(1100, 700)
    quitter = QuitOnPaint()
    table.viewport().installEventFilter(quitter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
