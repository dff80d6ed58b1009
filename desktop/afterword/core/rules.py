"""Reminders, computed from the records at any moment (never stored copies).

Each reminder has a stable uid derived from its kind and its source record's uid,
so the same reminder is the same calendar event on every export.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property

from afterword.core import contact_facts
from afterword.core.contact_facts import local_date  # noqa: F401 (the core imports it from here)
from afterword.core.database import json_array
from afterword.core.domain import DONE_NOTE_STATUSES, OPEN_STAGES, CallStatus, Medium
from afterword.core.store import Store

# Namespace for reminder uids; never change it, calendars key events on the result.
REMINDER_NAMESPACE = "5b0f0a3e-7d0c-4f57-9a3e-a5d0c0a7e2b1"  # a UUID
_NAMESPACE_BYTES = bytes.fromhex(REMINDER_NAMESPACE.replace("-", ""))
CHASE_REQUEST_AFTER = timedelta(days=5)


class ReminderKind(StrEnum):
    THANK_YOU_NOTE = "thank_you_note"
    FOLLOW_UP = "follow_up"
    FEEDBACK_CALL = "feedback_call"
    TOUCH = "touch"


KIND_ORDER = list(ReminderKind)


def reminder_uid(kind: ReminderKind, source_uid: str) -> str:
    """The stable identity of the reminder that `source_uid` gives rise to:
    uuid5(REMINDER_NAMESPACE, "kind/source_uid"), built without a UUID object
    (a hundred thousand reminders made that a second)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{kind.value}/{source_uid}".encode()).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass(frozen=True)
class Reminder:
    """One thing due: a note, a follow-up, a feedback call or a touch; uid = its calendar UID."""

    kind: ReminderKind
    source_uid: str
    due: date
    title: str
    contact_uid: str | None
    overdue_after: date  # the last day it is only due; later it is overdue
    contact_name: str | None = None
    company_name: str | None = None
    detail: str | None = None
    at: datetime | None = None  # a scheduled moment, when there is one
    anchor: date | None = None  # a touch's: the last contact (or start) it counts from

    @cached_property
    def uid(self) -> str:
        # Hashed once per reminder: lists and exports ask for it many times.
        return reminder_uid(self.kind, self.source_uid)

    def is_overdue(self, on: date) -> bool:
        return self.overdue_after < on

    def as_json(self, on: date) -> dict:
        """The `due --json` shape (a public contract: extend, never rename)."""
        return {
            "uid": self.uid,
            "kind": self.kind.value,
            "due": self.due.isoformat(),
            "overdue": self.is_overdue(on),
            "title": self.title,
            "contact_uid": self.contact_uid,
            "source_uid": self.source_uid,
            "contact_name": self.contact_name,
            "company_name": self.company_name,
            "detail": self.detail,
            "at": self.at.isoformat() if self.at else None,
        }


@dataclass
class Reminders:
    """Every open reminder, plus records that could not be read into one."""

    items: list[Reminder] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Uids of reminders whose source exists but could not be read: they are not
    # gone, so a calendar export must not cancel them.
    unreadable: set[str] = field(default_factory=set)

    def due_on_or_before(self, on: date) -> list[Reminder]:
        return sorted_by_urgency([r for r in self.items if r.due <= on], on)


def sorted_by_urgency(items: Iterable[Reminder], on: date) -> list[Reminder]:
    """Overdue first, then earliest due, then kind, then title."""
    return sorted(
        items,
        key=lambda r: (not r.is_overdue(on), r.due, KIND_ORDER.index(r.kind), r.title.casefold()),
    )


def open_reminders(store: Store, on: date | None = None) -> Reminders:
    """All reminders that are open, whatever their date; only contact that has
    happened by `on` (default: the computer's today) restarts a cadence."""
    return _reminders(store, on or store.facts_day(), until=None)


def due_reminders(store: Store, on: date) -> Reminders:
    """Reminders due on or before `on`, most urgent first. Each kind is narrowed by
    date in SQL, so this costs what is due, not what is stored."""
    result = _reminders(store, on, until=on)
    return Reminders(sorted_by_urgency(result.items, on), result.problems, result.unreadable)


def _reminders(store: Store, on: date, until: date | None) -> Reminders:
    result = Reminders()
    _note_reminders(store, until, result)
    _follow_up_reminders(store, until, result)
    _feedback_call_reminders(store, until, result)
    _touch_reminders(store, on, until, result)
    return result


# What a stored value that cannot be computed raises (a hand-edited or old file: a
# date that is not one, a rule that overflows). BadRule is a ValueError.
UNREADABLE = (ValueError, TypeError, OverflowError, KeyError)


