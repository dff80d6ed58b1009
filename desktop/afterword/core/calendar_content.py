"""What each calendar entry says: reminders and interview rounds → EventSpec.

An EventSpec is the whole content of one entry, independent of the file format
details (event or task, SEQUENCE, DTSTAMP). Its fingerprint tells a re-export
whether the entry changed. Titles and descriptions carry the full meaning on
their own, because some calendars drop alarms on import.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.core import cadence
from afterword.core.cadence import rule_body
from afterword.core.calendar_zones import needs_utc
from afterword.core.domain import DONE_NOTE_STATUSES, CallStatus, Format, Medium
from afterword.core.rules import Reminder, ReminderKind, reminder_uid
from afterword.core.store import Store
from afterword.core.validation import MAX_LINE, MAX_TEXT, clipped

ROUND_KIND = "interview"  # the kind of an interview round's own event
CALL_LENGTH = timedelta(minutes=30)
# The longest title and description an entry carries (a stored value may be longer).
SUMMARY_CHARS = MAX_LINE
DESCRIPTION_CHARS = 2 * MAX_TEXT
ROUND_LENGTH = timedelta(hours=1)
# Raised when VTIMEZONE blocks are written differently: the entries that refer to
# one get a new SEQUENCE, so a calendar that placed them by the old block updates.
TIME_ZONE_FORM = "2"


@dataclass(frozen=True)
class EventSpec:
    """One calendar entry's content. `start` is a date (all-day) or an aware datetime."""

    uid: str
    kind: str
    summary: str
    description: str
    start: date | datetime
    end: date | datetime
    alarm: timedelta | None  # relative to the start (events) or the due moment (tasks)
    location: str | None = None
    rrule: str | None = None
    cancelled: bool = False
    done: bool = False  # a cancelled entry whose reminder was done (a task is COMPLETED)

    def __post_init__(self) -> None:
        # An old file may store a name or note far longer than any form or import
        # now takes: an entry stays the size a calendar expects whatever is stored.
        object.__setattr__(self, "summary", clipped(self.summary, SUMMARY_CHARS))
        object.__setattr__(self, "description", clipped(self.description, DESCRIPTION_CHARS))
        object.__setattr__(self, "location", clipped(self.location, MAX_LINE))

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def start_text(self) -> str:
        return self.start.isoformat()

    @property
    def zone(self) -> str | None:
        """The TZID the entry is written in; None for dates and UTC."""
        return getattr(self.start.tzinfo, "key", None) if isinstance(self.start, datetime) else None

    @property
    def sort_key(self) -> tuple[str, str]:
        """Entries in the file by day, then UID: the same order on every export."""
        day = self.start.date() if isinstance(self.start, datetime) else self.start
        return day.isoformat(), self.uid

    def fingerprint(self) -> str:
        zone = f"{self.zone}@{TIME_ZONE_FORM}" if self.zone else ""
        ended = ("done" if self.done else "cancelled") if self.cancelled else ""
        parts = (self.kind, self.summary, self.description, self.start.isoformat(), zone,
                 self.end.isoformat(), str(self.alarm), self.location or "", self.rrule or "",
                 ended)
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Card:
    """The business-card details a reminder's description shows."""

    name: str
    title: str | None
    phone_direct: str | None
    phone_cell: str | None
    email: str | None
    mailing_address: str | None
    notes: str | None


class Sources:
    """The record details that reminders do not carry, read once per export."""

    def __init__(self, store: Store):
        self.cards = {
            row[0]: Card(*row[1:]) for row in store.db.execute(
                "SELECT uid, name, title, phone_direct, phone_cell, email, mailing_address, notes "
                "FROM contacts").fetchall()
        }
        self.notes = {
            row[0]: (row[1], row[2]) for row in store.db.execute(
                "SELECT uid, medium, points FROM thank_you_notes "
                "WHERE status NOT IN (?, ?)", list(DONE_NOTE_STATUSES)).fetchall()
        }
        self.calls = dict(store.db.execute("SELECT uid, status FROM feedback_calls").fetchall())
        self.rules = dict(store.db.execute("SELECT uid, rrule FROM cadences").fetchall())


def _day(d: date) -> str:
    return f"{d:%a} {d.isoformat()}"


