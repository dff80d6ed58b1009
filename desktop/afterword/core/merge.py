"""The one rule for bringing a contact in from outside (a vCard, a CSV row, a card on
a sync server, a scanned business card).

An incoming contact is the same person as a stored one when they share an email
address (case aside), a phone number (the same number once normalised with
phonenumbers, numbers without + read in the user's region), a UID, or a profile link
(LinkedIn's export often has no email). One with none of these (a name and a company,
say) is the same person as someone stored with the same name at the same company. A match fills
the stored person's empty fields; a value that differs from the stored one never
replaces it: it is kept in the person's notes on a labelled line
(``Email: …``, ``Phone (home): …``, ``Title (imported): …``), where the user sees it
and later imports find it, so the same file imported twice changes nothing.

The API, for every reader of contacts:

- ``IncomingContact``: plain fields (name, title, company *name*, role, emails,
  phones with their kind, address, links, notes), a ``CardPhoto`` and a UID.
- ``MatchIndex.load(store, region)`` reads what matching needs (uids, emails,
  phones, company names), once; ``plan_contact(incoming, index, store)`` is pure: it
  returns a ``ContactPlan`` (add / merge / skip, the record to write, the reason)
  and writes nothing. ``apply_plan(store, plan, index)`` writes one plan and teaches
  the index about it, so later contacts of the same run match it.
- ``import_contacts(store, contacts, region=…, dry_run=…)`` runs a whole batch in
  one transaction (all or nothing) and returns an ``ImportReport``; ``dry_run``
  plans and reports the same but writes nothing (the window's preview).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Literal

import phonenumbers

from afterword.core.domain import CardPhoto, Company, Contact, Role, new_uid
from afterword.core.errors import AfterwordError, InvalidRecord
from afterword.core.store import Store
from afterword.core.validation import check_text_fields

PhoneKind = Literal["cell", "direct", "fax", "other"]
Action = Literal["add", "merge", "skip"]

# Lines in a person's notes that carry extra emails and numbers (read back for matching).
_EXTRA_LINE = re.compile(r"^(Email|Phone(?: \([^)\n]*\))?|Fax(?: \([^)\n]*\))?): (.+)$", re.MULTILINE)
# "+1 (425) 555-0101": E.164 without asking phonenumbers (a "(0)" trunk prefix still asks).
_SIMPLE_E164 = re.compile(r"^\+[1-9][0-9 .\-()]{5,24}$")


@dataclass
class IncomingPhone:
    number: str
    kind: PhoneKind = "direct"
    label: str | None = None  # "home", "Assistant", … as the source called it


@dataclass
class IncomingContact:
    """A contact as read from outside, before it meets the store."""

    name: str
    title: str | None = None
    company: str | None = None
    role: Role | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[IncomingPhone] = field(default_factory=list)
    mailing_address: str | None = None
    links: list[str] = field(default_factory=list)
    helped: str | None = None
    notes: str | None = None
    extra_lines: list[str] = field(default_factory=list)  # further labelled lines for notes
    photo: CardPhoto | None = None
    uid: str | None = None
    where: str = ""  # "card 3 (Jane Doe)", "row 7": for reports


@dataclass
class ContactPlan:
    action: Action
    incoming: IncomingContact
    reason: str
    contact: Contact | None = None  # the record to write (add/merge)
    before: Contact | None = None  # the stored record (merge)
    company: Company | None = None  # a company to create first
    photo: CardPhoto | None = None  # a card photo to set
    filled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # differing values kept in notes
    photo_left_out: bool = False

    @property
    def name(self) -> str:
        return self.contact.name if self.contact else self.incoming.name


# -- normalising -------------------------------------------------------------------

def normal_email(text: str | None) -> str | None:
    text = (text or "").strip()
    return text.casefold() if "@" in text else None


def normal_phone(text: str | None, region: str | None) -> str | None:
    """E.164 form of a number (numbers without + read in `region`), None if not a number."""
    text = (text or "").strip()
    if not text:
        return None
    if _SIMPLE_E164.match(text) and "(0" not in text:
        digits = re.sub(r"[^0-9]", "", text)
        if 8 <= len(digits) <= 15:
            return "+" + digits
    try:
        number = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EXTENSION = re.compile(r"(?:ext\.?|x|#|;ext=).*$", re.IGNORECASE)


def phone_tail(text: str) -> str | None:
    """The last 7 digits of a number (its extension left out): the same for every way
    of writing one number, so it narrows who to compare without parsing."""
    digits = re.sub(r"[^0-9]", "", _EXTENSION.sub("", text))
    return digits[-7:] if len(digits) >= 7 else None


def _same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


# -- the index of what is stored ------------------------------------------------------

@dataclass
class MatchIndex:
    """Who is stored, by uid, email and phone; companies by name."""

    region: str | None
    by_uid: dict[str, str] = field(default_factory=dict)  # uid -> uid (existence)
    by_email: dict[str, str] = field(default_factory=dict)
    # Numbers by their last 7 digits, normalised only when an incoming number ends the
    # same way: a large database is indexed without asking phonenumbers about each number.
    by_phone_tail: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_link: dict[str, str] = field(default_factory=dict)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, company) -> uid
    companies: dict[str, str] = field(default_factory=dict)  # casefolded name -> uid
    company_names: dict[str, str] = field(default_factory=dict)  # uid -> name

    @classmethod
    def load(cls, store: Store, region: str | None) -> MatchIndex:
        index = cls(region=region)
        for uid, name in store.db.execute("SELECT uid, name FROM companies"):
            index.add_company(uid, name)
        rows = store.db.execute(
            "SELECT uid, name, company_uid, linkedin, email, phone_direct, phone_cell, notes "
            "FROM contacts ORDER BY id")
        for uid, name, company_uid, link, email, direct, cell, notes in rows:
            index.add_person(uid, [email], [direct, cell], notes)
            index.add_identity(uid, name, company_uid, [link])
        return index

    def add_identity(self, uid: str, name: str, company_uid: str | None,
                     links: Iterable[str | None]) -> None:
        company = self.company_names.get(company_uid, "") if company_uid else ""
        self.by_name.setdefault(_name_key(name, company), uid)
        for link in links:
            if key := normal_link(link):
                self.by_link.setdefault(key, uid)

    def add_company(self, uid: str, name: str) -> None:
        self.companies.setdefault(" ".join(name.split()).casefold(), uid)
        self.company_names[uid] = name

    def add_person(self, uid: str, emails: Iterable[str | None], phones: Iterable[str | None],
                   notes: str | None) -> None:
        self.by_uid[uid] = uid
        emails, phones = list(emails), list(phones)
        for label, value in _extra_lines(notes):
            (emails if label == "Email" else phones).append(value)
        for email in emails:
            if key := normal_email(email):
                self.by_email.setdefault(key, uid)
        for phone in phones:
            if phone and (tail := phone_tail(phone)):
                self.by_phone_tail.setdefault(tail, []).append((phone, uid))

    def uid_of_phone(self, key: str) -> str | None:
        """Who (first stored) has the number whose E.164 form is `key`."""
        for raw, uid in self.by_phone_tail.get(key[-7:], ()):
            if normal_phone(raw, self.region) == key:
                return uid
        return None

    def matches(self, incoming: IncomingContact) -> tuple[list[str], str]:
        """Stored uids the incoming contact shares something with, and how."""
        if incoming.uid and incoming.uid in self.by_uid:
            return [incoming.uid], "same UID"
        found: dict[str, str] = {}
        for email in incoming.emails:
            key = normal_email(email)
            if key and key in self.by_email:
                found.setdefault(self.by_email[key], f"same email {email.strip()}")
        for phone in incoming.phones:
            if phone.kind == "fax":
                continue
            key = normal_phone(phone.number, self.region)
            uid = self.uid_of_phone(key) if key else None
            if uid:
                found.setdefault(uid, f"same phone {phone.number.strip()}")
        for link in incoming.links:
            key = normal_link(link)
            if key and key in self.by_link:
                found.setdefault(self.by_link[key], f"same profile {link.strip()}")
        if not found and not incoming.emails and not incoming.phones:
            uid = self.by_name.get(_name_key(incoming.name, incoming.company or ""))
            if uid:
                found[uid] = "same name and company"
        uids = list(found)
        return uids, found[uids[0]] if uids else ""


def _name_key(name: str, company: str) -> tuple[str, str]:
    return " ".join(name.split()).casefold(), " ".join(company.split()).casefold()


def normal_link(text: str | None) -> str | None:
    """A profile link without scheme, www., query or trailing slash, in lower case
    (only links that name a person: LinkedIn's /in/…)."""
    text = (text or "").strip().casefold()
    match = re.match(r"^(?:https?://)?(?:[a-z]{2,3}\.|www\.)?(linkedin\.com/in/[^/?#\s]+)", text)
    return match.group(1) if match else None


def _extra_lines(notes: str | None) -> Iterator[tuple[str, str]]:
    if not notes or ": " not in notes:
        return
    for match in _EXTRA_LINE.finditer(notes):
        label = match.group(1)
        yield ("Email" if label == "Email" else "Phone"), match.group(2).strip()


# -- incoming fields to Afterword's fields -----------------------------------------

@dataclass
class IncomingFields:
    """An incoming contact's values in Afterword's fields, and what goes to notes."""

    values: dict[str, str | None]
    extras: list[str]  # labelled lines for notes (extra numbers, emails, links)


def incoming_fields(incoming: IncomingContact, company_name: str | None) -> IncomingFields:
    """Which number is the cell and which the direct line, which link the LinkedIn one,
    and the rest as labelled lines for notes: the mapping every import (and sync) uses."""
    extras: list[str] = []
    emails = [e.strip() for e in incoming.emails if e and e.strip()]
    email = emails[0] if emails else None
    extras += [f"Email: {e}" for e in emails[1:] if not _same_text(e, email)]
    cell = direct = None
    cells = [p for p in incoming.phones if p.kind == "cell" and p.number.strip()]
    numbered = [p for p in incoming.phones if p.number.strip()]
    directs = ([p for p in numbered if p.kind == "direct"]
               or [p for p in numbered if p.kind == "other"])  # a home number beats none
    if cells:
        cell = cells[0].number.strip()
    if directs:
        direct = directs[0].number.strip()
    for phone in incoming.phones:
        number = phone.number.strip()
        if not number or number in (cell, direct):
            continue
        label = phone.label or ("cell" if phone.kind == "cell" else None)
        if phone.kind == "fax":
            extras.append(f"Fax: {number}")
        else:
            extras.append(f"Phone ({label}): {number}" if label else f"Phone: {number}")
    links = [u.strip() for u in incoming.links if u and u.strip()]
    linkedin = next((u for u in links if "linkedin." in u.casefold()), links[0] if links else None)
    extras += [f"Web: {u}" for u in links if u != linkedin]
    extras += incoming.extra_lines
    values = {
        "title": incoming.title, "phone_direct": direct, "phone_cell": cell, "email": email,
        "mailing_address": incoming.mailing_address, "linkedin": linkedin,
        "helped": incoming.helped,
        "role": incoming.role.value if incoming.role else None, "company": company_name,
    }
    return IncomingFields({k: (v.strip() if isinstance(v, str) else v) or None for k, v in values.items()},
                   extras)


_LABELS = {
    "title": "Title", "phone_direct": "Phone (direct)", "phone_cell": "Phone (cell)",
    "email": "Email", "mailing_address": "Address", "linkedin": "Web", "helped": "How they helped",
    "role": "Role", "company": "Company", "name": "Name",
}
_KEPT_SUFFIX = " (imported)"


def _kept_line(name: str, value: str, suffix: str = _KEPT_SUFFIX) -> str:
    """How a differing value is kept in notes: extra emails and numbers read back
    as such (matching uses them); other fields say they came from an import."""
    label = _LABELS[name]
    if name in ("email", "phone_direct", "phone_cell", "linkedin"):
        return f"{label}: {value}"
    value = value.replace("\n", ", ") if name == "mailing_address" else value
    return f"{label}{suffix}: {value}"


# -- planning ----------------------------------------------------------------------

def plan_contact(incoming: IncomingContact, index: MatchIndex, store: Store,
                 *, photo_of: Callable[[str], CardPhoto | None] | None = None) -> ContactPlan:
    """What bringing `incoming` in would do, against the store as indexed; writes nothing.
    A result the stored record could not hold (notes grown past their limit) is a skip."""
    return _within_limits(_plan_contact(incoming, index, store, photo_of))


def _within_limits(plan: ContactPlan) -> ContactPlan:
    if plan.contact is None:
        return plan
    try:
        check_text_fields(plan.contact)
    except InvalidRecord as bad:
        return ContactPlan("skip", plan.incoming, f"its {bad.field.replace('_', ' ')} would be too "
                           f"long: {bad.problem}", before=plan.before)
    return plan


def _plan_contact(incoming: IncomingContact, index: MatchIndex, store: Store,
                  photo_of: Callable[[str], CardPhoto | None] | None) -> ContactPlan:
    name = " ".join(incoming.name.split())
    if not name:
        return ContactPlan("skip", incoming, "no name, email or phone")
    uids, how = index.matches(incoming)
    if len(uids) > 1:
        names = ", ".join(_name_of(store, u) for u in uids[:3])
        return ContactPlan("skip", incoming, f"matches several people ({names}); merge them first")
    company_uid, company = _company_for(incoming.company, index)
    company_name = incoming.company.strip() if incoming.company else None
    wanted = incoming_fields(incoming, company_name)
    if not uids:
        return _plan_add(incoming, name, wanted, company_uid, company)
    stored = store.get(Contact, uids[0])
    if stored is None:  # the index and the store disagree: treat as new
        return _plan_add(incoming, name, wanted, company_uid, company)
    photo = (photo_of or store.card_photo)(stored.uid) if incoming.photo else None
    return _plan_merge(incoming, stored, name, wanted, company_uid, company, how, photo, index)


def _name_of(store: Store, uid: str) -> str:
    row = store.db.execute("SELECT name FROM contacts WHERE uid = ?", [uid]).fetchone()
    return row[0] if row else uid


def _company_for(name: str | None, index: MatchIndex) -> tuple[str | None, Company | None]:
    name = " ".join((name or "").split())
    if not name:
        return None, None
    uid = index.companies.get(name.casefold())
    if uid:
        return uid, None
    company = Company(name=name)
    return company.uid, company


def _plan_add(incoming: IncomingContact, name: str, wanted: IncomingFields, company_uid: str | None,
              company: Company | None) -> ContactPlan:
    values = dict(wanted.values)
    values.pop("company")
    role = values.pop("role")
    notes = _join_notes(incoming.notes, wanted.extras)
    contact = Contact(name=name, company_uid=company_uid, role=Role(role) if role else None,
                      notes=notes, uid=incoming.uid or new_uid(), **values)
    return ContactPlan("add", incoming, "new", contact=contact, company=company,
                       photo=incoming.photo)


def plan_merge_into(incoming: IncomingContact, stored: Contact, index: MatchIndex,
                    stored_photo: CardPhoto | None, how: str, *, suffix: str = _KEPT_SUFFIX) -> ContactPlan:
    """The merge of `incoming` into `stored` by the rule (Merge People uses it with
    the person merged away as `incoming`); writes nothing."""
    company_uid, company = _company_for(incoming.company, index)
    company_name = incoming.company.strip() if incoming.company else None
    return _plan_merge(incoming, stored, " ".join(incoming.name.split()),
                       incoming_fields(incoming, company_name), company_uid, company, how, stored_photo,
                       index, suffix)


def _plan_merge(incoming: IncomingContact, stored: Contact, name: str, wanted: IncomingFields,
                company_uid: str | None, company: Company | None, how: str,
                stored_photo: CardPhoto | None, index: MatchIndex,
                suffix: str = _KEPT_SUFFIX) -> ContactPlan:
    updated = replace(stored)
    filled: list[str] = []
    kept: list[str] = []
    known = _known_values(stored, index)
    for key, value in wanted.values.items():
        if value is None:
            continue
        current = _current(stored, key, index)
        if _is_known(key, value, known, index.region):
            continue
        if current is None:
            _set(updated, key, value, company_uid)
            filled.append(key)
            known.setdefault(key, set()).add(_key(key, value, index.region))
        elif not _same_text(current, value):
            kept.append(_kept_line(key, value, suffix))
    if not _same_text(stored.name, name) and not _is_shorter_form(name, stored.name):
        kept.append(_kept_line("name", name, suffix))
    lines = [line for line in (*kept, *wanted.extras) if not _in_notes(stored.notes, line)]
    notes = stored.notes
    if incoming.notes and incoming.notes.strip() and not _in_notes(stored.notes, incoming.notes.strip()):
        notes = _append(notes, incoming.notes.strip())
        filled.append("notes")
    if lines:
        notes = _append(notes, "\n".join(dict.fromkeys(lines)))
    updated.notes = notes
    if company is not None and updated.company_uid != company.uid:
        company = None  # only create a company the record will point at
    photo, photo_left_out = None, False
    if incoming.photo is not None:
        if stored_photo is None:
            photo = incoming.photo
            filled.append("card photo")
        elif stored_photo.data != incoming.photo.data:
            photo_left_out = True
    changed = updated != stored or photo is not None
    if not changed:
        return ContactPlan("skip", incoming, f"already up to date ({how})", before=stored,
                           photo_left_out=photo_left_out)
    reason = how
    if lines:
        reason += f"; {len(lines)} differing or extra value(s) kept in notes"
    return ContactPlan("merge", incoming, reason, contact=updated, before=stored, company=company,
                       photo=photo, filled=filled, kept=lines, photo_left_out=photo_left_out)


def _is_shorter_form(incoming: str, stored: str) -> bool:
    """'Raj' beside 'Raj Patel': the incoming name says less, not something else."""
    words_in, words_stored = incoming.casefold().split(), stored.casefold().split()
    return set(words_in) <= set(words_stored)


def _current(stored: Contact, key: str, index: MatchIndex) -> str | None:
    if key == "company":
        return index.company_names.get(stored.company_uid) if stored.company_uid else None
    value = getattr(stored, key)
    return value.value if isinstance(value, Role) else value


def _set(contact: Contact, key: str, value: str, company_uid: str | None) -> None:
    if key == "company":
        contact.company_uid = company_uid
    elif key == "role":
        contact.role = Role(value)
    else:
        setattr(contact, key, value)


def _key(field_name: str, value: str, region: str | None) -> str:
    if field_name in ("phone_direct", "phone_cell"):
        return normal_phone(value, region) or value.strip()
    return " ".join(value.split()).casefold()


def _known_values(stored: Contact, index: MatchIndex) -> dict[str, set[str]]:
    """Emails and numbers the person already has anywhere (fields and notes lines)."""
    region = index.region
    phones = {_key("phone_direct", p, region) for p in (stored.phone_direct, stored.phone_cell) if p}
    emails = {_key("email", stored.email, region)} if stored.email else set()
    for label, value in _extra_lines(stored.notes):
        if label == "Email":
            emails.add(_key("email", value, region))
        else:
            phones.add(_key("phone_direct", value, region))
    return {"phone": phones, "email": emails}


def _is_known(key: str, value: str, known: dict[str, set[str]], region: str | None) -> bool:
    if key in ("phone_direct", "phone_cell"):
        return _key(key, value, region) in known["phone"]
    if key == "email":
        return _key(key, value, region) in known["email"]
    return False


def _in_notes(notes: str | None, text: str) -> bool:
    return bool(notes) and " ".join(text.split()).casefold() in " ".join(notes.split()).casefold()


def _append(notes: str | None, text: str) -> str:
    return f"{notes.rstrip()}\n{text}" if notes and notes.strip() else text


def _join_notes(notes: str | None, extras: list[str]) -> str | None:
    parts = [p for p in ((notes or "").strip(), "\n".join(dict.fromkeys(extras))) if p]
    return "\n".join(parts) or None


# -- writing -------------------------------------------------------------------------

def apply_plan(store: Store, plan: ContactPlan, index: MatchIndex) -> None:
    """Write one plan (nothing for a skip) and add it to the index."""
    if plan.action == "skip" or plan.contact is None:
        return
    contact = plan.contact
    with store.atomic():
        if plan.company is not None:
            store.put(plan.company)
            index.add_company(plan.company.uid, plan.company.name)
        store.put(contact)
        if plan.photo is not None:
            store.set_card_photo(contact.uid, plan.photo)
    index.add_person(contact.uid, [contact.email, *plan.incoming.emails],
                     [contact.phone_direct, contact.phone_cell,
                      *(p.number for p in plan.incoming.phones if p.kind != "fax")], contact.notes)
    index.add_identity(contact.uid, contact.name, contact.company_uid,
                       [contact.linkedin, *plan.incoming.links])


# -- a whole run -----------------------------------------------------------------------

@dataclass
class Outcome:
    where: str
    name: str
    action: Action
    reason: str
    details: tuple[str, ...] = ()  # fields filled, values kept in notes, a photo left out


def _details(plan: ContactPlan) -> tuple[str, ...]:
    lines = [f"fills {', '.join(f.replace('_', ' ') for f in plan.filled)}"] if plan.filled else []
    lines += [f"keeps in notes: {line}" for line in plan.kept]
    if plan.photo_left_out:
        lines.append("keeps the stored card photo; the one in the file is left out")
    return tuple(lines)


@dataclass
class ImportReport:
    """What a batch did (or, in a dry run, would do), card by card."""

    label: str = ""
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    def summary(self) -> str:
        """`added N, merged M, skipped K` with the skip reasons counted."""
        text = f"added {self.count('add')}, merged {self.count('merge')}, skipped {self.count('skip')}"
        reasons: dict[str, int] = {}
        for o in self.outcomes:
            if o.action == "skip":
                key = re.sub(r" \(same .*\)$| \(.*\); merge them first$", "", o.reason)
                reasons[key] = reasons.get(key, 0) + 1
        if reasons:
            text += " (" + ", ".join(f"{n} {r}" for r, n in reasons.items()) + ")"
        return text


class Cancelled(AfterwordError):
    """The user stopped the import; nothing was written."""


class _DryRun(Exception):
    pass


def import_contacts(store: Store, contacts: Iterable[IncomingContact], *, region: str | None,
                    dry_run: bool = False, report: ImportReport | None = None,
                    index: MatchIndex | None = None,
                    progress: Callable[[int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Bring a batch in, one transaction for all of it. The contacts are read
    lazily (one at a time), so a reader's error or a cancel leaves nothing written."""
    report = report if report is not None else ImportReport()
    with run_transaction(store, dry_run=dry_run, many=True):
        index = index or MatchIndex.load(store, region)
        feed(store, contacts, index, report, progress=progress, cancelled=cancelled)
    return report


def feed(store: Store, contacts: Iterable[IncomingContact], index: MatchIndex, report: ImportReport,
         *, progress: Callable[[int], None] | None = None,
         cancelled: Callable[[], bool] | None = None) -> None:
    """Plan and write contacts one by one inside a transaction the caller holds."""
    for count, incoming in enumerate(contacts, 1):
        if cancelled is not None and cancelled():
            raise Cancelled("the import was cancelled; nothing was written")
        plan = plan_contact(incoming, index, store)
        apply_plan(store, plan, index)
        report.outcomes.append(Outcome(incoming.where, plan.name, plan.action, plan.reason,
                                       _details(plan)))
        if progress is not None:
            progress(count)


@contextmanager
def run_transaction(store: Store, *, dry_run: bool, many: bool = False) -> Iterator[None]:
    """One transaction for a whole run; a dry run plans and writes, then takes it all back.
    With `many` (a file of contacts), search rows are rebuilt once at the end rather
    than per person, with the page cache at its usual size (memory stays bounded)."""
    try:
        with store.bulk(roomy_cache=False) if many else store.atomic():
            yield
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
