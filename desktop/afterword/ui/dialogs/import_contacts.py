"""File ▸ Import Contacts…: first a preview of what the files would do (who is added,
merged or skipped, and why), read on a worker thread with a progress bar; nothing is
written until Import is pressed. Cancel stops either step with nothing written."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.contact_files import import_files
from afterword.core.errors import AfterwordError
from afterword.core.merge import Cancelled, ImportReport
from afterword.core.store import Store
from afterword.ui.background import BackgroundJobs
from afterword.ui.widgets import message_line, named, show_message

_WORDS = {"add": "added", "merge": "merged", "skip": "skipped"}


@dataclass(frozen=True)
class OutcomeRow:
    file: str
    where: str
    name: str
    action: str
    reason: str
    details: str = ""


class OutcomesModel(QAbstractTableModel):
    """One row per contact read: the file, the card or row, the name, what would
    happen and why."""

    HEADERS = ("File", "Card or row", "Name", "Import", "Why")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[OutcomeRow] = []

    def set_reports(self, reports: Sequence[ImportReport]) -> None:
        self.beginResetModel()
        self.rows = [OutcomeRow(r.label, o.where, o.name, _WORDS[o.action], o.reason,
                                "\n".join(o.details)) for r in reports for o in r.outcomes]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:  # what a merge fills and keeps, in full
            return "\n".join(t for t in (row.reason, row.details) if t)
        return (row.file, row.where, row.name, row.action, row.reason)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class _Progress(QObject):
    """Counts contacts on the worker thread; the count arrives queued in the window's."""

    counted = Signal(int)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.count = 0

    def step(self, _label: str, _n: int) -> None:
        self.count += 1
        if self.count % 50 == 0:
            self.counted.emit(self.count)


class ImportContactsDialog(QDialog):
    """Preview, then import. `reports` holds what was written after accept()."""

    def __init__(self, context: AppContext, paths: Sequence[Path], region: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import Contacts")
        self.setObjectName("importContactsDialog")
        named(self, "Import contacts")
        self.context, self.paths, self.region = context, [Path(p) for p in paths], region
        self.reports: list[ImportReport] = []
        self._preview: list[ImportReport] = []
        self._stop = threading.Event()
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._finished)
        self._jobs.failed.connect(self._failed)
        self._counter = _Progress(self)
        self._counter.counted.connect(self._progressed)
        self._writing = False

        names = ", ".join(p.name for p in self.paths)
        self.files_label = named(QLabel(f"Reading {names}…"), "Files to import")
        self.files_label.setWordWrap(True)
        self.progress = named(QProgressBar(), "Import progress")
        self.progress.setRange(0, 0)
        self.summary = named(QLabel(), "What the import would do")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = message_line(name="import problem")
        self.model = OutcomesModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.table = named(QTableView(), "Contacts in the files",
                           "Each contact read: added, merged into someone stored, or skipped, and why")
        self.table.setObjectName("importPreviewTable")
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # file order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton("&Import")
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._write)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.files_label, self.progress, self.summary, self.problem, self.table,
                       self.buttons):
            layout.addWidget(widget)
        self.resize(820, 480)
        self._start(dry_run=True)

    # -- running ------------------------------------------------------------------------

    def _start(self, *, dry_run: bool) -> None:
        self._stop.clear()
        self._counter.count = 0

        def work(store: Store) -> list[ImportReport] | None:
            try:
                return import_files(store, self.paths, region=self.region, dry_run=dry_run,
                                    progress=self._counter.step, cancelled=self._stop.is_set)
            except Cancelled:
                return None  # nothing was written

        store = self.context.store
        if store.path is None:  # an in-memory database: no second connection to it
            try:
                self._finished(work(store))
            except AfterwordError as exc:
                self._failed(str(exc))
            return
        self._jobs.submit(store.path, work)

    def _progressed(self, count: int) -> None:
        self.files_label.setText(f"{'Importing' if self._writing else 'Reading'}: {count:,} contacts…")
        if self.progress.maximum():
            self.progress.setValue(min(count, self.progress.maximum()))

    def _finished(self, reports: list[ImportReport] | None) -> None:
        if reports is None:  # cancelled
            self._writing = False
            super().reject()
            return
        if self._writing:
            self.reports = reports
            self._writing = False
            super().accept()
            return
        self._preview = reports
        self.model.set_reports(reports)
        self.table.resizeColumnsToContents()
        total = sum(len(r.outcomes) for r in reports)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(self.progress.maximum())
        self.files_label.setText(f"{total:,} contacts read. Nothing has been written yet.")
        self.summary.setText("\n".join(f"{r.label}: {r.summary()}" for r in reports))
        writes = any(r.count("add") or r.count("merge") for r in reports)
        self.import_button.setEnabled(writes)
        if writes:
            self.import_button.setDefault(True)
            self.import_button.setFocus()

    def _failed(self, reason: str) -> None:
        self._writing = False
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.files_label.setText("Nothing was imported.")
        show_message(self.problem, reason)
        self.import_button.setEnabled(False)

    def _write(self) -> None:
        if not self.import_button.isEnabled():
            return
        self._writing = True
        self.import_button.setEnabled(False)
        self.progress.setValue(0)
        self.files_label.setText("Importing…")
        self._start(dry_run=False)

    def reject(self) -> None:
        """Cancel: stop a read or an import under way; nothing is written."""
        if self._jobs.busy:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.files_label.setText("Stopping…")
            return  # closes when the worker has let go (see _finished)
        super().reject()

    def done(self, result: int) -> None:
        self._stop.set()
        self._jobs.wait()
        super().done(result)
