"""Finding the address book and calendar from the server root, the principal or
a collection, against a real Radicale; creating "Afterword" ones only once."""

from __future__ import annotations

import pytest

from afterword.core.sync.discovery import ADDRESSBOOK, CALENDAR, discover
from afterword.core.sync.errors import NotDav, NotSecure
from afterword.core.sync.secure import check_secure
from afterword.core.sync.webdav import DavClient


def _client(user) -> DavClient:
    return DavClient(user.server.url + "/", user.name, user.password, timeout=5.0)


def _named(user, name: str = "Afterword") -> list[str]:
    return sorted(url for url, n in user.collections().items() if n == name)


def test_from_the_server_root_creates_one_address_book_and_one_calendar(dav_user):
    with _client(dav_user) as client:
        first = discover(client, dav_user.server.url)
        again = discover(client, dav_user.server.url + "/")
    assert first == again
    assert _named(dav_user) == sorted([first.addressbook, first.calendar])
    assert first.addressbook.startswith(dav_user.principal_url)


@pytest.mark.parametrize("where", ["principal", "well-known"])
def test_from_the_principal_or_a_well_known_address(dav_user, where):
    url = dav_user.principal_url if where == "principal" else dav_user.server.url + "/.well-known/carddav"
    with _client(dav_user) as client:
        found = discover(client, url)
    assert _named(dav_user) == sorted([found.addressbook, found.calendar])


def test_from_a_collection_uses_it_and_finds_the_other_kind(dav_user):
    book = dav_user.make_collection("contacts", ADDRESSBOOK, "Contacts")
    with _client(dav_user) as client:
        found = discover(client, book)
    assert found.addressbook == book
    assert _named(dav_user) == [found.calendar]


def test_existing_collections_named_afterword_are_found_not_made_again(dav_user):
    book = dav_user.make_collection("mine", ADDRESSBOOK, "Afterword")
    calendar = dav_user.make_collection("cal", CALENDAR, "afterword")
    with _client(dav_user) as client:
        found = discover(client, dav_user.server.url)
    assert (found.addressbook, found.calendar) == (book, calendar)
    assert len(dav_user.collections()) == 2


def test_the_collection_at_afterwords_own_address_is_found_whatever_its_name(dav_user):
    # Renamed on the server, or left without its name by a first sync cut short.
    book = dav_user.make_collection("afterword-contacts", ADDRESSBOOK, "Work people")
    with _client(dav_user) as client:
        found = discover(client, dav_user.server.url)
    assert found.addressbook == book
    assert len(dav_user.collections()) == 2


def test_chosen_collection_of_the_wrong_kind_is_refused(dav_user):
    calendar = dav_user.make_collection("cal", CALENDAR, "Personal")
    with _client(dav_user) as client, pytest.raises(NotDav, match="is not an address book"):
        discover(client, dav_user.server.url, addressbook=calendar)


@pytest.mark.parametrize("url", ["http://dav.example.com/", "ftp://example.com/", "dav.example.com"])
def test_password_never_travels_unencrypted_to_another_machine(url):
    with pytest.raises(NotSecure):
        check_secure(url)


@pytest.mark.parametrize("url", ["https://dav.example.com/", "http://127.0.0.1:5232/",
                                 "http://localhost/", "http://[::1]:8080/"])
def test_https_anywhere_and_plain_http_on_this_machine(url):
    check_secure(url)
