"""One sync: talk to the server first, then change the database once.

Every request of a pass is made before anything is written here; what the pass
learnt (the account's collections, sync-tokens, ETags, the contacts brought in)
is then saved in one transaction. A failure on the way (a wrong password, the
server gone mid-sync, a refused write) leaves the database as it was, and the
next sync starts from the same point and finds the server's half-done state.
A card that changed on the server while a pass ran (412) makes another pass.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from afterword.core.store import Store
from afterword.core.sync.account import Account, save_account
from afterword.core.sync.contacts import ContactCounts, ContactsPass, Deletion, sync_contacts
from afterword.core.sync.discovery import Collections, discover
from afterword.core.sync.listing import list_changes, settle
from afterword.core.sync.reminders import ReminderCounts, push_reminders
from afterword.core.sync.state import load_agreed, load_token
from afterword.core.sync.webdav import TIMEOUT, DavClient

PASSES = 3  # a card changed during a pass (412): fetch, merge and send again, this often


@dataclass
class SyncReport:
    account: Account
    reminders: ReminderCounts = field(default_factory=ReminderCounts)
    contacts: ContactCounts = field(default_factory=ContactCounts)
    problems: list[str] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    edited_meanwhile: list[str] = field(default_factory=list)  # names merged again next time

    @property
    def writes(self) -> int:
        """Requests that changed something on the server."""
        return sum(n for method, n in self.requests.items()
                   if method in ("PUT", "DELETE", "MKCOL", "MKCALENDAR", "PROPPATCH"))

    @property
    def waiting(self) -> list[Deletion]:
        """Deletions on one side that wait for the user's say."""
        return self.contacts.waiting

    def describe(self) -> str:
        """One line: what changed where."""
        c, r = self.contacts, self.reminders
        parts = [f"{n} {what}" for n, what in (
            (c.added_here, "added here"), (c.updated_here, "updated here"),
            (c.deleted_here, "deleted here"), (c.added_there, "added there"),
            (c.updated_there, "updated there"), (c.deleted_there, "deleted there")) if n]
        text = "contacts " + ", ".join(parts) if parts else ""
        reminder_parts = [f"{n} {what}" for n, what in (
            (r.added, "added"), (r.updated, "updated"), (r.deleted, "removed")) if n]
        if reminder_parts:
            text += ("; " if text else "") + "reminders " + ", ".join(reminder_parts)
        text = f"Synced: {text or 'nothing to change'}"
        if c.conflicts:
            text += f"; {len(c.conflicts)} conflicting value(s) kept in notes"
        if self.waiting:
            text += f"; {len(self.waiting)} deletion(s) wait for your say"
        if self.problems:
            text += f"; {len(self.problems)} problem(s)"
        return text + "."


def run_sync(store: Store, account: Account, password: str, *, now: datetime,
             region: str | None = None, deletions: str | None = None,
             transport: httpx.BaseTransport | None = None,
             timeout: httpx.Timeout | float = TIMEOUT) -> SyncReport:
    """Sync `store` with the account's server; returns what was done.

    `deletions` answers the deletions listed by the last sync: "apply" them on the
    other side, or "keep" the people (put back where they were deleted); None
    leaves them waiting. Raises SyncError (one line, database unchanged by the
    failing pass) when the server cannot be reached, refuses the login, answers in
    something other than WebDAV, or refuses a write.
    """
    report = SyncReport(account)
    with DavClient(account.url, account.username, password, transport=transport,
                   timeout=timeout) as client:
        found = discover(client, account.url, addressbook=account.addressbook_url,
                         calendar=account.calendar_url)
        account = account.with_changes(addressbook_url=found.addressbook, calendar_url=found.calendar,
                                       last_synced_at=now)
        for _ in range(PASSES):
            contacts = _contacts_pass(client, store, found.addressbook, region, deletions)
            listing = list_changes(client, found.calendar, load_token(store, found.calendar))
            calendar, counts, problems = push_reminders(
                client, store, found.calendar, listing, load_agreed(store, found.calendar),
                tasks=account.reminders_as_tasks, now=now)
            for changes in (contacts.state, calendar):
                if changes.token and changes.token == changes.listed_token:
                    changes.token = settle(client, changes.collection, changes.token, client.written)
            with store.atomic():
                save_account(store, account)
                report.edited_meanwhile += contacts.apply(store)
                calendar.apply(store)
            _add(report, contacts.counts, counts, contacts.problems + problems)
            deletions = None  # answered once
            if not contacts.retry:
                break
        report.requests = Counter(client.requests)
    report.account = account
    return report


def _contacts_pass(client: DavClient, store: Store, book: str, region: str | None,
                   deletions: str | None) -> ContactsPass:
    token = load_token(store, book)
    listing = list_changes(client, book, token)
    return sync_contacts(client, store, book, listing, token, load_agreed(store, book),
                         region=region, deletions=deletions)


def _add(report: SyncReport, contacts: ContactCounts, reminders: ReminderCounts,
         problems: list[str]) -> None:
    """Counts of a further pass add up; its waiting list and problems replace the last."""
    c = report.contacts
    for name in ("added_here", "updated_here", "deleted_here", "added_there", "updated_there",
                 "deleted_there"):
        setattr(c, name, getattr(c, name) + getattr(contacts, name))
    c.conflicts += contacts.conflicts
    c.waiting = contacts.waiting
    r = report.reminders
    r.added, r.updated, r.deleted = r.added + reminders.added, r.updated + reminders.updated, \
        r.deleted + reminders.deleted
    report.problems = problems


def check_account(account: Account, password: str, *, transport: httpx.BaseTransport | None = None,
                  timeout: httpx.Timeout | float = TIMEOUT) -> Collections:
    """Log in and find the collections a sync would use, creating nothing (the
    window's Test Connection). Raises SyncError in words."""
    with DavClient(account.url, account.username, password, transport=transport,
                   timeout=timeout) as client:
        return discover(client, account.url, addressbook=account.addressbook_url,
                        calendar=account.calendar_url, create=False)
