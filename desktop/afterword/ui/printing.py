"""Putting a page of sections on paper: a printer, the print preview, or a PDF.

Each section (a heading, a group's title, a row) is laid out as its own rich-text
document and placed on the page whole, so a row is never cut in two by a page
break. The checklist is painted here; the prep brief (ui/brief_printing.py) uses
the same pagination. The window and the command line both call `checklist_pdf`,
so they write the same file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from afterword import APP_NAME
from afterword.core.checklist import Checklist
from afterword.core.checklist_html import STYLE, Section, SectionKind, group_html, sections
from afterword.core.errors import AfterwordError
from afterword.core.files import write_private

MARGIN_MM = 15.0
FOOTER_PT = 8.0
BODY_PT = 9.5
PDF_DPI = 300

# Countries that use US Letter rather than A4 (those whose printers default to it).
_LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia,
    QLocale.Country.Venezuela, QLocale.Country.Guatemala, QLocale.Country.CostaRica,
    QLocale.Country.Panama, QLocale.Country.ElSalvador, QLocale.Country.DominicanRepublic,
    QLocale.Country.PuertoRico, QLocale.Country.Nicaragua, QLocale.Country.Belize,
}


class PrintError(AfterwordError):
    """The page could not be printed or the file not written; the message says why."""


class OfflineDocument(QTextDocument):
    """Rich text that never loads anything: no file, no network address, no image.

    User text is escaped before it gets here; this is the second lock on the door.
    `refused` keeps what was asked for, so tests can see that nothing was fetched.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.refused: list[str] = []

    def loadResource(self, kind: int, url) -> None:  # noqa: N802 (Qt's name)
        self.refused.append(url.toString())
        return None


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale's country uses it, A4 everywhere else."""
    locale = locale or QLocale()
    letter = (locale.territory() in _LETTER_COUNTRIES
              or locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem)
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(page_size or page_size_for(), QPageLayout.Orientation.Portrait, margins,
                       QPageLayout.Unit.Millimeter)


def body_font() -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Helvetica Neue", "Helvetica", "Arial", "Segoe UI"])
    font.setPointSizeF(BODY_PT)
    return font


