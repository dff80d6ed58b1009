"""A small WebDAV client for CardDAV and CalDAV, over httpx.

httpx does the HTTP (connections kept alive, basic auth, timeouts, TLS checks,
redirects). What no maintained library offers for CardDAV is written here: the
XML bodies of PROPFIND / REPORT / MKCOL and reading the 207 Multi-Status answers
(with the standard library's ElementTree), and turning every failure into one
sentence. Passwords travel only over HTTPS, or plain HTTP to this machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import httpx

from afterword import __version__
from afterword.core.sync.errors import (
    AuthFailed,
    NotDav,
    NotSecure,
    PreconditionFailed,
    Refused,
    Unreachable,
)
from afterword.core.sync.secure import check_secure

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CALSERVER = "http://calendarserver.org/ns/"
NAMESPACES = {"D": DAV, "A": CARDDAV, "C": CALDAV, "CS": CALSERVER}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def qname(prefix: str, name: str) -> str:
    """'D', 'getetag' → '{DAV:}getetag' (ElementTree's spelling)."""
    return f"{{{NAMESPACES[prefix]}}}{name}"


@dataclass
class Response:
    """One <D:response> of a Multi-Status answer: the href (absolute URL), its
    status and the properties found (by ElementTree name)."""

    url: str
    status: int
    props: dict[str, ET.Element] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        element = self.props.get(name)
        return None if element is None else (element.text or "").strip()

    def hrefs(self, name: str) -> list[str]:
        element = self.props.get(name)
        if element is None:
            return []
        return [(h.text or "").strip() for h in element.iter(qname("D", "href")) if h.text]

    def resource_types(self) -> set[str]:
        element = self.props.get(qname("D", "resourcetype"))
        return set() if element is None else {child.tag for child in element}

    @property
    def etag(self) -> str | None:
        return self.text(qname("D", "getetag"))


@dataclass
class MultiStatus:
    responses: list[Response]
    sync_token: str | None = None


def propfind_body(props: Iterable[str] | None) -> bytes:
    """The named properties, or (None) every property the server keeps."""
    root = ET.Element(qname("D", "propfind"))
    if props is None:
        ET.SubElement(root, qname("D", "allprop"))
        return ET.tostring(root, xml_declaration=True, encoding="utf-8")
    prop = ET.SubElement(root, qname("D", "prop"))
    for name in props:
        ET.SubElement(prop, name)
    return ET.tostring(root, xml_declaration=True, encoding="utf-8")


class DavClient:
    """One account on one server. Counts its requests by method (`requests`),
    so a caller can tell that a sync with nothing to do wrote nothing."""

    def __init__(self, url: str, user: str, password: str, *,
                 timeout: httpx.Timeout | float = TIMEOUT, transport: httpx.BaseTransport | None = None):
        check_secure(url)
        self.base_url = url
        self.requests: Counter[str] = Counter()
        self.written: dict[str, str | None] = {}  # unescaped URL → ETag told (None: deleted or untold)
        self._http = httpx.Client(
            auth=httpx.BasicAuth(user, password), timeout=timeout, follow_redirects=True,
            headers={"User-Agent": f"Afterword/{__version__}"}, transport=transport,
            event_hooks={"request": [lambda request: check_secure(str(request.url))]},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DavClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plain requests --------------------------------------------------------------

    def request(self, method: str, url: str, *, body: bytes | None = None,
                headers: dict[str, str] | None = None, expect: tuple[int, ...] = (200,),
                timeout: httpx.Timeout | None = None) -> httpx.Response:
        """Send one request; an answer outside `expect` becomes a SyncError.
        412 becomes PreconditionFailed, so a caller can fetch, merge and retry."""
        self.requests[method] += 1
        try:
            response = self._http.request(method, url, content=body, headers=headers,
                                          timeout=timeout or httpx.USE_CLIENT_DEFAULT)
        except NotSecure:
            raise
        except httpx.InvalidURL:  # a collection named by the user (or a server) that is no address
            raise NotSecure(f"{url!r} is not a web address (it should start with https://)") from None
        except httpx.TimeoutException:
            raise Unreachable(f"{_host(url)} did not answer in time; nothing was changed here, "
                              "the next sync tries again") from None
        except httpx.TransportError as exc:
            raise Unreachable(f"cannot reach {_host(url)} ({_reason(exc)}); nothing was changed "
                              "here, the next sync tries again") from None
        if response.status_code in expect:
            return response
        raise _failure(method, url, response)

    def get(self, url: str) -> tuple[str, str | None]:
        """The body of a resource and its ETag."""
        response = self.request("GET", url)
        return response.text, response.headers.get("ETag")

    def put(self, url: str, body: str, content_type: str, *, etag: str | None = None,
            create: bool = False) -> str | None:
        """Write a resource: `create` only if it does not exist (If-None-Match: *),
        else only if it is still `etag` (If-Match). Returns the new ETag, if told."""
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if create:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        response = self.request("PUT", url, body=body.encode("utf-8"), headers=headers,
                                expect=(200, 201, 204))
        self.written[unquote(url)] = response.headers.get("ETag")
        return response.headers.get("ETag")

    def delete(self, url: str, *, etag: str | None = None) -> None:
        """Delete a resource (only if it is still `etag`); one already gone is fine."""
        headers = {"If-Match": etag} if etag else {}
        self.request("DELETE", url, headers=headers, expect=(200, 204, 404))
        self.written[unquote(url)] = None

    # -- WebDAV ------------------------------------------------------------------------

    def propfind(self, url: str, props: Iterable[str] | None, depth: int = 0) -> list[Response]:
        """The named properties (None: all the server keeps) of `url` and, at depth 1,
        of its members."""
        response = self.request("PROPFIND", url, body=propfind_body(props),
                                headers={"Depth": str(depth), "Content-Type": "application/xml"},
                                expect=(207,))
        return self.parse(response).responses

    def report(self, url: str, body: bytes, depth: int | None = 1) -> MultiStatus:
        headers = {"Content-Type": "application/xml"}
        if depth is not None:
            headers["Depth"] = str(depth)
        return self.parse(self.request("REPORT", url, body=body, headers=headers, expect=(207,)))

    def multiget(self, collection: str, urls: list[str], data: str, *, batch: int = 100,
                 ) -> dict[str, tuple[str | None, str | None]]:
        """The bodies (and ETags) of many resources, `batch` per request:
        addressbook-multiget (data "A:address-data") or calendar-multiget
        ("C:calendar-data"). url → (body, etag); a resource gone meanwhile is left out."""
        prefix, name = data.split(":")
        found: dict[str, tuple[str | None, str | None]] = {}
        for start in range(0, len(urls), batch):
            root = ET.Element(qname(prefix, "addressbook-multiget" if prefix == "A" else "calendar-multiget"))
            prop = ET.SubElement(root, qname("D", "prop"))
            ET.SubElement(prop, qname("D", "getetag"))
            ET.SubElement(prop, qname(prefix, name))
            for url in urls[start:start + batch]:
                ET.SubElement(root, qname("D", "href")).text = urlsplit(url).path
            answer = self.report(collection, ET.tostring(root, xml_declaration=True, encoding="utf-8"),
                                 depth=None)
            for response in answer.responses:
                if response.status == 200 and qname(prefix, name) in response.props:
                    found[unquote(response.url)] = (response.props[qname(prefix, name)].text,
                                                    response.etag)
        return found

    def proppatch(self, url: str, props: Iterable[ET.Element]) -> set[str]:
        """Set properties (elements as a PROPFIND gave them); returns the names of
        those the server did not set."""
        root = ET.Element(qname("D", "propertyupdate"))
        prop = ET.SubElement(ET.SubElement(root, qname("D", "set")), qname("D", "prop"))
        prop.extend(props)
        wanted = {element.tag for element in prop}
        response = self.request("PROPPATCH", url, body=ET.tostring(root, xml_declaration=True,
                                                                   encoding="utf-8"),
                                headers={"Content-Type": "application/xml"}, expect=(207,))
        answered = self.parse(response).responses
        return wanted - (set(answered[0].props) if answered else set())

    def make_collection(self, url: str, body: bytes, method: str = "MKCOL") -> None:
        self.request(method, url, body=body, headers={"Content-Type": "application/xml"},
                     expect=(201,))

    def parse(self, response: httpx.Response) -> MultiStatus:
        """Read a 207 answer; hrefs become absolute URLs."""
        try:
            root = ET.fromstring(response.content)
        except ET.ParseError:
            raise NotDav(f"{_host(str(response.url))} answered with something other than WebDAV "
                         "XML; is this the address of a CardDAV/CalDAV server?") from None
        if root.tag != qname("D", "multistatus"):
            raise NotDav(f"{_host(str(response.url))} did not answer as a CardDAV/CalDAV server")
        base = str(response.url)
        responses = []
        for item in root.findall(qname("D", "response")):
            href = item.findtext(qname("D", "href"))
            if not href:
                continue
            url = urljoin(base, href.strip())
            status = _status(item.findtext(qname("D", "status")))
            props: dict[str, ET.Element] = {}
            for propstat in item.findall(qname("D", "propstat")):
                if _status(propstat.findtext(qname("D", "status"))) != 200:
                    continue
                for prop in propstat.findall(qname("D", "prop")):
                    for element in prop:
                        props[element.tag] = element
            responses.append(Response(url, status if status else 200, props))
        return MultiStatus(responses, (root.findtext(qname("D", "sync-token")) or "").strip() or None)


def same_url(a: str, b: str) -> bool:
    """Two hrefs for one resource (a trailing slash or %-escapes aside)."""
    return unquote(a).rstrip("/") == unquote(b).rstrip("/")


def _status(line: str | None) -> int:
    # "HTTP/1.1 404 Not Found" → 404
    try:
        return int((line or "").split()[1])
    except (IndexError, ValueError):
        return 0


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc).strip()
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "no such server name"
    if "Connection refused" in text or "ConnectError" in type(exc).__name__ and not text:
        return "connection refused"
    if "CERTIFICATE" in text.upper():
        return "its certificate is not trusted"
    return text.splitlines()[0] if text else type(exc).__name__


def _failure(method: str, url: str, response: httpx.Response) -> Exception:
    status = response.status_code
    where = _host(url)
    if status == 401:
        return AuthFailed(f"{where} refused the user name or password; check them in "
                          "Preferences ▸ Sync (or --user and the password)")
    if status == 412:
        return PreconditionFailed(f"{url} changed on the server meanwhile")
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if status < 400 and kind == "text/html":  # a web page (a login page, a web site)
        return NotDav(f"{where} answered with a web page, not as a CardDAV/CalDAV server; "
                      "check the address")
    if status == 403:
        return Refused(f"{where} does not allow {method} on {urlsplit(url).path} (403 Forbidden)", 403)
    if status == 404:
        return Refused(f"{where} has nothing at {urlsplit(url).path} (404 Not Found); check the address",
                       404)
    if status == 507:
        return Refused(f"{where} is out of space (507); nothing was changed here", 507)
    phrase = response.reason_phrase or "error"
    return Refused(f"{where} refused {method} {urlsplit(url).path}: {status} {phrase}; "
                   "nothing was changed here, the next sync tries again", status)
