"""Each person's last contact and each cadence's next touch, kept on write so that
the rules read them through indexes instead of scanning every touch, note, call
and round of everyone with a cadence.

Any contact with a person counts: a logged touch (its date where it was logged),
a round they attended (its date in the round's time zone), a note sent to them
(`sent_on`) and a feedback call held with them (`held_on`) — but only contact that
has happened by the day asked about: a round scheduled for next month does not
restart a cadence today.

How it stays right: triggers (schema step m003) put a person on `stale_contacts`
whenever any of those records changes, and `refresh()` — run by the store at the
end of every write transaction and when a file is opened — recomputes exactly those
people. The facts are read for one day, `as_of` (the computer's today): the latest
contact on or before it and the first one after it. For any other day D they are
still exact while no contact falls between `as_of` and D; where one does (a round
that has happened since, or a question about the past), the reader recomputes that
person for D (`exact_for`, `read_facts`). People still on the queue (a file that
cannot be written) are recomputed by the reader too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.core.cadence import BadRule, next_touch
from afterword.core.database import Database, json_array

# Above this share of all people, a refresh reads every record once instead of
# looking people up a few hundred at a time.
WHOLE_SCAN_SHARE = 0.2


@dataclass(frozen=True)
class Facts:
    """One person's contact history as of a day."""

    last: date | None  # latest contact on or before the day
    next: date | None  # earliest contact after it
    problem: str | None = None  # a record that could not be read (named, then skipped)


@dataclass(frozen=True)
class Schedule:
    """One cadence's next touch, as stored (or computed for another day)."""

    cadence_id: int
    anchor: date  # the latest contact, or the cadence's start without one
    due: date | None  # None: the rule has run out
    overdue_after: date | None
    problem: str | None = None  # e.g. "field 'rrule': …"


def local_time(moment: datetime, timezone: str) -> datetime:
    """`moment` on the clock of `timezone`; its own offset if the zone name is unknown."""
    try:
        return moment.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError, OverflowError):  # OverflowError: year 1 or 9999
        return moment


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar date of `moment` where it happened."""
    return local_time(moment, timezone).date()


# -- reading contacts from the records --------------------------------------------

# (contact uid, date text, kind, uid) of every contact of one kind; {only} narrows it.
_EVENTS = (
    ("touch", "at", "SELECT contact_uid, substr(at, 1, 10), uid FROM touches WHERE {only}"),
    ("thank-you note", "sent_on",
     "SELECT contact_uid, sent_on, uid FROM thank_you_notes WHERE sent_on IS NOT NULL AND {only}"),
    ("feedback call", "held_on",
     "SELECT contact_uid, held_on, uid FROM feedback_calls WHERE held_on IS NOT NULL AND {only}"),
)
_ROUNDS = ("SELECT p.contact_uid, i.start, i.timezone, i.uid FROM interview_participants p "
           "JOIN interviews i ON i.uid = p.interview_uid WHERE {only}")


def _only(uids: list[str] | None, column: str = "contact_uid") -> tuple[str, list[str]]:
    """An SQL condition keeping `column` to `uids` (None: no condition), and its parameter."""
    if uids is None:
        return "1", []
    return f"{column} IN (SELECT value FROM json_each(?))", [json_array(uids)]


def contact_days(db: Database, uids: list[str] | None) -> Iterator[tuple[str, date | str]]:
    """(contact uid, day) of every contact with the given people (None: everyone).
    A record whose date cannot be read gives (uid, "what is wrong") instead."""
    only, params = _only(uids)
    for kind, field, sql in _EVENTS:
        for uid, text, source in db.execute(sql.format(only=only), params):
            try:
                yield uid, date.fromisoformat(text)
            except (TypeError, ValueError):
                yield uid, f"{kind} {source}: field '{field}': not a date: {text!r}"
    only, params = _only(uids, "p.contact_uid")
    for uid, start, zone, source in db.execute(_ROUNDS.format(only=only), params):
        try:
            yield uid, local_date(datetime.fromisoformat(start), zone)
        except (TypeError, ValueError):
            yield uid, f"round {source}: field 'start': not a date and time: {start!r}"


def read_facts(db: Database, uids: Iterable[str] | None, as_of: date) -> dict[str, Facts]:
    """Each person's facts as of `as_of`, read from the records (None: everyone).
    People with no contact at all are left out."""
    wanted = None if uids is None else list(dict.fromkeys(uids))
    last: dict[str, date] = {}
    nxt: dict[str, date] = {}
    problems: dict[str, str] = {}
    for uid, day in contact_days(db, wanted):
        if isinstance(day, str):
            problems.setdefault(uid, day)
        elif day <= as_of:
            if uid not in last or day > last[uid]:
                last[uid] = day
        elif uid not in nxt or day < nxt[uid]:
            nxt[uid] = day
    return {uid: Facts(last.get(uid), nxt.get(uid), problems.get(uid))
            for uid in last.keys() | nxt.keys() | problems.keys()}


def schedule_for(cadence_id: int, rule: str, start_text: str, max_days: int | None,
                 last: date | None) -> Schedule:
    """A cadence's next touch after `last` (or its start); a bad record says why."""
    try:
        start = date.fromisoformat(start_text)
    except (TypeError, ValueError):
        return Schedule(cadence_id, last or date.min, None, None,
                        f"field 'start': not a date: {start_text!r}")
    try:
        touch = next_touch(rule, start, max_days, last)
    except BadRule as exc:
        return Schedule(cadence_id, last or start, None, None, f"field 'rrule': {exc}")
    except (ValueError, TypeError, OverflowError, KeyError) as exc:  # a hand-edited file
        return Schedule(cadence_id, last or start, None, None, f"cannot be computed: {exc}")
    if touch is None:
        return Schedule(cadence_id, last or start, None, None)
    return Schedule(cadence_id, touch.anchor, touch.due, touch.overdue_after)