def _lead(r: Reminder, sources: Sources) -> str:
    """The first line: what to do, and by when."""
    who = r.contact_name or "them"
    if r.kind == ReminderKind.THANK_YOU_NOTE:
        medium = sources.notes.get(r.source_uid, (None, None))[0]
        if medium == Medium.EMAIL:
            return f"Send by {_day(r.due)}: a thank-you email to {who}."
        return (f"Post by {_day(r.due)}: a handwritten thank-you note to {who}, so it arrives "
                f"while the team is still deciding.")
    if r.kind == ReminderKind.FOLLOW_UP:
        return f"Follow up on {_day(r.due)}: the date they gave has passed."
    if r.kind == ReminderKind.FEEDBACK_CALL:
        status = sources.calls.get(r.source_uid)
        if status == CallStatus.SCHEDULED:
            return (f"Feedback call with {who}: ask how to improve, never about the other "
                    "candidate; then ask about a similar role, other roles, staying in touch.")
        if status == CallStatus.REQUESTED:
            return f"Chase by {_day(r.due)}: the feedback call you requested from {who}."
        return (f"Request by {_day(r.due)}: a feedback call with {who}, by phone, not email "
                "and not via HR.")
    return (f"Get in touch with {who} by {_day(r.due)}: a call, an email, coffee or a note "
            "all count.")


def _card_lines(card: Card | None, private_notes: bool) -> list[str]:
    if card is None:
        return []
    lines = [f"{card.name}, {card.title}" if card.title else card.name]
    for label, value in (("Direct", card.phone_direct), ("Cell", card.phone_cell),
                         ("Email", card.email)):
        if value:
            lines.append(f"{label}: {value}")
    if card.mailing_address:
        lines.append("Mailing address:")
        lines.extend(card.mailing_address.splitlines())
    if private_notes and card.notes:
        lines.append(f"Notes: {card.notes}")
    return lines


def reminder_spec(r: Reminder, sources: Sources, *, alarm_time: time, alarm_before: timedelta,
                  private_notes: bool) -> EventSpec:
    """The calendar entry for one reminder; its UID is exactly the reminder's uid."""
    card = sources.cards.get(r.contact_uid) if r.contact_uid else None
    lines = [_lead(r, sources)]
    if r.detail:
        lines.append(r.detail[0].upper() + r.detail[1:] + ".")
    if private_notes and r.kind == ReminderKind.THANK_YOU_NOTE:
        points = sources.notes.get(r.source_uid, (None, None))[1]
        if points:
            lines.append(f"Points to mention: {points}")
    contact = _card_lines(card, private_notes)
    if contact:
        lines += ["", *contact]
    location, rrule = None, None
    if r.at is not None:
        start: date | datetime = r.at.astimezone(UTC)  # only an offset is known: use UTC
        end: date | datetime = start + CALL_LENGTH
        alarm = -alarm_before
        phone = card and (card.phone_direct or card.phone_cell)
        location = f"Phone {phone}" if phone else None
    else:
        start, end = r.due, r.due + timedelta(days=1)
        alarm = timedelta(hours=alarm_time.hour, minutes=alarm_time.minute)
        if r.kind == ReminderKind.TOUCH:
            rrule = calendar_rule(sources.rules.get(r.source_uid), r.anchor)
    return EventSpec(r.uid, r.kind.value, r.title, "\n".join(lines), start, end, alarm,
                     location, rrule)


_UNTIL_TIME = re.compile(r"(UNTIL=\d{8})T\d{6}Z?", re.IGNORECASE)


def calendar_rule(text: str | None, anchor: date | None = None) -> str | None:
    """The cadence's RRULE for the all-day event, repeating from the next touch on
    the days Afterword counts from `anchor` (the last contact; month ends:
    cadence.calendar_rule). A COUNT counts from the cadence's own start, not from
    this event's, so such a rule is left out rather than wrong. An UNTIL becomes a
    date, as RFC 5545 wants beside a date start: touches fall on whole days, so a
    touch on the UNTIL's day is within it, as Afterword reads it."""
    if not text:
        return None
    body = rule_body(text)
    if "COUNT=" in body.upper():
        return None
    if anchor is not None:
        body = cadence.calendar_rule(body, anchor)
    return _UNTIL_TIME.sub(r"\1", body)


# -- interview rounds ------------------------------------------------------------

_FORMAT_PLACES = {Format.PHONE: "Phone call", Format.VIDEO: "Video call"}


