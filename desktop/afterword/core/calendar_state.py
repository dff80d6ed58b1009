"""What each calendar event looked like when it was last exported.

Calendars update an imported event in place only when its UID is the same and
its SEQUENCE is higher; an event that did not change must keep its SEQUENCE and
DTSTAMP, or some calendars show it as modified on every import. This module keeps
that memory (the `calendar_events` table) and decides each event's version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from afterword.core.store import Store


@dataclass(frozen=True)
class Version:
    """An event as last exported."""

    uid: str
    kind: str
    fingerprint: str
    sequence: int
    stamped_at: datetime  # its DTSTAMP: when this version of the event was made
    summary: str
    start: str  # ISO date or date-time
    cancelled: bool


@dataclass(frozen=True)
class Stamped:
    """An event's version in this export, and whether it is new to the memory."""

    version: Version
    status: str  # "new", "changed" or "unchanged"


def load_versions(store: Store) -> dict[str, Version]:
    """Every remembered event version, by UID."""
    rows = store.db.execute(
        "SELECT uid, kind, fingerprint, sequence, stamped_at, summary, start, cancelled "
        "FROM calendar_events"
    ).fetchall()
    return {
        row[0]: Version(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]),
                        row[5], row[6], bool(row[7]))
        for row in rows
    }


def stamp(uid: str, kind: str, fingerprint: str, summary: str, start: str, cancelled: bool,
          previous: Version | None, now: datetime) -> Stamped:
    """The version of an event in an export made at `now` (UTC)."""
    if previous is None:
        return Stamped(Version(uid, kind, fingerprint, 0, now, summary, start, cancelled), "new")
    if previous.fingerprint == fingerprint:
        return Stamped(previous, "unchanged")
    return Stamped(
        Version(uid, kind, fingerprint, previous.sequence + 1, now, summary, start, cancelled),
        "changed",
    )


def utc_now(moment: datetime) -> datetime:
    """A DTSTAMP value: UTC, whole seconds (what the file can hold)."""
    return moment.astimezone(UTC).replace(microsecond=0)


def record_versions(store: Store, stamped: Iterable[Stamped]) -> int:
    """Remember the versions that are new or changed; one transaction. Returns the count."""
    rows = [
        (v.uid, v.kind, v.fingerprint, v.sequence, v.stamped_at.isoformat(), v.summary, v.start,
         int(v.cancelled))
        for v in (s.version for s in stamped if s.status != "unchanged")
    ]
    if not rows:
        return 0
    with store.atomic():
        store.db.conn.executemany(
            "INSERT INTO calendar_events (uid, kind, fingerprint, sequence, stamped_at, summary, "
            "start, cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(uid) DO UPDATE SET kind = excluded.kind, "
            "fingerprint = excluded.fingerprint, sequence = excluded.sequence, "
            "stamped_at = excluded.stamped_at, summary = excluded.summary, "
            "start = excluded.start, cancelled = excluded.cancelled",
            rows,
        )
    return len(rows)
