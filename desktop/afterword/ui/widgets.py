"""Small pieces the forms share: accessible names, the inline error line, and
a combo delegate for enumeration columns."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from afterword.ui.labels import role_label

ERROR_STYLE = "color: #a11; background: #fde8e8; border: 1px solid #e4b4b4; padding: 6px;"
# Problem text on the window's own background (ui/colours.py: light and dark palettes).
PROBLEM_COLOUR = "#c0392b"
HINT_STYLE = "color: #7a4b00; background: #fff4d6; border: 1px solid #e9d39a; padding: 6px;"


def named(widget: QWidget, name: str, tip: str | None = None) -> QWidget:
    """Give a control its accessible name (and tooltip): screen readers and tests
    find it by what it is for."""
    widget.setAccessibleName(name)
    widget.setObjectName(name.replace(" ", "_").replace("“", "").replace("”", "").lower())
    if tip:
        widget.setToolTip(tip)
    return widget


def message_line(style: str = ERROR_STYLE, name: str = "message") -> QLabel:
    """A hidden line that shows a message where the user is looking."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and notes as typed
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    named(label, name)
    label.hide()
    return label


def show_message(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def enum_words(enum: type[Enum]) -> list[tuple[str, str]]:
    """(shown text, value) pairs for a combo: 'To overcome' ↔ 'to_overcome', written
    as the window's tables write them."""
    return [(role_label(m.value), m.value) for m in enum]


def fill_combo(combo: QComboBox, enum: type[Enum], blank: str | None = None) -> QComboBox:
    if blank is not None:
        combo.addItem(blank, None)
    for text, value in enum_words(enum):
        combo.addItem(text, value)
    return combo


def select_data(combo: QComboBox, value) -> None:
    at = combo.findData(value.value if isinstance(value, Enum) else value)
    combo.setCurrentIndex(max(at, 0))


class ChoiceDelegate(QStyledItemDelegate):
    """Edits an enumeration cell with a combo (type-ahead works in it)."""

    def __init__(self, enum: type[Enum], parent=None):
        super().__init__(parent)
        self.enum = enum

    def createEditor(self, parent, option, index: QModelIndex) -> QWidget:
        combo = fill_combo(QComboBox(parent), self.enum, blank="")
        combo.setAccessibleName(f"choose {self.enum.__name__.lower()}")
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        select_data(editor, index.data(Qt.ItemDataRole.EditRole) or None)

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A form label whose Alt+letter jumps to `buddy` (a layout cannot be a buddy)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def no_auto_default(dialog: QWidget) -> None:
    """Enter in a field must not press whatever button last had focus."""
    from PySide6.QtWidgets import QPushButton

    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


class FormTable(QTableView):
    """A small editable table inside a form. Tab moves from cell to cell while
    editing, and from the last cell on to the next control (Shift+Tab from the
    first cell, back): a plain table would wrap to its first cell and hold the
    keyboard there."""

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        model, current = self.model(), self.currentIndex()
        hints = QAbstractItemDelegate.EndEditHint
        leave_forward = (hint == hints.EditNextItem and current.row() == model.rowCount() - 1
                         and current.column() == model.columnCount() - 1)
        leave_back = hint == hints.EditPreviousItem and current.row() == 0 and current.column() == 0
        if not (leave_forward or leave_back):
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, hints.NoHint)  # the delegate has committed the text already
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.focusNextPrevChild(leave_forward)


def fitting_size(widget: QWidget, preferred: QSize) -> QSize:
    """`preferred`, shrunk to fit the free area of the screen the widget opens on
    (a 1366×768 laptop loses some 80 px to panels and the title bar)."""
    screen = (widget.parentWidget() or widget).screen()
    free = screen.availableGeometry().size() if screen is not None else preferred
    return QSize(min(preferred.width(), free.width() - 40), min(preferred.height(), free.height() - 60))
