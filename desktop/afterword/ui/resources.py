"""Load icons and stylesheets from resources/, degrading gracefully.

A missing or broken resource file must never stop the app from starting: the
loader logs one warning naming the file and returns an empty icon or stylesheet,
and the app goes on with Qt's defaults.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from afterword.paths import resource

log = logging.getLogger(__name__)

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def load_icon(*parts: str) -> QIcon:
    """The icon at resources/<parts>; an empty QIcon (and a warning) if it cannot be read."""
    path = resource(*parts)
    if not path.is_file():
        log.warning("missing resource %s: using no icon", path)
        return QIcon()
    icon = QIcon(str(path))
    # QIcon loads lazily and silently; rendering once tells a corrupt file from a good one.
    if icon.isNull() or icon.pixmap(16, 16).isNull():
        log.warning("unreadable resource %s: using no icon", path)
        return QIcon()
    return icon


def app_icon() -> QIcon:
    """The application icon: the SVG, plus the pre-rendered PNGs for crisp small sizes.
    The files are read when a size is first drawn, not here: decoding all of them
    (up to 512 px) and the SVG took a noticeable part of start-up."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        path = resource("icons", "png", f"afterword-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    svg = resource("icons", "afterword.svg")
    if svg.is_file():
        icon.addFile(str(svg))
    if icon.isNull():
        log.warning("no usable application icon under %s", resource("icons"))
    return icon


def load_stylesheet(*parts: str) -> str:
    """The Qt stylesheet at resources/<parts>, or "" (and a warning) if it is
    missing, not UTF-8, or does not parse."""
    path = resource(*parts)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        log.warning("missing resource %s: using the default style", path)
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("unreadable resource %s (%s): using the default style", path, exc)
        return ""
    if not stylesheet_parses(text):
        log.warning("broken stylesheet %s: using the default style", path)
        return ""
    return text


def stylesheet_parses(text: str) -> bool:
    """Whether Qt accepts `text`; Qt only reports a parse failure as a warning
    message, so apply it to a throwaway widget and listen for one."""
    complaints: list[str] = []

    def listen(mode: QtMsgType, _context, message: str) -> None:
        if "Could not parse" in message:
            complaints.append(message)
        elif previous is not None:
            previous(mode, _context, message)

    previous = qInstallMessageHandler(listen)
    try:
        probe = QWidget()
        probe.setStyleSheet(text)
        probe.ensurePolished()
        probe.deleteLater()
    finally:
        qInstallMessageHandler(previous)
    return not complaints