def round_specs(store: Store, sources: Sources, *, alarm_before: timedelta,
                first: date | None, last: date | None) -> tuple[list[EventSpec], list[str]]:
    """One timed entry per interview round, in the round's own time zone.

    A round whose time zone name is missing or unknown is still exported, at the
    same moment in UTC, with a problem that names it.
    """
    specs: list[EventSpec] = []
    problems: list[str] = []
    rows = store.db.execute(
        """SELECT i.uid, i.round, i.start, i.timezone, i.format, i.next_steps, o.title,
                  co.name, co.address,
                  (SELECT group_concat(name, ', ') FROM (
                       SELECT c.name FROM interview_participants p
                       JOIN contacts c ON c.uid = p.contact_uid
                       WHERE p.interview_uid = i.uid ORDER BY p.position))
           FROM interviews i
           JOIN opportunities o ON o.uid = i.opportunity_uid
           JOIN companies co ON co.uid = o.company_uid
           ORDER BY i.start"""
    ).fetchall()
    for uid, number, start_text, zone_name, fmt, next_steps, role, company, address, people in rows:
        where = f"interview {uid} ({company}, {role}, round {number})"
        zone = _zone(zone_name)
        if zone is None:
            what = f"unknown time zone {zone_name!r}" if zone_name else "no time zone"
            problems.append(f"{where}: field 'timezone': {what}; its event was written in UTC")
        try:
            start, end = round_span(datetime.fromisoformat(start_text), zone)
        except OverflowError:  # a date at the very edge of the calendar, from an old import
            problems.append(f"{where}: field 'start': {start_text} cannot be placed in a calendar")
            continue
        if (first and start.date() < first) or (last and start.date() > last):
            continue
        lines = [f"Interview round {number} for {role} at {company}."]
        if people:
            lines.append(f"With: {people}")
        if next_steps:
            lines.append(f"Next steps: {next_steps}")
        place = address if fmt == Format.ON_SITE else _FORMAT_PLACES.get(fmt)
        specs.append(EventSpec(
            uid, ROUND_KIND, f"Interview: {role} at {company} (round {number})", "\n".join(lines),
            start, end, -alarm_before, place,
        ))
    return specs, problems


def round_span(start: datetime, zone: ZoneInfo | None) -> tuple[datetime, datetime]:
    """A round's start and end in its own zone: the stored offset picks which of a
    repeated hour's two wall times it is (the fold), and the end is an hour later in
    real time, not on the clock face. Where either is ambiguous or missing on the
    clock face, both are given in UTC, which every reader places alike."""
    start = start.astimezone(zone or UTC)
    end = (start.astimezone(UTC) + ROUND_LENGTH).astimezone(start.tzinfo)
    if needs_utc(start) or needs_utc(end):
        return start.astimezone(UTC), end.astimezone(UTC)
    return start, end


def _zone(name: str | None) -> ZoneInfo | None:
    if not name or not name.strip():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def cancelled_spec(uid: str, kind: str, summary: str, start_text: str, *,
                   done: bool = False) -> EventSpec:
    """The entry that tells subscribed calendars to drop a reminder that is gone:
    done (a task then shows as completed) or removed."""
    start: date | datetime
    if "T" in start_text:
        start = datetime.fromisoformat(start_text).astimezone(UTC)
        end: date | datetime = start + CALL_LENGTH
    else:
        start = date.fromisoformat(start_text)
        end = start + timedelta(days=1)
    return EventSpec(uid, kind, summary, "Done or removed in Afterword.", start, end, None,
                     cancelled=True, done=done)


def done_reminders(store: Store, gone: Iterable[tuple[str, str]]) -> set[str]:
    """Of reminders that are gone, given as (kind, start), the uids of those whose
    record says they were done: a note sent or delivered, a follow-up made, a
    feedback call held. The rest were removed (or can no longer come due).

    Notes and rounds are read by the date a gone reminder had, not every one ever.
    """
    days: dict[str, set[date]] = {}
    for kind, start in gone:
        days.setdefault(kind, set()).add(date.fromisoformat(start[:10]))
    found: set[str] = set()
    if notes := days.get(ReminderKind.THANK_YOU_NOTE.value):
        found |= _uids_by_day(
            store, ReminderKind.THANK_YOU_NOTE,
            "SELECT uid FROM thank_you_notes WHERE status IN (?, ?) AND due IN ({days})",
            list(DONE_NOTE_STATUSES), notes)
    if follow_ups := days.get(ReminderKind.FOLLOW_UP.value):
        found |= _uids_by_day(
            store, ReminderKind.FOLLOW_UP,
            "SELECT uid FROM interviews WHERE followed_up_on IS NOT NULL AND hear_back_by IN ({days})",
            [], {day - timedelta(days=1) for day in follow_ups})  # due the day after
    if ReminderKind.FEEDBACK_CALL.value in days:
        # A call's reminder is dated by its request or schedule; held calls are few.
        rows = store.db.execute("SELECT uid FROM feedback_calls WHERE status = ?",
                                [CallStatus.HELD.value]).fetchall()
        found |= {reminder_uid(ReminderKind.FEEDBACK_CALL, row[0]) for row in rows}
    return found


def _uids_by_day(store: Store, kind: ReminderKind, sql: str, params: list, days: set[date],
                 ) -> set[str]:
    values = sorted(d.isoformat() for d in days)
    found = set()
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        rows = store.db.execute(sql.format(days=",".join("?" * len(chunk))),
                                [*params, *chunk]).fetchall()
        found.update(reminder_uid(kind, row[0]) for row in rows)
    return found
