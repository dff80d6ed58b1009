"""Contacts both ways with a real Radicale: every person one vCard there; cards
added, changed or deleted on the phone (PUT/DELETE straight to the server) come
here by the one merge rule; conflicts keep both values; deletions wait for the
user's say; other apps' properties survive."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
import vobject

from afterword.core.domain import Contact
from afterword.core.sync.account import load_account
from afterword.core.sync.contacts import APPLY, KEEP
from afterword.core.sync.run import run_sync
from sync_helpers import NOW, sync

PHONE_CARD = """BEGIN:VCARD\r
VERSION:3.0\r
PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r
UID:phone-card-1\r
FN:Priya Natarajan\r
N:Natarajan;Priya;;;\r
ORG:Lumen Labs;\r
TITLE:Talent Partner\r
item1.EMAIL;type=INTERNET;type=pref:priya@lumen.example\r
item1.X-ABLabel:work\r
TEL;type=CELL;type=VOICE:+1 415 555 0199\r
X-PHONETIC-FIRST-NAME:Pree-ya\r
X-SOCIALPROFILE;type=twitter:x-apple:priyan\r
END:VCARD\r
"""


def _book(store) -> str:
    return load_account(store).addressbook_url


def _cards(user, store) -> dict[str, object]:
    """UID → the vCard of each resource in the address book, read by vobject."""
    found = {}
    for href, text in user.resources(_book(store)).items():
        card = vobject.readOne(text)
        found[card.uid.value.removeprefix("urn:uuid:")] = (user.server.url + href, text, card)
    return found


def _retitled(text: str, title: str) -> str:
    """A card's text with its TITLE changed, as a phone would save it."""
    return re.sub(r"(?m)^TITLE:.*\r?$", f"TITLE:{title}\r", text)


def _person(store, name: str) -> Contact:
    return next(c for c in store.all(Contact) if c.name == name)


def test_first_sync_puts_every_contact_as_one_vcard_with_its_uid(demo_store, dav_user):
    report = sync(demo_store, dav_user)
    cards = _cards(dav_user, demo_store)
    people = demo_store.all(Contact)
    assert set(cards) == {c.uid for c in people}
    assert report.contacts.added_there == len(people)
    dana = _person(demo_store, "Dana Reyes")
    card = cards[dana.uid][2]
    assert card.fn.value == "Dana Reyes"
    assert card.email.value == dana.email
    assert dav_user.collections()[_book(demo_store)] == "Afterword"


def test_second_sync_with_nothing_changed_sends_and_fetches_nothing(demo_store, dav_user):
    sync(demo_store, dav_user)
    second = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    third = sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    assert second.writes == third.writes == 0
    assert third.describe().startswith("Synced: nothing to change")
    # The token said nothing changed (the first sync's own writes included): no card
    # was fetched, only one sync-collection per collection asked.
    assert second.requests["REPORT"] == third.requests["REPORT"] == 2


def test_card_added_on_the_phone_comes_here_with_its_extras_kept(demo_store, dav_user):
    sync(demo_store, dav_user)
    dav_user.put(_book(demo_store) + "phone-card-1.vcf", PHONE_CARD, "text/vcard")
    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    priya = _person(demo_store, "Priya Natarajan")
    assert (priya.title, priya.email, priya.phone_cell) == (
        "Talent Partner", "priya@lumen.example", "+1 415 555 0199")
    assert report.contacts.added_here == 1
    assert sync(demo_store, dav_user, now=NOW + timedelta(hours=2)).writes == 0

    # An edit here rewrites only Afterword's fields: the phone's own ones stay.
    priya.title = "Head of Talent"
    demo_store.put(priya)
    sync(demo_store, dav_user, now=NOW + timedelta(hours=3))
    text = dav_user.get(_book(demo_store) + "phone-card-1.vcf")
    assert "TITLE:Head of Talent" in text
    for kept in ("X-PHONETIC-FIRST-NAME:Pree-ya", "item1.X-ABLabel:work",
                 "X-SOCIALPROFILE;type=twitter:x-apple:priyan", "UID:phone-card-1"):
        assert kept.lower() in text.lower()  # (the server writes names in capitals)
    assert re.search(r"(?im)^item1\.EMAIL;.*:priya@lumen\.example\r?$", text)  # group kept


