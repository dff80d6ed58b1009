"""Labelled editors that save when a field is committed (Enter, Tab, leaving it),
with the reason beside the field when a value is refused. A refused value stays
in the field, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from afterword.core.validation import text_problem
from afterword.ui.colours import OVERDUE, status_css

# check(text) -> (value to save, problem or None)
Check = Callable[[str], tuple[Any, str | None]]


def plain(text: str) -> tuple[Any, str | None]:
    text = text.strip()
    return (text or None), None


@dataclass
class Field:
    name: str
    label: str  # with & before the mnemonic letter
    kind: str = "line"  # line | text | combo
    check: Check = plain
    choices: list[tuple[str, Any]] = field(default_factory=list)  # combo (label, value)
    placeholder: str = ""


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when it loses focus (Tab moves on, not a tab)."""

    committed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


class FieldSet(QWidget):
    """The editors of one record. Emits committed(name, value) for a changed,
    accepted value; the owner saves it and calls `accept()` or `refuse()`."""

    committed = Signal(str, object)

    def __init__(self, fields: list[Field], parent: QWidget | None = None):
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}
        self._values: dict[str, Any] = {}
        self._refused: set[str] = set()  # fields holding text that could not be saved
        self.locked = False  # a read-only file: see lock()
        self._editable = True
        for spec in fields:
            self._build(spec)

    def _build(self, spec: Field) -> None:
        plain_label = spec.label.replace("&", "")
        if spec.kind == "combo":
            editor: QWidget = QComboBox()
            for text, value in spec.choices:
                editor.addItem(text, value)
            editor.activated.connect(lambda _i, n=spec.name: self._commit(n))
        elif spec.kind == "text":
            editor = CommitTextEdit()
            editor.setPlaceholderText(spec.placeholder)
            lines = editor.fontMetrics().lineSpacing()
            editor.setMinimumHeight(lines * 2 + 12)
            editor.setMaximumHeight(lines * 5 + 12)
            editor.committed.connect(lambda n=spec.name: self._commit(n))
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(spec.placeholder)
            editor.editingFinished.connect(lambda n=spec.name: self._commit(n))
        editor.setAccessibleName(plain_label)
        editor.setObjectName(f"field_{spec.name}")
        label = QLabel(spec.label)
        label.setBuddy(editor)
        message = QLabel()
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setWordWrap(True)
        message.setObjectName(f"problem_{spec.name}")
        message.setAccessibleName(f"{plain_label}: problem")
        message.setStyleSheet(f"color: {status_css(OVERDUE)};")
        message.hide()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(message)
        self.editors[spec.name], self.labels[spec.name] = editor, label
        self.messages[spec.name], self.cells[spec.name] = message, cell

    def form(self, names: list[str]) -> QFormLayout:
        """A form layout with the given fields, in order."""
        layout = QFormLayout()
        # Combos as wide as the line edits beside them: one straight right edge.
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            layout.addRow(self.labels[name], self.cells[name])
        return layout

    def align_labels(self, names: list[str] | None = None) -> int:
        """Give the labels of `names` (default: all) one width, so fields set in
        separate forms start on one line; returns that width."""
        labels = [self.labels[n] for n in (names or self.labels)]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)
        return width

    def editor_order(self, names: list[str]) -> list[QWidget]:
        """The editors of `names`, in that order (for a tab chain)."""
        return [self.editors[n] for n in names]

    # -- values ---------------------------------------------------------------

    def load(self, values: dict[str, Any]) -> None:
        """Show a record's values (not a commit); clears any problem shown."""
        self._values = dict(values)
        self._refused.clear()
        for name, editor in self.editors.items():
            self._show(editor, values.get(name))
            self.messages[name].hide()

    def reload(self, values: dict[str, Any]) -> None:
        """Show fresh values of the record already shown: a field holding refused
        text keeps it, and its reason, until it is saved or discarded."""
        self._values = dict(values)
        for name, editor in self.editors.items():
            if name not in self._refused:
                self._show(editor, values.get(name))
                self.messages[name].hide()

    def text_of(self, name: str) -> str:
        editor = self.editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        return ""

    def accept(self, name: str, value: Any) -> None:
        self._values[name] = value
        self._refused.discard(name)
        self.messages[name].hide()

    def refused(self) -> list[str]:
        """Fields whose typed text was refused and is still there, unsaved."""
        return [n for n in self.editors if n in self._refused]

    def revert(self, name: str) -> None:
        """Show the last accepted value again (the change was not made)."""
        self._show(self.editors[name], self._values.get(name))
        self._refused.discard(name)
        self.messages[name].hide()

    def refuse(self, name: str, problem: str) -> None:
        self._refused.add(name)
        message = self.messages[name]
        message.setText(problem)
        message.show()

    def set_editable(self, enabled: bool) -> None:
        self._editable = enabled
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                # Locked text stays readable and can be selected and copied.
                editor.setEnabled(enabled)
                editor.setReadOnly(self.locked)
            else:
                editor.setEnabled(enabled and not self.locked)

    def lock(self, locked: bool) -> None:
        """Locked (a read-only file): nothing can be typed, whatever is shown."""
        self.locked = locked
        self.set_editable(self._editable)

    def _show(self, editor: QWidget, value: Any) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.setCursorPosition(0)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))

    def _commit(self, name: str) -> None:
        editor = self.editors[name]
        if not editor.isEnabled():
            return
        if isinstance(editor, QComboBox):
            value, problem = editor.currentData(), None
        else:
            text = self.text_of(name)
            value, problem = self.fields[name].check(text)
            # The same limits as every import (core/validation.py FIELD_LIMITS).
            problem = problem or text_problem(name, text)
        if problem is not None:
            self.refuse(name, problem)
            return
        self.messages[name].hide()
        self._refused.discard(name)
        if value != self._values.get(name):
            self.committed.emit(name, value)

