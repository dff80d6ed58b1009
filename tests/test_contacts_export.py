"""Export: vCard 4.0 (3.0 on request) and a spreadsheet-safe CSV; export → import into
an empty database gives the same people; vobject and khard read every field."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
import vobject

from afterword.core.contact_files import export_contacts, import_files
from afterword.core.domain import CardPhoto, Company, Contact, Role
from afterword.core.store import Store
from afterword.core.vcard import read_cards
from afterword.core.vcard_contacts import card_for, rewrite_card

JPEG = (Path(__file__).parent / "data" / "contacts" / "apple-contacts.vcf")


def jpeg() -> bytes:
    card = next(read_cards(JPEG.open("rb")))
    return card.first("PHOTO").binary()[0]


def fill(store: Store) -> Contact:
    company = Company(name="Northwind Traders")
    grace = Contact(
        name="Grace O'Liu-Ström", title="Staff Engineer, Platform", company_uid=company.uid,
        role=Role.HIRING_MANAGER, phone_direct="+1 312 555 0180", phone_cell="+1 312 555 0199",
        email="grace.liu@northwind.example", mailing_address="200 W Adams St; Floor 3\nChicago, IL 60606",
        linkedin="https://www.linkedin.com/in/graceliu", helped="Introduced me to the VP",
        notes="Round 2: asked about on-call.\nPrefers email; reply within a day.")
    owen = Contact(name="Owen Price", role=Role.RECEPTIONIST, company_uid=company.uid,
                   phone_direct="=1+2", notes="@front desk")
    store.put_many([company, grace, owen])
    store.set_card_photo(grace.uid, CardPhoto(jpeg(), "image/jpeg"))
    return grace


def people(store: Store) -> list[tuple]:
    names = dict(store.db.execute("SELECT uid, name FROM companies").fetchall())
    out = []
    for c in store.all(Contact):
        photo = store.card_photo(c.uid)
        out.append((replace(c, company_uid=names.get(c.company_uid)), photo and photo.data))
    return sorted(out, key=lambda p: p[0].name)


@pytest.mark.parametrize("name,version", [("people.vcf", "4.0"), ("people.vcf", "3.0"),
                                          ("people.csv", "4.0")])
def test_export_then_import_into_an_empty_database_gives_the_same_people(tmp_path, name, version):
    source = Store.open(tmp_path / "a.db")
    fill(source)
    out = tmp_path / name
    assert export_contacts(source, out, version=version) == 2
    target = Store.open(tmp_path / "b.db")
    (report,) = import_files(target, [out], region="US")
    assert report.summary() == "added 2, merged 0, skipped 0"
    expected = people(source)
    if name.endswith(".csv"):  # a CSV carries no photo
        expected = [(c, None) for c, _photo in expected]
    assert people(target) == expected
    (again,) = import_files(target, [out], region="US")
    assert again.summary() == "added 0, merged 0, skipped 2 (2 already up to date)"
    source.close()
    target.close()


def test_csv_is_safe_in_a_spreadsheet(tmp_path, store):
    fill(store)
    out = tmp_path / "people.csv"
    export_contacts(store, out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["uid", "name", "title"]
    cells = [cell for row in rows[1:] for cell in row]
    assert "'+1 312 555 0180" in cells and "'=1+2" in cells and "'@front desk" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_vobject_reads_every_field_of_an_exported_card(store):
    grace = fill(store)
    for version in ("4.0", "3.0"):
        text = card_for(grace, "Northwind Traders", store.card_photo(grace.uid), version)
        card = vobject.readOne(text)
        assert card.fn.value == grace.name
        assert card.n.value.family == "Ström" or card.n.value.family == "O'Liu-Ström"
        assert card.org.value == ["Northwind Traders"]
        assert card.title.value == grace.title
        tels = {tuple(sorted(t.params.get("TYPE", []))): t.value for t in card.tel_list}
        assert grace.phone_cell in tels.values() and grace.phone_direct in tels.values()
        assert card.email.value == grace.email
        assert card.adr.value.street == grace.mailing_address
        assert card.url.value == grace.linkedin
        assert card.note.value == grace.notes
        assert card.contents["x-afterword-role"][0].value == "hiring_manager"
        assert card.contents["x-afterword-helped"][0].value == grace.helped
        assert grace.uid in card.uid.value
        photo = card.photo.value
        if version == "4.0":
            # vobject knows vCard 3.0 only and cuts a 4.0 data: URI at its comma
            assert photo.startswith("data:image/jpeg;base64")
        else:
            assert photo == jpeg()


def test_khard_reads_every_field_of_an_exported_card(tmp_path, store):
    khard_contacts = pytest.importorskip("khard.contacts")
    grace = fill(store)
    for version in ("4.0", "3.0"):
        path = tmp_path / f"grace-{version}.vcf"
        path.write_text(card_for(grace, "Northwind Traders", store.card_photo(grace.uid), version),
                        encoding="utf-8")
        person = khard_contacts.Contact.from_file(
            None, str(path), supported_private_objects=["Afterword-Role", "Afterword-Helped"])
        assert person.formatted_name == grace.name
        assert person.organisations == [["Northwind Traders"]]
        assert person.titles == [grace.title]
        numbers = {n for values in person.phone_numbers.values() for n in values}
        assert numbers == {grace.phone_direct, grace.phone_cell}
        assert person.emails == {"internet" if version == "3.0" else "work": [grace.email]} \
            or [grace.email] in person.emails.values()
        (address,) = [a for values in person.post_addresses.values() for a in values]
        assert address["street"] == grace.mailing_address
        assert person.webpages == [grace.linkedin]
        assert person.notes == [grace.notes]
        private = person._get_private_objects()
        assert private == {"Afterword-Role": ["hiring_manager"], "Afterword-Helped": [grace.helped]}
        assert person.uid.endswith(grace.uid)
        assert "PHOTO" in path.read_text()


def test_rewrite_keeps_unknown_properties_and_changes_only_afterwords_fields():
    original = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.5//EN\r\n"
        b"N:Reyes;Dana;Q.;Dr.;\r\nFN:Dana Reyes\r\nORG:Northwind;Engineering\r\n"
        b"item1.EMAIL;type=INTERNET;type=pref:dana@northwind.example\r\n"
        b"item1.X-ABLabel:_$!<Work>!$_\r\nEMAIL;type=HOME:dana@home.example\r\n"
        b"TEL;type=CELL:+1 206 555 0134\r\nBDAY:1985-04-12\r\n"
        b"X-SOCIALPROFILE;type=twitter:x.com/dana\r\nNOTE:old note\r\n"
        b"UID:ABC-123\r\nEND:VCARD\r\n")
    card = next(read_cards(io.BytesIO(original)))
    contact = Contact(name="Dana Reyes", title="Director", email="dana@northwind.example",
                      phone_cell="+1 206 555 0134", notes="new note\nEmail: dana@home.example",
                      uid="ABC-123")
    text = rewrite_card(card, contact, "Northwind", None)
    lines = text.split("\r\n")
    for kept in ("N:Reyes;Dana;Q.;Dr.;", "ORG:Northwind;Engineering",
                 "item1.EMAIL;type=INTERNET;type=pref:dana@northwind.example",
                 "item1.X-ABLabel:_$!<Work>!$_", "EMAIL;type=HOME:dana@home.example",
                 "BDAY:1985-04-12", "X-SOCIALPROFILE;type=twitter:x.com/dana", "UID:ABC-123",
                 "PRODID:-//Apple Inc.//iPhone OS 17.5//EN", "TEL;type=CELL:+1 206 555 0134"):
        assert kept in lines
    assert "NOTE:new note" in lines  # the line repeating the card's own email is not added
    assert "TITLE:Director" in lines
    assert "old note" not in text
    again = next(read_cards(io.BytesIO(text.encode("utf-8"))))
    assert rewrite_card(again, contact, "Northwind", None) == text  # stable
