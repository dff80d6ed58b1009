"""The checklist, envelopes and labels as PDF files, read back as text."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from afterword.core.checklist import build_checklist, envelopes_for
from afterword.core.domain import Company, Contact, Interview, Opportunity, Role, ThankYouNote
from afterword.ui import printing
from afterword.ui.envelopes import LABEL_SHEETS, EnvelopeSize, envelopes_pdf, labels_pdf
from afterword.ui.printing import (
    OfflineDocument,
    PrintError,
    checklist_pdf,
    page_size_for,
    save_pdf,
)
from conftest import DEMO_TODAY
from pdftext import page_sizes, pdf_pages, pdf_text

A4 = QPageSize(QPageSize.PageSizeId.A4)
DEMO_ADDRESSES = {
    "Dana Reyes": ["Dana Reyes", "Northwind Logistics", "1200 Harbor Way", "Seattle, WA 98101"],
    "Marcus Chen": ["Marcus Chen", "Northwind Logistics", "1200 Harbor Way", "Seattle, WA 98101"],
    "Tom Becker": ["Tom Becker (Reception)", "Northwind Logistics", "1200 Harbor Way",
                   "Seattle, WA 98101"],
}


@pytest.fixture
def demo_pdf(qapp, demo_store) -> bytes:
    return checklist_pdf(build_checklist(demo_store, DEMO_TODAY), A4, printed_on=DEMO_TODAY)


def test_demo_pdf_has_every_recipient_address_and_box(demo_pdf):
    text = pdf_text(demo_pdf)
    assert "Thank-you notes to write" in text
    assert "Northwind Logistics — Regional Sales Manager, round 2" in text
    for name in ("Aisha Okafor", "Dana Reyes", "Marcus Chen", "Tom Becker"):
        assert name in text
    for lines in DEMO_ADDRESSES.values():
        for line in lines:
            assert line in text
    assert "no mailing address" in text and "aisha.okafor@northwind.example" in text
    assert "Receptionist" in text and "Front desk" in text
    assert text.count("Thank them for the tour; the Portland ramp plan; CRM dashboards") == 4
    # Four boxes a row; Tom's note is written already, so one of his boxes is ticked.
    for step in ("written", "addressed", "stamped", "delivered"):
        assert text.count(f"☐ {step}") + text.count(f"☑ {step}") == 4
    assert text.count("☑ written") == 1
    assert "Page 1 of 1" in text


def test_receptionist_row_is_whole_with_its_ticked_box(demo_pdf):
    pages = pdf_pages(demo_pdf)
    assert len(pages) == 1
    tom = pages[0][pages[0].index("Tom Becker"):]
    assert "Receptionist" in tom and "☑" in tom


def test_an_empty_day_prints_a_clear_nothing_to_write_page(qapp, demo_store):
    data = checklist_pdf(build_checklist(demo_store, date(2026, 11, 1)), A4)
    pages = pdf_pages(data)
    assert len(pages) == 1
    assert "Nothing to write" in pages[0]
    assert "Page 1 of 1" in " ".join(pages[0].split())


def _many_notes(store, count: int, points: str | None = None) -> None:
    company = Company("Globex")
    opp = Opportunity(company.uid, "Sales Director")
    people = [Contact(f"Person {i:03d}", "Interviewer", company.uid, Role.INTERVIEWER,
                      mailing_address=f"Person {i:03d}\nGlobex\n{i} Test Street\nSpringfield")
              for i in range(count)]
    interview = Interview(opp.uid, 1, datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("UTC")), "UTC",
                          participant_uids=[p.uid for p in people])
    notes = [ThankYouNote(p.uid, interview.uid, due=DEMO_TODAY,
                          points=points or f"Mention item POINT{i:03d} and the demo")
             for i, p in enumerate(people)]
    store.put_many([company, opp, *people, interview, *notes])


def test_rows_are_never_split_across_pages(qapp, store):
    _many_notes(store, 40)
    data = checklist_pdf(build_checklist(store, DEMO_TODAY), A4)
    pages = [" ".join(p.split()) for p in pdf_pages(data)]
    assert len(pages) > 3
    for i in range(40):
        holding = [n for n, page in enumerate(pages)
                   if f"Person {i:03d}" in page and f"{i} Test Street" in page
                   and f"POINT{i:03d}" in page]
        assert len(holding) == 1, f"row {i} is not whole on one page"
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    # A group carried over to the next page repeats its heading.
    assert "Globex — Sales Director, round 1 (Sun 22 Nov 2026) (continued)" in pages[1]


def test_long_points_wrap_without_losing_text(qapp, store):
    words = [f"w{i:04d}" for i in range(400)]
    _many_notes(store, 2, points=" ".join(words))
    text = pdf_text(checklist_pdf(build_checklist(store, DEMO_TODAY), A4))
    for word in words:
        assert text.count(word) == 2


def test_a_note_longer_than_a_page_continues_on_the_next(qapp, store):
    words = [f"x{i:04d}" for i in range(1650)]  # as long as a note may be (MAX_TEXT)
    _many_notes(store, 1, points=" ".join(words))
    data = checklist_pdf(build_checklist(store, DEMO_TODAY), A4)
    assert len(pdf_pages(data)) >= 2
    # Lines at a page break are clipped, not dropped; some extractors split a
    # clipped word, so compare without spaces.
    text = pdf_text(data).replace(" ", "")
    assert all(word in text for word in words)
    assert "(continued)" in pdf_pages(data)[1]


def test_markup_in_names_prints_as_text_and_loads_nothing(qapp, store, resources_asked):
    nasty = '<img src="file:///etc/passwd">'
    person = Contact(nasty, title="<b>bold?</b>", mailing_address=f"{nasty}\n1 Main St")
    store.put_many([person, ThankYouNote(person.uid, None, due=DEMO_TODAY,
                                         points="<img src='http://example.com/a.png'> hello")])
    text = pdf_text(checklist_pdf(build_checklist(store, DEMO_TODAY), A4))
    assert nasty in text
    assert "<b>bold?</b>" in text
    assert "<img src='http://example.com/a.png'> hello" in text
    assert resources_asked == []


def test_rich_text_documents_refuse_every_resource(qapp):
    doc = OfflineDocument()
    doc.setHtml('<p>x</p><img src="file:///etc/passwd"><img src="http://example.com/a.png">'
                '<link rel="stylesheet" href="file:///etc/hosts">')
    doc.setTextWidth(300)
    assert doc.size().height() > 0  # laid out: every image was asked for
    assert "file:///etc/passwd" in doc.refused
    assert "http://example.com/a.png" in doc.refused
    assert doc.toPlainText().strip() != ""


@pytest.mark.parametrize(("name", "expected"), [
    ("en_US", QPageSize.PageSizeId.Letter), ("en_CA", QPageSize.PageSizeId.Letter),
    ("en_GB", QPageSize.PageSizeId.A4), ("de_DE", QPageSize.PageSizeId.A4),
    ("fr_FR", QPageSize.PageSizeId.A4),
])
def test_page_size_follows_the_locale(qapp, name, expected):
    assert page_size_for(QLocale(name)).id() == expected


def test_letter_pages_when_asked(qapp, demo_store):
    data = checklist_pdf(build_checklist(demo_store, DEMO_TODAY),
                         QPageSize(QPageSize.PageSizeId.Letter))
    assert page_sizes(data) == [(612, 792)]


def test_an_unwritable_pdf_path_gives_a_clear_error(tmp_path):
    with pytest.raises(PrintError, match=r"cannot write .*no-such-folder.*: No such file"):
        save_pdf(b"%PDF-1.4", tmp_path / "no-such-folder" / "out.pdf")
    with pytest.raises(PrintError, match="cannot write .*: it is a folder"):
        save_pdf(b"%PDF-1.4", tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind


def test_envelopes_one_per_addressed_note_then_who_is_missing(qapp, demo_store):
    envelopes = envelopes_for(build_checklist(demo_store, DEMO_TODAY))
    for size, (w, h) in ((EnvelopeSize.DL, (624, 312)), (EnvelopeSize.NO10, (684, 297))):
        data = envelopes_pdf(envelopes, size)
        pages = [" ".join(p.split()) for p in pdf_pages(data)]
        assert len(pages) == 4
        assert page_sizes(data)[:3] == [(w, h)] * 3
        for page, lines in zip(pages, DEMO_ADDRESSES.values(), strict=False):
            assert page == " ".join(lines)
        assert "Aisha Okafor (Northwind Logistics): no mailing address" in pages[3]


def test_label_sheets_fill_cells_and_flow_onto_more_sheets(qapp, store):
    _many_notes(store, 25)
    envelopes = envelopes_for(build_checklist(store, DEMO_TODAY))
    a4 = labels_pdf(envelopes, LABEL_SHEETS["a4-3x7"])
    assert page_sizes(a4) == [(595, 842)] * 2  # 21 labels, then 4
    letter = labels_pdf(envelopes, LABEL_SHEETS["letter-3x10"])
    assert page_sizes(letter) == [(612, 792)]  # 30 fit on one sheet
    text = pdf_text(letter)
    for i in range(25):
        assert f"{i} Test Street" in text


def test_labels_list_missing_recipients_instead_of_blank_labels(qapp, demo_store):
    envelopes = envelopes_for(build_checklist(demo_store, DEMO_TODAY))
    pages = pdf_pages(labels_pdf(envelopes, LABEL_SHEETS["letter-3x10"]))
    assert len(pages) == 2
    assert "Tom Becker (Reception)" in pages[0] and "Aisha" not in pages[0]
    assert "no mailing address" in pages[1]


def test_pdf_module_loads_no_widgets():
    # The command line renders PDF with a QGuiApplication only.
    assert "QtWidgets" not in printing.__dict__
