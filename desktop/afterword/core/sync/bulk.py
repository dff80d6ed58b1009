"""The first upload into an empty collection, in one request where the server takes it.

Creating n resources one PUT at a time costs some servers O(n²): Radicale reads
every resource of the collection to check each new one's UID is not taken, so
the first sync of 2,000 contacts and their reminders kept it busy for minutes.
Radicale also takes a whole address book (vCards one after another), or a whole
calendar (one VCALENDAR), in one PUT on the collection's own URL, which replaces
the collection's content. Afterword does that only where nothing can be lost,
and checks the result:

- the collection is empty, seen in one PROPFIND together with its ETag, and the
  PUT carries If-Match with that ETag: a card a phone adds meanwhile changes the
  ETag, and the server refuses (412) instead of replacing it;
- the collection has no property but those set back after the PUT (its name,
  description, colour, a calendar's kinds of entry), since such a PUT drops them;
- an entry that carries a VTIMEZONE goes by a PUT of its own (the server would
  rebuild the time zone from its own tables);
- then the collection is listed again: each resource sent and listed is recorded
  at the ETag listed; one missing goes by a PUT of its own; one not sent (a
  phone's, saved right after the upload) is left for the next sync, which then
  lists the whole collection.

A server that does not take it (no ETag on the collection, or 403, 405, 409, 415,
501 …: sabre/dav in Nextcloud and Baïkal, Cyrus at Fastmail, iCloud) is left as
it was, and every resource goes by a PUT of its own, as it always could.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import httpx

from afterword.core.sync.discovery import ADDRESSBOOK
from afterword.core.sync.errors import NotDav, PreconditionFailed, Refused
from afterword.core.sync.listing import Listing, list_changes
from afterword.core.sync.webdav import DavClient, qname, same_url

# Below this many new resources single PUTs cost little on any server, and the
# four requests of an upload at once (look, upload, name, read back) save nothing.
SMALLEST = 20
LARGEST_BODY = 50_000_000  # bytes; Radicale takes up to 100 MB in one request by default
# The server stores the whole collection before it answers.
UPLOAD_TIMEOUT = httpx.Timeout(300.0, connect=10.0)
CONTENT_TYPES = {ADDRESSBOOK: "text/vcard", "calendar": "text/calendar"}
_APPLE = "http://apple.com/ns/ical/"

# What the server works out for itself: left alone.
_LIVE = {qname("D", name) for name in (
    "resourcetype", "getetag", "getlastmodified", "getcontenttype", "getcontentlength",
    "getcontentlanguage", "creationdate", "lockdiscovery", "supportedlock", "sync-token", "owner",
    "group", "acl", "acl-restrictions", "inherited-acl-set", "current-user-principal",
    "current-user-privilege-set", "principal-collection-set", "principal-URL",
    "supported-privilege-set", "supported-report-set", "quota-available-bytes", "quota-used-bytes")}
_LIVE |= {qname("CS", "getctag"), qname("A", "supported-address-data"), qname("A", "max-resource-size"),
          qname("C", "supported-calendar-data"), qname("C", "max-resource-size"),
          qname("C", "min-date-time"), qname("C", "max-date-time"), qname("C", "max-instances"),
          qname("C", "max-attendees-per-instance"), "{http://radicale.org/ns/}version"}
# What an upload of the whole collection drops, set back as the server showed it.
_SET_BACK = {qname("D", "displayname"), qname("A", "addressbook-description"),
             qname("C", "calendar-description"), qname("C", "supported-calendar-component-set"),
             qname("C", "calendar-timezone"), f"{{{_APPLE}}}calendar-color",
             f"{{{_APPLE}}}calendar-order"}
_UID = re.compile(r"^UID(?:;[^:\r\n]*)?:(.*?)\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Upload:
    """One new resource: the local uid, where a PUT of its own would write it, its text."""

    uid: str
    href: str
    text: str


@dataclass
class Uploaded:
    """What an upload at once placed, as the collection was listed right after it."""

    placed: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # uid → href, ETag
    token: str | None = None  # covers exactly what was placed; None: list everything next time
    problems: list[str] = field(default_factory=list)


def upload_new(client: DavClient, collection: str, kind: str, listing: Listing,
               uploads: list[Upload]) -> Uploaded | None:
    """Put `uploads` into the empty `collection` in one request, where that is safe
    and the server takes it. None when it was not done: then every resource goes
    by a PUT of its own; otherwise only those not in `Uploaded.placed` do."""
    whole = [u for u in uploads if "BEGIN:VTIMEZONE" not in u.text]
    if len(whole) < SMALLEST or not listing.complete or listing.present:
        return None
    body = _body(kind, whole)
    if body is None or len(body) > LARGEST_BODY:
        return None
    look = _look(client, collection)
    if look is None:
        return None
    etag, set_back = look
    try:
        client.request("PUT", collection, body=body, expect=(200, 201, 204), timeout=UPLOAD_TIMEOUT,
                       headers={"If-Match": etag, "Content-Type": f"{CONTENT_TYPES[kind]}; charset=utf-8"})
    except (PreconditionFailed, Refused, NotDav):
        return None  # a card came meanwhile (412), or the server does not take it: nothing replaced
    uploaded = Uploaded()
    if set_back and client.proppatch(collection, set_back):
        uploaded.problems.append(f"the {'address book' if kind == ADDRESSBOOK else 'calendar'}'s "
                                 "name and settings could not be set back after the first upload")
    _read_back(client, collection, kind, whole, uploaded)
    return uploaded


def _look(client: DavClient, collection: str) -> tuple[str, list[ET.Element]] | None:
    """The collection's ETag and the properties to set back, if it is empty and has
    no property that could not be set back (None otherwise)."""
    try:
        responses = client.propfind(collection, None, depth=1)
    except (Refused, NotDav):
        return None
    if len(responses) != 1 or not same_url(responses[0].url, collection) or not responses[0].etag:
        return None
    props = responses[0].props
    if set(props) - _LIVE - _SET_BACK:
        return None
    return responses[0].etag, [element for name, element in props.items() if name in _SET_BACK]


def _body(kind: str, uploads: list[Upload]) -> bytes | None:
    """vCards one after another, or one VCALENDAR holding every entry."""
    if kind == ADDRESSBOOK:
        return "".join(u.text if u.text.endswith("\r\n") else u.text + "\r\n" for u in uploads).encode()
    parts = [_split_calendar(u.text) for u in uploads]
    if any(p is None for p in parts):
        return None
    header = parts[0][0]
    return (header + "".join(entries for _, entries in parts) + "END:VCALENDAR\r\n").encode()


def _split_calendar(text: str) -> tuple[str, str] | None:
    """A VCALENDAR as Afterword writes it (its own properties first) → the part up to
    its first component, and its components."""
    start, end = text.find("\r\nBEGIN:"), text.rfind("END:VCALENDAR")
    if not text.startswith("BEGIN:VCALENDAR\r\n") or start < 0 or end < start:
        return None
    return text[:start + 2], text[start + 2:end]


def _read_back(client: DavClient, collection: str, kind: str, sent: list[Upload],
               uploaded: Uploaded) -> None:
    """List the collection: what was sent and is there is placed, at the ETag listed."""
    after = list_changes(client, collection, None)
    by_href = {unquote(u.href): u for u in sent}
    others = {}
    for href, etag in after.items():
        upload = by_href.get(unquote(href))
        if upload is not None:
            uploaded.placed[upload.uid] = (upload.href, etag)
        else:
            others[href] = etag
    strangers = _place_renamed(client, collection, kind, others, sent, uploaded) if others else 0
    uploaded.token = None if strangers else after.token
    for href, etag in uploaded.placed.values():
        client.written[unquote(href)] = etag


def _place_renamed(client: DavClient, collection: str, kind: str, listed: dict[str, str | None],
                   sent: list[Upload], uploaded: Uploaded) -> int:
    """Resources listed at an href no upload named: the server may have named one
    of ours itself (after its UID); any other is not ours. Returns how many are not."""
    waiting = {uid: u for u in sent if u.uid not in uploaded.placed and (uid := _uid_of(u.text))}
    fetched = client.multiget(collection, list(listed),
                              "A:address-data" if kind == ADDRESSBOOK else "C:calendar-data")
    strangers = 0
    for href, etag in listed.items():
        text, fetched_etag = fetched.get(unquote(href), (None, None))
        uid = _uid_of(text) if text else None
        upload = waiting.pop(uid, None) if uid else None
        if upload is None:
            strangers += 1
        else:
            uploaded.placed[upload.uid] = (href, fetched_etag or etag)
    return strangers


def _uid_of(text: str) -> str | None:
    """The UID of a resource's one card or entry (None: none, or more than one)."""
    uids = {uid.strip() for uid in _UID.findall(re.sub(r"\r?\n[ \t]", "", text))}
    return uids.pop() if len(uids) == 1 else None
