"""Contacts as CSV: Google Contacts, Outlook, LinkedIn's Connections export, and
Afterword's own columns, read into ``merge.IncomingContact``; and Afterword's CSV
written safe to open in a spreadsheet.

The kind of file is told by its header row (LinkedIn puts lines of notes above it).
A column the kind of file does not have is refused, naming it: a column nobody reads
would be data silently dropped. Text is UTF-8 (a BOM is fine); an Outlook file that
is not UTF-8 is read as Windows-1252, as Outlook writes it. Bytes invalid in the
file's encoding refuse the file, naming the row and the column.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from afterword.core.contact_limits import limited
from afterword.core.domain import Contact, Role
from afterword.core.errors import ContactsFileError
from afterword.core.merge import IncomingContact, IncomingPhone

HEADER_SEARCH_ROWS = 20
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Afterword's own columns, in the order the export writes them.
AFTERWORD_COLUMNS = ("uid", "name", "title", "company", "role", "phone_direct", "phone_cell",
                     "email", "mailing_address", "linkedin", "helped", "notes")

LINKEDIN_COLUMNS = {"First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                    "Connected On"}

_OUTLOOK_PHONES = {
    "Mobile Phone": ("cell", None), "Business Phone": ("direct", None),
    "Business Phone 2": ("direct", "work"), "Primary Phone": ("direct", "primary"),
    "Home Phone": ("other", "home"), "Home Phone 2": ("other", "home"),
    "Company Main Phone": ("other", "company main"), "Other Phone": ("other", "other"),
    "Car Phone": ("other", "car"), "Pager": ("other", "pager"), "Callback": ("other", "callback"),
    "Radio Phone": ("other", "radio"), "Telex": ("other", "telex"),
    "TTY/TDD Phone": ("other", "TTY/TDD"), "ISDN": ("other", "ISDN"),
    "Assistant's Phone": ("other", "assistant"), "Business Fax": ("fax", "work"),
    "Home Fax": ("fax", "home"), "Other Fax": ("fax", "other"),
}
_OUTLOOK_IGNORED = {
    "Title", "Suffix", "Nickname", "Given Yomi", "Surname Yomi", "Company Yomi", "Department",
    "Office Location", "Manager's Name", "Assistant's Name", "Spouse", "Schools", "Hobby",
    "Location", "Birthday", "Anniversary", "IMAddress", "Account", "Billing Information",
    "Categories", "Children", "Directory Server", "E-mail Type", "E-mail Display Name",
    "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Type", "E-mail 3 Display Name", "Gender",
    "Government ID Number", "Initials", "Internet Free Busy", "Keywords", "Language", "Mileage",
    "Organizational ID Number", "Priority", "Private", "Profession", "Referred By", "Sensitivity",
    "User 1", "User 2", "User 3", "User 4", "Home Address PO Box", "Other Address PO Box",
    "Personal Web Page",
}
_OUTLOOK_ADDRESS = ("Street", "Street 2", "Street 3", "City", "State", "Postal Code",
                    "Country/Region")
_OUTLOOK_MAPPED = {"First Name", "Middle Name", "Last Name", "Company", "Job Title", "Notes",
                   "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Web Page",
                   "Business Address PO Box",
                   *(f"{k} {p}" for k in ("Business", "Home", "Other") for p in _OUTLOOK_ADDRESS)}
OUTLOOK_COLUMNS = _OUTLOOK_MAPPED | _OUTLOOK_IGNORED | set(_OUTLOOK_PHONES)

_GOOGLE_NUMBERED = re.compile(r"^(?P<kind>[A-Za-z][A-Za-z -]*?) (?P<n>\d+) - (?P<part>[A-Za-z ]+)$")
GOOGLE_NAMED = {
    "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
    "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials",
    "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender", "Location",
    "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby", "Sensitivity",
    "Priority", "Subject", "Notes", "Language", "Photo", "Group Membership", "Labels",
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "File As", "Organization Name", "Organization Title",
    "Organization Department",
}


@dataclass(frozen=True)
class Dialect:
    name: str  # "Google Contacts", "Outlook", "LinkedIn", "Afterword"
    columns: tuple[str, ...]


# -- telling the kind of file ---------------------------------------------------------

def detect(header: list[str]) -> str | None:
    names = {h.strip() for h in header}
    if {"First Name", "Last Name", "Connected On"} <= names:
        return "LinkedIn"
    if "name" in names and len(names & set(AFTERWORD_COLUMNS)) >= 2:
        return "Afterword"
    if any(_GOOGLE_NUMBERED.match(n) for n in names) and (
            names & {"Given Name", "Family Name", "Organization Name", "Name"}
            or any(n.endswith(" - Value") for n in names)):
        return "Google Contacts"
    if names & {"E-mail Address", "Business Phone", "Mobile Phone", "Job Title"} and "First Name" in names:
        return "Outlook"
    return None


def _unknown_column(dialect: str, column: str) -> bool:
    if not column:
        return False
    if dialect == "LinkedIn":
        return column not in LINKEDIN_COLUMNS
    if dialect == "Afterword":
        return column not in AFTERWORD_COLUMNS
    if dialect == "Outlook":
        return column not in OUTLOOK_COLUMNS
    return column not in GOOGLE_NAMED and not _GOOGLE_NUMBERED.match(column)


# -- reading ----------------------------------------------------------------------------

def _utf8_throughout(stream: BinaryIO) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    start = stream.tell()
    try:
        while chunk := stream.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return True
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(start)


def _text_lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    first = True
    for line in stream:
        if first:
            first = False
            if line.startswith(codecs.BOM_UTF8):
                line = line[3:]
        yield line.decode(encoding, "surrogateescape")


def read_rows(stream: BinaryIO) -> Iterator[IncomingContact]:
    """Every contact of a CSV file, one row at a time (see the module's rules)."""
    start = stream.tell()
    header, dialect, skipped = _find_header(_csv_rows(_text_lines(stream, "utf-8")))
    stream.seek(start)
    encoding = "utf-8"
    if dialect == "Outlook" and not _utf8_throughout(stream):
        encoding = "cp1252"
    reader = _csv_rows(_text_lines(stream, encoding))
    for _ in range(skipped + 1):
        next(reader)
    columns = [h.strip() for h in header]
    for column in columns:
        if _unknown_column(dialect, column):
            raise ContactsFileError("header", column, f"not a column of {_article(dialect)} "
                                    f"{dialect} CSV; nothing was imported")
    read = _READERS[dialect]
    for number, cells in enumerate(reader, 1):
        if not any(c.strip() for c in cells):
            continue
        where = f"row {number}"
        if len(cells) > len(columns):
            raise ContactsFileError(where, None,
                                    f"{len(cells)} cells but the header has {len(columns)} columns")
        row = dict(zip(columns, cells, strict=False))
        for column, value in row.items():
            if _SURROGATE.search(value):
                raise ContactsFileError(where, column, f"bytes invalid in {_said(encoding)}")
        yield read(row, where)


def _csv_rows(lines: Iterator[str]) -> Iterator[list[str]]:
    """The rows, read strictly: a quoted cell left open at the end of the file, text
    after a closing quote or a cell over the csv module's limit stops the run rather
    than being read as something the file never said."""
    reader = csv.reader(lines, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ContactsFileError(f"line {reader.line_num}", None,
                                    f"not valid CSV ({exc}); nothing was imported") from None
        yield row


def _article(word: str) -> str:
    return "an" if word[0] in "AEIOU" else "a"


def _said(encoding: str) -> str:
    return {"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(encoding, encoding)


def _find_header(reader: Iterator[list[str]]) -> tuple[list[str], str, int]:
    first: list[str] | None = None
    for skipped, row in enumerate(reader):
        if skipped >= HEADER_SEARCH_ROWS:
            break
        if not row:
            continue
        first = first or row
        dialect = detect(row)
        if dialect:
            return row, dialect, skipped
    shown = ", ".join(c.strip()[:30] for c in (first or [])[:6]) or "nothing"
    raise ContactsFileError("header", None,
                            f"not a contacts CSV this version reads (Google Contacts, Outlook, "
                            f"LinkedIn, or Afterword's columns); the first row has: {shown}")


def _get(row: dict[str, str], column: str) -> str:
    return (row.get(column) or "").strip()


def _join(*parts: str, sep: str = " ") -> str:
    return sep.join(p.strip() for p in parts if p and p.strip())


def _contact(where: str, name: str, source: str) -> IncomingContact:
    return IncomingContact(name=limited(name, "name", where, source) or "", where=_named(where, name))


def _named(where: str, name: str) -> str:
    name = " ".join(name.split())[:60]
    return f"{where} ({name})" if name else where


def _linkedin(row: dict[str, str], where: str) -> IncomingContact:
    c = _contact(where, _join(_get(row, "First Name"), _get(row, "Last Name")), "First Name")
    w = c.where
    c.company = limited(_get(row, "Company"), "company", w, "Company")
    c.title = limited(_get(row, "Position"), "title", w, "Position")
    if email := limited(_get(row, "Email Address"), "email", w, "Email Address"):
        c.emails.append(email)
    if url := limited(_get(row, "URL"), "link", w, "URL"):
        c.links.append(url)
    if connected := _get(row, "Connected On"):
        c.extra_lines.append(f"Connected on LinkedIn: {connected}")
    if not c.name and c.emails:
        c.name = c.emails[0]
    return c


def _outlook(row: dict[str, str], where: str) -> IncomingContact:
    name = _join(_get(row, "First Name"), _get(row, "Middle Name"), _get(row, "Last Name"))
    c = _contact(where, name, "First Name")
    w = c.where
    c.company = limited(_get(row, "Company"), "company", w, "Company")
    c.title = limited(_get(row, "Job Title"), "title", w, "Job Title")
    for column in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"):
        if email := limited(_get(row, column), "email", w, column):
            c.emails.append(email)
    for column, (kind, label) in _OUTLOOK_PHONES.items():
        if number := limited(_get(row, column), "phone", w, column):
            c.phones.append(IncomingPhone(number, kind, label))  # type: ignore[arg-type]
    addresses = []
    for kind in ("Business", "Home", "Other"):
        street = _join(*(_get(row, f"{kind} {p}") for p in _OUTLOOK_ADDRESS[:3]), sep="\n")
        town = _town(_get(row, f"{kind} City"), _get(row, f"{kind} State"),
                     _get(row, f"{kind} Postal Code"))
        text = _join(street, town, _get(row, f"{kind} Country/Region"), sep="\n")
        if text:
            addresses.append(limited(text, "mailing_address", w, f"{kind} Street"))
    if addresses:
        c.mailing_address = addresses[0]
        c.extra_lines += [f"Address: {a.replace(chr(10), ', ')}" for a in addresses[1:] if a]
    if url := limited(_get(row, "Web Page"), "link", w, "Web Page"):
        c.links.append(url)
    c.notes = limited(_get(row, "Notes"), "notes", w, "Notes")
    if not c.name:
        c.name = c.company or (c.emails[0] if c.emails else "")
    return c


def _town(city: str, region: str, code: str) -> str:
    return " ".join(p for p in (f"{city}," if city and region else city, region, code) if p)


def _google(row: dict[str, str], where: str) -> IncomingContact:
    name = _get(row, "Name") or _join(
        _get(row, "Name Prefix"), _get(row, "First Name") or _get(row, "Given Name"),
        _get(row, "Middle Name") or _get(row, "Additional Name"),
        _get(row, "Last Name") or _get(row, "Family Name"), _get(row, "Name Suffix"))
    c = _contact(where, name, "Name" if _get(row, "Name") else "First Name")
    w = c.where
    c.company = limited(_get(row, "Organization Name") or _get(row, "Organization 1 - Name"),
                        "company", w, "Organization Name")
    c.title = limited(_get(row, "Organization Title") or _get(row, "Organization 1 - Title"),
                      "title", w, "Organization Title")
    c.notes = limited(_get(row, "Notes"), "notes", w, "Notes")
    for n, label, value, column in _numbered(row, "E-mail"):
        del n, label
        for email in _values(value):
            if email := limited(email, "email", w, column):
                c.emails.append(email)
    for _n, label, value, column in _numbered(row, "Phone"):
        for number in _values(value):
            if number := limited(number, "phone", w, column):
                c.phones.append(_google_phone(number, label))
    addresses = []
    for n, _label, value, column in _numbered(row, "Address", part="Formatted"):
        text = value or _join(_get(row, f"Address {n} - PO Box"), _get(row, f"Address {n} - Street"),
                              _get(row, f"Address {n} - Extended Address"),
                              _town(_get(row, f"Address {n} - City"), _get(row, f"Address {n} - Region"),
                                    _get(row, f"Address {n} - Postal Code")),
                              _get(row, f"Address {n} - Country"), sep="\n")
        if text := limited(text, "mailing_address", w, column):
            addresses.append(text)
    if addresses:
        c.mailing_address = addresses[0]
        c.extra_lines += [f"Address: {a.replace(chr(10), ', ')}" for a in addresses[1:]]
    for _n, _label, value, column in _numbered(row, "Website"):
        for url in _values(value):
            if url := limited(url, "link", w, column):
                c.links.append(url)
    if not c.name:
        c.name = c.company or (c.emails[0] if c.emails else "")
    return c


def _numbered(row: dict[str, str], kind: str, part: str = "Value") -> Iterator[tuple[int, str, str, str]]:
    """(n, label, value, column) of Google's numbered columns ("Phone 2 - Value")."""
    n = 1
    while True:
        column = f"{kind} {n} - {part}"
        if column not in row and (part != "Formatted" or f"{kind} {n} - Street" not in row):
            return
        label = _get(row, f"{kind} {n} - Label") or _get(row, f"{kind} {n} - Type")
        value = _get(row, column)
        if value or (part == "Formatted" and any(
                _get(row, f"{kind} {n} - {p}") for p in ("Street", "City", "Postal Code"))):
            yield n, label, value, column
        n += 1


def _values(value: str) -> list[str]:
    """Google packs several values of one label into one cell, split by ' ::: '."""
    return [v.strip() for v in value.split(":::") if v.strip()]


def _google_phone(number: str, label: str) -> IncomingPhone:
    words = label.replace("*", " ").lower().split()
    if "fax" in words:
        return IncomingPhone(number, "fax", _join(*(w for w in words if w != "fax")) or None)
    if {"mobile", "cell"} & set(words):
        return IncomingPhone(number, "cell", None)
    if not words or {"work", "main"} & set(words):
        return IncomingPhone(number, "direct", None)
    return IncomingPhone(number, "other", " ".join(words))


def _unprotect(text: str) -> str:
    """A cell the export protected from spreadsheets ('+1 555…) back to its value."""
    return text[1:] if text.startswith("'") and text[1:2] in _FORMULA_START else text


def _afterword(row: dict[str, str], where: str) -> IncomingContact:
    row = {k: _unprotect(v) for k, v in row.items()}
    c = _contact(where, _get(row, "name"), "name")
    w = c.where
    c.uid = _get(row, "uid") or None
    c.title = limited(_get(row, "title"), "title", w, "title")
    c.company = limited(_get(row, "company"), "company", w, "company")
    role = _get(row, "role").lower().replace(" ", "_")
    if role:
        try:
            c.role = Role(role)
        except ValueError:
            raise ContactsFileError(w, "role", f"not a role Afterword knows: {role!r} (one of "
                                    f"{', '.join(r.value for r in Role)})") from None
    if direct := limited(_get(row, "phone_direct"), "phone", w, "phone_direct"):
        c.phones.append(IncomingPhone(direct, "direct"))
    if cell := limited(_get(row, "phone_cell"), "phone", w, "phone_cell"):
        c.phones.append(IncomingPhone(cell, "cell"))
    if email := limited(_get(row, "email"), "email", w, "email"):
        c.emails.append(email)
    c.mailing_address = limited(row.get("mailing_address"), "mailing_address", w, "mailing_address")
    if link := limited(_get(row, "linkedin"), "link", w, "linkedin"):
        c.links.append(link)
    c.helped = limited(row.get("helped"), "helped", w, "helped")
    c.notes = limited(row.get("notes"), "notes", w, "notes")
    return c


_READERS = {"LinkedIn": _linkedin, "Outlook": _outlook, "Google Contacts": _google,
            "Afterword": _afterword}


# -- writing ----------------------------------------------------------------------------

def spreadsheet_safe(text: str | None) -> str:
    """A cell no spreadsheet reads as a formula: one starting with = + - @ (a phone
    number like +1 555… too) gets a leading apostrophe, which spreadsheets hide."""
    text = text or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(out: TextIO, rows: Iterable[tuple[Contact, str | None]]) -> int:
    """Afterword's CSV: one header row, then one row per (contact, company name)."""
    out.write("\ufeff")  # a BOM: spreadsheets then read the file as UTF-8, accents and all
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(AFTERWORD_COLUMNS)
    count = 0
    for contact, company in rows:
        values = {
            "uid": contact.uid, "name": contact.name, "title": contact.title, "company": company,
            "role": contact.role.value if contact.role else None,
            "phone_direct": contact.phone_direct, "phone_cell": contact.phone_cell,
            "email": contact.email, "mailing_address": contact.mailing_address,
            "linkedin": contact.linkedin, "helped": contact.helped, "notes": contact.notes,
        }
        writer.writerow([spreadsheet_safe(values[c]) for c in AFTERWORD_COLUMNS])
        count += 1
    return count