# -- keeping the stored facts current ------------------------------------------------

@contextmanager
def deferred(db: Database) -> Iterator[None]:
    """Within an open transaction, for a write as large as the database (an import
    into a new one): the triggers that queue people one record at a time are set
    aside, and everyone is queued once at the end (the caller's refresh then reads
    every record in one pass)."""
    triggers = db.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
                          "AND name GLOB '*_facts_a[iud]' ORDER BY name").fetchall()
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER main.{name}")
    try:
        yield
        db.execute("DELETE FROM stale_contacts")
        db.execute("INSERT INTO stale_contacts(contact_uid) SELECT uid FROM contacts")
    finally:
        for _name, sql in triggers:
            db.execute(sql)


def stale_uids(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT contact_uid FROM stale_contacts")]


def needs_refresh(db: Database, as_of: date) -> bool:
    """Anyone on the queue, or a stored contact that has happened since it was read."""
    return db.execute(
        "SELECT EXISTS (SELECT 1 FROM stale_contacts) "
        "OR EXISTS (SELECT 1 FROM contact_facts WHERE next_contact <= ?)", [as_of.isoformat()],
    ).fetchone()[0] == 1


def refresh(db: Database, as_of: date) -> int:
    """Recompute the stored facts of everyone on the queue and everyone whose next
    contact has come by `as_of`, within the caller's transaction. Returns how many
    people were recomputed."""
    day = as_of.isoformat()
    uids = set(stale_uids(db))
    uids.update(r[0] for r in db.execute(
        "SELECT contact_uid FROM contact_facts WHERE next_contact <= ?", [day]))
    if not uids:
        return 0
    wanted = sorted(uids)
    people = db.execute("SELECT count(*) FROM contacts").fetchone()[0]
    whole = len(wanted) > WHOLE_SCAN_SHARE * people
    facts = read_facts(db, None if whole else wanted, as_of)
    only, params = _only(wanted)
    db.execute(f"DELETE FROM contact_facts WHERE {only}", params)
    db.conn.executemany(
        "INSERT INTO contact_facts(contact_uid, as_of, last_contact, next_contact, problem) "
        "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM contacts WHERE uid = ?)",
        [(uid, day, _iso(f.last), _iso(f.next), f.problem, uid)
         for uid, f in facts.items() if uid in uids],
    )
    _store_schedules(db, wanted, uids, facts)
    db.execute(f"DELETE FROM stale_contacts WHERE {only}", params)
    return len(wanted)


def _store_schedules(db: Database, wanted: list[str], uids: set[str], facts: dict[str, Facts]) -> None:
    only, params = _only(wanted)
    rows = []
    for cadence_id, contact_uid, rule, start, max_days in db.execute(
            f"SELECT id, contact_uid, rrule, start, max_days FROM cadences WHERE {only}", params):
        f = facts.get(contact_uid)
        s = schedule_for(cadence_id, rule, start, max_days, f.last if f else None)
        rows.append((s.cadence_id, _iso(s.anchor), _iso(s.due), _iso(s.overdue_after),
                     _iso(f.next) if f else None, s.problem))
    db.execute(f"DELETE FROM cadence_schedule WHERE cadence_id IN (SELECT id FROM cadences WHERE {only})",
               params)
    db.conn.executemany(
        "INSERT INTO cadence_schedule(cadence_id, anchor, due, overdue_after, next_contact, problem) "
        "VALUES (?, ?, ?, ?, ?, ?)", rows)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
