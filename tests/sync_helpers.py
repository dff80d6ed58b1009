"""Helpers for the sync tests: one sync of a store with a test account, and a
look at what the server holds, read back with vobject (a parser independent of
the icalendar library that wrote it)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import vobject

from afterword.core.sync.account import Account, load_account
from afterword.core.sync.run import SyncReport, run_sync

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def sync(store, user, *, url: str | None = None, password: str | None = None, now: datetime = NOW,
         user_name: str | None = None, deletions: str | None = None,
         transport: httpx.BaseTransport | None = None, **account) -> SyncReport:
    """Sync with the stored account, or a new one for `user` at `url` (default:
    the server root); `user` may be None for a fake server (then `user_name`);
    `transport` stands between the client and the server, to play a part."""
    stored = load_account(store)
    if stored is None or url is not None or account:
        stored = Account(url or user.server.url + "/", user_name or user.name, **account)
    return run_sync(store, stored, password or user.password, now=now, timeout=5.0, region="US",
                    deletions=deletions, transport=transport)


def server_entries(user, collection: str) -> dict[str, object]:
    """UID → the one VEVENT/VTODO of each resource in `collection`, parsed by vobject."""
    found = {}
    for text in user.resources(collection).values():
        cal = vobject.readOne(text)
        for name in ("vevent", "vtodo"):
            for entry in cal.contents.get(name, []):
                assert entry.uid.value not in found, "two resources for one UID"
                found[entry.uid.value] = entry
    return found


def table_dump(store) -> dict[str, list[tuple]]:
    """Every row of every table: to show that a failed sync changed nothing."""
    names = [r[0] for r in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    return {n: store.db.execute(f"SELECT * FROM {n} ORDER BY 1").fetchall() for n in names}
