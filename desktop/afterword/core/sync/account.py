"""The sync account of one database: which server, which user, which collections.

Remembered in the database itself (the `sync_account` table), so a later
`afterword sync` on the same file needs no flags, and two databases never share
an account by accident. The password is never stored here (see password.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from afterword.core.store import Store

_COLUMNS = "url, username, addressbook_url, calendar_url, reminders_as_tasks, last_synced_at"


@dataclass(frozen=True)
class Account:
    """The CardDAV/CalDAV account the user syncs with, and where its collections are."""

    url: str  # what the user gave: server root, principal or collection
    username: str
    addressbook_url: str | None = None  # chosen, or found/created by discovery
    calendar_url: str | None = None
    reminders_as_tasks: bool = False  # VTODO instead of VEVENT on the server
    last_synced_at: datetime | None = None

    def with_changes(self, **changes: object) -> Account:
        return replace(self, **changes)

    def same_server(self, other: Account) -> bool:
        return (self.url, self.username) == (other.url, other.username)


def load_account(store: Store) -> Account | None:
    row = store.db.execute(f"SELECT {_COLUMNS} FROM sync_account WHERE id = 1").fetchone()
    if row is None:
        return None
    url, user, book, calendar, tasks, synced = row
    return Account(url, user, book, calendar, bool(tasks),
                   datetime.fromisoformat(synced) if synced else None)


def save_account(store: Store, account: Account) -> None:
    """Remember the account (inside the caller's transaction, if any)."""
    with store.atomic():
        store.db.execute(
            f"INSERT INTO sync_account (id, {_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET url = excluded.url, username = excluded.username, "
            "addressbook_url = excluded.addressbook_url, calendar_url = excluded.calendar_url, "
            "reminders_as_tasks = excluded.reminders_as_tasks, "
            "last_synced_at = excluded.last_synced_at",
            [account.url, account.username, account.addressbook_url, account.calendar_url,
             int(account.reminders_as_tasks),
             account.last_synced_at.isoformat() if account.last_synced_at else None],
        )
        # What was agreed with collections no longer in use means nothing any more.
        store.db.execute(
            "DELETE FROM sync_collections WHERE url NOT IN (?, ?)",
            [account.addressbook_url or "", account.calendar_url or ""],
        )


def forget_account(store: Store) -> None:
    with store.atomic():
        store.db.execute("DELETE FROM sync_account")
        store.db.execute("DELETE FROM sync_collections")
