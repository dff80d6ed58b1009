"""Dropping a card photo on a list: a file whose name says image is taken, anything else
is left to the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".bmp", ".heic"}


def dropped_image(mime) -> Path | None:
    """The first local image file in a drag's data, if any."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES:
            return Path(url.toLocalFile())
    return None


class ImageDrop(QObject):
    """Watches `target` (a list's viewport) and says `dropped(path)` for a dropped image."""

    dropped = Signal(Path)

    def __init__(self, target: QWidget):
        super().__init__(target)
        self.accepting = True  # off while the file is read-only
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.accepting:
            return super().eventFilter(watched, event)
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_image(event.mimeData()) is not None and watched.isEnabled():
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            path = dropped_image(event.mimeData())
            if path is not None:
                event.acceptProposedAction()
                self.dropped.emit(path)
                return True
        return super().eventFilter(watched, event)
