"""Contact files in and out: which kind a file is (vCard or CSV, told by its
content), the limits a file must keep, one run of imports over several files (all or
nothing), and the export to .vcf or .csv."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from afterword.core import csv_contacts, vcard, vcard_contacts
from afterword.core.domain import CardPhoto, Contact
from afterword.core.errors import AfterwordError, ContactsFileError
from afterword.core.files import write_private_text
from afterword.core.merge import (
    ImportReport,
    IncomingContact,
    MatchIndex,
    feed,
    run_transaction,
)
from afterword.core.output_paths import check_export_path, check_input_path
from afterword.core.store import Store

# A contacts file larger than this is refused before it is read: thousands of cards
# with photos fit well within it; anything larger is more likely a mistake.
MAX_FILE_BYTES = 40 * 1024 * 1024
VCARD_SUFFIXES = (".vcf", ".vcard")


class ContactsImportError(AfterwordError):
    """A file of a run could not be imported; nothing of the run was written."""


def kind_of(head: bytes) -> str:
    """'vcard' or 'csv', from the first bytes of a file."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    if text[:1] in (b"{", b"["):
        raise ContactsFileError("the file", None, "this is JSON, not vCard or CSV (an Afterword "
                                "interchange file is read by 'afterword import')")
    if b"\x00" in text[:4096]:
        raise ContactsFileError("the file", None, "not a text file (vCard or CSV expected)")
    return "csv"


def _open(path: Path) -> BinaryIO:
    check_input_path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ContactsImportError(f"{path}: is a folder, not a contacts file")
        if size > MAX_FILE_BYTES:
            raise ContactsImportError(
                f"{path}: {size / (1024 * 1024):.0f} MB is larger than the "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB a contacts file may have; nothing was imported")
        return open(path, "rb")
    except OSError as exc:
        raise ContactsImportError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_contacts(path: Path) -> Iterator[IncomingContact]:
    """Every contact in one file, one at a time; a problem raises ContactsImportError
    naming the file, the card or row, and the field."""
    with _open(path) as stream:
        try:
            kind = kind_of(stream.read(4096))
            stream.seek(0)
            if kind == "vcard":
                for card in vcard.read_cards(stream):
                    yield vcard_contacts.incoming_from_card(card)
            else:
                yield from csv_contacts.read_rows(stream)
        except ContactsFileError as exc:
            raise ContactsImportError(f"{path.name}: {exc}") from None
        except OSError as exc:
            raise ContactsImportError(f"cannot read {path}: {exc.strerror or exc}") from None


def check_files(paths: Sequence[Path]) -> None:
    """Refuse a missing, unreadable or oversized file before any work (ContactsImportError)."""
    for path in paths:
        _open(Path(path)).close()


def import_files(store: Store, paths: Sequence[Path], *, region: str | None, dry_run: bool = False,
                 progress: Callable[[str, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[ImportReport]:
    """Import several files in one transaction: every file or none. One report per file."""
    reports = [ImportReport(label=Path(p).name) for p in paths]
    check_files(paths)
    with run_transaction(store, dry_run=dry_run, many=True):
        index = MatchIndex.load(store, region)
        for path, report in zip(paths, reports, strict=True):
            step = (lambda n, label=report.label: progress(label, n)) if progress else None
            feed(store, read_contacts(Path(path)), index, report, progress=step, cancelled=cancelled)
    return reports


# -- export -----------------------------------------------------------------------------

def export_format(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix in VCARD_SUFFIXES:
        return "vcard"
    if suffix == ".csv":
        return "csv"
    raise AfterwordError(f"{out.name}: the file name must end in .vcf or .csv")


def refuse_database_target(out: Path, store: Store) -> None:
    """An export never writes over a database (nor its -wal/-shm, nor a link to it)."""
    check_export_path(out, [store.path] if store.path is not None else [])


def _contacts(store: Store, uids: Sequence[str] | None) -> Iterator[list[Contact]]:
    if uids is None:
        yield from store.select_chunks(Contact, order_by="name COLLATE NOCASE, id", size=500)
        return
    for start in range(0, len(uids), 500):
        chunk = list(uids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        yield store.select(Contact, f"uid IN ({marks})", chunk, order_by="name COLLATE NOCASE, id")


def _photos(store: Store, uids: list[str]) -> dict[str, CardPhoto]:
    marks = ",".join("?" * len(uids))
    rows = store.db.execute(
        f"SELECT contact_uid, mime_type, data FROM card_photos WHERE contact_uid IN ({marks})", uids)
    return {uid: CardPhoto(data=data, mime_type=mime) for uid, mime, data in rows}


def export_contacts(store: Store, out: Path, *, version: str = "4.0",
                    uids: Sequence[str] | None = None) -> int:
    """Write every contact (or those of `uids`) to a .vcf or .csv file; returns how many."""
    out = Path(out)
    kind = export_format(out)
    refuse_database_target(out, store)
    companies = dict(store.db.execute("SELECT uid, name FROM companies").fetchall())
    count = 0

    def write(handle) -> None:
        nonlocal count
        if kind == "csv":
            rows = ((c, companies.get(c.company_uid)) for chunk in _contacts(store, uids) for c in chunk)
            count = csv_contacts.write_csv(handle, rows)
            return
        for chunk in _contacts(store, uids):
            photos = _photos(store, [c.uid for c in chunk]) if chunk else {}
            for contact in chunk:
                handle.write(vcard_contacts.card_for(contact, companies.get(contact.company_uid),
                                                     photos.get(contact.uid), version))
                count += 1

    write_private_text(out, write)
    return count
