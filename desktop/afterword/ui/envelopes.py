"""Envelopes (DL, #10) and address-label sheets for the checklist's recipients.

Painted with QPainter in millimetres from the page's top-left corner (no margins),
one envelope per page or one label per cell. A recipient without an address is
never printed as a blank: a closing page lists who is missing and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
)

from afterword.core.checklist import Envelope, EnvelopeSet
from afterword.ui.printing import PrintError, body_font, page_size_for, pdf_bytes


class EnvelopeSize(StrEnum):
    DL = "dl"
    NO10 = "10"

    @property
    def label(self) -> str:
        return "DL envelope (110 × 220 mm)" if self is EnvelopeSize.DL else "#10 envelope (4⅛ × 9½ in)"

    def page_size(self) -> QPageSize:
        ids = {EnvelopeSize.DL: QPageSize.PageSizeId.EnvelopeDL,
               EnvelopeSize.NO10: QPageSize.PageSizeId.Envelope10}
        return QPageSize(ids[self])


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of address labels; lengths in millimetres from the sheet's corner."""

    key: str
    label: str
    page: QPageSize.PageSizeId
    columns: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows


INCH = 25.4
LABEL_SHEETS = {
    # 21 labels of 63.5 × 38.1 mm, the common A4 layout (e.g. Avery L7160).
    "a4-3x7": LabelSheet("a4-3x7", "Label sheet A4, 3 × 7", QPageSize.PageSizeId.A4, 3, 7,
                         63.5, 38.1, 7.2, 15.1, 66.0, 38.1),
    # 30 labels of 2⅝ × 1 in, the common Letter layout (e.g. Avery 5160).
    "letter-3x10": LabelSheet("letter-3x10", "Label sheet Letter, 3 × 10",
                              QPageSize.PageSizeId.Letter, 3, 10, 2.625 * INCH, 1.0 * INCH,
                              0.1875 * INCH, 0.5 * INCH, 2.75 * INCH, 1.0 * INCH),
}


def _full_page(size: QPageSize, landscape: bool = False) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def envelope_layout(size: EnvelopeSize) -> QPageLayout:
    return _full_page(size.page_size(), landscape=True)


def label_layout(sheet: LabelSheet) -> QPageLayout:
    return _full_page(QPageSize(sheet.page))


def _mm(device: QPagedPaintDevice) -> float:
    return device.logicalDpiX() / 25.4


def _begin(device: QPagedPaintDevice) -> QPainter:
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("the printer could not be started (is it switched on and connected?)")
    return painter


def paint_envelopes(device: QPagedPaintDevice, envelopes: EnvelopeSet, size: EnvelopeSize) -> int:
    """One envelope per page, the address where the post office reads it."""
    painter = _begin(device)
    pages = 0
    try:
        mm = _mm(device)
        width, height = device.width(), device.height()
        font = body_font()
        font.setPointSizeF(12)
        for envelope in envelopes.envelopes:
            if pages and not device.newPage():
                raise PrintError("the printer refused a new page")
            pages += 1
            # Recipient block a little left of centre and below the middle, clear
            # of the stamp corner and the return-address corner.
            box = QRectF(width * 0.42, height * 0.45, width * 0.56 - 8 * mm, height * 0.5)
            _address(painter, font, box, envelope, min_pt=8)
        if envelopes.missing or not envelopes.envelopes:
            pages += _missing_page(device, painter, envelopes, started=pages > 0, what="envelope")
    finally:
        painter.end()
    return pages


def paint_labels(device: QPagedPaintDevice, envelopes: EnvelopeSet, sheet: LabelSheet) -> int:
    """Addresses on a label sheet, left to right and top to bottom."""
    painter = _begin(device)
    pages = 0
    try:
        mm = _mm(device)
        font = body_font()
        font.setPointSizeF(10)
        for index, envelope in enumerate(envelopes.envelopes):
            cell = index % sheet.per_sheet
            if cell == 0:
                if pages and not device.newPage():
                    raise PrintError("the printer refused a new page")
                pages += 1
            col, row = cell % sheet.columns, cell // sheet.columns
            x, y = sheet.left + col * sheet.pitch_x, sheet.top + row * sheet.pitch_y
            pad = 3.5
            box = QRectF((x + pad) * mm, (y + pad) * mm, (sheet.width - 2 * pad) * mm,
                         (sheet.height - 2 * pad) * mm)
            _address(painter, font, box, envelope, min_pt=6, centre=True)
        if envelopes.missing or not envelopes.envelopes:
            pages += _missing_page(device, painter, envelopes, started=pages > 0, what="label")
    finally:
        painter.end()
    return pages


def _address(painter: QPainter, font: QFont, box: QRectF, envelope: Envelope, *,
             min_pt: float, centre: bool = False) -> None:
    """Draw the lines in `box`, shrinking the type until they fit, eliding what cannot."""
    font = QFont(font)
    device = painter.device()
    while True:
        metrics = QFontMetricsF(font, device)
        widest = max(metrics.horizontalAdvance(line) for line in envelope.lines)
        tall = metrics.lineSpacing() * len(envelope.lines)
        if (widest <= box.width() and tall <= box.height()) or font.pointSizeF() <= min_pt:
            break
        font.setPointSizeF(font.pointSizeF() - 0.5)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("black"))
    y = box.top() + (max(0.0, box.height() - tall) / 2 if centre else 0.0)
    for line in envelope.lines:
        if y + metrics.height() > box.bottom() + 0.5:
            break
        text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(QRectF(box.left(), y, box.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        y += metrics.lineSpacing()
    painter.restore()


def _missing_page(device: QPagedPaintDevice, painter: QPainter, envelopes: EnvelopeSet, *,
                  started: bool, what: str) -> int:
    """A last page naming who got no envelope or label, on ordinary paper if we can."""
    if started:
        device.setPageLayout(_full_page(page_size_for()))
        if not device.newPage():
            raise PrintError("the printer refused a new page")
    margin = 15 * _mm(device)
    font = body_font()
    font.setPointSizeF(11)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("black"))
    box = QRectF(margin, margin, device.width() - 2 * margin, device.height() - 2 * margin)
    if envelopes.missing:
        lines = [f"Not printed — no {what} for these notes:", ""]
        lines += [f"• {text}" for text in envelopes.missing]
    else:
        lines = ["Nothing to print: no note due has a recipient with a mailing address."]
    painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                              | Qt.TextFlag.TextWordWrap), "\n".join(lines))
    painter.restore()
    return 1


def envelopes_pdf(envelopes: EnvelopeSet, size: EnvelopeSize) -> bytes:
    return pdf_bytes(lambda writer: paint_envelopes(writer, envelopes, size),
                     envelope_layout(size), "Envelopes for thank-you notes")


def labels_pdf(envelopes: EnvelopeSet, sheet: LabelSheet) -> bytes:
    return pdf_bytes(lambda writer: paint_labels(writer, envelopes, sheet),
                     label_layout(sheet), "Address labels for thank-you notes")