def _left_out(result: Reminders, kind: ReminderKind, what: str, uid: str, exc: Exception | str) -> None:
    """One record could not be read into its reminder: name it, and keep its uid
    among the living (a calendar export must not cancel it)."""
    result.problems.append(f"{what} {uid}: {exc}; it is left out")
    result.unreadable.add(reminder_uid(kind, uid))


def _who(name: str | None, company: str | None) -> str:
    name = name or "(unknown person)"
    return f"{name} ({company})" if company else name


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# -- thank-you notes -----------------------------------------------------------

_OPEN_NOTE = "status NOT IN ({})".format(", ".join(f"'{s}'" for s in DONE_NOTE_STATUSES))


def _note_reminders(store: Store, until: date | None, result: Reminders) -> None:
    # Open notes due by `until` through their index (schema m005), and those whose
    # due date is no date at all (a partial index, normally empty) to name them:
    # the cost follows the notes due, not the notes kept.
    which, params = _OPEN_NOTE, []
    if until is not None:
        which = (f"n.id IN (SELECT id FROM thank_you_notes WHERE {_OPEN_NOTE} AND due <= ? "
                 f"UNION SELECT id FROM thank_you_notes INDEXED BY thank_you_notes_bad_due "
                 f"WHERE {_OPEN_NOTE} AND date(due) IS NOT due)")
        params = [until.isoformat()]
    rows = store.db.execute(
        f"""SELECT n.uid, n.contact_uid, n.due, n.medium, n.status, c.name, co.name
            FROM thank_you_notes n
            JOIN contacts c ON c.uid = n.contact_uid
            LEFT JOIN companies co ON co.uid = c.company_uid
            WHERE {which}""", params).fetchall()
    for uid, contact_uid, due_text, medium, status, name, company in rows:
        try:
            due = date.fromisoformat(due_text)
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.THANK_YOU_NOTE, "thank-you note", uid, exc)
            continue
        verb = "Send thank-you email to" if medium == Medium.EMAIL else "Post thank-you note to"
        result.items.append(Reminder(
            ReminderKind.THANK_YOU_NOTE, uid, due, f"{verb} {_who(name, company)}", contact_uid,
            due, name, company, detail=f"status: {str(status).replace('_', ' ')}",
        ))


# -- hear-back follow-ups ------------------------------------------------------

def _follow_up_reminders(store: Store, until: date | None, result: Reminders) -> None:
    stages = sorted(s.value for s in OPEN_STAGES)
    marks = ",".join("?" * len(stages))
    # Unanswered rounds by hear-back date (an index, schema m005) — with those whose
    # date is no date, or the last one there is, to name them — kept when they are
    # the latest round of a process still open; the latest is the highest round,
    # then the latest start, then the last written. (Later rounds are looked for
    # by o.uid, the same role, so only once its stage is known to be open.)
    which, params = "i.followed_up_on IS NULL AND i.hear_back_by IS NOT NULL", []
    if until is not None:
        unanswered = "SELECT id FROM interviews WHERE followed_up_on IS NULL AND"
        which = (f"i.id IN ({unanswered} hear_back_by <= ? "
                 f"UNION {unanswered} hear_back_by >= '9999-12-31' "
                 f"UNION SELECT id FROM interviews INDEXED BY interviews_bad_hear_back "
                 f"WHERE followed_up_on IS NULL AND date(hear_back_by) IS NOT hear_back_by)")
        params = [(until - timedelta(days=1) if until > date.min else until).isoformat()]
    rows = store.db.execute(
        f"""SELECT i.uid, i.round, i.hear_back_by, o.title, co.name,
                   (SELECT p.contact_uid FROM interview_participants p
                    WHERE p.interview_uid = i.uid ORDER BY p.position LIMIT 1)
            FROM interviews i
            JOIN opportunities o ON o.uid = i.opportunity_uid
            JOIN companies co ON co.uid = o.company_uid
            WHERE {which} AND o.stage IN ({marks})
              AND NOT EXISTS (
                SELECT 1 FROM interviews later
                WHERE later.opportunity_uid = o.uid
                  AND (later.round > i.round OR (later.round = i.round AND (later.start > i.start
                       OR (later.start = i.start AND later.id > i.id)))))""",
        params + stages).fetchall()
    for uid, number, hear_back_by, title, company, contact_uid in rows:
        try:
            due = date.fromisoformat(hear_back_by) + timedelta(days=1)
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.FOLLOW_UP, "interview", uid, exc)
            continue
        result.items.append(Reminder(
            ReminderKind.FOLLOW_UP, uid, due, f"Follow up: {title} at {company}", contact_uid, due,
            None, company, detail=f"round {number}: they said you would hear back by {hear_back_by}",
        ))


# -- feedback calls ------------------------------------------------------------

