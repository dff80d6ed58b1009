"""Ticking a reminder off: the record change that makes it done.

Each function writes in one transaction and returns the changes as
(before, after) pairs, so the window can undo them exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from afterword.core.domain import (
    CallStatus,
    FeedbackCall,
    Interview,
    NoteStatus,
    ThankYouNote,
    Touch,
    TouchKind,
)
from afterword.core.errors import AfterwordError
from afterword.core.rules import Reminder, ReminderKind
from afterword.core.store import Store

Change = tuple[object | None, object | None]


class NeedsSchedule(AfterwordError):
    """A requested feedback call moves on only with a date and time for it."""


def complete(store: Store, reminder: Reminder, now: datetime, *,
             touch_kind: TouchKind = TouchKind.NOTE,
             scheduled_at: datetime | None = None) -> list[Change]:
    """Do what ticks `reminder` off as of `now`; returns the (before, after) changes."""
    today = now.date()
    with store.atomic():
        if reminder.kind is ReminderKind.THANK_YOU_NOTE:
            changes = _note_sent(store, reminder.source_uid, today)
        elif reminder.kind is ReminderKind.FOLLOW_UP:
            changes = _followed_up(store, reminder.source_uid, today)
        elif reminder.kind is ReminderKind.FEEDBACK_CALL:
            changes = _call_moves_on(store, reminder.source_uid, today, scheduled_at)
        else:
            touch = Touch(reminder.contact_uid or "", now, touch_kind, "Stay-in-touch reminder done")
            store.put(touch)
            changes = [(None, touch)]
    return changes


def _note_sent(store: Store, uid: str, today: date) -> list[Change]:
    note = _existing(store, ThankYouNote, uid)
    after = _copy(note, status=NoteStatus.SENT, sent_on=today)
    store.put(after)
    return [(note, after)]


def _followed_up(store: Store, uid: str, today: date) -> list[Change]:
    interview = _existing(store, Interview, uid)
    after = _copy(interview, followed_up_on=today)
    store.put(after)
    return [(interview, after)]


def _call_moves_on(store: Store, uid: str, today: date,
                   scheduled_at: datetime | None) -> list[Change]:
    call = _existing(store, FeedbackCall, uid)
    if call.status == CallStatus.TO_REQUEST:
        after = _copy(call, status=CallStatus.REQUESTED, requested_on=today)
    elif call.status == CallStatus.REQUESTED:
        if scheduled_at is None:
            raise NeedsSchedule("when is the feedback call? give it a date and time")
        after = _copy(call, status=CallStatus.SCHEDULED, scheduled_at=scheduled_at)
    elif call.status == CallStatus.SCHEDULED:
        after = _copy(call, status=CallStatus.HELD, held_on=today)
    else:
        return []
    store.put(after)
    return [(call, after)]


def _existing(store: Store, cls: type, uid: str):
    record = store.get(cls, uid)
    if record is None:
        raise AfterwordError("that reminder's record no longer exists; the list was refreshed")
    return record


def _copy(record, **changes):
    return replace(record, **changes)
