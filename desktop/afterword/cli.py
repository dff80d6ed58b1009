"""The command line: one function per command, no business logic.

Errors print one line on stderr and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path

from afterword import __version__
from afterword.core.errors import AfterwordError
from afterword.core.output_paths import check_output_stream
from afterword.core.store import Store, backup_to, explain
from afterword.core.terminal import printable, printable_json
from afterword.paths import data_dir, default_database

# Each command imports what it needs itself: opening the window (no command) loads
# only the window's first page, not the readers and writers of every file format.


class CommandError(AfterwordError):
    """A problem with what the user asked for on the command line."""


def today() -> date:
    """Today in the computer's local time zone."""
    return datetime.now().astimezone().date()


def warn(text: str) -> None:
    """One line on stderr; stored text in it is shown escaped (core/terminal.py)."""
    print(printable(f"afterword: warning: {text}"), file=sys.stderr)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-24: {text!r}") from None


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_database()


def _open_existing(args: argparse.Namespace) -> Store:
    path = _db_path(args)
    if not path.exists():
        raise CommandError(f"no database at {path} (create one with 'afterword demo' or the app)")
    return Store.open(path)


# -- commands --------------------------------------------------------------------

def no_display() -> bool:
    """True on Linux without a screen to open a window on (a terminal over SSH, a
    server): Qt would abort with a page of plugin messages."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_gui(args: argparse.Namespace) -> int:
    if no_display():
        raise CommandError("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
                           "is set); the commands in 'afterword --help' work without one")
    from afterword.ui.qt_loading import load_qt  # Qt is loaded only when a window is wanted

    load_qt()  # first: the window's modules are imported after it (see ui/qt_loading.py)
    from afterword.app import run_app

    # Nothing the window makes is for other users, not even for a moment: its lock
    # file, the database, exports, backups.
    os.umask(0o077)

    if getattr(args, "smoke", False) and not args.db:
        # A start-up check never touches the user's own database.
        with tempfile.TemporaryDirectory(prefix="afterword-smoke-") as folder:
            return run_app(Path(folder) / "smoke.db", smoke=True)
    return run_app(_db_path(args) if args.db else None, smoke=getattr(args, "smoke", False))


def cmd_demo(args: argparse.Namespace) -> int:
    from afterword.core.demo import fill_demo

    store = Store.open(_db_path(args))
    try:
        count = fill_demo(store, args.today or today())
    finally:
        store.close()
    print(printable(f"wrote {count} sample records to {store.path}"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    # Streamed, a chunk of records at a time: a large database never sits in memory whole.
    from afterword.core import interchange_writer

    store = _open_existing(args)
    try:
        if args.out == "-":
            check_output_stream(sys.stdout)
            interchange_writer.export_to_stream(store, sys.stdout)
        else:
            interchange_writer.export_to_file(store, args.out)
    finally:
        store.close()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    # Streamed: checked in full before the database is even opened, then written in
    # one transaction; a large file never sits in memory whole.
    from afterword.core import interchange

    with tempfile.TemporaryDirectory(prefix="afterword-import-") as folder:
        source = Path(args.file)
        if args.file == "-":  # read twice, so kept in a private file meanwhile
            source = Path(folder) / "stdin.json"
            with open(source, "wb") as spool:
                shutil.copyfileobj(sys.stdin.buffer, spool)
        checked = interchange.check_file(source)
        store = Store.open(_db_path(args))
        try:
            plan = interchange.import_checked(store, checked, before_writing=lambda: daily_backup(store))
        finally:
            store.close()
    print(printable(f"imported into {store.path}: {plan.summary()}"))
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from afterword.core.rules import due_reminders

    on = args.on or today()
    store = _open_existing(args)
    try:
        result = due_reminders(store, on)
    finally:
        store.close()
    for problem in result.problems:
        warn(problem)
    if args.json:
        import json  # only here: the window's start needs none

        print(printable_json(json.dumps([r.as_json(on) for r in result.items], ensure_ascii=False,
                                        indent=2)))
        return 0
    if not result.items:
        print(printable(f"Nothing due on or before {on.isoformat()}."))
    for r in result.items:
        flag = "OVERDUE" if r.is_overdue(on) else "due    "
        print(printable(f"{flag} {r.due.isoformat()}  {r.kind.value:<14}  {r.title}"))
    return 0


def _clock_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time of day like 09:00: {text!r}") from None


def cmd_ics(args: argparse.Namespace) -> int:
    from afterword.core.calendar import CalendarOptions
    from afterword.core.calendar_export import export_calendar

    options = CalendarOptions(tasks=args.tasks, rounds=args.rounds, full=args.full,
                              private_notes=args.private_notes, alarm_time=args.alarm_time)
    store = _open_existing(args)
    try:
        summary = export_calendar(store, Path(args.out), options, datetime.now().astimezone())
    finally:
        store.close()
    for problem in summary.problems:
        warn(problem)
    print(printable(summary.describe()))
    return 0


def _snapshots_of(path: Path) -> Path:
    from afterword.core import backups

    return backups.snapshot_folder(data_dir(), path)


def daily_backup(store: Store) -> None:
    """Before a command changes a database: today's snapshot, if none yet."""
    from afterword.core import backups

    backups.daily_snapshot(store, _snapshots_of(store.path), datetime.now())


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list:
        return _list_backups(_db_path(args))
    store = _open_existing(args)
    out = Path(args.out)
    try:
        damage = store.quick_check()  # a copy of a damaged file is no backup
        if damage:
            raise CommandError(damage)
        backup_to(store.db, out, store.path)
    finally:
        store.close()
    print(printable(f"backed up {store.path} to {out}"))
    return 0