def feedback_call_due(status: CallStatus, proposed_on: date, requested_on: date | None,
                      scheduled_at: datetime | None) -> date | None:
    """When a feedback call needs the user next; None once held or dropped."""
    if status == CallStatus.TO_REQUEST:
        return proposed_on
    if status == CallStatus.REQUESTED:
        return (requested_on or proposed_on) + CHASE_REQUEST_AFTER
    if status == CallStatus.SCHEDULED:
        return scheduled_at.date() if scheduled_at else proposed_on
    return None


_CALL_TITLES = {
    CallStatus.TO_REQUEST: "Request feedback call: {who}",
    CallStatus.REQUESTED: "Chase feedback call request: {who}",
    CallStatus.SCHEDULED: "Feedback call with {who}",
}


def _feedback_call_reminders(store: Store, until: date | None, result: Reminders) -> None:
    # Open calls are few (one per rejection, most long held or dropped): the status
    # index finds them and the due date is worked out here.
    rows = store.db.execute(
        """SELECT f.uid, f.contact_uid, f.status, f.proposed_on, f.requested_on, f.scheduled_at,
                  c.name, co.name, o.title
           FROM feedback_calls f
           JOIN contacts c ON c.uid = f.contact_uid
           LEFT JOIN companies co ON co.uid = c.company_uid
           LEFT JOIN opportunities o ON o.uid = f.opportunity_uid
           WHERE f.status IN ('to_request', 'requested', 'scheduled')""").fetchall()
    for uid, contact_uid, status_text, proposed, requested, scheduled, name, company, role in rows:
        try:
            status = CallStatus(status_text)
            at = datetime.fromisoformat(scheduled) if scheduled else None
            due = feedback_call_due(status, date.fromisoformat(proposed), _date(requested), at)
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.FEEDBACK_CALL, "feedback call", uid, exc)
            continue
        if until is not None and due > until:
            continue
        title = _CALL_TITLES[status].format(who=_who(name, company))
        result.items.append(Reminder(
            ReminderKind.FEEDBACK_CALL, uid, due, title, contact_uid, due, name, company,
            detail=f"after the rejection for {role}" if role else None,
            at=at if status == CallStatus.SCHEDULED else None,
        ))


# -- stay-in-touch cadences ----------------------------------------------------

def last_contact_dates(store: Store, contact_uids: Iterable[str] | None = None,
                       on: date | None = None) -> dict[str, date]:
    """The latest date of any contact with each person (of `contact_uids`; None:
    everyone), on or before `on` (None: whenever), read from the records."""
    facts = contact_facts.read_facts(store.db, contact_uids, on or date.max)
    return {uid: f.last for uid, f in facts.items() if f.last is not None}


_CADENCE_ROW = """
    SELECT k.id, k.uid, k.contact_uid, k.rrule, k.start, k.max_days,
           s.anchor, s.due, s.overdue_after, s.next_contact, s.problem, c.name, co.name
    FROM cadences k
    JOIN contacts c ON c.uid = k.contact_uid
    LEFT JOIN companies co ON co.uid = c.company_uid
    LEFT JOIN cadence_schedule s ON s.cadence_id = k.id
    WHERE k.active = 1"""

# Cadences whose stored next touch may be due by :until, or is not exact for :on:
# a contact between the day it was read for and :on, a person still on the queue.
_CANDIDATES = """
    SELECT cadence_id FROM cadence_schedule WHERE due <= :until
    UNION SELECT cadence_id FROM cadence_schedule WHERE anchor > :on
    UNION SELECT cadence_id FROM cadence_schedule WHERE next_contact <= :on
    UNION SELECT cadence_id FROM cadence_schedule WHERE problem IS NOT NULL
    UNION SELECT k.id FROM cadences k JOIN stale_contacts q ON q.contact_uid = k.contact_uid"""


def _exact(anchor: str | None, next_contact: str | None, on: str) -> bool:
    """Whether a stored schedule holds for the day `on` (see contact_facts)."""
    return anchor is not None and anchor <= on and (next_contact is None or next_contact > on)


def _touch_reminders(store: Store, on: date, until: date | None, result: Reminders) -> None:
    day = on.isoformat()
    if until is None:
        rows = store.db.execute(_CADENCE_ROW).fetchall()
    else:
        rows = store.db.execute(f"{_CADENCE_ROW} AND k.id IN ({_CANDIDATES})",
                                {"until": until.isoformat(), "on": day}).fetchall()
    if not rows:
        return
    stale = set(contact_facts.stale_uids(store.db))
    redo = [r[2] for r in rows if r[2] in stale or not _exact(r[6], r[9], day)]
    fresh = contact_facts.read_facts(store.db, redo, on) if redo else {}
    _name_unreadable_contacts(store, {r[2]: r[11] for r in rows}, set(redo), fresh, result)
    for (cadence_id, uid, contact_uid, rule, start, max_days, anchor, due, overdue_after, _next,
         problem, name, company) in rows:
        if contact_uid in redo:
            facts = fresh.get(contact_uid)
            schedule = contact_facts.schedule_for(cadence_id, rule, start, max_days,
                                                  facts.last if facts else None)
            anchor, problem = schedule.anchor.isoformat(), schedule.problem
            due = schedule.due.isoformat() if schedule.due else None
            overdue_after = schedule.overdue_after.isoformat() if schedule.overdue_after else None
        if problem is not None:
            _left_out(result, ReminderKind.TOUCH, f"cadence ({name})", uid, problem)
            continue
        if due is None or (until is not None and due > until.isoformat()):
            continue
        result.items.append(Reminder(
            ReminderKind.TOUCH, uid, date.fromisoformat(due), f"Stay in touch: {_who(name, company)}",
            contact_uid, date.fromisoformat(overdue_after), name, company,
            detail=f"last contact {anchor}", anchor=date.fromisoformat(anchor),
        ))


