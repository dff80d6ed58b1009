"""The one merge rule: email (case aside), normalised phone, UID; fill empty fields,
keep differing values visible, report; the same file twice adds nobody."""

from __future__ import annotations

from pathlib import Path

from afterword.core.contact_files import import_files
from afterword.core.domain import CardPhoto, Company, Contact, Role
from afterword.core.merge import (
    IncomingContact,
    IncomingPhone,
    MatchIndex,
    import_contacts,
    normal_phone,
    plan_contact,
)

DATA = Path(__file__).parent / "data" / "contacts"
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 20


def stored(store, **fields) -> Contact:
    contact = Contact(**fields)
    store.put(contact)
    return contact


def test_phone_numbers_match_once_normalised_in_the_users_region():
    assert normal_phone("(206) 555-0134", "US") == normal_phone("+1 206 555 0134", "GB") == "+12065550134"
    assert normal_phone("020 7946 0958", "GB") == "+442079460958"
    assert normal_phone("not a number", "US") is None


def test_match_by_email_fills_empty_fields_and_keeps_differing_ones_in_notes(store):
    raj = stored(store, name="Raj Patel", title="Director", email="Raj@Acme.example")
    incoming = IncomingContact(name="Raj Patel", title="VP Sales", emails=["raj@acme.example"],
                               phones=[IncomingPhone("+1 415 555 0100", "cell")], company="Acme")
    report = import_contacts(store, [incoming], region="US")
    assert report.summary() == "added 0, merged 1, skipped 0"
    after = store.get(Contact, raj.uid)
    assert after.title == "Director"  # never overwritten silently...
    assert "Title (imported): VP Sales" in after.notes  # ...kept where the user sees it
    assert after.phone_cell == "+1 415 555 0100"  # an empty field is filled
    company = store.get(Company, after.company_uid)
    assert company.name == "Acme"  # created, matched by name next time
    assert store.count(Contact) == 1


def test_match_by_normalised_phone_and_by_uid(store):
    dana = stored(store, name="Dana Reyes", phone_direct="(206) 555-0199")
    by_phone = IncomingContact(name="Dana Reyes", phones=[IncomingPhone("+1 206-555-0199", "direct")],
                               emails=["dana@northwind.example"])
    by_uid = IncomingContact(name="D. Reyes", uid=dana.uid, title="Engineering Manager")
    report = import_contacts(store, [by_phone, by_uid], region="US")
    assert [o.action for o in report.outcomes] == ["merge", "merge"]
    assert report.outcomes[0].reason.startswith("same phone")
    assert report.outcomes[1].reason.startswith("same UID")
    after = store.get(Contact, dana.uid)
    assert (after.email, after.title) == ("dana@northwind.example", "Engineering Manager")
    assert "Name (imported): D. Reyes" in after.notes


def test_second_email_and_extra_numbers_are_kept_and_matched_later(store):
    first = IncomingContact(name="Tomás García", emails=["t@adatum.example", "tomas@home.example"],
                            phones=[IncomingPhone("+34 91 123 45 67", "direct"),
                                    IncomingPhone("+34 91 123 45 68", "other", "home"),
                                    IncomingPhone("+34 91 123 45 00", "fax")])
    import_contacts(store, [first], region="ES")
    (tomas,) = store.all(Contact)
    assert tomas.email == "t@adatum.example"
    assert tomas.notes.splitlines() == ["Email: tomas@home.example", "Phone (home): +34 91 123 45 68",
                                        "Fax: +34 91 123 45 00"]
    # someone who only has the second address is the same person
    later = IncomingContact(name="Tomás", emails=["TOMAS@home.example"], title="Hiring Manager")
    report = import_contacts(store, [later], region="ES")
    assert report.summary() == "added 0, merged 1, skipped 0"
    assert store.get(Contact, tomas.uid).title == "Hiring Manager"


def test_a_photo_fills_an_empty_card_photo_but_never_replaces_one(store):
    raj = stored(store, name="Raj", email="raj@acme.example")
    incoming = IncomingContact(name="Raj", emails=["raj@acme.example"], photo=CardPhoto(JPEG))
    import_contacts(store, [incoming], region="US")
    assert store.card_photo(raj.uid).data == JPEG
    other = IncomingContact(name="Raj", emails=["raj@acme.example"], photo=CardPhoto(JPEG + b"x"))
    index = MatchIndex.load(store, "US")
    plan = plan_contact(other, index, store)
    assert plan.action == "skip" and plan.photo_left_out


