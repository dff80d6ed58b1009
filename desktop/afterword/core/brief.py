"""The prep brief: the page to read before a role's next round.

Three habits pay off only before the next round: keep the tone of the earlier
rounds, come back to the concerns raised (re-explain what they did not know, size
what is true), and bring the better answer to a question that nagged. Everything
needed is already recorded; this gathers it for one role. Plain data only;
`brief_html` turns it into escaped rich text and the window (or the command line)
paints that on paper.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from afterword.core import funnel
from afterword.core.checklist import format_day, plural, role_label
from afterword.core.contact_facts import local_time
from afterword.core.debrief import tone_words
from afterword.core.domain import (
    DONE_NOTE_STATUSES,
    CardPhoto,
    Company,
    ConcernKind,
    ConcernSize,
    Contact,
    Format,
    Interview,
    Medium,
    NoteStatus,
    Opportunity,
    Role,
    Stage,
)
from afterword.core.errors import AfterwordError
from afterword.core.rounds import people_met, zone_abbreviation
from afterword.core.rules import local_date
from afterword.core.store import Store
from afterword.core.validation import MAX_LINE, MAX_NAME, clipped

# The soft closing question, asked before leaving the room: an open question that
# invites "anything I could address?", not a hard-sell close. Preferences can
# change the wording (the window's setting defaults to this very text).
DEFAULT_CLOSING_QUESTION = (
    "Before we finish: is there anything about my background, or about how I would do "
    "this job, that gives you pause — anything I could address now?")

# A brief is read in minutes: a long stored text is shortened on the page (the
# whole text stays in Afterword), so one concern cannot take the brief over.
PRINTED_TEXT = 600
# Those at the company not met in this process, and the search's recurring
# concerns: a few, the most useful first.
MAX_OTHERS = 6
MAX_RECURRING = 5

# Most serious first; a concern not sized yet sits between major and minor.
_SIZE_ORDER = {ConcernSize.DEAL_BREAKER: 0, ConcernSize.MAJOR: 1, None: 2,
               ConcernSize.MINOR: 3, ConcernSize.NONE: 4}
# Who to greet first: the people who decide, then those who help, the front desk last.
_ROLE_ORDER = {Role.HIRING_MANAGER: 0, Role.INTERVIEWER: 1, Role.RECRUITER: 2, Role.HR: 3,
               Role.ASSISTANT: 4, Role.REFERRER: 5, Role.OTHER: 6, Role.RECEPTIONIST: 7, None: 8}


class UnknownRole(AfterwordError):
    """No role (opportunity) has the uid asked for."""


def short(text: str | None, chars: int = PRINTED_TEXT) -> str | None:
    """Stored text as the brief prints it: trimmed, and cut at `chars` with '…'."""
    text = (text or "").strip()
    return clipped(text, chars) if text else None


def label(word: str | None) -> str:
    """'on_site' → 'On site', 'to_quantify' → 'To quantify' (None → '')."""
    text = (word or "").replace("_", " ")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class RoundTime:
    """When a round takes place, read in its own time zone."""

    start: datetime
    timezone: str

    def describe(self) -> str:
        """'Thu 26 Nov 2026, 10:00 PST (America/Los_Angeles)'."""
        moment = local_time(self.start, self.timezone)
        return (f"{format_day(moment.date())}, {moment:%H:%M}"
                f"{zone_abbreviation(moment, self.timezone)} ({self.timezone})")


@dataclass(frozen=True)
class NextRound:
    """The round the brief prepares for: scheduled (`when` set) or not yet."""

    number: int
    when: RoundTime | None = None
    format: Format | None = None
    uid: str | None = None

    def describe(self) -> str:
        if self.when is None:
            return f"Round {self.number} — not scheduled yet"
        how = f" · {label(self.format).lower()}" if self.format else ""
        return f"Round {self.number} — {self.when.describe()}{how}"


@dataclass(frozen=True)
class EarlierRound:
    uid: str
    number: int
    day: date
    format: Format | None
    tone: str | None
    people: tuple[str, ...]
    closing_question: str | None
    closing_answer: str | None
    tone_changed: bool = False  # its tone shares no word with the rounds before it

    def describe(self) -> str:
        """'Round 2 · Sun 22 Nov 2026 · on site'."""
        how = f" · {label(self.format).lower()}" if self.format else ""
        return f"Round {self.number} · {format_day(self.day)}{how}"


@dataclass(frozen=True)
class PersonMet:
    """Someone met in this process (or known at the company), as on their card."""

    uid: str
    name: str
    title: str | None
    role: Role | None
    phone_direct: str | None
    phone_cell: str | None
    email: str | None
    rounds: tuple[int, ...]  # the earlier rounds they were at
    remember: str | None  # how they helped, or a note, to greet them by
    photo: CardPhoto | None = None
    meeting_next: bool = False  # listed for the coming round

    @property
    def role_label(self) -> str | None:
        return role_label(self.role)

    @property
    def is_front_desk(self) -> bool:
        return self.role == Role.RECEPTIONIST

    def met_at(self) -> str:
        """'met in round 1 and 2', 'meeting you next'."""
        parts = []
        if self.rounds:
            numbers = [str(n) for n in self.rounds]
            joined = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
            parts.append(f"met in round {joined}")
        if self.meeting_next:
            parts.append("in the next round")
        return "; ".join(parts)


@dataclass(frozen=True)
class ConcernItem:
    text: str
    kind: ConcernKind | None
    size: ConcernSize | None
    response: str | None
    round: int

    def size_label(self) -> str:
        return label(self.size) if self.size else "Size not noted"


@dataclass(frozen=True)
class QuestionItem:
    question: str
    my_answer: str | None
    better_answer: str | None
    round: int


@dataclass(frozen=True)
class OpenNote:
    recipient: str
    medium: Medium
    status: NoteStatus
    due: date
    overdue: bool
    round: int | None

    def describe(self) -> str:
        """'Dana Reyes — handwritten, to write, due Tue 24 Nov 2026 (round 2)'."""
        medium = "by email" if self.medium == Medium.EMAIL else self.medium.value
        after = f" (round {self.round})" if self.round else ""
        return f"{self.recipient} — {medium}, {label(self.status).lower()}, due {format_day(self.due)}{after}"


@dataclass(frozen=True)
class RecurringConcern:
    text: str
    times: int  # in how many rounds, across every role
    companies: int
    raised_here: bool


@dataclass(frozen=True)
class Brief:
    role_uid: str
    role_title: str
    stage: Stage
    company: str
    website: str | None
    address: str | None
    target: str | None
    next_round: NextRound
    hear_back_by: date | None
    next_steps: str | None
    rounds: tuple[EarlierRound, ...]
    people: tuple[PersonMet, ...]  # met in this process, or expected at the next round
    others: tuple[PersonMet, ...]  # at the company, not met in this process yet
    concerns: tuple[ConcernItem, ...]
    questions: tuple[QuestionItem, ...]
    to_ask: tuple[str, ...]  # the closing question always last
    open_notes: tuple[OpenNote, ...]
    recurring: tuple[RecurringConcern, ...]
    prepared_on: date

    def concerns_of(self, kind: ConcernKind | None) -> list[ConcernItem]:
        return [c for c in self.concerns if c.kind == kind]

    @property
    def tones(self) -> list[EarlierRound]:
        return [r for r in self.rounds if r.tone]

    def tone_advice(self) -> str:
        """Keep the tone; after a round that sounded different, go back to the one before."""
        tones = self.tones
        number = self.next_round.number
        if tones and tones[-1].tone_changed:
            steady = next((r for r in reversed(tones) if not r.tone_changed), tones[0])
            return (f"Round {tones[-1].number} sounded different: in round {number}, go back to "
                    f"“{steady.tone}”.")
        return f"Keep this tone in round {number}."

    @property
    def photos(self) -> dict[str, CardPhoto]:
        """Card photos by the name the page refers to them with (`photo_name`)."""
        return {photo_name(p.uid): p.photo for p in (*self.people, *self.others) if p.photo}

    def heading(self) -> str:
        return f"{self.role_title} — {self.company}"

    def summary(self) -> str:
        """'Round 3 — not scheduled yet; 4 people met in 2 rounds; 2 concerns; 1 note open'."""
        met = len([p for p in self.people if p.rounds])
        parts = [self.next_round.describe()]
        if self.rounds:
            parts.append(f"{plural(met, 'person', 'people')} met in {plural(len(self.rounds), 'round')}")
        else:
            parts.append(f"the first round; {plural(len(self.others), 'person', 'people')} known "
                         f"at {self.company}")
        if self.concerns:
            parts.append(plural(len(self.concerns), "concern"))
        if self.open_notes:
            parts.append(f"{plural(len(self.open_notes), 'thank-you note')} still open")
        return "; ".join(parts)


def photo_name(contact_uid: str) -> str:
    """The name a card photo goes by inside the printed page: letters and digits
    only, whatever the uid holds (an imported uid is free text), and never a file
    or an address."""
    return f"card-photo-{hashlib.sha1(contact_uid.encode('utf-8', 'surrogatepass')).hexdigest()[:20]}"


# -- building it -------------------------------------------------------------------

def build_brief(store: Store, role_uid: str, now: datetime, *,
                closing_question: str = DEFAULT_CLOSING_QUESTION,
                round_uid: str | None = None) -> Brief:
    """The brief for the role `role_uid` as of `now` (time-zone aware).

    The next round is the first round after `now` (or `round_uid`, when that round
    is still to come); the rounds before `now` are the earlier ones. A role with no
    rounds yet still gets the company, the people known there and the closing
    question. Raises UnknownRole when no role has that uid.
    """
    role = store.get(Opportunity, role_uid)
    if role is None:
        raise UnknownRole(f"no role with uid {role_uid!r} (see 'afterword export' for the uids)")
    company = store.get(Company, role.company_uid) or Company("(company missing)")
    rounds = sorted(store.select(Interview, "opportunity_uid = ?", [role_uid]),
                    key=lambda i: (i.start, i.round))
    earlier = [i for i in rounds if i.start <= now]
    coming = [i for i in rounds if i.start > now]
    chosen = next((i for i in coming if i.uid == round_uid), coming[0] if coming else None)
    latest = max(earlier, key=lambda i: (i.round, i.start)) if earlier else None
    next_round = (NextRound(chosen.round, RoundTime(chosen.start, chosen.timezone), chosen.format,
                            chosen.uid)
                  if chosen else NextRound((latest.round if latest else 0) + 1))
    people, others = _people(store, role, company, earlier, chosen)
    concerns = tuple(sorted(
        (ConcernItem(short(c.text) or "", c.kind, c.size, short(c.response), i.round)
         for i in earlier for c in i.concerns if c.text.strip()),
        key=lambda c: (_SIZE_ORDER.get(c.size, 2), -c.round)))
    questions = tuple(QuestionItem(short(q.question) or "", short(q.my_answer),
                                   short(q.better_answer), i.round)
                      for i in reversed(earlier) for q in i.questions if q.question.strip())
    return Brief(
        role_uid=role.uid, role_title=short(role.title, MAX_LINE) or "(untitled role)",
        stage=role.stage, company=short(company.name, MAX_NAME) or "",
        website=short(company.website, MAX_LINE), address=short(company.address),
        target=short(role.target, MAX_LINE),
        next_round=next_round,
        hear_back_by=latest.hear_back_by if latest else None,
        next_steps=short(latest.next_steps) if latest else None,
        rounds=_earlier_rounds(earlier, people),
        people=people, others=others, concerns=concerns, questions=questions,
        to_ask=tuple(_questions_to_ask(concerns, earlier, closing_question)),
        open_notes=tuple(_open_notes(store, role_uid, now)),
        recurring=tuple(_recurring(store, {i.uid for i in rounds})),
        prepared_on=now.date(),
    )


def _earlier_rounds(earlier: list[Interview], people: tuple[PersonMet, ...]) -> tuple[EarlierRound, ...]:
    """Each earlier round, its tone compared with the tones before it (the words
    that carry a tone, as the debrief compares them)."""
    names = {p.uid: p.name for p in people}
    heard: set[str] = set()
    out = []
    for interview in earlier:
        words = tone_words(interview.tone)
        out.append(EarlierRound(
            interview.uid, interview.round, local_date(interview.start, interview.timezone),
            interview.format, short(interview.tone, MAX_LINE),
            tuple(names[uid] for uid in interview.participant_uids if uid in names),
            short(interview.closing_question), short(interview.closing_answer),
            tone_changed=bool(words and heard and not words & heard)))
        heard |= words
    return tuple(out)


def _people(store: Store, role: Opportunity, company: Company, earlier: list[Interview],
            coming: Interview | None) -> tuple[tuple[PersonMet, ...], tuple[PersonMet, ...]]:
    """Those met in this process (and those listed for the coming round), then
    the others known at the company."""
    rounds_of: dict[str, list[int]] = {}
    for interview in earlier:
        for uid in interview.participant_uids:
            rounds_of.setdefault(uid, []).append(interview.round)
    order = [uid for uid in people_met(store, role.uid) if uid in rounds_of]
    expected = list(coming.participant_uids) if coming else []
    order += [uid for uid in expected if uid not in order]
    met: list[PersonMet] = []
    for uid in order:
        contact = store.get(Contact, uid)
        if contact is not None:
            met.append(_person(store, contact, sorted(set(rounds_of.get(uid, ()))), uid in expected))
    met.sort(key=lambda p: (_ROLE_ORDER.get(p.role, 8), not p.rounds))
    known = {p.uid for p in met}
    at_company = [c for c in store.select(Contact, "company_uid = ?", [company.uid],
                                          order_by="name COLLATE NOCASE") if c.uid not in known]
    at_company.sort(key=lambda c: _ROLE_ORDER.get(c.role, 8))
    others = [_person(store, c, [], False) for c in at_company[:MAX_OTHERS]]
    return tuple(met), tuple(others)


def _person(store: Store, contact: Contact, rounds: list[int], next_round: bool) -> PersonMet:
    return PersonMet(
        uid=contact.uid, name=short(contact.name, MAX_NAME) or "(no name)",
        title=short(contact.title, MAX_LINE), role=contact.role,
        phone_direct=short(contact.phone_direct, MAX_LINE), phone_cell=short(contact.phone_cell, MAX_LINE),
        email=short(contact.email, MAX_LINE), rounds=tuple(rounds),
        remember=short(contact.helped or contact.notes, 240),
        photo=store.card_photo(contact.uid), meeting_next=next_round)


def _questions_to_ask(concerns: tuple[ConcernItem, ...], earlier: list[Interview],
                      closing_question: str) -> list[str]:
    """Size each true fact raised; come back to what the last closing question drew
    out; and always, before leaving the room, the soft closing question."""
    out = [f"About “{short(c.text, 120)}”: how much does it weigh in this role?"
           for c in concerns if c.kind == ConcernKind.TO_QUANTIFY
           and c.size not in (ConcernSize.NONE, ConcernSize.MINOR)][:3]
    answered = [i for i in earlier if (i.closing_answer or "").strip()]
    if answered:
        last = answered[-1]
        out.append(f"Last time (round {last.round}) they said: “{short(last.closing_answer, 300)}” — "
                   "ask whether that is now settled, or what more would help.")
    out.append(short(closing_question) or DEFAULT_CLOSING_QUESTION)
    return out


def _open_notes(store: Store, role_uid: str, now: datetime) -> list[OpenNote]:
    marks = ",".join("?" * len(DONE_NOTE_STATUSES))
    rows = store.db.execute(
        f"""SELECT c.name, n.medium, n.status, n.due, i.round
            FROM thank_you_notes n JOIN interviews i ON i.uid = n.interview_uid
            LEFT JOIN contacts c ON c.uid = n.contact_uid
            WHERE i.opportunity_uid = ? AND n.status NOT IN ({marks})
            ORDER BY n.due, c.name COLLATE NOCASE""",
        [role_uid, *DONE_NOTE_STATUSES]).fetchall()
    today = now.date()
    notes = []
    for name, medium, status, due_text, number in rows:
        due = date.fromisoformat(due_text)
        notes.append(OpenNote(short(name, MAX_NAME) or "(contact missing)", Medium(medium),
                              NoteStatus(status), due, due < today, number))
    return notes


def _recurring(store: Store, round_uids: set[str]) -> list[RecurringConcern]:
    """The concerns that keep coming back across the whole search (the funnel's
    list), those raised in this process first."""
    groups = funnel.recurring_concerns(store)
    found = [RecurringConcern(short(g.text, 300) or "", g.times, len(g.companies),
                              bool(g.interviews & round_uids)) for g in groups]
    found.sort(key=lambda r: (not r.raised_here, -r.times))
    return found[:MAX_RECURRING]
