"""Putting the prep brief on paper: the checklist's pagination (ui/printing.py),
with the card photos taken from the database, scaled small and handed to the
page by name. The window and the command line both call `brief_pdf`, so they
write the same file."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader, QPagedPaintDevice, QPageSize

from afterword import APP_NAME
from afterword.core.brief import Brief
from afterword.core.brief_html import STYLE, continued_headings, sections
from afterword.ui.printing import PrintedPages, page_layout, paint_pages, pdf_bytes

# The longest side of a card photo as printed: sharp at PDF_DPI for the small
# size it is drawn at, and a few kilobytes in the file rather than a camera's megabytes.
PHOTO_PIXELS = 360
# One or two pages: the page to read before the round, not a file to leaf through.
MAX_PAGES = 2


def card_images(brief: Brief) -> dict[str, QImage]:
    """Each card photo that can be read, scaled down (a photo that cannot be read
    is left out; the card's text is printed all the same)."""
    images: dict[str, QImage] = {}
    for name, photo in brief.photos.items():
        image = small_image(photo.data)
        if image is not None:
            images[name] = image
    return images


def small_image(data: bytes) -> QImage | None:
    """The picture at most PHOTO_PIXELS on its longer side, or None if it cannot be
    read. A JPEG is decoded at the smaller size directly (a phone's photo in a
    fraction of the time it takes to decode it whole)."""
    raw = QByteArray(data)
    buffer = QBuffer(raw)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a photo taken sideways prints upright
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > PHOTO_PIXELS:
        reader.setScaledSize(size.scaled(PHOTO_PIXELS, PHOTO_PIXELS, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    if max(image.width(), image.height()) > PHOTO_PIXELS:  # a reader that could not scale
        image = image.scaled(PHOTO_PIXELS, PHOTO_PIXELS, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


def brief_pages(brief: Brief) -> PrintedPages:
    images = card_images(brief)
    return PrintedPages(sections(brief, images), continued_headings(brief).__getitem__,
                        f"{APP_NAME} · prep brief · {brief.heading()}", STYLE, images)


def paint_brief(device: QPagedPaintDevice, brief: Brief) -> int:
    """Paint the brief onto a printer or PDF writer; returns the page count. A busy
    process that would run onto a third page is printed a little smaller instead."""
    return paint_pages(device, brief_pages(brief), MAX_PAGES)


def brief_pdf(brief: Brief, page_size: QPageSize | None = None) -> bytes:
    """The brief as a PDF file's bytes (the same for the window and the command line)."""
    return pdf_bytes(lambda writer: paint_brief(writer, brief), page_layout(page_size),
                     f"Prep brief: {brief.heading()}")
