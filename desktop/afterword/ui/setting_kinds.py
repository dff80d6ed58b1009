"""The kinds of remembered choice: each knows its key, its default and how to read
and write its value in the settings file, so a caller never parses QSettings text.

QSettings' INI files give back text for what was written as a number or a
flag ('5', 'true'), a one-item list as a plain string and an empty list as
nothing at all; each kind reads what it wrote (or an older form of it) back as
its own type, and anything unreadable as its default.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import time
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

# Every declared setting by key (a family by its prefix), so no key is used twice
# and the whole set can be listed and checked.
REGISTRY: dict[str, Setting[Any] | PerDatabase] = {}


def _register(key: str, setting: Setting[Any] | PerDatabase) -> None:
    if key in REGISTRY:
        raise ValueError(f"the setting {key!r} is declared twice")
    REGISTRY[key] = setting


class Setting(Generic[T]):
    """One remembered choice. `default` may be a function, for a default that
    depends on the computer (its locale, say)."""

    def __init__(self, key: str, default: T | Callable[[], T], *, register: bool = True):
        self.key, self._default = key, default
        if register:
            _register(key, self)

    def default(self) -> T:
        return self._default() if callable(self._default) else self._default

    def read(self, settings: QSettings) -> T:
        """The value kept, or the default when there is none or it cannot be read."""
        raw = settings.value(self.key)
        if raw is None:
            return self.default()
        try:
            return self.parse(raw)
        except (TypeError, ValueError):
            return self.default()

    def write(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, self.dump(value))

    def forget(self, settings: QSettings) -> None:
        settings.remove(self.key)

    def parse(self, raw: Any) -> T:
        """The value from what QSettings gives back; ValueError if it is not one."""
        raise NotImplementedError

    def dump(self, value: T) -> Any:
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"


class Flag(Setting[bool]):
    kind = bool

    def parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        raise ValueError(raw)


class Number(Setting[int]):
    """A whole number, kept within [low, high]."""

    kind = int

    def __init__(self, key: str, default: int, *, low: int, high: int, register: bool = True):
        super().__init__(key, default, register=register)
        self.low, self.high = low, high

    def parse(self, raw: Any) -> int:
        return max(self.low, min(self.high, int(str(raw).strip())))

    def dump(self, value: int) -> int:
        return max(self.low, min(self.high, int(value)))


class Text(Setting[str]):
    """A line of text; `normal` tidies what is read and written (e.g. str.upper)."""

    kind = str

    def __init__(self, key: str, default: str | Callable[[], str], *,
                 normal: Callable[[str], str] = str.strip, register: bool = True):
        super().__init__(key, default, register=register)
        self.normal = normal

    def parse(self, raw: Any) -> str:
        if isinstance(raw, list):
            raise ValueError(raw)
        text = self.normal(str(raw))
        if not text:
            raise ValueError(raw)
        return text

    def dump(self, value: str) -> str:
        return self.normal(value)


class FilePath(Setting[Path | None]):
    kind = Path

    def __init__(self, key: str, *, register: bool = True):
        super().__init__(key, None, register=register)

    def parse(self, raw: Any) -> Path | None:
        return Path(str(raw)) if str(raw).strip() else None

    def dump(self, value: Path | None) -> str:
        return str(value) if value is not None else ""


class Words(Setting[frozenset[str]]):
    """A set of words, kept as one comma-separated line (an empty set is kept as an
    empty line, so "none chosen" survives a restart)."""

    kind = frozenset

    def parse(self, raw: Any) -> frozenset[str]:
        items = raw if isinstance(raw, list) else str(raw).split(",")
        return frozenset(w.strip() for w in items if str(w).strip())

    def dump(self, value: Iterable[str]) -> str:
        return ",".join(sorted(value))


class ClockTime(Setting[time]):
    """A time of day, kept as HH:MM."""

    kind = time

    def parse(self, raw: Any) -> time:
        return time.fromisoformat(str(raw).strip())

    def dump(self, value: time) -> str:
        return value.strftime("%H:%M")


class Bytes(Setting[QByteArray | None]):
    """What a widget saves of itself (geometry, header, splitter)."""

    kind = QByteArray

    def __init__(self, key: str, *, register: bool = True):
        super().__init__(key, None, register=register)

    def parse(self, raw: Any) -> QByteArray | None:
        if isinstance(raw, QByteArray | bytes):
            return QByteArray(raw)
        raise ValueError(raw)


class PerDatabase:
    """One setting of kind `kind` for each database file, under `prefix`. A file
    is named by a digest of its full path (INI keys cannot hold a path)."""

    def __init__(self, prefix: str, kind: Callable[..., Setting[Any]]):
        self.prefix, self.kind = prefix, kind
        _register(prefix + "/*", self)

    def key(self, db_path: Path) -> str:
        digest = hashlib.sha1(str(Path(db_path).expanduser().resolve()).encode()).hexdigest()[:16]
        return f"{self.prefix}/{digest}"

    def of(self, db_path: Path) -> Setting[Any]:
        return self.kind(self.key(db_path), register=False)
