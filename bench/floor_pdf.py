"""The floor for the prep brief bench: Qt alone laying out the same rich text and
printing it to a PDF, the plain way (one QTextDocument, QTextDocument.print_).

    python bench/floor_pdf.py BRIEF.html OUT.pdf

Imports nothing of Afterword and reads no database, so as a process it is the
bare cost of Python, Qt's GUI module and a PDF of that text.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument  # noqa: E402


def write(html: str, out: Path) -> None:
    writer = QPdfWriter(str(out))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    doc = QTextDocument()
    doc.setHtml(html)
    doc.print_(writer)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive while painting)
    write(Path(sys.argv[1]).read_text(encoding="utf-8"), Path(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