def test_card_made_on_the_phone_for_someone_already_here_is_merged_not_doubled(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    card = PHONE_CARD.replace("Priya Natarajan", "Dana R.").replace("priya@lumen.example", dana.email)
    card = card.replace("TITLE:Talent Partner\r\n", "")
    dav_user.put(_book(demo_store) + "phone-card-1.vcf", card, "text/vcard")
    before = demo_store.count(Contact)
    sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    assert demo_store.count(Contact) == before
    merged = demo_store.get(Contact, dana.uid)
    assert merged.phone_cell == dana.phone_cell or "+1 415 555 0199" in (merged.notes or "") + (
        merged.phone_cell or "")


def test_a_card_on_the_phone_before_the_first_sync_is_merged_and_keeps_its_uid(demo_store, dav_user):
    """The phone had Dana's card already: merged by her email, the card takes what
    Afterword knows under the phone's own UID (its identity there and on the phone;
    a server refuses a card that changes it), now and at later edits."""
    book = dav_user.make_collection("afterword-contacts", "addressbook", "Afterword")
    dana = _person(demo_store, "Dana Reyes")
    card = (PHONE_CARD.replace("Priya Natarajan", "Dana Reyes").replace("Natarajan;Priya", "Reyes;Dana")
            .replace("priya@lumen.example", dana.email).replace("TITLE:Talent Partner\r\n", "")
            .replace("ORG:Lumen Labs;\r\n", ""))
    dav_user.put(book + "phone-card-1.vcf", card, "text/vcard")
    people = demo_store.count(Contact)
    sync(demo_store, dav_user)
    assert demo_store.count(Contact) == people
    cards = _cards(dav_user, demo_store)
    assert dana.uid not in cards and cards["phone-card-1"][2].title.value == dana.title

    dana = demo_store.get(Contact, dana.uid)
    dana.title = "SVP Sales"
    demo_store.put(dana)
    assert sync(demo_store, dav_user, now=NOW + timedelta(hours=1)).contacts.updated_there == 1
    text = dav_user.get(book + "phone-card-1.vcf")
    assert "TITLE:SVP Sales" in text and "UID:phone-card-1" in text


def test_edit_on_the_phone_changes_the_field_here(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    url, text, _ = _cards(dav_user, demo_store)[dana.uid]
    dav_user.put(url, _retitled(text, "Chief Revenue Officer"), "text/vcard")
    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    assert demo_store.get(Contact, dana.uid).title == "Chief Revenue Officer"
    assert report.contacts.updated_here == 1 and report.writes == 0


def test_changed_on_both_sides_keeps_both_values_visibly(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    url, text, _ = _cards(dav_user, demo_store)[dana.uid]
    dav_user.put(url, _retitled(text, "Chief Revenue Officer"), "text/vcard")
    demo_store.put(replace(dana, title="SVP Sales"))

    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))

    here = demo_store.get(Contact, dana.uid)
    assert here.title == "SVP Sales"
    assert "Title (on the server): Chief Revenue Officer" in here.notes
    assert report.contacts.conflicts == ["Dana Reyes: title"]
    there = dav_user.get(url)
    assert "TITLE:SVP Sales" in there and "Chief Revenue Officer" in there  # in its NOTE
    assert sync(demo_store, dav_user, now=NOW + timedelta(hours=2)).writes == 0


def test_card_deleted_on_the_phone_waits_for_the_users_say(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    url = _cards(dav_user, demo_store)[dana.uid][0]
    dav_user.delete(url)

    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    assert demo_store.get(Contact, dana.uid) is not None
    assert [w.describe() for w in report.waiting] == ["Dana Reyes: deleted on the server, still here"]
    again = sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    assert len(again.waiting) == 1 and again.writes == 0  # still asked, nothing put back

    sync(demo_store, dav_user, now=NOW + timedelta(hours=3), deletions=APPLY)
    assert demo_store.get(Contact, dana.uid) is None
    assert sync(demo_store, dav_user, now=NOW + timedelta(hours=4)).waiting == []


def test_keeping_a_person_deleted_on_the_phone_puts_the_card_back(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    dav_user.delete(_cards(dav_user, demo_store)[dana.uid][0])
    sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=2), deletions=KEEP)
    assert dana.uid in _cards(dav_user, demo_store)
    assert report.waiting == []


def test_person_deleted_here_stays_on_the_server_until_confirmed(demo_store, dav_user):
    sync(demo_store, dav_user)
    tom = _person(demo_store, "Tom Becker")
    demo_store.delete(Contact, tom.uid)

    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    assert tom.uid in _cards(dav_user, demo_store)
    assert [w.describe() for w in report.waiting] == ["Tom Becker: deleted here, still on the server"]

    sync(demo_store, dav_user, now=NOW + timedelta(hours=2), deletions=APPLY)
    assert tom.uid not in _cards(dav_user, demo_store)


def test_restoring_a_person_deleted_here_brings_them_back(demo_store, dav_user):
    sync(demo_store, dav_user)
    tom = _person(demo_store, "Tom Becker")
    demo_store.delete(Contact, tom.uid)
    sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    sync(demo_store, dav_user, now=NOW + timedelta(hours=2), deletions=KEEP)
    back = demo_store.get(Contact, tom.uid)
    assert back is not None and back.email == tom.email


def test_a_mangled_card_is_named_and_left_alone_and_the_next_sync_tries_again(demo_store, dav_user):
    sync(demo_store, dav_user)
    book = _book(demo_store)
    # A photo that is not a picture: the server keeps it, Afterword's strict reader refuses it.
    mangled = PHONE_CARD.replace("X-PHONETIC", "PHOTO;ENCODING=b;TYPE=JPEG:aGVsbG8gd29ybGQ=\r\nX-PHONETIC")
    dav_user.put(book + "phone-card-1.vcf", mangled, "text/vcard")
    before = demo_store.count(Contact)
    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    assert any("phone-card-1.vcf cannot be read" in p for p in report.problems)
    assert demo_store.count(Contact) == before
    dav_user.put(book + "phone-card-1.vcf", PHONE_CARD, "text/vcard")  # fixed on the phone
    sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    assert _person(demo_store, "Priya Natarajan")


class EditsOnThePhoneFirst(httpx.HTTPTransport):
    """Before Afterword's first PUT of a card, the phone changes that card: the
    If-Match then fails (412), as when two devices save at the same moment."""

    def __init__(self, user, change):
        super().__init__()
        self.user, self.change, self.done = user, change, False

    def handle_request(self, request):
        if request.method == "PUT" and request.url.path.endswith(".vcf") and not self.done:
            self.done = True
            url = str(request.url)
            self.user.put(url, self.change(self.user.get(url)), "text/vcard")
        return super().handle_request(request)


def test_a_card_changed_during_the_sync_is_fetched_merged_and_sent_again(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    demo_store.put(replace(dana, title="SVP Sales"))
    account = load_account(demo_store)
    phone = EditsOnThePhoneFirst(
        dav_user, lambda text: text.replace("END:VCARD", "NICKNAME:Dee\r\nEND:VCARD"))

    run_sync(demo_store, account, dav_user.password, now=NOW + timedelta(hours=1), transport=phone)

    text = dav_user.get(_cards(dav_user, demo_store)[dana.uid][0])
    assert "TITLE:SVP Sales" in text and "NICKNAME:Dee" in text
    assert sync(demo_store, dav_user, now=NOW + timedelta(hours=2)).writes == 0


@pytest.mark.parametrize("count", [150])
def test_many_contacts_first_sync_and_a_quiet_second(store, dav_user, count):
    store.put_many([Contact(name=f"Person {i:04d}", email=f"p{i}@example.com",
                            phone_cell=f"+1 206 555 {i:04d}") for i in range(count)])
    first = sync(store, dav_user)
    assert first.contacts.added_there == count == len(dav_user.resources(_book(store)))
    second = sync(store, dav_user, now=NOW + timedelta(hours=1))
    assert second.writes == 0 and second.requests["REPORT"] == 2


def test_deleted_on_both_sides_is_simply_forgotten(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    dav_user.delete(_cards(dav_user, demo_store)[dana.uid][0])
    assert len(sync(demo_store, dav_user, now=NOW + timedelta(hours=1)).waiting) == 1
    demo_store.delete(Contact, dana.uid)
    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    c = report.contacts
    assert report.waiting == [] and (c.added_there, c.updated_there, c.deleted_there) == (0, 0, 0)
    assert load_account(demo_store) and dana.uid not in _cards(dav_user, demo_store)


class PhoneAddsACardMeanwhile(httpx.HTTPTransport):
    """While Afterword writes, the phone adds a card of its own."""

    def __init__(self, user, book):
        super().__init__()
        self.user, self.book, self.done = user, book, False

    def handle_request(self, request):
        if request.method == "PUT" and not self.done:
            self.done = True
            self.user.put(self.book + "phone-card-1.vcf", PHONE_CARD, "text/vcard")
        return super().handle_request(request)


def test_a_card_added_on_the_phone_during_a_sync_comes_with_the_next(demo_store, dav_user):
    sync(demo_store, dav_user)
    dana = _person(demo_store, "Dana Reyes")
    demo_store.put(replace(dana, title="SVP Sales"))
    account = load_account(demo_store)
    run_sync(demo_store, account, dav_user.password, now=NOW + timedelta(hours=1),
             transport=PhoneAddsACardMeanwhile(dav_user, account.addressbook_url))
    assert not any(c.name == "Priya Natarajan" for c in demo_store.all(Contact))
    sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    assert _person(demo_store, "Priya Natarajan").email == "priya@lumen.example"


GROUP_CARD = """BEGIN:VCARD\r
VERSION:3.0\r
UID:group-1\r
FN:Recruiters\r
N:Recruiters;;;;\r
X-ADDRESSBOOKSERVER-KIND:group\r
X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:phone-card-1\r
END:VCARD\r
"""


def test_a_contact_group_on_the_server_is_left_alone_not_made_a_person(demo_store, dav_user):
    sync(demo_store, dav_user)
    book = _book(demo_store)
    dav_user.put(book + "group-1.vcf", GROUP_CARD, "text/vcard")
    dav_user.put(book + "phone-card-1.vcf", PHONE_CARD, "text/vcard")
    before = dav_user.get(book + "group-1.vcf")
    sync(demo_store, dav_user, now=NOW + timedelta(hours=1))
    assert not any(c.name == "Recruiters" for c in demo_store.all(Contact))
    assert _person(demo_store, "Priya Natarajan")
    assert dav_user.get(book + "group-1.vcf") == before
