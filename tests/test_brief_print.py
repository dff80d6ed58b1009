"""The prep brief on paper: the PDF read back as text, its pictures, its pages; and
`afterword brief` on the command line."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPageSize

from afterword import cli
from afterword.core.brief import build_brief
from afterword.core.domain import (
    CardPhoto,
    Company,
    Concern,
    ConcernKind,
    ConcernSize,
    Contact,
    Interview,
    Opportunity,
    Question,
    Role,
    ThankYouNote,
)
from afterword.core.store import Store
from afterword.ui.brief_printing import PHOTO_PIXELS, brief_pdf
from brief_world import NOW, northwind, role_titled, schedule_round_3
from pdftext import page_sizes, pdf_pages, pdf_text

A4 = QPageSize(QPageSize.PageSizeId.A4)


def _pdf(store, role_uid: str, **kw) -> bytes:
    return brief_pdf(build_brief(store, role_uid, NOW, **kw), A4)


def _png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _pdf_images(data: bytes) -> list[tuple[int, int]]:
    """(width, height) of every picture drawn on the pages."""
    from pypdf import PdfReader

    found = []
    for page in PdfReader(BytesIO(data)).pages:
        objects = page["/Resources"].get_object().get("/XObject", {})
        for ref in objects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((int(obj["/Width"]), int(obj["/Height"])))
    return found


def test_two_earlier_rounds_a_receptionist_and_both_kinds_of_concern(qapp, demo_store):
    schedule_round_3(demo_store)
    data = _pdf(demo_store, northwind(demo_store).uid)
    pages = pdf_pages(data)
    assert len(pages) <= 2
    text = " ".join(pages)
    for expected in (
        "PREP BRIEF", "Regional Sales Manager", "Northwind Logistics", "https://northwind.example",
        "1200 Harbor Way, Seattle, WA 98101", "Stage: interviewing",
        "Round 3 — Thu 26 Nov 2026, 10:00 PST (America/Los_Angeles) · on site",
        "HEAR BACK BY Sun 29 Nov 2026",
        "Final round with the chief executive if the panel agrees",
        # the tone of each earlier round, and the reminder to keep it
        "Round 1 · Mon 02 Nov 2026 · phone", "“warm, curious”",
        "Round 2 · Sun 22 Nov 2026 · on site", "“warm, collaborative”",
        "Keep this tone in round 3.",
        # everyone met, with their numbers; the receptionist too
        "People you have met", "Greet each of them by name", "Dana Reyes", "VP Sales, West",
        "HIRING MANAGER · MET IN ROUND 2", "DIRECT +1 206 555 0142", "CELL +1 206 555 0199",
        "EMAIL dana.reyes@northwind.example", "Kim Nguyen", "RECRUITER · MET IN ROUND 1",
        "Tom Becker", "RECEPTIONIST · MET IN ROUND 2", "DIRECT +1 206 555 0100",
        "Offered coffee; asked about my drive", "Greet them by name on the way in",
        # both kinds of concern, each with its size and response
        "Concerns to overcome", "Limited Salesforce admin experience",
        "Re-explained the pipeline dashboards I built in Salesforce at Pacifica.",
        "Concerns to quantify", "No enterprise deals above $500k", "MINOR",
        # the better answer, the questions to ask, the closing question
        "Better answers to bring", "How would you ramp a new territory?",
        "YOU SAID Talked about my first 90 days in general terms",
        "SAY THIS TIME Name the three anchor accounts in the Pacific NW",
        "Questions to ask", "BEFORE YOU LEAVE THE ROOM",
        "is there anything about my background",
        # the notes still open, in the heading's box
        "BEFORE YOU GO 4 thank-you notes still open: send them before the round",
        "Dana Reyes — handwritten, to write, due Mon 23 Nov 2026 (round 2)",
        "Aisha Okafor — by email, to write",
    ):
        assert expected in text, expected
    assert text.index("Concerns to overcome") < text.index("Limited Salesforce") \
        < text.index("Concerns to quantify") < text.index("No enterprise deals")
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_a_role_with_no_rounds_prints_one_useful_page(qapp, demo_store):
    role = role_titled(demo_store, "Sales Director (confidential client)")
    pages = pdf_pages(_pdf(demo_store, role.uid))
    assert len(pages) == 1
    for expected in ("Round 1 — not scheduled yet", "People you know at Orchard & Pike Talent",
                     "Priya Raman", "CELL +1 415 555 0123", "The first round: no tone to keep yet",
                     "BEFORE YOU LEAVE THE ROOM", "is there anything about my background"):
        assert expected in pages[0], expected


def test_the_closing_question_as_worded_in_preferences(qapp, demo_store):
    text = pdf_text(_pdf(demo_store, northwind(demo_store).uid,
                         closing_question="Is there anything that would hold you back from hiring me?"))
    assert "“Is there anything that would hold you back from hiring me?”" in text


def test_markup_prints_as_text_and_nothing_is_loaded(qapp, store, resources_asked):
    nasty = '<img src="file:///etc/passwd">'
    company = Company("<b>Globex</b>", website="http://example.com/x.png")
    role = Opportunity(company.uid, "Sales <i>Director</i>")
    person = Contact(nasty, "<b>bold?</b>", company.uid, Role.RECEPTIONIST)
    interview = Interview(role.uid, 1, NOW - timedelta(days=1), "UTC", participant_uids=[person.uid],
                          tone="<img src='http://example.com/a.png'> calm",
                          concerns=[Concern("<b>too junior</b>", ConcernKind.TO_OVERCOME)])
    store.put_many([company, role, person, interview])
    text = pdf_text(brief_pdf(build_brief(store, role.uid, NOW), A4))
    for shown in (nasty, "<b>bold?</b>", "<b>Globex</b>", "Sales <i>Director</i>",
                  "<img src='http://example.com/a.png'> calm", "<b>too junior</b>"):
        assert shown in text, shown
    assert resources_asked == []


def test_card_photos_are_embedded_small_from_the_database(qapp, demo_store, resources_asked):
    dana = next(c for c in demo_store.all(Contact) if c.name == "Dana Reyes")
    demo_store.set_card_photo(dana.uid, CardPhoto(_png(2400, 1400), "image/png"))
    tom = next(c for c in demo_store.all(Contact) if c.name == "Tom Becker")
    demo_store.set_card_photo(tom.uid, CardPhoto(b"\xff\xd8\xffnot really a jpeg", "image/jpeg"))
    data = _pdf(demo_store, northwind(demo_store).uid)
    images = _pdf_images(data)
    assert len(images) == 1  # Dana's; Tom's photo cannot be read and is left out
    width, height = images[0]
    assert max(width, height) <= PHOTO_PIXELS and width > height
    assert "Tom Becker" in pdf_text(data)  # his card is printed all the same
    assert resources_asked == []


def test_a_ten_thousand_character_concern_makes_a_sensible_page(qapp, demo_store):
    role = northwind(demo_store)
    word = "commute-" * 1250  # 10,000 characters without a space: it must wrap anywhere
    demo_store.put(Interview(role.uid, 1, NOW - timedelta(days=30), "UTC",
                             concerns=[Concern(word, ConcernKind.TO_QUANTIFY, "y " * 4999,
                                               ConcernSize.MAJOR)]))
    pages = pdf_pages(_pdf(demo_store, role.uid))
    assert len(pages) <= 3
    text = "".join(pages).replace(" ", "")
    assert "commute-commute-" in text and "commute..." in text  # shortened (… read back as ...)
    assert "Better answers to bring" in " ".join(pages)  # the rest of the brief is still there


def test_many_people_rows_are_never_split(qapp, store):
    company = Company("Globex")
    role = Opportunity(company.uid, "Sales Director")
    people = [Contact(f"Person {i:02d}", f"Title {i:02d}", company.uid, Role.INTERVIEWER,
                      phone_direct=f"+1 312 555 01{i:02d}", email=f"p{i:02d}@globex.example")
              for i in range(30)]
    rounds = [Interview(role.uid, n + 1, NOW - timedelta(days=30 - n), "UTC",
                        participant_uids=[p.uid for p in people[n * 6:(n + 1) * 6]],
                        questions=[Question(f"Question {n}", "meh", f"Better {n}")])
              for n in range(5)]
    store.put_many([company, role, *people, *rounds])
    pages = pdf_pages(brief_pdf(build_brief(store, role.uid, NOW), A4))
    assert len(pages) >= 2
    for i in range(30):
        holding = [n for n, page in enumerate(pages)
                   if f"Person {i:02d}" in page and f"p{i:02d}@globex.example" in page]
        assert len(holding) == 1, f"card {i} is not whole on one page"
    carried = next(page for page in pages[1:] if "(continued)" in page)
    assert "People you have met (continued)" in carried or "Better answers to bring (continued)" in carried


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("search", ["this process alone", "with concerns that keep coming back"])
def test_a_busy_process_still_fits_two_pages(qapp, store, paper, search):
    company = Company("Globex", "https://globex.example", "1 Main St\nSpringfield, IL 62701")
    role = Opportunity(company.uid, "Sales Director")
    roles = [Role.HIRING_MANAGER, Role.INTERVIEWER, Role.INTERVIEWER, Role.INTERVIEWER,
             Role.RECRUITER, Role.HR, Role.ASSISTANT, Role.RECEPTIONIST]
    people = [Contact(f"Person {i}", "Regional Director", company.uid, r, phone_direct="+1 312 555 0142",
                      phone_cell="+1 312 555 0199", email=f"person{i}@globex.example",
                      helped="Walked me through the territory plan") for i, r in enumerate(roles)]
    concerns = [Concern(f"Concern {i}: no enterprise deals above $500k in the last two years",
                        ConcernKind.TO_QUANTIFY if i % 2 else ConcernKind.TO_OVERCOME,
                        "Two $400k deals; the process is the same, and I asked how many of theirs "
                        "are above $500k.", ConcernSize.MINOR) for i in range(6)]
    questions = [Question(f"How would you ramp territory {i}?", "In general terms",
                          "Name the three anchor accounts and the plan that grew Portland 38%")
                 for i in range(4)]
    rounds = [Interview(role.uid, 1, NOW - timedelta(days=21), "UTC", participant_uids=[people[4].uid],
                        tone="warm"),
              Interview(role.uid, 2, NOW - timedelta(days=1), "UTC", participant_uids=[p.uid for p in people],
                        tone="warm", closing_answer="Deal sizes", questions=questions, concerns=concerns)]
    store.put_many([company, role, *people, *rounds,
                    *(ThankYouNote(p.uid, rounds[1].uid, NOW.date()) for p in people[:4])])
    for person in people:
        store.set_card_photo(person.uid, CardPhoto(_png(240, 150), "image/png"))
    if search != "this process alone":  # elsewhere in a long search, the same doubts again
        elsewhere = Company("Initech")
        others = [Opportunity(elsewhere.uid, f"Account Executive {n}") for n in range(3)]
        store.put_many([elsewhere, *others, *(
            Interview(other.uid, 1, NOW - timedelta(days=60 + n), "UTC", concerns=[
                Concern(text, ConcernKind.TO_QUANTIFY) for text in
                ("Industry gap", "No experience with channel partners", "Concern 0: no enterprise "
                 "deals above $500k in the last two years")])
            for n, other in enumerate(others))])
    brief = build_brief(store, role.uid, NOW)
    assert bool(brief.recurring) == (search != "this process alone")
    size = QPageSize(QPageSize.PageSizeId.A4 if paper == "A4" else QPageSize.PageSizeId.Letter)
    pages = pdf_pages(brief_pdf(brief, size))
    assert len(pages) == 2
    assert "Person 7" in pages[0] and "+1 312 555 0199" in pages[0]  # a number never cut in two
    if brief.recurring:  # the one raised in this process too is the last to give way
        assert "Across your search" in pages[1] and "raised here too" in pages[1]


def test_letter_paper_when_asked(qapp, demo_store):
    data = brief_pdf(build_brief(demo_store, northwind(demo_store).uid, NOW),
                     QPageSize(QPageSize.PageSizeId.Letter))
    assert set(page_sizes(data)) == {(612, 792)}


# -- the command line --------------------------------------------------------------------

def _demo_file(tmp_path) -> tuple:
    path = tmp_path / "demo.db"
    assert cli.main(["demo", "--db", str(path), "--today", "2026-11-23"]) == 0
    store = Store.open(path)
    try:
        return path, northwind(store).uid
    finally:
        store.close()


def test_cli_writes_the_brief(qapp, tmp_path, capsys):
    db, uid = _demo_file(tmp_path)
    capsys.readouterr()
    out = tmp_path / "brief.pdf"
    assert cli.main(["brief", "--db", str(db), "--opportunity", uid, "--pdf", str(out)]) == 0
    said = capsys.readouterr().out.strip().splitlines()
    assert said == [f"Regional Sales Manager — Northwind Logistics: Round 3 — not scheduled yet; "
                    f"5 people met in 2 rounds; 2 concerns; 4 thank-you notes still open — wrote {out}"]
    text = pdf_text(out.read_bytes())
    assert "Regional Sales Manager" in text and "Tom Becker" in text
    assert "is there anything about my background" in text
    assert out.stat().st_mode & 0o077 == 0  # it holds people's numbers


@pytest.mark.parametrize("case", ["unknown role", "no database", "over the database", "no folder"])
def test_cli_bad_input_is_one_line_and_writes_nothing(qapp, tmp_path, capsys, case):
    db, uid = _demo_file(tmp_path)
    out = tmp_path / "brief.pdf"
    args = {"unknown role": ["--db", str(db), "--opportunity", "no-such-uid", "--pdf", str(out)],
            "no database": ["--db", str(tmp_path / "missing.db"), "--opportunity", uid,
                            "--pdf", str(out)],
            "over the database": ["--db", str(db), "--opportunity", uid, "--pdf", str(db)],
            "no folder": ["--db", str(db), "--opportunity", uid,
                          "--pdf", str(tmp_path / "nowhere" / "b.pdf")]}[case]
    before = db.read_bytes()
    capsys.readouterr()
    assert cli.main(["brief", *args]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("afterword: error: ")
    expected = {"unknown role": "no role with uid 'no-such-uid'", "no database": "no database at",
                "over the database": "is the database", "no folder": "No such file or directory"}[case]
    assert expected in err[0]
    assert not out.exists()
    assert db.read_bytes() == before
    assert not (tmp_path / "missing.db").exists()


def test_cli_brief_is_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "afterword brief --opportunity UID --pdf F.pdf [--db PATH]" in readme
    assert "brief" in cli.build_parser().format_help()
