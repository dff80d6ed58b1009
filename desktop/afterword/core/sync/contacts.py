"""Contacts, both ways, with the address book: every person is one vCard there.

Each side is compared with how it looked when both last agreed (state.py), never
with the other side directly (as vdirsyncer does):

- a card new there is brought in by the one merge rule (core/merge.py): added,
  or merged into the person who shares an email, a number or the UID;
- a field changed on one side only is copied to the other; changed on both sides
  to different values (a true conflict), the value here stays and the server's is
  kept visibly in the notes, the way the merge rule keeps a differing value;
- a person new or changed here is written there: a new card (If-None-Match), or
  the server's own card with only Afterword's fields rewritten (If-Match), so
  other apps' properties and groups ride along untouched; a 412 means the card
  changed meanwhile: the sync runs again to fetch and merge it; into an empty
  address book the new cards go in one request where the server takes it (bulk.py);
- a card deleted there, or a person deleted here, is listed and waits for the
  user's say (apply the deletion on the other side, or keep the person).

Nothing is written here until the end (`ContactsPass.apply`, in the sync's one
transaction); the merge rule is run on a transaction that is then taken back, so
its results can be sent first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import quote, unquote, urljoin, urlsplit

from afterword.core.domain import CardPhoto, Company, Contact, Role
from afterword.core.errors import ContactsFileError
from afterword.core.merge import (
    MatchIndex,
    _append,
    _company_for,
    _in_notes,
    _kept_line,
    apply_plan,
    plan_contact,
    run_transaction,
)
from afterword.core.store import Store
from afterword.core.sync import APPLY, KEEP
from afterword.core.sync.bulk import Upload, upload_new
from afterword.core.sync.contact_fields import (
    FIELDS,
    LABELS,
    Fields,
    LocalPeople,
    card_fields,
    contact_fields,
    fields_hash,
    parse_one,
    photo_digest,
    stored_hash,
)
from afterword.core.sync.discovery import ADDRESSBOOK
from afterword.core.sync.errors import PreconditionFailed
from afterword.core.sync.listing import Listing
from afterword.core.sync.state import Agreed, StateChanges, content_hash
from afterword.core.sync.webdav import DavClient
from afterword.core.vcard import Card
from afterword.core.vcard_contacts import card_for, incoming_from_card, rewrite_card

CONTENT_TYPE = "text/vcard"
NEW_CARD_VERSION = "3.0"  # what every CardDAV server takes (iCloud takes nothing else)


@dataclass
class Remote:
    """A card fetched in this sync."""

    href: str
    etag: str | None
    text: str
    card: Card
    fields: Fields


@dataclass(frozen=True)
class Deletion:
    """A deletion on one side waiting for the user: `side` is where it happened
    ("server": the card was deleted there; "here": the person was deleted here)."""

    side: str
    uid: str
    name: str

    def describe(self) -> str:
        if self.side == "server":
            return f"{self.name}: deleted on the server, still here"
        return f"{self.name}: deleted here, still on the server"


@dataclass
class ContactCounts:
    added_here: int = 0
    updated_here: int = 0
    added_there: int = 0
    updated_there: int = 0
    deleted_here: int = 0
    deleted_there: int = 0
    conflicts: list[str] = field(default_factory=list)  # "Dana Reyes: title"
    waiting: list[Deletion] = field(default_factory=list)

    @property
    def writes_here(self) -> int:
        return self.added_here + self.updated_here + self.deleted_here


@dataclass
class ContactsPass:
    """What one pass decided: the records to write here, and what to remember."""

    state: StateChanges
    counts: ContactCounts = field(default_factory=ContactCounts)
    problems: list[str] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    photos: dict[str, CardPhoto | None] = field(default_factory=dict)
    deletions: list[str] = field(default_factory=list)  # uids to delete here
    expected: dict[str, str | None] = field(default_factory=dict)  # uid → fields hash when planned
    retry: bool = False  # a card changed during the sync: fetch and merge again

    def apply(self, store: Store) -> list[str]:
        """Write the pass (inside the caller's transaction). A person edited here
        while the sync ran keeps that edit; the names of those are returned, and
        their state is not advanced, so the next sync merges them again."""
        moved = [uid for uid, expected in self.expected.items() if stored_hash(store, uid) != expected]
        if moved:
            self.state.put = [a for a in self.state.put if a.uid not in moved]
            self.state.forget = [u for u in self.state.forget if u not in moved]
        contacts = [c for c in self.contacts if c.uid not in moved]
        wanted = {c.company_uid for c in contacts}
        store.put_many([c for c in self.companies if c.uid in wanted] + contacts)
        photos = {uid: p for uid, p in self.photos.items() if uid not in moved}
        if photos:
            store.set_card_photos(photos)
        for uid in self.deletions:
            if uid not in moved:
                store.delete(Contact, uid)
        self.state.apply(store)
        return [c.name for c in self.contacts if c.uid in moved]


def sync_contacts(client: DavClient, store: Store, book: str, listing: Listing, token: str | None,
                  agreed: dict[str, Agreed], *, region: str | None,
                  deletions: str | None = None) -> ContactsPass:
    """One pass of contacts both ways; sends what it must, writes nothing here."""
    local = LocalPeople(store)
    run = ContactsPass(StateChanges(book, "addressbook", token=listing.token))
    by_href = {unquote(a.href): a for a in agreed.values()}
    remotes = _fetch_changed(client, book, listing, by_href, run)
    gone_there = {uid for uid, a in agreed.items() if listing.is_gone(a.href)}
    pairs = {uid: remotes.pop(unquote(a.href)) for uid, a in agreed.items()
             if unquote(a.href) in remotes and uid in local.contacts and uid not in gone_there}
    for uid, a in agreed.items():  # deleted here, changed there: remember the new card
        if unquote(a.href) in remotes and uid not in local.contacts:
            r = remotes.pop(unquote(a.href))
            run.state.put.append(a.but(etag=r.etag, body=r.text, content_hash=content_hash(r.text)))
            agreed[uid] = run.state.put[-1]
    plan = _Planner(store, region, local, agreed, run)
    if pairs or remotes or (deletions == KEEP and agreed.keys() - local.contacts.keys()):
        plan.plan(pairs, list(remotes.values()), keep_deleted=deletions == KEEP)
    new = _new_cards(client, book, listing, local, agreed, plan, run)
    _send(client, new, local, agreed, gone_there, plan, run, deletions)
    if run.problems or run.retry:
        run.state.token = token  # look at the same changes again next time
    return run


def _fetch_changed(client: DavClient, book: str, listing: Listing, by_href: dict[str, Agreed],
                   run: ContactsPass) -> dict[str, Remote]:
    """The cards changed there since the last sync, fetched and read (by href)."""
    changed = [href for href, etag in listing.items()
               if (a := by_href.get(unquote(href))) is None or a.etag is None or etag != a.etag]
    fetched = client.multiget(book, changed, "A:address-data") if changed else {}
    remotes: dict[str, Remote] = {}
    for href in changed:
        text, etag = fetched.get(unquote(href), (None, None))
        if text is None:
            continue  # deleted meanwhile: the next sync sees it gone
        etag = etag or listing.etag(href)
        a = by_href.get(unquote(href))
        if a is not None and a.content_hash == content_hash(text):
            run.state.put.append(a.but(etag=etag))  # a new ETag, the same card
            continue
        try:
            card = parse_one(text, urlsplit(href).path)
            if _is_group(card):
                continue  # a contact group (Apple, Nextcloud): another app's, left as it is
            fields = card_fields(card)
        except ContactsFileError as exc:
            run.problems.append(f"the card at {urlsplit(href).path} cannot be read ({exc}); it was "
                                "left as it is on the server and here")
            continue
        remotes[unquote(href)] = Remote(href, etag, text, card, fields)
    return remotes


class _Planner:
    """Runs the merge rule on a transaction that is taken back, and keeps what it
    made: the records to write at the end and, per person, the card it came from."""

    def __init__(self, store: Store, region: str | None, local: LocalPeople,
                 agreed: dict[str, Agreed], run: ContactsPass):
        self.store, self.region, self.local, self.agreed, self.out = store, region, local, agreed, run
        self.remote_of: dict[str, Remote] = {}  # uid → the card this pass brought in
        self.touched: set[str] = set()  # people the merge rule may have changed
        self.contacts: dict[str, Contact] = {}
        self.companies: dict[str, str] = {}
        self.photos: dict[str, CardPhoto | None] = {}

    def plan(self, pairs: dict[str, Remote], new: list[Remote], *, keep_deleted: bool) -> None:
        with run_transaction(self.store, dry_run=True):
            index = MatchIndex.load(self.store, self.region)
            for uid, remote in pairs.items():
                self._merge_pair(uid, remote, index)
            for remote in new:
                self._bring_in(remote, index)
            if keep_deleted:
                for uid, a in self.agreed.items():
                    if uid not in self.local.contacts and a.body:
                        self._bring_in(Remote(a.href, a.etag, a.body, card := parse_one(a.body, a.href),
                                              card_fields(card)), index, restoring=uid)
            self._capture(index)

    def _merge_pair(self, uid: str, remote: Remote, index: MatchIndex) -> None:
        """Three-way, field by field: base (as agreed), here now, there now."""
        a = self.agreed[uid]
        here = self.local.fields[uid]
        base_here = a.local_fields or here
        base_there = card_fields(parse_one(a.body, a.href)) if a.body else remote.fields
        contact = replace(self.local.contacts[uid])
        self.touched.add(uid)
        changed = False
        for name in FIELDS:
            there = remote.fields.get(name)
            if there == base_there.get(name):
                continue  # not changed there
            if here.get(name) == base_here.get(name):
                self._set(contact, name, there, remote, index)  # changed there only: copy
                changed = True
            elif here.get(name) != there and there:
                self.out.counts.conflicts.append(f"{contact.name}: {LABELS[name]}")
                changed |= self._keep_visibly(contact, name, there)
        if changed:
            self.store.put(contact)
            self.out.counts.updated_here += 1
        self.remote_of[uid] = remote

    def _set(self, contact: Contact, name: str, value: str | None, remote: Remote,
             index: MatchIndex) -> None:
        if name == "company":
            uid, company = _company_for(value, index)
            if company is not None:
                self.store.put(company)
                index.add_company(company.uid, company.name)
            contact.company_uid = uid
        elif name == "role":
            contact.role = Role(value) if value in {r.value for r in Role} else None
        elif name == "photo":
            photo = incoming_from_card(remote.card).photo
            self.store.set_card_photo(contact.uid, photo)
        elif name == "name":
            contact.name = value or contact.name
        else:
            setattr(contact, name, value)

    def _keep_visibly(self, contact: Contact, name: str, value: str) -> bool:
        """A true conflict: the value here stays; the server's goes into the notes
        as the merge rule keeps a differing value. A photo here is never replaced."""
        if name == "photo":
            return False
        line = value if name == "notes" else _kept_line(name, value, " (on the server)")
        if _in_notes(contact.notes, line):
            return False
        contact.notes = _append(contact.notes, line)
        return True

    def _bring_in(self, remote: Remote, index: MatchIndex, restoring: str | None = None) -> None:
        incoming = incoming_from_card(remote.card)
        incoming.where = f"card {urlsplit(remote.href).path}"
        if restoring:
            incoming.uid = restoring
        plan = plan_contact(incoming, index, self.store)
        uid = plan.contact.uid if plan.contact else (plan.before.uid if plan.before else None)
        if uid is not None:
            self.touched.add(uid)
        if uid is None:
            self.out.problems.append(f"{incoming.where}: not brought in ({plan.reason})")
            return
        if uid in self.remote_of or (uid in self.agreed and not restoring):
            # One person, a second card there (made on a phone): merged here, the
            # card is left alone.
            apply_plan(self.store, plan, index)
            self.out.counts.updated_here += plan.action == "merge"
            return
        apply_plan(self.store, plan, index)
        if plan.action == "add":
            self.out.counts.added_here += 1
        elif plan.action == "merge":
            self.out.counts.updated_here += 1
        self.remote_of[uid] = remote

    def _capture(self, index: MatchIndex) -> None:
        """Read back what the merge rule wrote, before it is taken back."""
        names = dict(self.store.db.execute("SELECT uid, name FROM companies").fetchall())
        for uid in self.touched:
            contact = self.store.get(Contact, uid)
            if contact is None or (contact == self.local.contacts.get(uid) and uid not in self.remote_of
                                   and not self._photo_moved(uid)):
                continue
            self.contacts[uid] = contact
            self.companies[uid] = names.get(contact.company_uid) if contact.company_uid else None
            if self._photo_moved(uid):
                self.photos[uid] = self.store.card_photo(uid)
        self.out.companies = [Company(name=n, uid=u) for u, n in names.items()
                              if u not in self.local.company_names]

    def _photo_moved(self, uid: str) -> bool:
        photo = self.store.card_photo(uid)
        return (photo_digest(photo.data) if photo else None) != self.local.fields.get(uid, {}).get("photo")

    # -- what the sync reads of the planned view ----------------------------------------

    def contact(self, uid: str) -> Contact | None:
        return self.contacts.get(uid) or self.local.contacts.get(uid)

    def company(self, uid: str) -> str | None:
        if uid in self.contacts:
            return self.companies.get(uid)
        c = self.local.contacts.get(uid)
        return self.local.company_names.get(c.company_uid) if c and c.company_uid else None

    def photo(self, uid: str) -> CardPhoto | None:
        return self.photos[uid] if uid in self.photos else self.store.card_photo(uid)

    def fields(self, uid: str) -> Fields:
        if uid not in self.contacts and uid not in self.photos:
            return self.local.fields[uid]
        photo = self.photo(uid)
        return contact_fields(self.contact(uid), self.company(uid),
                              photo_digest(photo.data) if photo else None)


@dataclass
class _NewCards:
    """The cards of people not on the server yet, and those already placed there by
    an upload at once (uid → href, ETag)."""

    cards: dict[str, Upload]
    placed: dict[str, tuple[str, str | None]]


def _new_cards(client: DavClient, book: str, listing: Listing, local: LocalPeople,
               agreed: dict[str, Agreed], plan: _Planner, run: ContactsPass) -> _NewCards:
    """Every new person's card; into an empty address book, all sent at once where
    the server takes that (bulk.py)."""
    cards = {uid: Upload(uid, urljoin(book, quote(uid, safe="") + ".vcf"),
                         card_for(plan.contact(uid), plan.company(uid), plan.photo(uid), NEW_CARD_VERSION))
             for uid in dict.fromkeys([*local.contacts, *plan.contacts])
             if uid not in agreed and uid not in plan.remote_of}
    uploaded = upload_new(client, book, ADDRESSBOOK, listing, list(cards.values()))
    if uploaded is None:
        return _NewCards(cards, {})
    run.state.token = run.state.listed_token = uploaded.token
    run.problems += uploaded.problems
    return _NewCards(cards, uploaded.placed)


def _send(client: DavClient, new: _NewCards, local: LocalPeople, agreed: dict[str, Agreed],
          gone_there: set[str], plan: _Planner, run: ContactsPass, deletions: str | None) -> None:
    """Write there what is new or changed here; settle or list the deletions."""
    for uid in list(dict.fromkeys([*local.contacts, *plan.contacts])):
        a, remote = agreed.get(uid), plan.remote_of.get(uid)
        try:
            if remote is not None:
                _put_merged(client, uid, remote, plan, run)
            elif a is None:
                _put_new(client, new, uid, plan, run)
            elif uid in gone_there or a.pending_deletion == "server":
                _deleted_there(client, uid, a, plan, run, deletions)
            elif plan.fields(uid) != a.local_fields or a.pending_deletion:
                _put_changed(client, uid, a, plan, run)
        except PreconditionFailed:
            run.retry = True  # changed there meanwhile: fetched and merged on the next pass
            _forget_planned(run, plan, uid)
        if uid in plan.contacts:
            run.contacts.append(plan.contacts[uid])
            run.expected[uid] = local.hash_of(uid)
            if uid in plan.photos:
                run.photos[uid] = plan.photos[uid]
    for uid, a in agreed.items():
        if uid in local.contacts or uid in plan.contacts:
            continue
        if uid in gone_there or a.pending_deletion == "server":
            run.state.forget.append(uid)  # deleted on both sides
        elif deletions == APPLY:
            try:
                client.delete(a.href, etag=a.etag)
                run.state.forget.append(uid)
                run.counts.deleted_there += 1
            except PreconditionFailed:
                run.retry = True
        else:
            run.counts.waiting.append(Deletion("here", uid, _card_name(a)))
            if a.pending_deletion != "local":
                run.state.put.append(a.but(pending_deletion="local"))


def _agreed(uid: str, href: str, etag: str | None, text: str, fields: Fields) -> Agreed:
    return Agreed(uid, href, etag, content_hash(text), fields_hash(fields), body=text,
                  local_fields=fields)


def _put_merged(client: DavClient, uid: str, remote: Remote, plan: _Planner, run: ContactsPass) -> None:
    """A card brought in (or merged) this pass: send back what the merge added."""
    text = rewrite_card(remote.card, plan.contact(uid), plan.company(uid), plan.photo(uid))
    etag = remote.etag
    if text != remote.text and card_fields(parse_one(text, remote.href)) != remote.fields:
        etag = client.put(remote.href, text, CONTENT_TYPE, etag=remote.etag)
        run.counts.updated_there += 1
    else:
        text = remote.text
    run.state.put.append(_agreed(uid, remote.href, etag, text, plan.fields(uid)))


def _put_new(client: DavClient, new: _NewCards, uid: str, plan: _Planner, run: ContactsPass) -> None:
    card = new.cards[uid]
    if uid in new.placed:
        href, etag = new.placed[uid]
    else:
        href, etag = card.href, client.put(card.href, card.text, CONTENT_TYPE, create=True)
    run.counts.added_there += 1
    run.state.put.append(_agreed(uid, href, etag, card.text, plan.fields(uid)))


def _put_changed(client: DavClient, uid: str, a: Agreed, plan: _Planner, run: ContactsPass) -> None:
    card = parse_one(a.body, a.href) if a.body else None
    contact, company, photo = plan.contact(uid), plan.company(uid), plan.photo(uid)
    text = rewrite_card(card, contact, company, photo) if card else card_for(contact, company, photo,
                                                                             NEW_CARD_VERSION)
    etag = client.put(a.href, text, CONTENT_TYPE, etag=a.etag)
    run.counts.updated_there += 1
    run.state.put.append(_agreed(uid, a.href, etag, text, plan.fields(uid)))


def _deleted_there(client: DavClient, uid: str, a: Agreed, plan: _Planner, run: ContactsPass,
                   deletions: str | None) -> None:
    if deletions == APPLY:
        run.deletions.append(uid)
        run.expected[uid] = plan.local.hash_of(uid)
        run.state.forget.append(uid)
        run.counts.deleted_here += 1
    elif deletions == KEEP:  # put the card back
        card = parse_one(a.body, a.href) if a.body else None
        contact, company, photo = plan.contact(uid), plan.company(uid), plan.photo(uid)
        text = rewrite_card(card, contact, company, photo) if card else card_for(
            contact, company, photo, NEW_CARD_VERSION)
        etag = client.put(a.href, text, CONTENT_TYPE, create=True)
        run.counts.added_there += 1
        run.state.put.append(_agreed(uid, a.href, etag, text, plan.fields(uid)))
    else:
        run.counts.waiting.append(Deletion("server", uid, plan.contact(uid).name))
        if a.pending_deletion != "server":
            run.state.put.append(a.but(pending_deletion="server", etag=None))


def _forget_planned(run: ContactsPass, plan: _Planner, uid: str) -> None:
    """A card that changed while this pass ran: nothing of it is written here now."""
    run.state.put = [a for a in run.state.put if a.uid != uid]
    plan.contacts.pop(uid, None)
    plan.photos.pop(uid, None)


def _is_group(card: Card) -> bool:
    kinds = [p.text().strip().lower() for p in (*card.all("KIND"), *card.all("X-ADDRESSBOOKSERVER-KIND"))]
    return "group" in kinds


def _card_name(a: Agreed) -> str:
    if a.local_fields and a.local_fields.get("name"):
        return str(a.local_fields["name"])
    try:
        return card_fields(parse_one(a.body or "", a.href))["name"] or a.uid
    except ContactsFileError:
        return a.uid
