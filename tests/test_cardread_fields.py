"""Fields from the lines read on a card (no OCR here: lines laid out as an engine returns them)."""

from __future__ import annotations

import pytest

from afterword.core.cardread.engine import TextLine
from afterword.core.cardread.fields import extract_fields, reading_order


def card(*rows: tuple[str, float] | str, x: float = 60, top: float = 40, gap: float = 12) -> list[TextLine]:
    """Lines one under another at `x`; a row is text or (text, height)."""
    lines, y = [], top
    for row in rows:
        text, height = (row, 24.0) if isinstance(row, str) else row
        lines.append(TextLine(text, (x, y, x + 14 * len(text), y + height), 0.99))
        y += height + gap
    return lines


def fields(*rows, region="US", **layout):
    return extract_fields(card(*rows, **layout), region).fields


def test_a_us_card_field_by_field():
    got = fields(("NORTHWIND ANALYTICS", 40), ("Dana Reyes", 56), "Director of Talent Acquisition",
                 "Direct (415) 555-0132", "Mobile 415.555.0199", "dana.reyes@northwind-analytics.com",
                 "500 Market Street, Suite 1200", "San Francisco, CA 94105")
    assert got.as_json() == {
        "name": "Dana Reyes", "title": "Director of Talent Acquisition",
        "company": "Northwind Analytics", "phone_direct": "+1 415-555-0132",
        "phone_cell": "+1 415-555-0199", "email": "dana.reyes@northwind-analytics.com",
        "linkedin": None, "mailing_address": "500 Market Street, Suite 1200\nSan Francisco, CA 94105",
        "other_lines": []}


@pytest.mark.parametrize("direct_label, cell_label", [
    ("T", "M"), ("Tel.", "Mobile"), ("Direct", "Cell"), ("Office:", "Mob"), ("p:", "c:"),
    ("Telefon", "Handy"), ("Tél.", "Portable"), ("Direct line", "Mobil"),
])
def test_labels_decide_direct_and_cell_whatever_comes_first(direct_label, cell_label):
    got = fields(("Jo Park", 50), f"{cell_label} +44 7911 123456", f"{direct_label} +44 20 7946 0958")
    assert (got.phone_direct, got.phone_cell) == ("+44 20 7946 0958", "+44 7911 123456")


def test_two_labelled_numbers_on_one_line():
    got = fields(("Thomas Nguyen", 50), "D +1 206 555 0123  M +1 206 555 0187")
    assert (got.phone_direct, got.phone_cell) == ("+1 206-555-0123", "+1 206-555-0187")


def test_without_a_label_a_mobile_number_is_the_cell():
    got = fields(("Inès Moreau", 50), "+33 6 45 67 89 01", "ines@quantique.fr")
    assert (got.phone_direct, got.phone_cell) == (None, "+33 6 45 67 89 01")


def test_a_fax_is_not_a_phone_and_is_kept_in_other_lines():
    got = fields(("Noah Williams", 50), "Phone 757-555-0121", "Fax 757-555-0122")
    assert got.phone_direct == "+1 757-555-0121" and got.phone_cell is None
    assert got.other_lines == ["Fax 757-555-0122"]


def test_an_extension_is_kept():
    assert fields(("Mi Brown", 50), "Office 801-555-0134 ext. 12").phone_direct == "+1 801-555-0134 ext. 12"


@pytest.mark.parametrize("rows, want", [
    # the country code of another number on the card
    (["T: +44 20 7946 0958", "M: 07911 123456"], "+44 7911 123456"),
    # the email's country domain
    (["Mobil 0172 3456789", "lena@rheinwerk.de"], "+49 172 3456789"),
    # the address's country line
    (["Portable 06 12 34 56 78", "8 rue de Rivoli", "75004 Paris", "France"], "+33 6 12 34 56 78"),
])
def test_national_numbers_are_read_as_the_cards_country(rows, want):
    assert fields(("Ana Lee", 50), *rows, region="US").phone_cell == want


def test_national_numbers_fall_back_to_the_users_region():
    assert fields(("Ana Lee", 50), "Mobile 07911 123456", "ana@example.com", region="GB").phone_cell \
        == "+44 7911 123456"
    assert fields(("Ana Lee", 50), "Mobile 07911 123456", "ana@example.com", region="US").phone_cell is None


def test_ocr_letters_in_a_number_are_read_as_digits():
    assert fields(("Ana Lee", 50), "Tel 0161 496 O734", region="GB").phone_direct == "+44 161 496 0734"