def test_a_contact_matching_two_people_is_skipped_with_the_reason(store):
    stored(store, name="A One", email="a@x.example")
    stored(store, name="B Two", phone_cell="+1 206 555 0100")
    both = IncomingContact(name="AB", emails=["a@x.example"], phones=[IncomingPhone("+12065550100", "cell")])
    report = import_contacts(store, [both], region="US")
    assert report.outcomes[0].action == "skip"
    assert "A One, B Two" in report.outcomes[0].reason
    assert report.summary() == "added 0, merged 0, skipped 1 (1 matches several people)"


def test_duplicates_within_one_file_become_one_person(store):
    a = IncomingContact(name="Lena Okafor", emails=["lena@adatum.example"])
    b = IncomingContact(name="Lena Okafor", emails=["Lena@Adatum.example"], title="HR Business Partner")
    report = import_contacts(store, [a, b], region="US")
    assert report.summary() == "added 1, merged 1, skipped 0"
    assert store.count(Contact) == 1


def test_dry_run_reports_the_same_and_writes_nothing(store):
    incoming = [IncomingContact(name="New Person", emails=["new@x.example"], company="NewCo")]
    report = import_contacts(store, incoming, region="US", dry_run=True)
    assert report.summary() == "added 1, merged 0, skipped 0"
    assert store.count(Contact) == 0 and store.count(Company) == 0


def test_the_role_is_filled_and_a_differing_role_kept_in_notes(store):
    grace = stored(store, name="Grace Liu", email="grace@proseware.example", role=Role.INTERVIEWER)
    incoming = IncomingContact(name="Grace Liu", emails=["grace@proseware.example"],
                               role=Role.HIRING_MANAGER)
    import_contacts(store, [incoming], region="US")
    after = store.get(Contact, grace.uid)
    assert after.role is Role.INTERVIEWER and "Role (imported): hiring_manager" in after.notes


def test_every_fixture_twice_adds_nobody_the_second_time(file_store):
    files = sorted(DATA.iterdir())
    first = import_files(file_store, files, region="US")
    people = file_store.count(Contact)
    assert people == sum(r.count("add") for r in first) == 17
    before = [(c.uid, c.notes, c.title) for c in file_store.all(Contact)]
    second = import_files(file_store, files, region="US")
    assert file_store.count(Contact) == people
    assert all(r.count("add") == 0 and r.count("merge") == 0 for r in second), \
        [r.summary() for r in second]
    assert [(c.uid, c.notes, c.title) for c in file_store.all(Contact)] == before
    assert second[0].summary().startswith("added 0, merged 0, skipped 2 (2 already up to date")


def test_a_merge_that_would_outgrow_the_notes_is_skipped_with_the_reason(store):
    full = stored(store, name="Ann Lee", email="ann@x.example", notes="n" * 9_990)
    incoming = IncomingContact(name="Ann Lee", emails=["ann@x.example", "ann@home.example"],
                               title="Director")
    report = import_contacts(store, [incoming], region="US")
    assert report.outcomes[0].action == "skip"
    assert "notes would be too long" in report.outcomes[0].reason
    assert store.get(Contact, full.uid) == full


def test_one_line_fields_lose_line_breaks_and_control_characters_are_refused(tmp_path):
    import pytest

    from afterword.core.contact_files import ContactsImportError, read_contacts

    good = tmp_path / "a.csv"
    good.write_text("name,title,email\r\nAnn Lee,\"Head of\nPeople\",ann@x.example\r\n")
    (ann,) = read_contacts(good)
    assert ann.title == "Head of People"
    bad = tmp_path / "b.csv"
    bad.write_text("name,title\r\nAnn Lee,Head\x07 of People\r\n")
    refusal = "b.csv: row 1 \\(Ann Lee\\): field 'title': line breaks or control"
    with pytest.raises(ContactsImportError, match=refusal):
        list(read_contacts(bad))