def _list_backups(path: Path) -> int:
    from afterword.core import backups

    folder = _snapshots_of(path)
    snapshots = backups.list_snapshots(folder)
    if not snapshots:
        print(printable(f"No automatic backups of {path} yet (they are kept in {folder})."))
        return 0
    print(printable(f"Automatic backups of {path}, newest first (in {folder}):"))
    for snapshot in snapshots:
        print(printable(f"{snapshot.describe()}  {snapshot.path.name}"))
    return 0


def start_qt_for_pdf() -> object:
    """Qt for a command that renders PDF, headless where there is no display; keep
    what it returns alive while painting."""
    if no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication  # Qt only for the commands that render PDF

    return QGuiApplication.instance() or QGuiApplication(["afterword"])


def cmd_checklist(args: argparse.Namespace) -> int:
    """Write the handwritten-note checklist (and envelopes or labels) as PDF, headless."""
    _app = start_qt_for_pdf()  # noqa: F841 (kept alive)
    from afterword.core.checklist import build_checklist, envelopes_for
    from afterword.ui.envelopes import LABEL_SHEETS, EnvelopeSize, envelopes_pdf, labels_pdf
    from afterword.ui.printing import checklist_pdf, page_size_for, save_pdf

    on = args.on or today()
    store = _open_existing(args)
    try:
        checklist = build_checklist(store, on, args.since)
    finally:
        store.close()
    for problem in checklist.problems:
        warn(problem)
    save_pdf(checklist_pdf(checklist, page_size_for(), printed_on=today()), args.pdf)
    print(printable(f"{checklist.summary()} — wrote {args.pdf}"))
    envelopes = envelopes_for(checklist)
    if args.envelopes:
        save_pdf(envelopes_pdf(envelopes, EnvelopeSize(args.envelope_size)), args.envelopes)
        print(printable(f"wrote {len(envelopes.envelopes)} envelopes to {args.envelopes}"))
    if args.labels:
        save_pdf(labels_pdf(envelopes, LABEL_SHEETS[args.sheet]), args.labels)
        print(printable(f"wrote {len(envelopes.envelopes)} labels to {args.labels}"))
    if (args.envelopes or args.labels) and envelopes.missing:
        for text in envelopes.missing:
            print(printable(f"afterword: not addressed: {text}"), file=sys.stderr)
    return 0


# -- the parser ------------------------------------------------------------------

DB_HELP = "the database file (default: afterword.db in your data folder)"


