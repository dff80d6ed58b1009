"""The one object passed to whatever needs the app's state: no module singletons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from afterword.core.store import Store


def local_now() -> datetime:
    """Now, aware, in the computer's local time zone."""
    return datetime.now().astimezone()


@dataclass
class AppContext:
    store: Store
    db_path: Path
    clock: Callable[[], datetime] = field(default=local_now)

    def today(self) -> date:
        return self.clock().date()
