"""What every print dialog offers: Preview…, Print… and Save PDF…, each with its
shortcut, and a clear message where printing cannot be done. The dialog says
what it prints (`paint`, `pdf_bytes`, `page_layout`); the flows are here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QKeySequence, QPagedPaintDevice, QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from afterword.core.errors import AfterwordError
from afterword.core.output_paths import check_export_path
from afterword.ui.printing import page_layout, page_size_for, save_pdf


class PrintPagesDialog(QDialog):
    """Preview, print or save as PDF the pages a subclass paints. Subclasses set
    `message_title` and `no_printer`, build `summary_label`, and call
    `add_print_buttons` on their button box."""

    message_title = "Print"
    no_printer = ("No printer is installed on this computer. Use Save PDF… to keep the "
                  "pages as a file and print them elsewhere.")
    summary_label: QLabel

    # -- what a subclass says ---------------------------------------------------------

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint the pages on a printer (or the preview's printer); the page count."""
        raise NotImplementedError

    def pdf_bytes(self) -> bytes:
        """The pages as a PDF file: the command line's very file."""
        raise NotImplementedError

    def page_layout(self) -> QPageLayout:
        """Paper, orientation and margins: A4 or Letter by the locale."""
        return page_layout(page_size_for())

    def full_page(self) -> bool:
        """Measured from the paper's edge (envelopes, labels) rather than the margins."""
        return False

    def suggested_file_name(self) -> str:
        return "afterword.pdf"

    # -- the buttons ---------------------------------------------------------------------

    def add_print_buttons(self, buttons: QDialogButtonBox) -> None:
        """Preview… (the default), Print…, Save PDF… and Close."""
        self.preview_button = self._button(buttons, "Pre&view…", "Show the pages before printing",
                                           self.preview, QKeySequence("Ctrl+Shift+P"))
        self.print_button = self._button(buttons, "&Print…", "Print on a printer", self.print_pages,
                                         QKeySequence(QKeySequence.StandardKey.Print))
        self.pdf_button = self._button(buttons, "Save P&DF…", "Save the pages as a PDF file",
                                       self.save_pdf, QKeySequence(QKeySequence.StandardKey.Save))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        self.preview_button.setDefault(True)

    def _button(self, box: QDialogButtonBox, text: str, name: str, slot: Callable[[], object],
                shortcut: QKeySequence) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        button.setShortcut(shortcut)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    def set_printable(self, printable: bool) -> None:
        """Nothing to print (the record went): the buttons say so by being off."""
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setEnabled(printable)

    # -- the flows ------------------------------------------------------------------------

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self.page_layout())
        printer.setFullPage(self.full_page())
        return printer

    def _paint_or_warn(self, device: QPagedPaintDevice) -> bool:
        try:
            # "Print to file" in the print dialog: Qt writes that file itself.
            if isinstance(device, QPrinter) and device.outputFileName():
                check_export_path(device.outputFileName())
            self.paint(device)
        except AfterwordError as exc:
            QMessageBox.warning(self, self.message_title, str(exc))
            return False
        return True

    def preview(self) -> None:
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Print Preview")
        dialog.paintRequested.connect(self._paint_or_warn)
        dialog.exec()

    def print_pages(self) -> bool:
        if not QPrinterInfo.availablePrinters():
            QMessageBox.information(self, self.message_title, self.no_printer)
            return False
        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self._paint_or_warn(printer)

    def save_pdf(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save PDF", str(Path.home() / self.suggested_file_name()),
                                              "PDF files (*.pdf)")
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        return self.save_pdf_to(path)

    def save_pdf_to(self, path: str) -> Path | None:
        """Write the PDF; a clear message (and nothing half-written) if that fails."""
        try:
            written = save_pdf(self.pdf_bytes(), path)
        except AfterwordError as exc:
            QMessageBox.warning(self, "Save PDF", str(exc))
            return None
        self.summary_label.setText(f"{self.summary_label.text()}\nSaved {written}")
        return written
