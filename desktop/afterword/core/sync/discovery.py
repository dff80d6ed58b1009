"""From whatever address the user has (server root, principal or collection) to
the address book and calendar to sync with.

The walk CardDAV/CalDAV clients share (RFC 6764 §6, RFC 5397, RFC 6352 §7.1.1,
RFC 4791 §6.2.1): the address itself; else /.well-known/carddav|caldav; its
current-user-principal; the principal's addressbook-home-set and
calendar-home-set; in each home the collection named "Afterword", created when
there is none. A collection chosen by the user is used as it is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from afterword.core.sync.errors import NotDav, Refused, SyncError
from afterword.core.sync.webdav import DavClient, Response, qname, same_url

COLLECTION_NAME = "Afterword"
ADDRESSBOOK, CALENDAR = "addressbook", "calendar"
_TYPE = {ADDRESSBOOK: qname("A", "addressbook"), CALENDAR: qname("C", "calendar")}
_HOME = {ADDRESSBOOK: qname("A", "addressbook-home-set"), CALENDAR: qname("C", "calendar-home-set")}
_WELL_KNOWN = {ADDRESSBOOK: "/.well-known/carddav", CALENDAR: "/.well-known/caldav"}
_NOUN = {ADDRESSBOOK: "address book", CALENDAR: "calendar"}
_PROBE = [qname("D", "resourcetype"), qname("D", "current-user-principal"), qname("D", "displayname"),
          _HOME[ADDRESSBOOK], _HOME[CALENDAR]]
_LIST = [qname("D", "resourcetype"), qname("D", "displayname"),
         qname("C", "supported-calendar-component-set")]


@dataclass(frozen=True)
class Collections:
    addressbook: str
    calendar: str

    def describe(self) -> str:
        return f"address book {_path(self.addressbook)}; calendar {_path(self.calendar)}"


def discover(client: DavClient, url: str, *, addressbook: str | None = None,
             calendar: str | None = None, name: str = COLLECTION_NAME,
             create: bool = True) -> Collections:
    """The collections to sync with. Chosen ones are checked; the others are found
    in the account's homes, or created there (with `create` False, a collection
    still to be made is named "(to be created in HOME)"). Raises SyncError in words."""
    chosen = {ADDRESSBOOK: addressbook, CALENDAR: calendar}
    found: dict[str, str] = {}
    for kind, given in chosen.items():
        if given:
            found[kind] = check_collection(client, given, kind)
    if len(found) == 2:
        return Collections(found[ADDRESSBOOK], found[CALENDAR])
    start = _probe(client, url)
    for kind in (ADDRESSBOOK, CALENDAR):
        if kind not in found and start is not None and _TYPE[kind] in start.resource_types():
            found[kind] = start.url  # --url named the collection itself
    homes = _homes(client, url, start)
    for kind in (ADDRESSBOOK, CALENDAR):
        if kind not in found:
            if not homes.get(kind):
                raise NotDav(f"{url} does not say where its {_NOUN[kind]}s are; give the "
                             f"{_NOUN[kind]}'s own address instead")
            found[kind] = find_or_create(client, homes[kind], kind, name, create=create)
    return Collections(found[ADDRESSBOOK], found[CALENDAR])


def check_collection(client: DavClient, url: str, kind: str) -> str:
    """A collection the user chose: it must exist and be of the right kind."""
    responses = client.propfind(url, [qname("D", "resourcetype")], depth=0)
    if not responses or _TYPE[kind] not in responses[0].resource_types():
        raise NotDav(f"{url} is not a{'n' if kind == ADDRESSBOOK else ''} {_NOUN[kind]}")
    return _as_folder(responses[0].url)


def _probe(client: DavClient, url: str) -> Response | None:
    """The properties of the given address; None when it is not a WebDAV resource
    at all (a server root that only answers on its well-known addresses)."""
    try:
        responses = client.propfind(url, _PROBE, depth=0)
    except NotDav:
        return None
    except Refused as exc:
        if exc.unsupported:
            return None
        raise
    return responses[0] if responses else None


def _homes(client: DavClient, url: str, start: Response | None) -> dict[str, str]:
    """addressbook-home-set and calendar-home-set of the account. A home the
    principal does not name is looked for through that kind's own well-known
    address (a provider may keep contacts and calendars on two servers)."""
    homes = _home_sets(start) if start is not None else {}
    for principal in _principals(client, url, start):
        if len(homes) == 2:
            break
        responses = client.propfind(principal, _PROBE, depth=0)
        if responses:
            homes = {**_home_sets(responses[0]), **homes}
    for kind in (ADDRESSBOOK, CALENDAR):
        if kind not in homes:
            for principal in _principals_at(client, urljoin(url, _WELL_KNOWN[kind])):
                responses = client.propfind(principal, _PROBE, depth=0)
                if responses and kind in _home_sets(responses[0]):
                    homes[kind] = _home_sets(responses[0])[kind]
                    break
    return homes


def _principals(client: DavClient, url: str, start: Response | None) -> list[str]:
    """The current-user-principal, from the address itself or its well-known ones."""
    found = []
    if start is not None:
        found += [urljoin(start.url, h) for h in start.hrefs(qname("D", "current-user-principal"))]
    if not found:
        for path in _WELL_KNOWN.values():
            found += _principals_at(client, urljoin(url, path))
            if found:
                break
    if not found:
        if start is None:
            raise NotDav(f"{url} does not answer as a CardDAV/CalDAV server; check the address")
        found = [start.url]  # a principal that does not name itself
    return list(dict.fromkeys(found))


def _principals_at(client: DavClient, url: str) -> list[str]:
    probe = _probe(client, url)
    if probe is None:
        return []
    return [urljoin(probe.url, h) for h in probe.hrefs(qname("D", "current-user-principal"))]


def _home_sets(response: Response) -> dict[str, str]:
    homes = {}
    for kind in (ADDRESSBOOK, CALENDAR):
        hrefs = response.hrefs(_HOME[kind])
        if hrefs:
            homes[kind] = _as_folder(urljoin(response.url, hrefs[0]))
    return homes


def find_or_create(client: DavClient, home: str, kind: str, name: str = COLLECTION_NAME, *,
                   create: bool = True) -> str:
    """The collection of `kind` called `name` in `home`, made if there is none. One
    at the address Afterword gives its own is taken too, whatever its name (renamed,
    or a first sync stopped before it set the name back: bulk.py), so the cards
    there are not made again in a second one."""
    ours = None
    for response in client.propfind(home, _LIST, depth=1):
        if same_url(response.url, home) or _TYPE[kind] not in response.resource_types():
            continue
        if (response.text(qname("D", "displayname")) or "").casefold() == name.casefold():
            return _as_folder(response.url)
        if same_url(response.url, urljoin(home, _slug(kind, name))):
            ours = _as_folder(response.url)
    if ours is not None:
        return ours
    if not create:
        return f"(a new {_NOUN[kind]} {name!r}, to be created in {_path(home)})"
    return create_collection(client, home, kind, name)


def _slug(kind: str, name: str) -> str:
    return f"{name.lower()}-{'contacts' if kind == ADDRESSBOOK else 'reminders'}"


def create_collection(client: DavClient, home: str, kind: str, name: str) -> str:
    slug = _slug(kind, name)
    for attempt in (slug, f"{slug}-{uuid.uuid4().hex[:8]}"):
        url = urljoin(home, attempt + "/")
        try:
            if kind == ADDRESSBOOK:
                client.make_collection(url, _mkcol_addressbook(name))
            else:
                client.make_collection(url, _mkcalendar(name), method="MKCALENDAR")
            return url
        except Refused as exc:
            if exc.status in (405, 409):
                continue  # that name is taken by something else: try another
            raise SyncError(f"the server would not create an {_NOUN[kind]} named {name!r} "
                            f"({exc}); choose an existing one instead "
                            f"(--{kind} URL, or Preferences ▸ Sync)") from None
    raise SyncError(f"could not create an {_NOUN[kind]} in {home}; choose an existing one instead")


def _mkcol_addressbook(name: str) -> bytes:
    # Extended MKCOL (RFC 5689), as CardDAV asks (RFC 6352 §6.3.1).
    root = ET.Element(qname("D", "mkcol"))
    prop = ET.SubElement(ET.SubElement(root, qname("D", "set")), qname("D", "prop"))
    kinds = ET.SubElement(prop, qname("D", "resourcetype"))
    ET.SubElement(kinds, qname("D", "collection"))
    ET.SubElement(kinds, qname("A", "addressbook"))
    ET.SubElement(prop, qname("D", "displayname")).text = name
    return ET.tostring(root, xml_declaration=True, encoding="utf-8")


def _mkcalendar(name: str) -> bytes:
    root = ET.Element(qname("C", "mkcalendar"))
    prop = ET.SubElement(ET.SubElement(root, qname("D", "set")), qname("D", "prop"))
    ET.SubElement(prop, qname("D", "displayname")).text = name
    components = ET.SubElement(prop, qname("C", "supported-calendar-component-set"))
    for component in ("VEVENT", "VTODO"):
        ET.SubElement(components, qname("C", "comp"), name=component)
    return ET.tostring(root, xml_declaration=True, encoding="utf-8")


def _path(url: str) -> str:
    return urlsplit(url).path if url.startswith(("http://", "https://")) else url


def _as_folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"
