"""The one object passed to whatever needs the app's state: no module singletons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from afterword.core.clock import local_now as _zone_now
from afterword.core.store import Store


def local_now() -> datetime:
    """Now, aware, in the computer's IANA time zone (a ZoneInfo, so its name is known
    and dates across a daylight-saving change get their own offset)."""
    return _zone_now()


@dataclass
class AppContext:
    """The open database, its path and the clock: what every page and command reads."""

    store: Store
    db_path: Path
    clock: Callable[[], datetime] = field(default=local_now)

    def today(self) -> date:
        """The local date in the clock's zone."""
        return self.clock().date()

    def zone(self) -> tzinfo:
        """The user's time zone: where a typed date and time of day are meant."""
        return self.clock().tzinfo
