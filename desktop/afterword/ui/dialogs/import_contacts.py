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
    QRunnable,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
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
from afterword.ui.widgets import message_line, named, show_message

_WORDS = {"add": "added", "merge": "merged", "skip": "skipped"}


@dataclass(frozen=True)
class OutcomeRow:
    file: str
    where: str
    name: str
    action: str
    reason: str


class OutcomesModel(QAbstractTableModel):
    """One row per contact read: the file, the card or row, the name, what would
    happen and why."""

    HEADERS = ("File", "Card or row", "Name", "Import", "Why")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[OutcomeRow] = []

    def set_reports(self, reports: Sequence[ImportReport]) -> None:
        self.beginResetModel()
        self.rows = [OutcomeRow(r.label, o.where, o.name, _WORDS[o.action], o.reason)
                     for r in reports for o in r.outcomes]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        return (row.file, row.where, row.name, row.action, row.reason)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class _Relay(QObject):
    progress = Signal(int)
    done = Signal(object)
    failed = Signal(str)


class _ImportJob(QRunnable):
    """An import (or its dry run) on a worker thread, with its own connection."""

    def __init__(self, db_path: Path, paths: list[Path], region: str, dry_run: bool,
                 stop: threading.Event, relay: _Relay):
        super().__init__()
        self.db_path, self.paths, self.region, self.dry_run = db_path, paths, region, dry_run
        self.stop, self.relay = stop, relay
        self.count = 0

    def _step(self, _label: str, _n: int) -> None:
        self.count += 1
        if self.count % 50 == 0:
            self.relay.progress.emit(self.count)

    def run(self) -> None:
        try:
            store = Store.open(self.db_path)
            try:
                reports = import_files(store, self.paths, region=self.region, dry_run=self.dry_run,
                                       progress=self._step, cancelled=self.stop.is_set)
            finally:
                store.close()
        except Cancelled:
            self.relay.failed.emit("")
        except AfterwordError as exc:
            self.relay.failed.emit(str(exc))
        except Exception as exc:  # a worker must never take the app down
            self.relay.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.relay.done.emit(reports)


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
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._progressed)
        self._relay.done.connect(self._finished)
        self._relay.failed.connect(self._failed)
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
        store = self.context.store
        if store.path is None:  # an in-memory database: no second connection to it
            try:
                self._finished(import_files(store, self.paths, region=self.region, dry_run=dry_run))
            except AfterwordError as exc:
                self._failed(str(exc))
            return
        self._pool.start(_ImportJob(store.path, self.paths, self.region, dry_run, self._stop,
                                    self._relay))

    def _progressed(self, count: int) -> None:
        self.files_label.setText(f"{'Importing' if self._writing else 'Reading'}: {count:,} contacts…")
        if self.progress.maximum():
            self.progress.setValue(min(count, self.progress.maximum()))

    def _finished(self, reports: list[ImportReport]) -> None:
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
        if not reason:  # cancelled: nothing was written
            super().reject()
            return
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
        if self._pool.activeThreadCount():
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.files_label.setText("Stopping…")
            return  # closes when the worker has let go (see _failed)
        super().reject()

    def done(self, result: int) -> None:
        self._stop.set()
        self._pool.waitForDone()
        super().done(result)
