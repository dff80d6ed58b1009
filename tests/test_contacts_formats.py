"""Every real shape of contacts file (tests/data/contacts) reads with the right fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.core.contact_files import read_contacts
from afterword.core.merge import IncomingContact

DATA = Path(__file__).parent / "data" / "contacts"


def read(name: str) -> list[IncomingContact]:
    return list(read_contacts(DATA / name))


def phones(c: IncomingContact) -> list[tuple[str, str]]:
    return [(p.kind, p.number) for p in c.phones]


def test_apple_contacts_grouped_labels_and_inline_photo():
    dana, desk = read("apple-contacts.vcf")
    assert dana.name == "Dana Reyes"
    assert (dana.company, dana.title) == ("Northwind Traders", "Engineering Manager")
    assert dana.emails == ["dana.reyes@northwind.example", "dana@home.example"]
    # item2.TEL carries the custom label "Direct"; the fax is not a phone
    assert phones(dana) == [("cell", "+1 (206) 555-0134"), ("direct", "(206) 555-0199"),
                            ("fax", "+1 206 555 0100")]
    assert dana.mailing_address == "500 Pine Street\nFloor 12\nSeattle, WA 98101\nUnited States"
    assert dana.links == ["https://www.linkedin.com/in/danareyes", "https://northwind.example"]
    assert dana.notes == "Met at the onsite loop, round 2. Prefers a call before 10am."
    assert dana.photo is not None and dana.photo.mime_type == "image/jpeg"
    assert dana.photo.data.startswith(b"\xff\xd8\xff")
    # a company card (X-ABShowAs:COMPANY) has no person's name: the company names it
    assert desk.name == "Contoso Front Desk" and desk.company == "Contoso Ltd"


def test_google_vcard_escaped_colon_in_url_and_folded_note():
    (priya,) = read("google-contacts.vcf")
    assert priya.links == ["https://www.linkedin.com/in/priya-natarajan"]
    assert priya.notes.endswith("follow up after the second round with the incident write-up.")
    assert "  " not in priya.notes  # unfolding removes the fold's space
    assert phones(priya) == [("cell", "+91 98450 12345"), ("direct", "+91 80 4123 4567")]
    assert priya.mailing_address == "12 MG Road\nBengaluru, KA 560001\nIndia"


def test_google_csv_labels_multi_values_and_second_email():
    tomas, lena = read("google-contacts.csv")
    assert tomas.name == "Tomás García"
    assert (tomas.company, tomas.title) == ("Adatum", "Hiring Manager")
    assert tomas.emails == ["tomas.garcia@adatum.example", "tomas@garcia.example"]
    assert phones(tomas) == [("cell", "+34 612 345 678"), ("direct", "+34 91 123 45 67"),
                             ("direct", "+34 91 123 45 68"), ("fax", "+34 91 123 45 00")]
    assert tomas.mailing_address == "Calle de Alcalá 45\nMadrid 28014\nSpain"
    assert tomas.notes == "Asked about my move from support to SRE.\nWants a short write-up."
    assert lena.name == "Lena Okafor" and lena.emails == ["lena.okafor@adatum.example"]


def test_outlook_21_quoted_printable_and_mixed_charsets():
    jurgen, zsofia = read("outlook-2.1.vcf")
    assert jurgen.name == "Jürgen Müller"  # Windows-1252, quoted-printable
    assert jurgen.company == "Großhandel Nord GmbH"  # Windows-1252, raw 8-bit bytes
    assert jurgen.notes == ("Sehr freundlich am Empfang. Wollte eine kurze Zusammenfassung "
                            "der Gespräche bis Freitag.")  # a soft line break joined
    assert jurgen.mailing_address == "Hauptstraße 5\n20095 Hamburg\nDeutschland"  # the LABEL's order
    assert phones(jurgen) == [("direct", "+49 40 1234567"), ("cell", "+49 171 2345678"),
                              ("fax", "+49 40 1234599")]
    assert jurgen.photo is not None and jurgen.photo.data.startswith(b"\xff\xd8\xff")
    assert zsofia.name == "Zsófia Novák" and zsofia.title == "Recepciós"  # UTF-8 in the same file


def test_outlook_csv_in_windows_1252():
    amelie, kenji = read("outlook.csv")
    assert amelie.name == "Amélie Dubois"  # "Title" (Mme) is a courtesy title, not the job
    assert amelie.title == "Directrice financière"
    assert amelie.notes == "Rencontrée au 2e tour — très directe, a demandé des chiffres."
    assert phones(amelie)[:2] == [("cell", "+33 6 12 34 56 78"), ("direct", "+33 1 42 68 53 00")]
    assert ("fax", "+33 1 42 68 53 01") in phones(amelie)
    assert amelie.mailing_address == "12 rue de la Paix\nParis 75002\nFrance"
    assert kenji.phones[0].number == "555-0147"


def test_linkedin_connections_with_bom_and_notes_above_the_header():
    marcus, aisha, chloe = read("linkedin-Connections.csv")
    assert marcus.name == "Marcus Lindqvist" and marcus.emails == []
    assert marcus.links == ["https://www.linkedin.com/in/marcuslindqvist"]
    assert aisha.title == "Recruiter, Technical" and aisha.emails == ["aisha.bello@tailspin.example"]
    assert chloe.company == "Wide World Importers, Inc."
    assert "Connected on LinkedIn: 14 Mar 2024" in marcus.extra_lines


def test_card_scanner_app_with_lf_lines_and_card_photo():
    (piotr,) = read("card-scanner.vcf")
    assert (piotr.name, piotr.title, piotr.company) == (
        "Piotr Kowalski", "Senior Recruiter", "Blue Yonder Airlines")
    assert phones(piotr) == [("direct", "+48 22 123 45 67"), ("cell", "+48 601 234 567"),
                             ("fax", "+48 22 123 45 00")]
    assert piotr.mailing_address == "ul. Marszałkowska 10\nWarszawa 00-590\nPolska"
    assert piotr.photo is not None


def test_afterword_fields_csv_restores_role_uid_and_protected_phone():
    grace, owen = read("afterword-fields.csv")
    assert grace.uid == "3f0b7c52-1d4e-4c55-9a51-2b8a6f1f4e10"
    assert grace.role.value == "interviewer" and owen.role.value == "receptionist"
    assert phones(grace) == [("direct", "+1 312 555 0180")]  # the apostrophe is taken off
    assert grace.mailing_address == "200 W Adams St\nChicago, IL 60606"
    assert grace.helped == "Walked me through the team's on-call"


def test_vcard4_data_uri_photo_uri_phones_bom_and_several_cards():
    sofia, yuki = read("vcard4-data-uri.vcf")
    assert sofia.uid == "7c1e2f3a-8b9d-4e5f-a1b2-c3d4e5f60718"  # urn:uuid: taken off
    assert phones(sofia) == [("direct", "+39-02-1234-5678"), ("cell", "+39-347-123-4567")]
    assert sofia.photo.mime_type == "image/png"
    assert sofia.mailing_address == "Via Dante 7\n20121 Milano\nItalia"
    assert sofia.notes.endswith("more than one physical line in the file.")
    assert yuki.emails == ["yuki.tanaka@treyresearch.example"]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_every_fixture_names_each_contact_for_reports(name):
    for c in read(name):
        assert c.name and c.where.startswith(("card ", "row "))
