"""What changed in a collection since the last sync.

With a sync-token, one sync-collection REPORT (RFC 6578) names only the
resources changed or removed since; a server that offers none, or that forgot
the token, is asked for the whole list of hrefs and ETags (PROPFIND, Depth 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from afterword.core.sync.errors import NotDav, Refused
from afterword.core.sync.webdav import DavClient, qname, same_url


@dataclass
class Listing:
    """Resources present (href → ETag) and removed since the token. When
    `complete`, `present` is the whole collection: anything else is gone.
    Hrefs are kept unescaped, so two spellings of one href are one key."""

    present: dict[str, str | None] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    complete: bool = False
    token: str | None = None
    urls: dict[str, str] = field(default_factory=dict)  # key → the href as the server wrote it

    def add(self, href: str, etag: str | None) -> None:
        self.present[unquote(href)] = etag
        self.urls[unquote(href)] = href

    def items(self) -> list[tuple[str, str | None]]:
        """(href as the server wrote it, ETag) of every resource present."""
        return [(self.urls[key], etag) for key, etag in self.present.items()]

    def remove(self, href: str) -> None:
        self.removed.add(unquote(href))

    def mentions(self, href: str) -> bool:
        return unquote(href) in self.present

    def etag(self, href: str) -> str | None:
        return self.present.get(unquote(href))

    def is_gone(self, href: str) -> bool:
        key = unquote(href)
        return key in self.removed or (self.complete and key not in self.present)

    def changed(self, href: str, etag: str | None) -> bool:
        """Whether the server's copy differs from the one agreed on (at `etag`)."""
        if self.is_gone(href):
            return True
        if not self.mentions(href):
            return False  # not mentioned since the token: unchanged
        return etag is not None and self.etag(href) != etag


def list_changes(client: DavClient, collection: str, token: str | None) -> Listing:
    for attempt in ([token, None] if token else [None]):
        # A server may have forgotten the token (start over with none) or offer
        # no sync-collection at all (list everything).
        try:
            return _sync_collection(client, collection, attempt)
        except NotDav:
            break
        except Refused as exc:
            if not exc.unsupported:
                raise
    return _propfind_all(client, collection)


def _sync_collection(client: DavClient, collection: str, token: str | None) -> Listing:
    root = ET.Element(qname("D", "sync-collection"))
    ET.SubElement(root, qname("D", "sync-token")).text = token or ""
    ET.SubElement(root, qname("D", "sync-level")).text = "1"
    ET.SubElement(ET.SubElement(root, qname("D", "prop")), qname("D", "getetag"))
    answer = client.report(collection, ET.tostring(root, xml_declaration=True, encoding="utf-8"),
                           depth=0)
    if answer.sync_token is None:
        raise NotDav("no sync-token in the answer")
    listing = Listing(complete=not token, token=answer.sync_token)
    for response in answer.responses:
        if same_url(response.url, collection):
            continue
        if response.status == 404:
            listing.remove(response.url)
        else:
            listing.add(response.url, response.etag)
    return listing


def _propfind_all(client: DavClient, collection: str) -> Listing:
    listing = Listing(complete=True)
    for response in client.propfind(collection, [qname("D", "getetag"), qname("D", "resourcetype")],
                                    depth=1):
        if same_url(response.url, collection) or qname("D", "collection") in response.resource_types():
            continue
        listing.add(response.url, response.etag)
    return listing


def settle(client: DavClient, collection: str, token: str | None,
           written: dict[str, str | None]) -> str | None:
    """The token after this sync's own writes: asked for the changes since `token`,
    the server names only what was just written (with the ETags it told), so the
    next sync need not read them back. If anything else changed meanwhile, the
    old token stays and the next sync looks at it all."""
    if not token or not any(unquote(url).startswith(unquote(collection)) for url in written):
        return token
    try:
        after = _sync_collection(client, collection, token)
    except (Refused, NotDav):
        return token
    for key, etag in after.present.items():
        if key not in written or (written[key] is not None and written[key] != etag):
            return token
    if any(key not in written for key in after.removed):
        return token
    return after.token
