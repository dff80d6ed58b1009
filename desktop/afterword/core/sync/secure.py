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
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and is_loopback(parts.hostname or ""):
        return
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotSecure(f"{url!r} is not a web address (it should start with https://)")
    raise NotSecure(f"{url} is not encrypted; use an https:// address so the password "
                    "is not sent in the clear")
