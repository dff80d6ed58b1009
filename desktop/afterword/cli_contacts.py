"""`afterword contacts import` and `afterword contacts export`: vCard and CSV in and out."""

from __future__ import annotations

import argparse
import locale
import os
import sys
from collections.abc import Callable
from pathlib import Path

from afterword.core.store import Store
from afterword.core.terminal import printable

RegisterCommand = Callable[..., argparse.ArgumentParser]


def default_region() -> str:
    """The country of numbers written without +: AFTERWORD_PHONE_REGION, else the locale's."""
    region = os.environ.get("AFTERWORD_PHONE_REGION", "").strip().upper()
    if region:
        return region
    name = locale.getlocale()[0] or os.environ.get("LANG", "")
    territory = name.partition("_")[2][:2].upper()
    return territory if territory.isalpha() and len(territory) == 2 else "US"


class _Progress:
    """'reading F: 1,200 contacts' on a terminal, rewritten in place; silent in a pipe."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        self.used = False

    def __call__(self, label: str, count: int) -> None:
        if self.shown and count % 250 == 0:
            self.used = True
            # A file's name may hold anything: escaped, unlike the \r of our own.
            print("\r" + printable(f"reading {label}: {count:,} contacts"), end="",
                  file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.used:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def cmd_contacts_import(args: argparse.Namespace, db_path: Callable[[argparse.Namespace], Path]) -> int:
    from afterword.core import contact_files  # read and written only by these commands

    paths = [Path(f).expanduser() for f in args.files]
    contact_files.check_files(paths)  # before the database is opened (or created)
    path = db_path(args)
    # A dry run into a database not there yet creates nothing: everyone would be added.
    # (Its cards go to a scratch database that spills to a temporary file, not to memory.)
    store = Store.memory(spill_to_disk=True) if args.dry_run and not path.exists() else Store.open(path)
    progress = _Progress()
    try:
        if not args.dry_run:
            from afterword.cli import daily_backup  # the one way commands take it

            daily_backup(store)  # merges change stored people: today's copy comes first
        reports = contact_files.import_files(store, paths, region=default_region(),
                                             dry_run=args.dry_run, progress=progress)
    finally:
        progress.done()
        store.close()
    for report in reports:
        # The file's name and reasons naming stored people: shown escaped.
        print(printable(f"{report.label}: {report.summary()}"))
    if args.dry_run:
        print("dry run: nothing was written")
    return 0


def cmd_contacts_export(args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Store]) -> int:
    from afterword.core import contact_files  # read and written only by these commands

    out = Path(args.out).expanduser()
    contact_files.export_format(out)
    store = open_store(args)
    try:
        count = contact_files.export_contacts(store, out, version=args.vcard_version)
    finally:
        store.close()
    print(printable(f"wrote {count} contacts to {out}"))
    return 0


def register(sub: argparse._SubParsersAction, db_help: str,
             db_path: Callable[[argparse.Namespace], Path],
             open_existing: Callable[[argparse.Namespace], Store]) -> None:
    """Add `contacts import|export` to the command line."""
    contacts = sub.add_parser("contacts", help="import or export contacts as vCard or CSV",
                              description="Bring contacts in from vCard or CSV files (Apple, "
                              "Google, Outlook, LinkedIn, card scanners) or write them out.")
    contacts.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    actions = contacts.add_subparsers(title="actions", metavar="ACTION", required=True)

    p = actions.add_parser(
        "import", help="read vCard or CSV files (all or nothing)",
        description="Read vCard (2.1, 3.0, 4.0) and CSV files (Google Contacts, Outlook, LinkedIn "
        "Connections, or Afterword's columns). Someone who shares an email address, a phone "
        "number or a UID with a stored person is merged into that person: empty fields are "
        "filled; a differing value is kept in their notes. Prints one line per file; if any "
        "file cannot be read, nothing is written.")
    p.add_argument("files", nargs="+", metavar="FILE", help="the .vcf or .csv files")
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    p.add_argument("--dry-run", action="store_true",
                   help="say what would be added, merged and skipped, and write nothing")
    p.set_defaults(func=lambda args: cmd_contacts_import(args, db_path))

    p = actions.add_parser(
        "export", help="write every contact to a .vcf or .csv file",
        description="Write every contact: a vCard file (one card each, with UID, card photo and "
        "the role in the process) or a CSV with one header row, safe to open in a spreadsheet.")
    p.add_argument("--out", required=True, metavar="F.vcf|F.csv", help="the file to write")
    p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    p.add_argument("--vcard-version", choices=["3.0", "4.0"], default="4.0",
                   help="vCard version (default 4.0; 3.0 for older phones)")
    p.set_defaults(func=lambda args: cmd_contacts_export(args, open_existing))