def build_parser() -> argparse.ArgumentParser:
    # The commands' own modules register their commands; loaded only when a command
    # line is parsed in full (see main), not when the window opens.
    from afterword import cli_brief, cli_card, cli_contacts, cli_sync

    parser = argparse.ArgumentParser(
        prog="afterword",
        description="Afterword: a personal CRM for the people you meet while interviewing. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"afterword {__version__}")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument("--smoke", action="store_true",
                        help="open the window, wait for it to paint, and quit (a start-up check)")
    parser.set_defaults(func=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str,
                description: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=description)
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
        p.set_defaults(func=func)
        return p

    p = command("demo", cmd_demo, "fill an empty database with a realistic sample",
                "Fill an empty database with a realistic sample job search, dated around "
                "today, so that something of every kind is due.")
    p.add_argument("--today", type=_iso_date, metavar="DATE",
                   help="date the sample around this day instead of today")

    p = command("export", cmd_export, "write everything to an interchange JSON file",
                "Write every record to an interchange file (JSON, version 1), for backups, "
                "moving machines and scripts.")
    p.add_argument("--out", required=True, metavar="F.json", help="the file to write (- for stdout)")

    p = command("import", cmd_import, "read an interchange JSON file (all or nothing)",
                "Read an interchange file into the database: new uids are added, existing "
                "ones replaced. Every record is checked first; if any is bad, nothing is "
                "written and the error names the record and the field.")
    p.add_argument("file", metavar="F.json", help="the file to read (- for stdin)")

    p = command("due", cmd_due, "list reminders due on or before a date",
                "List what is due or overdue on or before DATE, most urgent first: "
                "thank-you notes, follow-ups, feedback calls and stay-in-touch touches.")
    p.add_argument("--on", type=_iso_date, metavar="DATE", help="the date (default: today)")
    p.add_argument("--json", action="store_true",
                   help="print a JSON array: uid, kind, due, overdue, title, contact_uid, "
                        "source_uid (and more)")

    p = command("ics", cmd_ics, "write open reminders to a calendar file (.ics)",
                "Write one calendar event per open reminder, dated on its due date, whose UID "
                "is the reminder's uid: importing the file again updates the same entries "
                "instead of duplicating them.")
    p.add_argument("--out", required=True, metavar="F.ics", help="the calendar file to write")
    p.add_argument("--tasks", action="store_true",
                   help="write tasks (VTODO) instead of events, for Thunderbird or Apple Reminders")
    p.add_argument("--rounds", action="store_true",
                   help="add a timed event for every interview round, in its time zone")
    p.add_argument("--full", action="store_true",
                   help="full calendar: also write reminders that are done or gone, as "
                        "cancelled, so a subscribed calendar drops them")
    p.add_argument("--private-notes", action="store_true",
                   help="include contact notes and points to mention (left out by default)")
    p.add_argument("--alarm-time", type=_clock_time, default=time(9, 0), metavar="HH:MM",
                   help="time of day of the alarm on all-day reminders (default: 09:00)")
    p = command("checklist", cmd_checklist, "print the handwritten-note checklist to PDF",
                "Write the thank-you notes still to write, due on or before DATE, as a printable "
                "PDF checklist: recipient, mailing address, points to mention, and boxes for "
                "written / addressed / stamped / delivered. The same file as the window's "
                "Save PDF. Optionally also envelopes or an address-label sheet.")
    p.add_argument("--pdf", required=True, metavar="F.pdf", help="the checklist file to write")
    p.add_argument("--on", type=_iso_date, metavar="DATE", help="notes due by this date (default: today)")
    p.add_argument("--since", type=_iso_date, metavar="DATE",
                   help="a range from this date: notes due before it are marked overdue "
                        "(default: the --on date)")
    p.add_argument("--envelopes", metavar="F.pdf", help="also write one envelope per addressed note")
    p.add_argument("--envelope-size", choices=["dl", "10"], default="dl",
                   help="envelope size: dl (110 x 220 mm) or 10 (#10, 4 1/8 x 9 1/2 in); default dl")
    p.add_argument("--labels", metavar="F.pdf", help="also write a sheet of address labels")
    p.add_argument("--sheet", choices=["a4-3x7", "letter-3x10"], default="a4-3x7",
                   help="label sheet: a4-3x7 (21 per A4) or letter-3x10 (30 per Letter)")

    cli_brief.register(command, _open_existing, start_qt_for_pdf)
    cli_contacts.register(sub, DB_HELP, _db_path, _open_existing)

    p = command("backup", cmd_backup, "copy the database safely, or list the automatic backups",
                "Write a consistent copy of the database to another file, readable by you alone "
                "(a damaged file is refused), or list the automatic daily backups kept in your "
                "data folder, with their dates and record counts.")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--out", metavar="F.db", help="the backup file to write")
    which.add_argument("--list", action="store_true",
                       help="list the automatic backups of this database, newest first")

    cli_sync.register(command)
    cli_card.register(sub)
    return parser


def _reader_went_away() -> int:
    """`afterword due --json | head`: the reader closed the pipe. Stop quietly, as Unix
    tools do (128 + SIGPIPE), and point stdout at devnull so that the flush when
    Python exits does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return 141


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain window start (`--db PATH`, `--smoke`, each at most
    once), read without building the parser of every command; None for any other
    command line, which the full parser reads (and explains, if it is wrong)."""
    args = argparse.Namespace(db=None, smoke=False, func=cmd_gui)
    words = list(argv)
    seen: set[str] = set()
    while words:
        word = words.pop(0)
        name = word.split("=", 1)[0]
        if name in seen:
            return None
        seen.add(name)
        if word == "--smoke":
            args.smoke = True
        elif word == "--db" and words and not words[0].startswith("-"):
            args.db = words.pop(0)
        elif word.startswith("--db="):
            args.db = word[len("--db="):]
        else:
            return None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = window_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not after main has returned
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except AfterwordError as exc:
        print(printable(f"afterword: error: {exc}"), file=sys.stderr)
        return 1
    except sqlite3.Error as exc:  # e.g. a damaged file found while reading it
        print(printable(f"afterword: error: {explain(exc, _db_path(args))}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("afterword: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        print(printable(f"afterword: unexpected error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        return 70
