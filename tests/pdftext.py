"""Read the text of a PDF the way a person would see it: poppler's pdftotext when
it is installed (CI installs it), else pypdf."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, runs of white space folded to one space; ligatures
    (ﬁ) are read back as their letters."""
    return [" ".join(unicodedata.normalize("NFKC", page).split()) for page in _raw_pages(data)]


def _raw_pages(data: bytes) -> list[str]:
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "in.pdf"
            path.write_bytes(data)
            out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                 check=True, capture_output=True).stdout.decode("utf-8")
        pages = out.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages
    from io import BytesIO

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    """All the text, pages joined by a space."""
    return " ".join(pdf_pages(data))


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    """Each page's size in points (width, height), rounded."""
    from io import BytesIO

    from pypdf import PdfReader

    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(BytesIO(data)).pages]
