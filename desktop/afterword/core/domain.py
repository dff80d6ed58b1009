"""The records Afterword keeps, as plain dataclasses with string enumerations.

Enumeration values are the lower_snake_case words of the interchange format.
Dates are `datetime.date`; moments are timezone-aware `datetime.datetime`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


def new_uid() -> str:
    """A fresh stable identity for a record."""
    import uuid  # with the first new record: uuid loads the platform module, a start need not

    return str(uuid.uuid4())


class Stage(StrEnum):
    LEAD = "lead"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ON_HOLD = "on_hold"


OPEN_STAGES = frozenset(
    {Stage.LEAD, Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER, Stage.ON_HOLD}
)


class Source(StrEnum):
    DIRECT = "direct"
    AGENCY = "agency"
    REFERRAL = "referral"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring_manager"
    RECRUITER = "recruiter"
    HR = "hr"
    RECEPTIONIST = "receptionist"
    ASSISTANT = "assistant"
    REFERRER = "referrer"
    OTHER = "other"


# Who can give a useful feedback call after a rejection: not HR, not the front desk.
FEEDBACK_ROLES = (Role.INTERVIEWER, Role.HIRING_MANAGER)


class Format(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ON_SITE = "on_site"


class ConcernKind(StrEnum):
    TO_OVERCOME = "to_overcome"
    TO_QUANTIFY = "to_quantify"


class ConcernSize(StrEnum):
    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    DEAL_BREAKER = "deal_breaker"


class Medium(StrEnum):
    HANDWRITTEN = "handwritten"
    EMAIL = "email"
    CARD = "card"


class NoteStatus(StrEnum):
    TO_WRITE = "to_write"
    DRAFTED = "drafted"
    WRITTEN = "written"
    SENT = "sent"
    DELIVERED = "delivered"

    @property
    def is_done(self) -> bool:
        return self in (NoteStatus.SENT, NoteStatus.DELIVERED)


DONE_NOTE_STATUSES = (NoteStatus.SENT.value, NoteStatus.DELIVERED.value)


class CallStatus(StrEnum):
    TO_REQUEST = "to_request"
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    HELD = "held"
    DROPPED = "dropped"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class TouchKind(StrEnum):
    CALL = "call"
    EMAIL = "email"
    COFFEE = "coffee"
    NOTE = "note"
    MEETING = "meeting"


@dataclass
class Company:
    """A company the user is talking to, or has: its site, address and notes."""

    name: str
    website: str | None = None
    address: str | None = None
    notes: str | None = None
    uid: str = field(default_factory=new_uid)


@dataclass
class Opportunity:
    """A role at a company the user is after, from lead to offer or close."""

    company_uid: str
    title: str
    source: Source | None = None
    target: str | None = None
    stage: Stage = Stage.LEAD
    applied_on: date | None = None
    closed_on: date | None = None
    notes: str | None = None
    uid: str = field(default_factory=new_uid)


@dataclass
class CardPhoto:
    """The photo of a business card, kept with its contact."""

    data: bytes
    mime_type: str = "image/jpeg"


@dataclass
class Contact:
    """A person met while interviewing, with what their business card says."""

    name: str
    title: str | None = None
    company_uid: str | None = None
    role: Role | None = None
    phone_direct: str | None = None
    phone_cell: str | None = None
    email: str | None = None
    mailing_address: str | None = None
    linkedin: str | None = None
    helped: str | None = None
    notes: str | None = None
    uid: str = field(default_factory=new_uid)


@dataclass
class Question:
    """A question asked in a round, the answer given and a better one found later."""

    question: str
    my_answer: str | None = None
    better_answer: str | None = None


@dataclass
class Concern:
    """A concern an interviewer raised in a round, and how it was (or can be) answered."""

    text: str
    kind: ConcernKind | None = None
    response: str | None = None
    size: ConcernSize | None = None


@dataclass
class Interview:
    """One round of interviews for an opportunity: when, with whom, and what came of it."""

    opportunity_uid: str
    round: int
    start: datetime
    timezone: str
    format: Format | None = None
    participant_uids: list[str] = field(default_factory=list)
    tone: str | None = None
    hear_back_by: date | None = None
    closing_question: str | None = None
    closing_answer: str | None = None
    next_steps: str | None = None
    followed_up_on: date | None = None
    questions: list[Question] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)


@dataclass
class ThankYouNote:
    """A thank-you note owed to a contact after a round, from "to write" to sent."""

    contact_uid: str
    interview_uid: str | None
    due: date
    medium: Medium = Medium.HANDWRITTEN
    status: NoteStatus = NoteStatus.TO_WRITE
    sent_on: date | None = None
    delivery: str | None = None
    points: str | None = None
    better_answer: str | None = None
    uid: str = field(default_factory=new_uid)


@dataclass
class FeedbackCall:
    """A call asking for feedback after a rejection: proposed, requested, held."""

    contact_uid: str
    opportunity_uid: str | None
    proposed_on: date
    status: CallStatus = CallStatus.TO_REQUEST
    requested_on: date | None = None
    requested_via: str | None = None
    scheduled_at: datetime | None = None
    held_on: date | None = None
    feedback: str | None = None
    actions: str | None = None
    similar_role: Answer | None = None
    other_roles: Answer | None = None
    stay_in_touch: Answer | None = None
    uid: str = field(default_factory=new_uid)


@dataclass
class Cadence:
    """How often to stay in touch with a contact (an RRULE), from a start date."""

    contact_uid: str
    rrule: str
    start: date
    max_days: int | None = None
    active: bool = True
    uid: str = field(default_factory=new_uid)


@dataclass
class Touch:
    """One time the user was in touch with a contact: a call, an email, coffee."""

    contact_uid: str
    at: datetime
    kind: TouchKind
    notes: str | None = None
    uid: str = field(default_factory=new_uid)
