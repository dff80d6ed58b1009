"""Print Prep Brief…: the page to read before a role's next round — preview it,
print it, or save it as a PDF (the very file `afterword brief` writes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPagedPaintDevice
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from afterword.context import AppContext
from afterword.core.brief import DEFAULT_CLOSING_QUESTION, Brief, build_brief
from afterword.core.errors import AfterwordError
from afterword.ui.brief_printing import brief_pdf, paint_brief
from afterword.ui.dialogs.print_pages import PrintPagesDialog
from afterword.ui.hub import Hub
from afterword.ui.printing import page_size_for

NO_PRINTER = ("No printer is installed on this computer. Use Save PDF… to keep the "
              "brief as a file and print it elsewhere.")


class PrintBriefDialog(PrintPagesDialog):
    """The prep brief of one role (for `round_uid`, when that round is still to come)."""

    message_title = "Print prep brief"
    no_printer = NO_PRINTER

    def __init__(self, context: AppContext, hub: Hub, parent: QWidget | None = None, *,
                 role_uid: str, round_uid: str | None = None,
                 closing_question: str = DEFAULT_CLOSING_QUESTION):
        super().__init__(parent)
        self.context, self.role_uid, self.round_uid = context, role_uid, round_uid
        self.closing_question = closing_question
        self.setWindowTitle("Print Prep Brief")
        self.setAccessibleName("Print the prep brief for the next round")
        self.heading_label = QLabel()
        self.heading_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the user
        self.heading_label.setAccessibleName("Role")
        self.heading_label.setWordWrap(True)
        font = QFont(self.heading_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading_label.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("What the brief holds")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.add_print_buttons(buttons)
        layout = QVBoxLayout(self)
        self.setMinimumWidth(480)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)
        hub.changed.connect(lambda _kind: self.refresh())
        self.refresh()

    def brief(self) -> Brief:
        """Read now: the brief is as current as the records when it is printed."""
        return build_brief(self.context.store, self.role_uid, self.context.clock(),
                           closing_question=self.closing_question, round_uid=self.round_uid)

    def refresh(self) -> None:
        """Say what the brief holds; a role deleted meanwhile leaves nothing to print."""
        try:
            brief = self.brief()
        except AfterwordError as exc:
            self.heading_label.setText("Nothing to print")
            self.summary_label.setText(str(exc))
            self.set_printable(False)
            return
        self.heading_label.setText(brief.heading())
        self.summary_label.setText(brief.summary().replace("; ", "\n"))
        self.set_printable(True)

    # -- what is printed ----------------------------------------------------------------

    def paint(self, device: QPagedPaintDevice) -> int:
        return paint_brief(device, self.brief())

    def pdf_bytes(self) -> bytes:
        return brief_pdf(self.brief(), page_size_for())

    def suggested_file_name(self) -> str:
        brief = self.brief()
        words = "".join(ch if ch.isalnum() else "-" for ch in f"{brief.company} {brief.role_title}")
        name = "-".join(part for part in words.lower().split("-") if part)[:60] or "role"
        return f"prep-brief-{name}-round-{brief.next_round.number}.pdf"
