"""The handwritten-note checklist: which thank-you notes to write for a day or a
range, grouped by the interview they follow, with what to say and where to post.

Plain data only; `checklist_html` turns it into escaped rich text and the window
(or the command line) paints that on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from afterword.core.domain import Medium, NoteStatus, Role
from afterword.core.rules import local_date
from afterword.core.store import Store
from afterword.core.validation import MAX_ADDRESS, MAX_LINE, MAX_NAME, MAX_TEXT, clipped

# The four things done to a handwritten note, in the order they happen.
BOX_STEPS = ("written", "addressed", "stamped", "delivered")

# Which steps a note's status already implies (sent/delivered notes are not listed).
_IMPLIED_STEPS = {
    NoteStatus.TO_WRITE: frozenset(),
    NoteStatus.DRAFTED: frozenset(),
    NoteStatus.WRITTEN: frozenset({"written"}),
}

MISSING_CONTACT = "(contact missing)"


@dataclass(frozen=True)
class InterviewRef:
    """The round a note follows, as the checklist shows it."""

    uid: str
    company: str | None
    role_title: str | None
    round: int
    day: date

    def describe(self) -> str:
        """'Northwind Logistics — Regional Sales Manager, round 2 (Sun 22 Nov 2026)'."""
        what = " — ".join(p for p in (self.company, self.role_title) if p) or "Interview"
        return f"{what}, round {self.round} ({format_day(self.day)})"


@dataclass(frozen=True)
class Box:
    step: str
    ticked: bool


@dataclass(frozen=True)
class ChecklistRow:
    """One note to write."""

    note_uid: str
    contact_uid: str
    recipient: str
    title: str | None
    company: str | None
    role: Role | None
    address_lines: tuple[str, ...]
    email: str | None
    medium: Medium
    status: NoteStatus
    due: date
    overdue: bool
    interview: InterviewRef | None
    points: str | None
    better_answer: str | None
    boxes: tuple[Box, ...]
    contact_missing: bool = False

    @property
    def has_address(self) -> bool:
        return bool(self.address_lines)

    @property
    def role_label(self) -> str | None:
        return role_label(self.role)


@dataclass(frozen=True)
class ChecklistGroup:
    """The notes that follow one interview (interview None: notes not tied to one)."""

    interview: InterviewRef | None
    rows: tuple[ChecklistRow, ...]

    def heading(self) -> str:
        return self.interview.describe() if self.interview else "Notes not tied to an interview"


@dataclass(frozen=True)
class Checklist:
    """Notes due on or before `until`; those due before `since` are overdue."""

    since: date
    until: date
    groups: tuple[ChecklistGroup, ...]
    problems: tuple[str, ...] = ()

    @property
    def rows(self) -> list[ChecklistRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def period(self) -> str:
        if self.since == self.until:
            return format_day(self.until)
        return f"{format_day(self.since)} – {format_day(self.until)}"

    def counts(self) -> dict[str, int]:
        rows = self.rows
        return {
            "notes": len(rows),
            "overdue": sum(r.overdue for r in rows),
            "interviews": sum(g.interview is not None for g in self.groups),
            "without_address": sum(not r.has_address for r in rows),
        }

    def summary(self) -> str:
        """'4 notes to write (1 overdue) after 1 interview; 1 without a mailing address'."""
        c = self.counts()
        if not c["notes"]:
            return "Nothing to write."
        text = f"{plural(c['notes'], 'note')} to write"
        if c["overdue"]:
            text += f" ({c['overdue']} overdue)"
        if c["interviews"]:
            text += f" after {plural(c['interviews'], 'interview')}"
        if c["without_address"]:
            text += f"; {c['without_address']} without a mailing address"
        return text


@dataclass(frozen=True)
class Envelope:
    recipient: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class EnvelopeSet:
    """What envelopes or labels can carry, and who cannot get one (and why)."""

    envelopes: tuple[Envelope, ...]
    missing: tuple[str, ...]


def format_day(day: date) -> str:
    return day.strftime("%a %d %b %Y")


def role_label(role: Role | None) -> str | None:
    if role is None:
        return None
    return "HR" if role == Role.HR else role.value.replace("_", " ").capitalize()


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 note', '3 notes', '2 people'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def address_lines(recipient: str, mailing_address: str | None) -> tuple[str, ...]:
    """The address as an envelope shows it, the recipient's name on top.

    Blank lines go; the name is added when the stored address does not start with it.
    """
    lines = [line.strip() for line in (mailing_address or "").splitlines() if line.strip()]
    if not lines:
        return ()
    if recipient.casefold() not in lines[0].casefold():
        lines.insert(0, recipient)
    return tuple(lines)


def build_checklist(store: Store, until: date, since: date | None = None) -> Checklist:
    """The notes still to write that are due on or before `until`.

    A note due before `since` (default: `until`) is marked overdue; it is listed all
    the same, since it still has to be written. A note whose contact or interview
    has gone is still listed, marked, and named in `problems`.
    """
    since = min(since or until, until)
    open_statuses = [s.value for s in NoteStatus if not s.is_done]
    rows = store.db.query(
        f"""SELECT n.uid, n.contact_uid, n.interview_uid, n.due, n.medium, n.status,
                   n.points, n.better_answer,
                   c.uid AS c_uid, c.name, c.title, c.role, c.mailing_address, c.email,
                   cc.name AS company,
                   i.round, i.start, i.timezone, o.title AS role_title, ic.name AS i_company
            FROM thank_you_notes n
            LEFT JOIN contacts c ON c.uid = n.contact_uid
            LEFT JOIN companies cc ON cc.uid = c.company_uid
            LEFT JOIN interviews i ON i.uid = n.interview_uid
            LEFT JOIN opportunities o ON o.uid = i.opportunity_uid
            LEFT JOIN companies ic ON ic.uid = o.company_uid
            WHERE n.status IN ({",".join("?" * len(open_statuses))}) AND n.due <= ?""",
        [*open_statuses, until.isoformat()],
    )
    problems: list[str] = []
    by_interview: dict[str | None, list[ChecklistRow]] = {}
    for row in rows:
        note_row = _row(row, since, problems)
        key = note_row.interview.uid if note_row.interview else None
        by_interview.setdefault(key, []).append(note_row)
    groups = [
        ChecklistGroup(members[0].interview, tuple(sorted(members, key=_row_order)))
        for members in by_interview.values()
    ]
    groups.sort(key=lambda g: (g.interview is None, g.interview.day if g.interview else date.min,
                               g.heading().casefold()))
    return Checklist(since, until, tuple(groups), tuple(problems))


def _row_order(row: ChecklistRow) -> tuple:
    return (row.due, row.recipient.casefold())


# The longest stored text each column of a checklist row prints (others: MAX_LINE).
PRINTED_CHARS = {"name": MAX_NAME, "company": MAX_NAME, "i_company": MAX_NAME,
                 "mailing_address": MAX_ADDRESS, "points": MAX_TEXT, "better_answer": MAX_TEXT}


def _row(row: dict, since: date, problems: list[str]) -> ChecklistRow:
    status = NoteStatus(row["status"])
    due = date.fromisoformat(row["due"])
    missing = row["c_uid"] is None
    # Stored text is printed at most as long as a form or import now accepts it
    # (an older file may hold more): a page lays out in a moment whatever is stored.
    row = {key: clipped(value, PRINTED_CHARS.get(key, MAX_LINE)) if isinstance(value, str) else value
           for key, value in row.items()}
    recipient = row["name"] or MISSING_CONTACT
    if missing:
        problems.append(f"thank-you note {row['uid']}: its contact ({row['contact_uid']}) "
                        "no longer exists; the row is printed without a recipient")
    interview = None
    if row["round"] is not None:
        start = datetime.fromisoformat(row["start"])
        interview = InterviewRef(row["interview_uid"], row["i_company"], row["role_title"],
                                 row["round"], local_date(start, row["timezone"]))
    implied = _IMPLIED_STEPS.get(status, frozenset())
    return ChecklistRow(
        note_uid=row["uid"],
        contact_uid=row["contact_uid"],
        recipient=recipient,
        title=row["title"],
        company=row["company"],
        role=Role(row["role"]) if row["role"] else None,
        address_lines=() if missing else address_lines(recipient, row["mailing_address"]),
        email=row["email"],
        medium=Medium(row["medium"]),
        status=status,
        due=due,
        overdue=due < since,
        interview=interview,
        points=row["points"],
        better_answer=row["better_answer"],
        boxes=tuple(Box(step, step in implied) for step in BOX_STEPS),
        contact_missing=missing,
    )


def envelopes_for(checklist: Checklist) -> EnvelopeSet:
    """One envelope per note with a mailing address; the others listed as missing."""
    envelopes: list[Envelope] = []
    missing: list[str] = []
    for row in checklist.rows:
        if row.has_address:
            envelopes.append(Envelope(row.recipient, row.address_lines))
            continue
        who = row.recipient + (f" ({row.company})" if row.company else "")
        reason = "contact missing" if row.contact_missing else "no mailing address"
        missing.append(f"{who}: {reason}")
    return EnvelopeSet(tuple(envelopes), tuple(missing))

