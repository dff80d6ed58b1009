"""The photo of a business card: shown scaled, attached by file dialog or drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QImageReader, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

from afterword.core.domain import CardPhoto
from afterword.core.errors import AfterwordError
from afterword.core.output_paths import check_input_path

MAX_PHOTO_BYTES = 15 * 1024 * 1024


class PhotoError(Exception):
    """The file cannot be used as a card photo; the message says why."""


def read_card_photo(path: Path) -> CardPhoto:
    """A card photo from an image file, checked to be an image Qt can show."""
    try:
        check_input_path(path)
    except AfterwordError as exc:
        raise PhotoError(str(exc)) from None
    try:
        size = path.stat().st_size
        if size > MAX_PHOTO_BYTES:
            raise PhotoError(f"{path.name} is {size // (1024 * 1024)} MB; a card photo can be "
                             f"at most {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise PhotoError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    image_format = bytes(reader.format().data()).decode() or ""
    image = reader.read()
    if image.isNull() or not image_format:
        raise PhotoError(f"{path.name} is not an image Afterword can read (a photo as JPEG or "
                         f"PNG works); the card was left as it was")
    mime = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
            "webp": "image/webp", "bmp": "image/bmp"}.get(image_format, f"image/{image_format}")
    return CardPhoto(data=data, mime_type=mime)


class CardPhotoView(QLabel):
    """Shows the photo (or an invitation to drop one); emits dropped(path)."""

    dropped = Signal(Path)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(220, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        self.setAccessibleName("Card photo")
        self.setWordWrap(True)
        self.show_photo(None)

    def show_photo(self, photo: CardPhoto | None) -> None:
        self._pixmap = QPixmap()
        if photo is not None:
            image = QImage.fromData(photo.data)
            if not image.isNull():
                self._pixmap = QPixmap.fromImage(image)
        if self._pixmap.isNull():
            self.setPixmap(QPixmap())
            self.setText("No card photo.\nDrop an image here or use Attach Photo…")
            self.setAccessibleDescription("no photo")
        else:
            self.setText("")
            self.setAccessibleDescription("photo of the business card")
            self._rescale()

    def has_photo(self) -> bool:
        return not self._pixmap.isNull()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if not self._pixmap.isNull():
            self.setPixmap(self._pixmap.scaled(
                self.size().shrunkBy(self.contentsMargins()) * 0.98,
                Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.isEnabled() and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.dropped.emit(Path(url.toLocalFile()))
                return
