"""What was last agreed with the server, per collection and per resource.

As careful clients keep it (vdirsyncer's status, DAVx5's sync state): per
resource the local uid, the remote href, its ETag and a hash of the body both
sides last agreed on (so an ETag that changes without the content changing is
not mistaken for an edit); per collection its sync-token (RFC 6578). A sync
gathers its changes in a `StateChanges` and writes them in the same transaction
as everything else it changes here, or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from afterword.core.store import Store

_COLUMNS = ("uid, href, etag, content_hash, local_hash, body, fingerprint, sequence, stamped_at, "
            "local_fields, pending_deletion")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Agreed:
    """One resource as both sides last agreed on it."""

    uid: str
    href: str
    etag: str | None
    content_hash: str
    local_hash: str | None = None  # contacts: the local record's fields then
    body: str | None = None  # contacts: the server's card then
    fingerprint: str | None = None  # events: the version written
    sequence: int | None = None
    stamped_at: datetime | None = None
    local_fields: dict[str, str | None] | None = None  # contacts: the local fields then
    pending_deletion: str | None = None  # "server" or "local": deleted there / here, unconfirmed

    def but(self, **changes: object) -> Agreed:
        return replace(self, **changes)


def load_agreed(store: Store, collection: str) -> dict[str, Agreed]:
    """Every resource of `collection` by local uid."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM sync_resources WHERE collection_url = ?", [collection]).fetchall()
    return {row[0]: Agreed(*row[:8], datetime.fromisoformat(row[8]) if row[8] else None,
                           json.loads(row[9]) if row[9] else None, row[10])
            for row in rows}


def load_token(store: Store, collection: str) -> str | None:
    row = store.db.execute("SELECT sync_token FROM sync_collections WHERE url = ?",
                           [collection]).fetchone()
    return row[0] if row else None


@dataclass
class StateChanges:
    """What one sync learnt about one collection, written at the end, all at once."""

    collection: str
    kind: str
    token: str | None = None
    listed_token: str | None = None  # the token the listing gave (before this sync's writes)

    def __post_init__(self) -> None:
        if self.listed_token is None:
            self.listed_token = self.token
    put: list[Agreed] = field(default_factory=list)
    forget: list[str] = field(default_factory=list)  # local uids

    def apply(self, store: Store) -> None:
        with store.atomic():
            store.db.execute(
                "INSERT INTO sync_collections (url, kind, sync_token) VALUES (?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET kind = excluded.kind, sync_token = excluded.sync_token",
                [self.collection, self.kind, self.token])
            store.db.conn.executemany(
                "DELETE FROM sync_resources WHERE collection_url = ? AND uid = ?",
                [(self.collection, uid) for uid in self.forget])
            # An href moves to another uid only through a delete first (unique index).
            store.db.conn.executemany(
                "DELETE FROM sync_resources WHERE collection_url = ? AND href = ? AND uid != ?",
                [(self.collection, a.href, a.uid) for a in self.put])
            store.db.conn.executemany(
                f"INSERT INTO sync_resources (collection_url, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(collection_url, uid) DO UPDATE SET href = excluded.href, "
                "etag = excluded.etag, content_hash = excluded.content_hash, "
                "local_hash = excluded.local_hash, body = excluded.body, "
                "fingerprint = excluded.fingerprint, sequence = excluded.sequence, "
                "stamped_at = excluded.stamped_at, local_fields = excluded.local_fields, "
                "pending_deletion = excluded.pending_deletion",
                [(self.collection, a.uid, a.href, a.etag, a.content_hash, a.local_hash, a.body,
                  a.fingerprint, a.sequence, a.stamped_at.isoformat() if a.stamped_at else None,
                  json.dumps(a.local_fields, sort_keys=True) if a.local_fields is not None else None,
                  a.pending_deletion)
                 for a in self.put])