def rich_text(html_body: str, device: QPagedPaintDevice, width: float, style: str = STYLE,
              images: Mapping[str, QImage] | None = None) -> OfflineDocument:
    """A laid-out document for `device` (lengths in its own pixels), `width` wide.

    `images` are the only pictures it may show, handed over by name before the
    text is read (a name the text uses that is not among them is refused)."""
    doc = OfflineDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(body_font())
    doc.setDefaultStyleSheet(style)
    doc.setDocumentMargin(0)
    option = doc.defaultTextOption()
    # A word longer than the line (a pasted link, a run of characters) wraps too.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setTextWidth(width)
    for name, image in (images or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    doc.setHtml(html_body)
    return doc


@dataclass
class PrintedPages:
    """What to put on paper: the sections in order, a group's title repeated at
    the top of a page it carries over to, the footer's left-hand text, the style,
    and the pictures the sections may show."""

    sections: list[Section]
    continued: Callable[[int], str]
    footer: str
    style: str = STYLE
    images: dict[str, QImage] = field(default_factory=dict)

    def document(self, html_body: str, device: QPagedPaintDevice, width: float) -> OfflineDocument:
        return rich_text(html_body, device, width, self.style, self.images)


# -- pagination ----------------------------------------------------------------------

@dataclass
class _Placed:
    doc: OfflineDocument
    y: float  # top on the page
    top: float = 0.0  # the slice of the document shown: from `top`...
    height: float | None = None  # ...this tall (None: all of it)


def _paginate(printed: PrintedPages, device: QPagedPaintDevice, width: float,
              body: float) -> list[list[_Placed]]:
    """Place each section on a page so that none is split, except a row so long
    it cannot fit one page at all, which continues on the next pages."""
    parts = printed.sections
    docs = [printed.document(part.html, device, width) for part in parts]
    pages: list[list[_Placed]] = [[]]
    y = 0.0
    gap = device.logicalDpiY() * 0.03  # a little air between rows
    headings: dict[int, OfflineDocument] = {}

    def continued(group: int) -> OfflineDocument:
        if group not in headings:
            headings[group] = printed.document(printed.continued(group), device, width)
        return headings[group]

    def place(doc: OfflineDocument, top: float = 0.0, height: float | None = None) -> None:
        nonlocal y
        pages[-1].append(_Placed(doc, y, top, height))
        y += (doc.size().height() if height is None else height) + gap

    def new_page(group: int | None = None) -> None:
        """Start a page; carrying a group over, repeat its heading on top."""
        nonlocal y
        if pages[-1]:
            pages.append([])
        y = 0.0
        if group is not None:
            place(continued(group))

    for index, (part, doc) in enumerate(zip(parts, docs, strict=True)):
        height = doc.size().height()
        group = part.group if part.kind == SectionKind.ROW else None
        if group is not None and height > body - continued(group).size().height() - gap:
            # Taller than a whole page: let the document break between its lines.
            if parts[index - 1].kind != SectionKind.GROUP:
                new_page(group)
            room = body - max(y, continued(group).size().height() + gap)
            doc.setPageSize(QSizeF(width, room))
            for slice_index in range(doc.pageCount()):
                if slice_index:
                    new_page(group)
                y = body - room
                place(doc, slice_index * room, room)
            continue
        need = height
        if part.kind == SectionKind.GROUP and index + 1 < len(docs):
            # Keep a heading with (the start of) its first note.
            need += min(docs[index + 1].size().height(), body / 2)
        if pages[-1] and y + need > body:
            new_page(group)
        place(doc)
    return pages


def checklist_pages(checklist: Checklist, printed_on: date | None = None) -> PrintedPages:
    return PrintedPages(sections(checklist, printed_on),
                        lambda group: group_html(checklist.groups[group], continued=True),
                        f"{APP_NAME} · thank-you notes due by {checklist.period()}")


def paint_checklist(device: QPagedPaintDevice, checklist: Checklist,
                    printed_on: date | None = None) -> int:
    """Paint the checklist onto a printer or PDF writer; returns the page count."""
    return paint_pages(device, checklist_pages(checklist, printed_on))


def _footer_font() -> QFont:
    font = body_font()
    font.setPointSizeF(FOOTER_PT)
    return font


def _laid_out(device: QPagedPaintDevice, printed: PrintedPages,
              scale: float) -> tuple[list[list[_Placed]], float, float]:
    """The pages, and the width and footer height they are laid out for; at `scale`
    below 1 everything but the footer is printed that much smaller."""
    width, height = float(device.width()), float(device.height())
    footer_h = QFontMetricsF(_footer_font(), device).height() * 2.2
    return _paginate(printed, device, width / scale, (height - footer_h) / scale), width, footer_h


def paint_pages(device: QPagedPaintDevice, printed: PrintedPages, max_pages: int | None = None,
                scales: Sequence[float] = (1.0, 0.93, 0.86)) -> int:
    """Paint the sections onto a printer or PDF writer, numbered pages with a
    footer; returns the page count. With `max_pages`, at the largest of `scales`
    at which they take no more pages (the smallest if none does): a brief of two
    A4 pages is two Letter pages too."""
    for scale in scales if max_pages is not None else (1.0,):
        pages, width, footer_h = _laid_out(device, printed, scale)
        if max_pages is None or len(pages) <= max_pages:
            break
    footer_font = _footer_font()
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer could not be started (is it switched on and connected?)")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1 and not device.newPage():
                raise PrintError("the printer refused a new page")
            painter.save()
            painter.scale(scale, scale)
            for placed in page:
                _draw(painter, placed, width / scale)
            painter.restore()
            _footer(painter, footer_font, width, float(device.height()), footer_h,
                    printed.footer, f"Page {number} of {len(pages)}")
    finally:
        painter.end()
    return len(pages)


def _draw(painter: QPainter, placed: _Placed, width: float) -> None:
    painter.save()
    painter.translate(0, placed.y - placed.top)
    height = placed.height if placed.height is not None else placed.doc.size().height()
    placed.doc.drawContents(painter, QRectF(0, placed.top, width, height))
    painter.restore()


def _footer(painter: QPainter, font: QFont, width: float, height: float, footer_h: float,
            left: str, right: str) -> None:
    painter.save()
    painter.setFont(font)
    pen = QPen(QColor("#777777"))
    pen.setWidthF(max(1.0, painter.device().logicalDpiY() / 300))
    painter.setPen(pen)
    top = height - footer_h * 0.8
    painter.drawLine(0, int(top), int(width), int(top))
    box = QRectF(0, top, width, footer_h * 0.8)
    painter.setPen(QColor("#333333"))
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, left)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, right)
    painter.restore()


# -- PDF files -------------------------------------------------------------------------

def pdf_bytes(paint, layout: QPageLayout, title: str) -> bytes:
    """Run `paint(writer)` on an in-memory PDF writer and return the file's bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(layout)
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    paint(writer)
    buffer.close()
    return bytes(data.data())


def checklist_pdf(checklist: Checklist, page_size: QPageSize | None = None,
                  printed_on: date | None = None) -> bytes:
    """The checklist as a PDF file's bytes (the same for the window and the command line)."""
    return pdf_bytes(lambda writer: paint_checklist(writer, checklist, printed_on),
                     page_layout(page_size), f"Thank-you notes due by {checklist.period()}")


def save_pdf(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write a PDF whole or not at all (owner-only: it holds people's addresses)."""
    try:
        return write_private(path, data)
    except AfterwordError as exc:
        raise PrintError(str(exc)) from None
