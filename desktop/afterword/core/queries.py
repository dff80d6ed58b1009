"""Named questions the window asks of the store. The window asks by meaning
("the roles at this company"); the SQL that answers lives here, beside the schema."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, time, timedelta

from afterword.core.domain import Company, Contact, FeedbackCall, Interview, NoteStatus, Opportunity
from afterword.core.notes import NoteRow, note_rows
from afterword.core.rounds import RoundRow, rounds_starting
from afterword.core.store import TABLES, Store

# A round starting within this many days is listed on Today with "read your brief".
COMING_UP_DAYS = 7


def record_scale(store: Store, *kinds: type) -> int:
    """About how many records of these kinds there are (at most; exact unless some
    were deleted), read in an instant from the largest id: counting 100,000 rows
    takes milliseconds, and the window asks before every read of a page."""
    return sum(store.db.execute(f"SELECT coalesce(max(id), 0) FROM {TABLES[kind]}").fetchone()[0]
               for kind in kinds)


def is_empty(store: Store) -> bool:
    """Nothing recorded yet: no person, company, role or round (a first run).
    Asks whether a first row exists rather than counting them all."""
    return not any(store.db.execute(f"SELECT EXISTS (SELECT 1 FROM {TABLES[kind]})").fetchone()[0]
                   for kind in (Contact, Company, Opportunity, Interview))


# -- roles -------------------------------------------------------------------------

def roles_at(store: Store, company_uid: str) -> list[Opportunity]:
    """A company's roles, in the order they were added."""
    return store.select(Opportunity, "company_uid = ?", [company_uid])


def roles_open_first(store: Store) -> list[tuple[Opportunity, str]]:
    """Every role with its company's name: roles still open first, each part by title."""
    names = {c.uid: c.name for c in store.all(Company)}
    return [(role, names.get(role.company_uid, ""))
            for role in store.select(Opportunity, order_by="stage = 'rejected', title")]


def rounds_coming_up(store: Store, now: datetime, days: int = COMING_UP_DAYS) -> list[RoundRow]:
    """The rounds still to come, from `now` to the end of the `days`-th day after
    it: the ones to read a prep brief for (Today lists them), the soonest first."""
    until = datetime.combine(now.date() + timedelta(days=days + 1), time(), now.tzinfo)
    return rounds_starting(store, now, until)


def role_of(store: Store, role_uid: str | None, round_uid: str | None) -> str | None:
    """The role a selection is about: the role selected, else the selected round's
    (one indexed read: asked on every change of selection)."""
    if role_uid:
        return role_uid
    if round_uid:
        row = store.db.execute("SELECT opportunity_uid FROM interviews WHERE uid = ?", [round_uid]).fetchone()
        return row[0] if row else None
    return None


def rounds_latest_first(store: Store, role_uid: str) -> list[Interview]:
    """A role's rounds, the latest round (then the latest start) first."""
    return store.select(Interview, "opportunity_uid = ?", [role_uid], order_by="round DESC, start DESC")


# -- people ------------------------------------------------------------------------

def people_at(store: Store, company_uid: str) -> list[Contact]:
    """Everyone at a company, by name."""
    return store.select(Contact, "company_uid = ?", [company_uid], order_by="name COLLATE NOCASE")


def people_by_uid(store: Store, uids: Sequence[str]) -> dict[str, Contact]:
    """The people with these uids (those that still exist), by uid."""
    found: dict[str, Contact] = {}
    for start in range(0, len(uids), 500):  # SQLite's limit on ? per statement
        chunk = list(uids[start:start + 500])
        found.update((c.uid, c) for c in store.select(
            Contact, f"uid IN ({','.join('?' * len(chunk))})", chunk))
    return found


def everyone_by_name(store: Store) -> list[Contact]:
    """Every person, by name (case-insensitive)."""
    return store.select(Contact, order_by="name COLLATE NOCASE")


def people_named(store: Store, name: str) -> list[Contact]:
    """The people whose name is exactly `name`, whatever its case."""
    return store.select(Contact, "name = ? COLLATE NOCASE", [name])


# -- feedback calls ----------------------------------------------------------------

def calls_about(store: Store, role_uid: str) -> list[FeedbackCall]:
    """The feedback calls about a role, the newest first."""
    return store.select(FeedbackCall, "opportunity_uid = ?", [role_uid], order_by="id DESC")


def latest_call_about(store: Store, role_uid: str | None) -> FeedbackCall | None:
    """The newest feedback call about a role, if any."""
    calls = calls_about(store, role_uid) if role_uid else []
    return calls[0] if calls else None


# -- thank-you notes -----------------------------------------------------------------

def notes_matching(store: Store, text: str,
                   statuses: Collection[NoteStatus] | None = None) -> list[NoteRow]:
    """The notes list (see notes.note_rows) narrowed to the notes whose recipient,
    company, role or points contain every word of `text` (any case)."""
    rows = note_rows(store, statuses=statuses)
    words = text.casefold().split()
    if not words:
        return rows

    def matches(row: NoteRow) -> bool:
        seen = " ".join(filter(None, (row.recipient, row.company, row.opportunity, row.role,
                                      row.points, row.medium.value))).casefold()
        return all(word in seen for word in words)

    return [row for row in rows if matches(row)]
