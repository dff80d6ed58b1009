"""Message boxes and tooltips that show names and notes as typed.

Qt guesses whether a text is HTML; a contact called "<b>Ana</b>" would turn bold,
and an <img> tag would load a file. Everything here shows text literally. Views
call these through the module (`messages.ask(...)`), so a test can answer them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
        buttons: Button = Button.Ok, default: Button = Button.NoButton) -> QMessageBox:
    """A message box whose text is plain text, not guessed HTML."""
    message = QMessageBox(icon, title, text, buttons, parent)
    message.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        message.setDefaultButton(default)
    return message


def ask(parent: QWidget | None, title: str, text: str,
        buttons: Button = Button.Yes | Button.No, default: Button = Button.NoButton) -> Button:
    """A question; returns the button pressed."""
    return Button(box(parent, QMessageBox.Icon.Question, title, text, buttons, default).exec())


def warn(parent: QWidget | None, title: str, text: str) -> None:
    box(parent, QMessageBox.Icon.Warning, title, text).exec()


def info(parent: QWidget | None, title: str, text: str) -> None:
    box(parent, QMessageBox.Icon.Information, title, text).exec()


def keep_or_discard(parent: QWidget | None, title: str, text: str) -> bool:
    """True to discard what was typed, False to keep editing it (the default, and Esc)."""
    message = box(parent, QMessageBox.Icon.Warning, title, text, Button.NoButton)
    keep = message.addButton("&Keep Editing", QMessageBox.ButtonRole.RejectRole)
    discard = message.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    message.setDefaultButton(keep)
    message.setEscapeButton(keep)
    message.exec()
    return message.clickedButton() is discard


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that shows `text` literally (line breaks kept)."""
    if not text:
        return text
    import html  # on first use: the window opens without it

    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'
