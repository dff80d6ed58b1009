"""`afterword sync`: sync with a CardDAV/CalDAV server from the command line.

The account (server, user, collections) is remembered in the database, so the
first run names it and later runs need no flags. The password comes from
AFTERWORD_DAV_PASSWORD, else the system keyring; at a terminal, a missing one is
asked for and kept in the keyring when there is one.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from afterword.core.errors import AfterwordError
from afterword.core.store import Store
from afterword.core.sync import APPLY, KEEP
from afterword.core.sync.account import Account, load_account
from afterword.core.sync.errors import NoAccount, NoPassword
from afterword.core.sync.password import find_password, keyring_available, save_password
from afterword.core.terminal import printable

Command = Callable[..., argparse.ArgumentParser]


def register(command: Command) -> None:
    """Add `sync` to the parser (through cli.build_parser's `command` helper)."""
    p = command("sync", cmd_sync, "sync contacts and reminders with a CardDAV/CalDAV server",
                "Sync with a CardDAV/CalDAV server (Nextcloud, Radicale, Fastmail, iCloud, …): "
                "every contact is a vCard in its address book, both ways (a card added or "
                "changed on the phone is added or merged here); each open reminder becomes an "
                "event in its calendar, and a reminder that is done leaves it. A contact "
                "deleted on one side is listed, not deleted on the other, until you say so. "
                "The account is remembered per database, so later runs need no flags. The "
                "password comes from the system keyring, or from AFTERWORD_DAV_PASSWORD when "
                "that is set.")
    p.add_argument("--url", metavar="URL",
                   help="the server: its root, your principal or a collection (https://…)")
    p.add_argument("--user", metavar="USER", help="your user name on the server")
    p.add_argument("--addressbook", metavar="URL",
                   help="use this existing address book instead of one named Afterword")
    p.add_argument("--calendar", metavar="URL",
                   help="use this existing calendar instead of one named Afterword")
    p.add_argument("--reminders", choices=["events", "tasks"],
                   help="send reminders as calendar events (the default) or as tasks; remembered")
    answer = p.add_mutually_exclusive_group()
    answer.add_argument("--apply-deletions", dest="deletions", action="store_const", const=APPLY,
                        help="carry out the deletions the last sync listed: delete here the people "
                             "whose cards were deleted on the server, and delete there the cards "
                             "of people deleted here")
    answer.add_argument("--keep-deleted", dest="deletions", action="store_const", const=KEEP,
                        help="keep the people the last sync listed as deleted on one side: put "
                             "them back on that side")


def account_from(args: argparse.Namespace, stored: Account | None) -> Account:
    """The account to sync: the stored one, changed by whatever the flags say."""
    if stored is None and not (args.url and args.user):
        raise NoAccount("this database has no sync account yet; name one with "
                        "'afterword sync --url URL --user USER'")
    if stored is None or (args.url or args.user):
        base = Account(args.url or stored.url, args.user or stored.username)
        if stored is not None and base.same_server(stored):
            base = stored
        elif stored is not None:
            base = base.with_changes(reminders_as_tasks=stored.reminders_as_tasks)
    else:
        base = stored
    changes: dict[str, object] = {}
    if args.addressbook:
        changes["addressbook_url"] = args.addressbook
    if args.calendar:
        changes["calendar_url"] = args.calendar
    if args.reminders:
        changes["reminders_as_tasks"] = args.reminders == "tasks"
    return base.with_changes(**changes)


def password_for(account: Account) -> str:
    try:
        return find_password(account.url, account.username)
    except NoPassword:
        if not sys.stdin.isatty():
            raise
    password = getpass.getpass(printable(f"Password for {account.username} at {account.url}: "))
    if not password:
        raise NoPassword("no password given; nothing was changed")
    if keyring_available():
        try:
            save_password(account.url, account.username, password)
        except AfterwordError as exc:
            print(printable(f"afterword: warning: {exc}"), file=sys.stderr)
    return password


def cmd_sync(args: argparse.Namespace) -> int:
    from afterword.cli import _open_existing, daily_backup  # the one way commands do these
    from afterword.cli_contacts import default_region
    from afterword.core.sync.run import run_sync  # the HTTP client loads only to sync

    store: Store = _open_existing(args)
    try:
        account = account_from(args, load_account(store))
        daily_backup(store)  # a sync may change or delete people: today's copy comes first
        report = run_sync(store, account, password_for(account), now=datetime.now().astimezone(),
                          region=default_region(), deletions=args.deletions)
    finally:
        store.close()
    for problem in report.problems:
        print(printable(f"afterword: warning: {problem}"), file=sys.stderr)
    print(printable(f"{report.describe()} ({report.account.username} at {_host(report.account.url)})"))
    for conflict in report.contacts.conflicts:
        print(printable(f"  changed on both sides, the server's value kept in notes: {conflict}"))
    for waiting in report.waiting:
        print(printable(f"  {waiting.describe()}"))
    if report.waiting:
        print("  'afterword sync --apply-deletions' carries these deletions out; "
              "'afterword sync --keep-deleted' keeps these people on both sides.")
    for name in report.edited_meanwhile:
        print(printable(f"  {name} was edited here during the sync; merged again next time"))
    return 0


def _host(url: str) -> str:
    return urlsplit(url).netloc or url

