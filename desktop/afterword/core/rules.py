"""Reminders, computed from the records at any moment (never stored copies).

Each reminder has a stable uid derived from its kind and its source record's uid,
so the same reminder is the same calendar event on every export.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.core.cadence import BadRule, next_touch
from afterword.core.domain import DONE_NOTE_STATUSES, OPEN_STAGES, CallStatus, Medium
from afterword.core.store import Store

# Namespace for reminder uids; never change it, calendars key events on the result.
REMINDER_NAMESPACE = uuid.UUID("5b0f0a3e-7d0c-4f57-9a3e-a5d0c0a7e2b1")
_NAMESPACE_BYTES = REMINDER_NAMESPACE.bytes
CHASE_REQUEST_AFTER = timedelta(days=5)
WHOLE_SCAN_ABOVE = 2_000


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


def open_reminders(store: Store) -> Reminders:
    """All reminders that are open now, whatever their date."""
    result = Reminders()
    result.items.extend(_note_reminders(store, result))
    result.items.extend(_follow_up_reminders(store, result))
    result.items.extend(_feedback_call_reminders(store, result))
    _touch_reminders(store, result)
    return result


# What a stored value that cannot be computed raises (a hand-edited or old file: a
# date that is not one, a rule that overflows). BadRule is a ValueError.
UNREADABLE = (ValueError, TypeError, OverflowError, KeyError)


def _left_out(result: Reminders, kind: ReminderKind, what: str, uid: str, exc: Exception) -> None:
    """One record could not be read into its reminder: name it, and keep its uid
    among the living (a calendar export must not cancel it)."""
    result.problems.append(f"{what} {uid}: {exc}; it is left out")
    result.unreadable.add(reminder_uid(kind, uid))


def due_reminders(store: Store, on: date) -> Reminders:
    """Reminders due on or before `on`, most urgent first."""
    everything = open_reminders(store)
    return Reminders(everything.due_on_or_before(on), everything.problems, everything.unreadable)


def _who(name: str | None, company: str | None) -> str:
    name = name or "(unknown person)"
    return f"{name} ({company})" if company else name


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# -- thank-you notes -----------------------------------------------------------

def _note_reminders(store: Store, result: Reminders) -> list[Reminder]:
    done = DONE_NOTE_STATUSES
    # Plain tuples, not dicts: this runs over every open note on each refresh.
    rows = store.db.execute(
        """SELECT n.uid, n.contact_uid, n.due, n.medium, n.status, c.name, co.name
           FROM thank_you_notes n
           JOIN contacts c ON c.uid = n.contact_uid
           LEFT JOIN companies co ON co.uid = c.company_uid
           WHERE n.status NOT IN (?, ?)""",
        list(done),
    ).fetchall()
    reminders = []
    for uid, contact_uid, due_text, medium, status, name, company in rows:
        verb = "Send thank-you email to" if medium == Medium.EMAIL else "Post thank-you note to"
        try:
            due = date.fromisoformat(due_text)
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.THANK_YOU_NOTE, "thank-you note", uid, exc)
            continue
        reminders.append(Reminder(
            ReminderKind.THANK_YOU_NOTE, uid, due, f"{verb} {_who(name, company)}", contact_uid,
            due, name, company, detail=f"status: {status.replace('_', ' ')}",
        ))
    return reminders


# -- hear-back follow-ups ------------------------------------------------------

def _follow_up_reminders(store: Store, result: Reminders) -> list[Reminder]:
    stages = sorted(s.value for s in OPEN_STAGES)
    marks = ",".join("?" * len(stages))
    # The latest round of each process, ranked in one pass (a per-row subquery
    # in the join made this quadratic in the number of rounds).
    rows = store.db.query(
        f"""WITH latest AS (
                SELECT uid, opportunity_uid, round, hear_back_by, followed_up_on,
                       row_number() OVER (PARTITION BY opportunity_uid
                                          ORDER BY round DESC, start DESC) AS rank
                FROM interviews)
            SELECT o.title, co.name AS company, i.uid, i.round, i.hear_back_by,
                   (SELECT p.contact_uid FROM interview_participants p
                    WHERE p.interview_uid = i.uid ORDER BY p.position LIMIT 1) AS contact_uid
            FROM latest i
            JOIN opportunities o ON o.uid = i.opportunity_uid
            JOIN companies co ON co.uid = o.company_uid
            WHERE i.rank = 1 AND o.stage IN ({marks}) AND i.hear_back_by IS NOT NULL
              AND i.followed_up_on IS NULL""",
        stages,
    )
    reminders = []
    for row in rows:
        try:
            due = date.fromisoformat(row["hear_back_by"]) + timedelta(days=1)
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.FOLLOW_UP, "interview", row["uid"], exc)
            continue
        reminders.append(Reminder(
            ReminderKind.FOLLOW_UP, row["uid"], due,
            f"Follow up: {row['title']} at {row['company']}", row["contact_uid"], due,
            None, row["company"],
            detail=f"round {row['round']}: they said you would hear back by {row['hear_back_by']}",
        ))
    return reminders


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


def _feedback_call_reminders(store: Store, result: Reminders) -> list[Reminder]:
    rows = store.db.query(
        """SELECT f.uid, f.contact_uid, f.status, f.proposed_on, f.requested_on, f.scheduled_at,
                  c.name, co.name AS company, o.title AS role
           FROM feedback_calls f
           JOIN contacts c ON c.uid = f.contact_uid
           LEFT JOIN companies co ON co.uid = c.company_uid
           LEFT JOIN opportunities o ON o.uid = f.opportunity_uid
           WHERE f.status IN ('to_request', 'requested', 'scheduled')"""
    )
    reminders = []
    for row in rows:
        try:
            status = CallStatus(row["status"])
            at = datetime.fromisoformat(row["scheduled_at"]) if row["scheduled_at"] else None
            due = feedback_call_due(
                status, date.fromisoformat(row["proposed_on"]), _date(row["requested_on"]), at
            )
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.FEEDBACK_CALL, "feedback call", row["uid"], exc)
            continue
        title = _CALL_TITLES[status].format(who=_who(row["name"], row["company"]))
        detail = f"after the rejection for {row['role']}" if row["role"] else None
        reminders.append(Reminder(
            ReminderKind.FEEDBACK_CALL, row["uid"], due, title, row["contact_uid"], due,
            row["name"], row["company"], detail=detail,
            at=at if status == CallStatus.SCHEDULED else None,
        ))
    return reminders


# -- stay-in-touch cadences ----------------------------------------------------

def last_contact_dates(store: Store, contact_uids: Iterable[str] | None = None) -> dict[str, date]:
    """The latest date of any contact with each person: a touch, a round they
    attended (in the round's time zone), a note sent to them, a call held.

    With `contact_uids` (e.g. a list's visible rows) only those people are read,
    through the contact indexes, so the cost follows the rows, not the database.
    """
    latest: dict[str, date] = {}

    def seen(uid: str, when: date) -> None:
        if uid not in latest or when > latest[uid]:
            latest[uid] = when

    simple = [
        "SELECT contact_uid, max(substr(at, 1, 10)) AS d FROM touches WHERE {only} "
        "GROUP BY contact_uid",
        "SELECT contact_uid, max(sent_on) AS d FROM thank_you_notes "
        "WHERE sent_on IS NOT NULL AND {only} GROUP BY contact_uid",
        "SELECT contact_uid, max(held_on) AS d FROM feedback_calls "
        "WHERE held_on IS NOT NULL AND {only} GROUP BY contact_uid",
    ]
    rounds = ("SELECT p.contact_uid, i.start, i.timezone FROM interview_participants p "
              "JOIN interviews i ON i.uid = p.interview_uid WHERE {only}")
    wanted = None if contact_uids is None else list(dict.fromkeys(contact_uids))
    if wanted is not None and len(wanted) > WHOLE_SCAN_ABOVE:
        # Many people (every cadence): one scan beats hundreds of IN (…) batches.
        everyone = last_contact_dates(store)
        return {uid: everyone[uid] for uid in wanted if uid in everyone}
    if wanted is None:
        batches: list[list[str]] = [[]]
    else:
        batches = [wanted[i:i + 500] for i in range(0, len(wanted), 500)]
    for batch in batches:
        if contact_uids is None:
            only, only_p, params = "1", "1", []
        else:
            marks = ",".join("?" * len(batch))
            only, only_p, params = f"contact_uid IN ({marks})", f"p.contact_uid IN ({marks})", batch
        # A date that cannot be read does not count as contact (the record itself
        # is named where it gives rise to a reminder).
        for sql in simple:
            for uid, day in store.db.execute(sql.format(only=only), params).fetchall():
                try:
                    when = date.fromisoformat(day)
                except UNREADABLE:
                    continue
                seen(uid, when)
        for uid, start, tz in store.db.execute(rounds.format(only=only_p), params).fetchall():
            try:
                when = local_date(datetime.fromisoformat(start), tz)
            except UNREADABLE:
                continue
            seen(uid, when)
    return latest


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar date of `moment` where it happened; its own offset if the
    zone name is unknown."""
    try:
        return moment.astimezone(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError, OverflowError):  # OverflowError: year 1 or 9999
        return moment.date()


def _touch_reminders(store: Store, result: Reminders) -> None:
    rows = store.db.execute(
        """SELECT k.uid, k.contact_uid, k.rrule, k.start, k.max_days, c.name, co.name
           FROM cadences k
           JOIN contacts c ON c.uid = k.contact_uid
           LEFT JOIN companies co ON co.uid = c.company_uid
           WHERE k.active = 1"""
    ).fetchall()
    if not rows:
        return
    latest = last_contact_dates(store, (r[1] for r in rows))
    for uid, contact_uid, rule, start, max_days, name, company in rows:
        try:
            touch = next_touch(rule, date.fromisoformat(start), max_days, latest.get(contact_uid))
        except BadRule as exc:
            result.problems.append(f"cadence {uid} ({name}): field 'rrule': {exc}")
            result.unreadable.add(reminder_uid(ReminderKind.TOUCH, uid))
            continue
        except UNREADABLE as exc:
            _left_out(result, ReminderKind.TOUCH, f"cadence ({name})", uid, exc)
            continue
        if touch is None:
            continue
        result.items.append(Reminder(
            ReminderKind.TOUCH, uid, touch.due, f"Stay in touch: {_who(name, company)}",
            contact_uid, touch.overdue_after, name, company,
            detail=f"last contact {touch.anchor.isoformat()}",
        ))


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
    any kind, the next touch due by their cadence, and whether that is due or
    overdue on `on`. People without a cadence get their last contact only."""
    uids = list(dict.fromkeys(contact_uids))
    latest = last_contact_dates(store, uids)
    cadences: dict[str, tuple] = {}
    for chunk_start in range(0, len(uids), 500):
        chunk = uids[chunk_start:chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.db.execute(
            f"SELECT contact_uid, rrule, start, max_days, active FROM cadences "
            f"WHERE contact_uid IN ({marks}) ORDER BY id", chunk,
        ).fetchall():
            cadences[row[0]] = row[1:]
    result = {}
    for uid in uids:
        last = latest.get(uid)
        if uid not in cadences:
            result[uid] = CadenceStatus(last, None, None, CadenceState.NONE)
            continue
        rule, start, max_days, active = cadences[uid]
        if not active:
            result[uid] = CadenceStatus(last, None, None, CadenceState.PAUSED)
            continue
        try:
            touch = next_touch(rule, date.fromisoformat(start), max_days, last)
        except UNREADABLE:
            touch = None  # Today names the unreadable cadence; the list just shows no date
        if touch is None:
            result[uid] = CadenceStatus(last, None, None, CadenceState.NONE)
            continue
        state = (CadenceState.OVERDUE if touch.overdue_after < on
                 else CadenceState.DUE if touch.due <= on else CadenceState.OK)
        result[uid] = CadenceStatus(last, touch.due, touch.overdue_after, state)
    return result
