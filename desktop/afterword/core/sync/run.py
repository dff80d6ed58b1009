"""One sync: talk to the server first, then change the database once.

Every request is made before anything is written here; what the sync learnt
(the account's collections, sync-tokens, ETags, and later the contacts pulled)
is then saved in one transaction. A failure on the way (a wrong password, the
server gone mid-sync, a refused write) leaves the database as it was, and the
next sync starts from the same point and finds the server's half-done state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from afterword.core.store import Store
from afterword.core.sync.account import Account, save_account
from afterword.core.sync.discovery import discover
from afterword.core.sync.listing import list_changes
from afterword.core.sync.reminders import ReminderCounts, push_reminders
from afterword.core.sync.state import load_agreed, load_token
from afterword.core.sync.webdav import TIMEOUT, DavClient


@dataclass
class SyncReport:
    account: Account
    reminders: ReminderCounts = field(default_factory=ReminderCounts)
    problems: list[str] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)

    @property
    def writes(self) -> int:
        """Requests that changed something on the server."""
        return sum(n for method, n in self.requests.items()
                   if method in ("PUT", "DELETE", "MKCOL", "MKCALENDAR", "PROPPATCH"))

    def describe(self) -> str:
        r = self.reminders
        if not r.writes:
            text = "Synced: nothing to change"
        else:
            parts = [f"{n} {what}" for n, what in ((r.added, "added"), (r.updated, "updated"),
                                                   (r.deleted, "removed")) if n]
            text = f"Synced reminders: {', '.join(parts)}"
        if self.problems:
            text += f"; {len(self.problems)} record(s) could not be read"
        return text + "."


def run_sync(store: Store, account: Account, password: str, *, now: datetime,
             transport: httpx.BaseTransport | None = None,
             timeout: httpx.Timeout | float = TIMEOUT) -> SyncReport:
    """Sync `store` with the account's server; returns what was done.

    Raises SyncError (one line, database unchanged) when the server cannot be
    reached, refuses the login, answers in something other than WebDAV, or
    refuses a write.
    """
    with DavClient(account.url, account.username, password, transport=transport,
                   timeout=timeout) as client:
        found = discover(client, account.url, addressbook=account.addressbook_url,
                         calendar=account.calendar_url)
        account = account.with_changes(addressbook_url=found.addressbook, calendar_url=found.calendar)
        listing = list_changes(client, found.calendar, load_token(store, found.calendar))
        calendar, counts, problems = push_reminders(
            client, store, found.calendar, listing, load_agreed(store, found.calendar),
            tasks=account.reminders_as_tasks, now=now)
        requests = Counter(client.requests)
    with store.atomic():
        save_account(store, account.with_changes(last_synced_at=now))
        calendar.apply(store)
    return SyncReport(account.with_changes(last_synced_at=now), counts, problems, requests)
