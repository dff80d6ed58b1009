"""The first sync into an empty address book and calendar sends each in one request
where the server takes it (Radicale does), and ends exactly where single PUTs
would; a server that refuses, a phone's card saved just before, or an upload that
loses cards all end with every card there and nothing of anyone else's lost."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
import pytest

from afterword.core.domain import Cadence, Company, Contact
from afterword.core.store import Store
from afterword.core.sync.account import load_account
from afterword.core.sync.bulk import SMALLEST
from sync_helpers import NOW, sync
from test_sync_contacts import PHONE_CARD

PEOPLE = SMALLEST + 4


def _fill(store: Store) -> None:
    """People (a few fields each) and a stay-in-touch cadence for each: as many
    cards as calendar entries, with fixed uids so two files hold the same records."""
    company = Company(name="Lumen Labs", uid="company-lumen")
    people = [Contact(name=f"Pat Person{i:02d}", email=f"pat{i}@example.com", title="Director",
                      phone_cell=f"+1 206 555 01{i:02d}", company_uid=company.uid,
                      notes="Met at the panel, Tuesday" if i % 3 == 0 else None, uid=f"person-{i:02d}")
              for i in range(PEOPLE)]
    cadences = [Cadence(p.uid, "FREQ=MONTHLY;INTERVAL=2", date(2026, 11, 1), uid=f"cadence-{p.uid}")
                for p in people]
    store.put_many([company, *people, *cadences])


@pytest.fixture
def pair(tmp_path):
    stores = [Store.open(tmp_path / "one.db"), Store.open(tmp_path / "two.db")]
    for store in stores:
        _fill(store)
    yield stores
    for store in stores:
        store.close()


class Phone(httpx.HTTPTransport):
    """Stands between Afterword and the server: a PUT on a collection's own URL (an
    upload at once) is answered by `on_upload(request, forward)`, which may pass it
    on to the server with `forward(request)`, and do what a phone would."""

    def __init__(self, on_upload):
        super().__init__()
        self.on_upload = on_upload

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT" and request.url.path.endswith("/"):
            return self.on_upload(request, super().handle_request)
        return super().handle_request(request)


def _refuse(request: httpx.Request, forward) -> httpx.Response:
    # As sabre/dav (Nextcloud, Baïkal), Cyrus (Fastmail) and iCloud answer.
    return httpx.Response(405, request=request)


def _server(user, store) -> dict[str, dict[str, tuple[str, str]]]:
    """Per collection: resource name → (ETag, text) on the server."""
    account = load_account(store)
    found = {}
    for kind, url in (("addressbook", account.addressbook_url), ("calendar", account.calendar_url)):
        texts, etags = user.resources(url), user.etags(url)
        found[kind] = {href.rsplit("/", 1)[1]: (etags[href], texts[href]) for href in texts}
    return found


def _state(store) -> dict[str, dict[str, tuple]]:
    """Per collection: uid → what sync remembers of it (hrefs by resource name)."""
    rows = store.db.execute(
        "SELECT c.kind, r.uid, r.href, r.etag, r.content_hash, r.body, r.local_fields, r.fingerprint, "
        "r.sequence FROM sync_resources r JOIN sync_collections c ON c.url = r.collection_url").fetchall()
    state: dict[str, dict[str, tuple]] = {"addressbook": {}, "calendar": {}}
    for kind, uid, href, *rest in rows:
        state[kind][uid] = (href.rsplit("/", 1)[1], *rest)
    return state


def _without_prodid(text: str) -> str:
    return re.sub(r"(?m)^PRODID:.*\r?\n", "", text)


def test_first_sync_uploads_each_collection_at_once_and_ends_as_single_puts_do(pair, radicale):
    one_at_a_time, at_once = pair
    users = radicale.add_user(), radicale.add_user()
    refused = sync(one_at_a_time, users[0], transport=Phone(_refuse))
    report = sync(at_once, users[1])

    assert refused.requests["PUT"] == 2 * PEOPLE + 2  # every card and entry, after two 405s
    assert report.requests["PUT"] == 2  # the address book and the calendar, each at once
    assert report.contacts.added_there == report.reminders.added == PEOPLE
    assert report.problems == []
    single, whole = _server(users[0], one_at_a_time), _server(users[1], at_once)
    assert whole["addressbook"] == single["addressbook"]  # the same cards at the same ETags
    assert len(whole["calendar"]) == PEOPLE
    # The server writes its own PRODID into each entry of a calendar it was given whole.
    assert {name: _without_prodid(text) for name, (_, text) in whole["calendar"].items()} == \
        {name: _without_prodid(text) for name, (_, text) in single["calendar"].items()}
    # Both remember the same, each at the ETags its server lists.
    state_single, state_whole = _state(one_at_a_time), _state(at_once)
    for state, server in ((state_single, single), (state_whole, whole)):
        for kind in state:
            assert {row[0]: row[1] for row in state[kind].values()} == \
                {name: etag for name, (etag, _) in server[kind].items()}
    assert {k: {u: (r[0], *r[2:]) for u, r in rows.items()} for k, rows in state_whole.items()} == \
        {k: {u: (r[0], *r[2:]) for u, r in rows.items()} for k, rows in state_single.items()}
    # The collections keep their name, kind and (calendar) kinds of entry.
    account = load_account(at_once)
    for url, twin in ((account.addressbook_url, load_account(one_at_a_time).addressbook_url),
                      (account.calendar_url, load_account(one_at_a_time).calendar_url)):
        kept, reference = users[1].properties(url), users[0].properties(twin)
        assert kept["displayname"] == "Afterword"
        for name in ("resourcetype", "supported-calendar-component-set"):
            assert kept.get(name) == reference.get(name)
    # The sync-token taken after the upload holds: the next sync reads nothing back.
    second = sync(at_once, users[1], now=NOW + timedelta(hours=1))
    assert second.writes == 0 and second.requests["REPORT"] == 2


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_card_saved_on_the_phone_around_the_upload_is_kept_and_comes_here(store, dav_user, when):
    """Just before the upload (it must not replace the card: If-Match fails and the
    cards go one by one), or just after it (the read-back sees a card not sent)."""
    _fill(store)
    phone = PHONE_CARD.replace("UID:phone-card-1", f"UID:phone-card-{when}")

    def phone_saves(request: httpx.Request, forward) -> httpx.Response:
        if "contacts" not in request.url.path:
            return forward(request)
        answer = forward(request) if when == "after" else None
        dav_user.put(str(request.url) + f"phone-card-{when}.vcf", phone, "text/vcard")
        return answer or forward(request)

    first = sync(store, dav_user, transport=Phone(phone_saves))
    assert first.requests["PUT"] == (2 + PEOPLE if when == "before" else 2)
    on_server = dav_user.resources(load_account(store).addressbook_url)
    assert len(on_server) == PEOPLE + 1
    assert any(f"UID:phone-card-{when}" in text for text in on_server.values())
    assert first.contacts.added_there == PEOPLE
    sync(store, dav_user, now=NOW + timedelta(hours=1))  # brings the phone's card in
    assert any(c.name == "Priya Natarajan" for c in store.all(Contact))
    assert sync(store, dav_user, now=NOW + timedelta(hours=2)).writes == 0


def test_an_upload_that_loses_cards_is_completed_card_by_card(store, dav_user):
    _fill(store)
    lost = 3

    def loses_the_last_cards(request: httpx.Request, forward) -> httpx.Response:
        body = request.read().decode()
        if "BEGIN:VCARD" in body:
            kept = "".join(re.findall(r"BEGIN:VCARD.*?END:VCARD\r\n", body, re.S)[:-lost])
            request.stream = httpx.ByteStream(kept.encode())
            request.headers["Content-Length"] = str(len(kept.encode()))
        return forward(request)

    report = sync(store, dav_user, transport=Phone(loses_the_last_cards))
    assert report.requests["PUT"] == 2 + lost
    book = load_account(store).addressbook_url
    assert len(dav_user.resources(book)) == PEOPLE == report.contacts.added_there
    assert sync(store, dav_user, now=NOW + timedelta(hours=1)).writes == 0
