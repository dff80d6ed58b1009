"""Where a password may travel: HTTPS anywhere, plain HTTP only to this machine.
(Kept apart from the HTTP client, so the window can check an address it is
typed without loading the client.)"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from afterword.core.sync.errors import NotSecure


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_secure(url: str) -> None:
    """HTTPS anywhere; plain HTTP only to this machine (tests, a local server)."""
    not_web = NotSecure(f"{url!r} is not a web address (it should start with https://)")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- read to refuse a port out of range or not a number
    except ValueError:  # "https://[::1", "https://host:99999/"
        raise not_web from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise not_web
    if parts.scheme == "https":
        return
    if is_loopback(parts.hostname):
        return
    raise NotSecure(f"{url} is not encrypted; use an https:// address so the password "
                    "is not sent in the clear")