def _name_unreadable_contacts(store: Store, names: dict[str, str], redone: set[str],
                              fresh: dict[str, contact_facts.Facts], result: Reminders) -> None:
    """A touch, round, note or call whose date cannot be read is left out of the
    person's last contact, and named."""
    stored = store.db.execute(
        "SELECT contact_uid, problem FROM contact_facts WHERE problem IS NOT NULL").fetchall()
    problems = {uid: p for uid, p in stored if uid in names and uid not in redone}
    problems.update({uid: f.problem for uid, f in fresh.items() if f.problem})
    for uid, problem in sorted(problems.items()):
        result.problems.append(f"{problem} (contact with {names[uid]})")


# -- what the People list shows ------------------------------------------------

class CadenceState(StrEnum):
    NONE = "none"  # no cadence
    PAUSED = "paused"
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CadenceStatus:
    """Last contact and next touch for one person, for a list row."""

    last_touch: date | None
    next_due: date | None
    overdue_after: date | None
    state: CadenceState


def cadence_status(store: Store, contact_uids: Iterable[str], on: date) -> dict[str, CadenceStatus]:
    """Per person (of `contact_uids`, e.g. the visible rows): the latest contact of
    any kind by `on`, the next touch due by their cadence, and whether that is due
    or overdue on `on`. People without a cadence get their last contact only.
    A few indexed reads for the whole page, whatever the size of the database."""
    uids = list(dict.fromkeys(contact_uids))
    if not uids:
        return {}
    day = on.isoformat()
    only = "IN (SELECT value FROM json_each(?))"
    param = [json_array(uids)]
    stored = {row[0]: row[1:] for row in store.db.execute(
        f"SELECT contact_uid, last_contact, next_contact FROM contact_facts WHERE contact_uid {only}",
        param)}
    stale = {row[0] for row in store.db.execute(
        f"SELECT contact_uid FROM stale_contacts WHERE contact_uid {only}", param)}
    redo = [u for u in uids if u in stale or (u in stored and not _exact(
        stored[u][0] or "", stored[u][1], day))]
    fresh = contact_facts.read_facts(store.db, redo, on) if redo else {}

    def last(uid: str) -> date | None:
        if uid in redo:
            facts = fresh.get(uid)
            return facts.last if facts else None
        text = stored.get(uid, (None,))[0]
        return date.fromisoformat(text) if text else None

    cadences: dict[str, tuple] = {}
    for row in store.db.execute(
            f"SELECT k.contact_uid, k.id, k.rrule, k.start, k.max_days, k.active, s.cadence_id, s.due, "
            f"s.overdue_after, s.problem FROM cadences k LEFT JOIN cadence_schedule s ON s.cadence_id = k.id "
            f"WHERE k.contact_uid {only} ORDER BY k.id", param):
        cadences[row[0]] = row[1:]
    result = {}
    for uid in uids:
        latest = last(uid)
        if uid not in cadences:
            result[uid] = CadenceStatus(latest, None, None, CadenceState.NONE)
            continue
        cadence_id, rule, start, max_days, active, scheduled, due, overdue_after, problem = cadences[uid]
        if not active:
            result[uid] = CadenceStatus(latest, None, None, CadenceState.PAUSED)
            continue
        if uid in redo or scheduled is None:
            schedule = contact_facts.schedule_for(cadence_id, rule, start, max_days, latest)
            due, overdue_after, problem = (_iso(schedule.due), _iso(schedule.overdue_after),
                                           schedule.problem)
        if due is None or problem is not None:
            # Today names an unreadable rule; the list just shows no date.
            result[uid] = CadenceStatus(latest, None, None, CadenceState.NONE)
            continue
        next_due, late_after = date.fromisoformat(due), date.fromisoformat(overdue_after)
        state = (CadenceState.OVERDUE if late_after < on
                 else CadenceState.DUE if next_due <= on else CadenceState.OK)
        result[uid] = CadenceStatus(latest, next_due, late_after, state)
    return result


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