@pytest.mark.parametrize("rows, want", [
    (["14 Gresham Street", "London EC2V 7NQ", "United Kingdom"],
     "14 Gresham Street\nLondon EC2V 7NQ\nUnited Kingdom"),
    (["Friedrichstraße 123", "10117 Berlin"], "Friedrichstraße 123\n10117 Berlin"),
    (["Kungsgatan 12", "111 43 Stockholm"], "Kungsgatan 12\n111 43 Stockholm"),
    (["Prestige Tech Park, Outer Ring Road", "Bengaluru 560103", "India"],
     "Prestige Tech Park, Outer Ring Road\nBengaluru 560103\nIndia"),
    (["2 Grand Canal Square", "Dublin 2, D02 A342"], "2 Grand Canal Square\nDublin 2, D02 A342"),
    (["401 Pike Street, Seattle, WA 98101"], "401 Pike Street, Seattle, WA 98101"),
    (["45 W 300 S", "Salt Lake City, UT 84101"], "45 W 300 S\nSalt Lake City, UT 84101"),
])
def test_postal_addresses_of_several_shapes(rows, want):
    got = fields(("Ana Lee", 50), "Engineer", "ana@example.org", *rows)
    assert got.mailing_address == want


def test_an_address_stops_at_a_line_that_is_not_part_of_it():
    got = fields(("Ana Lee", 50), "Engineer", "Designing places people love", "9 Queen Square",
                 "Bristol BS1 4JQ")
    assert got.mailing_address == "9 Queen Square\nBristol BS1 4JQ"
    assert got.other_lines == ["Designing places people love"]


def test_the_name_is_the_largest_line_that_reads_like_a_name_not_the_logo():
    got = fields(("ASHDOWN LABS", 60), ("James Whitaker", 44), "Chief Technology Officer",
                 "james@ashdownlabs.co.uk")
    assert (got.name, got.company) == ("James Whitaker", "Ashdown Labs")
    assert got.title == "Chief Technology Officer"


def test_the_name_agrees_with_the_email_when_two_lines_could_be_names():
    got = fields(("Summit Ridge", 50), ("Michael Brown", 40), "Sales Director", "mbrown@summitridge.com")
    assert got.name == "Michael Brown" and got.company == "Summit Ridge"


def test_an_honorific_stays_with_the_name():
    assert fields(("Dr. Lena Schäfer", 50), "Leiterin Softwareentwicklung").name == "Dr. Lena Schäfer"


def test_a_company_with_a_legal_form_need_not_be_large():
    got = fields(("Zoë Müller", 50), "Personalreferentin", "Brandt Logistik GmbH", "z.mueller@brandt.de")
    assert (got.name, got.title, got.company) == ("Zoë Müller", "Personalreferentin", "Brandt Logistik GmbH")


def test_linkedin_first_then_the_web_address():
    got = fields(("Ana Lee", 50), "www.example.com", "linkedin.com/in/analee")
    assert got.linkedin == "linkedin.com/in/analee" and got.other_lines == ["www.example.com"]
    assert fields(("Ana Lee", 50), "www.example.com").linkedin == "www.example.com"


def test_an_email_with_spaces_from_the_ocr_is_joined():
    assert fields(("Ana Lee", 50), "ana.lee @ example .com").email == "ana.lee@example.com"


def test_lines_no_field_takes_are_kept_in_order():
    got = fields(("Ana Lee", 50), "Engineer", "Ask me about rust", "Est. 1998")
    assert got.other_lines == ["Ask me about rust", "Est. 1998"]


def test_a_card_of_two_columns_reads_row_by_row_left_first():
    left = card(("Ana Lee", 50), "Engineer", x=40)
    right = card(("Lattice", 50), "Boston", x=600)
    assert [line.text for line in reading_order(right + left)] == ["Ana Lee", "Lattice", "Engineer", "Boston"]


def test_sources_name_the_lines_each_field_came_from():
    extraction = extract_fields(card(("Ana Lee", 50), "T +1 617 555 0143", "ana@lee.dev"))
    texts = {name: [extraction.lines[i].text for i in indexes]
             for name, indexes in extraction.sources.items()}
    assert texts == {"name": ["Ana Lee"], "phone_direct": ["T +1 617 555 0143"], "email": ["ana@lee.dev"]}


def test_a_label_in_brackets_after_the_number():
    got = fields(("Karen Mitchell", 50), "650-555-0148 (office)", "650-555-0172 (cell)")
    assert (got.phone_direct, got.phone_cell) == ("+1 650-555-0148", "+1 650-555-0172")
    assert got.other_lines == []


@pytest.mark.parametrize("rows, want", [
    (["ul. Marszałkowska 84/92", "00-514 Warszawa", "Poland"],
     "ul. Marszałkowska 84/92\n00-514 Warszawa\nPoland"),
    (["Avenida da Liberdade 110", "1250-146 Lisboa"], "Avenida da Liberdade 110\n1250-146 Lisboa"),
    # no postcode: the country line and what stands above it
    (["PO Box 12345", "Dubai", "United Arab Emirates"], "PO Box 12345\nDubai\nUnited Arab Emirates"),
])
def test_more_address_shapes(rows, want):
    assert fields(("Ana Lee", 50), "Engineer", "ana@example.org", *rows).mailing_address == want
