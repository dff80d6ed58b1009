"""The computer's time zone as an IANA zone, and "now" in it.

`datetime.now().astimezone()` gives a fixed offset without a name: a round saved
with it lands in "UTC" and a date across a daylight-saving change gets today's
offset. The zone is read here without Qt, the way the C library finds it: the TZ
variable, then /etc/localtime (a link into the zoneinfo folder), then
/etc/timezone; UTC when none names a zone this Python knows.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = ZoneInfo("UTC")
LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def zone_named(name: str | None) -> ZoneInfo | None:
    """The zone for an IANA name or a path inside a zoneinfo folder; None if unknown."""
    if not name:
        return None
    name = name.strip().lstrip(":")
    if "zoneinfo/" in name:  # /usr/share/zoneinfo/Europe/Berlin, macOS /var/db/timezone/zoneinfo/…
        name = name.rsplit("zoneinfo/", 1)[1]
    if not name or name.startswith("/"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _localtime_target() -> str | None:
    try:
        return str(LOCALTIME.resolve(strict=True)) if LOCALTIME.is_symlink() else None
    except OSError:
        return None


def _timezone_file() -> str | None:
    try:
        return TIMEZONE_FILE.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def named_system_zone() -> ZoneInfo | None:
    """The zone TZ, /etc/localtime or /etc/timezone names, read afresh (the user may
    travel while the app runs); None where none names a zone this Python knows."""
    tz = os.environ.get("TZ")
    if tz:
        # A TZ that names no zone (a POSIX rule such as "CET-1CEST") falls through.
        zone = zone_named(tz)
        if zone is not None:
            return zone
    for source in (_localtime_target, _timezone_file):
        zone = zone_named(source())
        if zone is not None:
            return zone
    return None


def system_zone() -> ZoneInfo:
    """The computer's time zone (UTC where nothing names one)."""
    return named_system_zone() or UTC


def local_now(zone: ZoneInfo | None = None) -> datetime:
    """Now, aware, in `zone` (default: the computer's zone), with its IANA name."""
    return datetime.now(zone or system_zone())
