"""Thank-you notes after they are proposed: listing them and moving their status."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from afterword.core.domain import Medium, NoteStatus, ThankYouNote
from afterword.core.errors import InvalidRecord
from afterword.core.store import Store

# The order a note moves in; sent and delivered both finish it.
NOTE_FLOW = (NoteStatus.TO_WRITE, NoteStatus.DRAFTED, NoteStatus.WRITTEN,
             NoteStatus.SENT, NoteStatus.DELIVERED)


def next_status(status: NoteStatus) -> NoteStatus | None:
    """The step after `status`; None once delivered."""
    at = NOTE_FLOW.index(status)
    return NOTE_FLOW[at + 1] if at + 1 < len(NOTE_FLOW) else None


def moved(note: ThankYouNote, status: NoteStatus, today: date) -> ThankYouNote:
    """The note with its new status. Finishing it records `sent_on` (the day it
    left, which counts as a touch); taking it back to unfinished clears it."""
    if status == note.status:
        return note
    sent_on = note.sent_on
    if status.is_done and sent_on is None:
        sent_on = today
    elif not status.is_done:
        sent_on = None
    return replace(note, status=status, sent_on=sent_on)


def move_note(store: Store, uid: str, status: NoteStatus, today: date) -> ThankYouNote:
    """Move one note to `status` and save it (one transaction)."""
    with store.atomic():
        note = store.get(ThankYouNote, uid)
        if note is None:
            raise InvalidRecord("thank-you note", uid, "uid", "this note no longer exists")
        note = moved(note, NoteStatus(status), today)
        store.put(note)
    return note


@dataclass(frozen=True)
class NoteRow:
    """One line of the notes list."""

    uid: str
    contact_uid: str
    recipient: str
    role: str | None
    company: str | None
    opportunity: str | None
    round: int | None
    medium: Medium
    status: NoteStatus
    due: date
    sent_on: date | None
    points: str | None

    def is_overdue(self, on: date) -> bool:
        return not self.status.is_done and self.due < on

    def is_due(self, on: date) -> bool:
        return not self.status.is_done and self.due <= on


def note_rows(store: Store, *, open_only: bool = False,
              statuses: Collection[NoteStatus] | None = None) -> list[NoteRow]:
    """Notes with who and what they are for, by due date then recipient: all of
    them, the open ones, or those with one of `statuses` (filtered in SQL)."""
    if open_only:
        statuses = [s for s in NoteStatus if not s.is_done]
    where, params = "", []
    if statuses is not None:
        params = [NoteStatus(s).value for s in statuses]
        where = f"WHERE n.status IN ({','.join('?' * len(params))})" if params else "WHERE 0"
    rows = store.db.execute(
        f"""SELECT n.uid, n.contact_uid, c.name, c.role, co.name AS company, o.title, i.round,
                   n.medium, n.status, n.due, n.sent_on, n.points
            FROM thank_you_notes n
            JOIN contacts c ON c.uid = n.contact_uid
            LEFT JOIN companies co ON co.uid = c.company_uid
            LEFT JOIN interviews i ON i.uid = n.interview_uid
            LEFT JOIN opportunities o ON o.uid = i.opportunity_uid
            {where}
            ORDER BY n.due, c.name COLLATE NOCASE""", params,
    )
    return [NoteRow(
        uid, contact_uid, name, role, company, title, number, Medium(medium), NoteStatus(status),
        date.fromisoformat(due), date.fromisoformat(sent_on) if sent_on else None, points,
    ) for uid, contact_uid, name, role, company, title, number, medium, status, due, sent_on, points
        in rows]


@dataclass(frozen=True)
class NoteCounts:
    """How many thank-you notes are open, due today and overdue."""

    open: int
    due_today: int
    overdue: int


def note_counts(store: Store, on: date) -> NoteCounts:
    """How many notes are open, due on `on`, and overdue (counted in SQL)."""
    done = [s.value for s in NoteStatus if s.is_done]
    total, due_today, overdue = store.db.execute(
        f"""SELECT count(*), coalesce(sum(n.due = ?), 0), coalesce(sum(n.due < ?), 0)
            FROM thank_you_notes n JOIN contacts c ON c.uid = n.contact_uid
            WHERE n.status NOT IN ({','.join('?' * len(done))})""",
        [on.isoformat(), on.isoformat(), *done]).fetchone()
    return NoteCounts(total, due_today, overdue)
