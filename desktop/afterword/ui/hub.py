"""One signal hub per window, so views refresh when records change elsewhere."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    """Emits `changed(kind)` after a saved change; kind is a store table name
    ("contacts", "thank_you_notes", …) or "*" for everything (undo, import).
    `record_changed(kind, uid)` also names the record, so a list can update one row."""

    changed = Signal(str)
    record_changed = Signal(str, str)

    def notify(self, kind: str = "*") -> None:
        self.changed.emit(kind)

    def notify_record(self, kind: str, uid: str) -> None:
        self.record_changed.emit(kind, uid)
        self.changed.emit(kind)
