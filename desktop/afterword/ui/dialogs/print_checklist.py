"""File ▸ Print checklist…: choose the day (or range), then preview, print or save
a PDF of the handwritten-note checklist, its envelopes or an address-label sheet."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.checklist import Checklist, build_checklist, envelopes_for
from afterword.core.errors import AfterwordError
from afterword.ui.dialogs.print_pages import PrintPagesDialog
from afterword.ui.envelopes import (
    LABEL_SHEETS,
    EnvelopeSize,
    envelope_layout,
    envelopes_pdf,
    label_layout,
    labels_pdf,
    paint_envelopes,
    paint_labels,
)
from afterword.ui.hub import Hub
from afterword.ui.printing import checklist_pdf, page_size_for, paint_checklist

NO_PRINTER = ("No printer is installed on this computer. Use Save PDF… to keep the "
              "checklist as a file and print it elsewhere.")


class Output(StrEnum):
    CHECKLIST = "checklist"
    ENVELOPES_DL = "envelopes-dl"
    ENVELOPES_10 = "envelopes-10"
    LABELS_A4 = "labels-a4-3x7"
    LABELS_LETTER = "labels-letter-3x10"


_OUTPUT_LABELS = {
    Output.CHECKLIST: "Checklist of notes to write",
    Output.ENVELOPES_DL: "Envelopes, DL (110 × 220 mm)",
    Output.ENVELOPES_10: "Envelopes, #10 (4⅛ × 9½ in)",
    Output.LABELS_A4: LABEL_SHEETS["a4-3x7"].label,
    Output.LABELS_LETTER: LABEL_SHEETS["letter-3x10"].label,
}


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class PrintChecklistDialog(PrintPagesDialog):
    """Print the notes to write for a day or a range, or their envelopes or labels."""

    message_title = "Print checklist"
    no_printer = NO_PRINTER

    def __init__(self, context: AppContext, hub: Hub, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Print Checklist")
        self.setAccessibleName("Print the handwritten-note checklist")

        today = _qdate(context.today())
        self.until_edit = self._date_edit(today, "Notes due by")
        self.since_edit = self._date_edit(today, "Overdue if due before")
        self.output_combo = QComboBox()
        self.output_combo.setAccessibleName("What to print")
        for output, label in _OUTPUT_LABELS.items():
            self.output_combo.addItem(label, output.value)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("What will be printed")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("Notes due &by:", self.until_edit)
        form.addRow("&Overdue if due before:", self.since_edit)
        form.addRow("Pri&nt:", self.output_combo)  # P is the Print… button's

        buttons = QDialogButtonBox()
        self.add_print_buttons(buttons)

        layout = QVBoxLayout(self)
        self.setMinimumWidth(480)  # the summary names people; room for it on one or two lines
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)

        self.until_edit.dateChanged.connect(self._dates_changed)
        self.since_edit.dateChanged.connect(self.refresh)
        self.output_combo.currentIndexChanged.connect(self.refresh)
        hub.changed.connect(self._records_changed)
        self.refresh()

    # -- building ----------------------------------------------------------------------

    def _date_edit(self, day: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")  # as every other date in the window
        edit.setAccessibleName(name)
        return edit

    # -- state --------------------------------------------------------------------------

    def output(self) -> Output:
        return Output(self.output_combo.currentData())

    def checklist(self) -> Checklist:
        until = self.until_edit.date().toPython()
        since = self.since_edit.date().toPython()
        return build_checklist(self.context.store, until, min(since, until))

    def _dates_changed(self) -> None:
        # A single day unless the user widened the range on purpose.
        if self.since_edit.date() > self.until_edit.date():
            self.since_edit.setDate(self.until_edit.date())
        self.refresh()

    def _records_changed(self, kind: str) -> None:
        if kind in ("*", "thank_you_notes", "contacts", "companies", "interviews", "opportunities"):
            self.refresh()

    def refresh(self) -> None:
        """Say what will be printed, and who will be left without an envelope."""
        try:
            checklist = self.checklist()
        except AfterwordError as exc:
            self.summary_label.setText(str(exc))
            return
        lines = [checklist.summary()]
        lines += checklist.problems
        if self.output() != Output.CHECKLIST:
            envelopes = envelopes_for(checklist)
            lines.append(f"{len(envelopes.envelopes)} addressed; not printed (listed on the "
                         f"last page): {'; '.join(envelopes.missing) or 'nobody'}")
        self.summary_label.setText("\n".join(lines))

    # -- painting -----------------------------------------------------------------------

    def page_layout(self) -> QPageLayout:
        output = self.output()
        if output == Output.CHECKLIST:
            return super().page_layout()
        if output in (Output.ENVELOPES_DL, Output.ENVELOPES_10):
            return envelope_layout(self._envelope_size())
        return label_layout(self._sheet())

    def full_page(self) -> bool:
        # Envelopes and labels are measured from the paper's edge.
        return self.output() != Output.CHECKLIST

    def _envelope_size(self) -> EnvelopeSize:
        return EnvelopeSize.DL if self.output() == Output.ENVELOPES_DL else EnvelopeSize.NO10

    def _sheet(self):
        return LABEL_SHEETS["a4-3x7" if self.output() == Output.LABELS_A4 else "letter-3x10"]

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint the chosen output on a printer (or the preview's printer)."""
        checklist = self.checklist()
        output = self.output()
        if output == Output.CHECKLIST:
            return paint_checklist(device, checklist, self.context.today())
        if output in (Output.ENVELOPES_DL, Output.ENVELOPES_10):
            return paint_envelopes(device, envelopes_for(checklist), self._envelope_size())
        return paint_labels(device, envelopes_for(checklist), self._sheet())

    def pdf_bytes(self) -> bytes:
        """The chosen output as PDF: for the checklist, the command line's very file."""
        checklist = self.checklist()
        output = self.output()
        if output == Output.CHECKLIST:
            return checklist_pdf(checklist, page_size_for(), printed_on=self.context.today())
        if output in (Output.ENVELOPES_DL, Output.ENVELOPES_10):
            return envelopes_pdf(envelopes_for(checklist), self._envelope_size())
        return labels_pdf(envelopes_for(checklist), self._sheet())

    def suggested_file_name(self) -> str:
        until = self.until_edit.date().toPython().isoformat()
        name = {Output.CHECKLIST: "thank-you-checklist"}.get(self.output(), self.output().value)
        return f"{name}-{until}.pdf"
