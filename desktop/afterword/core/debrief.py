"""Saving one round's debrief: check it, propose the thank-you notes, and write
the round, any people created on the spot and the notes the user kept, together."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from afterword.core import search
from afterword.core.domain import Company, Contact, Interview, Opportunity, Stage, ThankYouNote
from afterword.core.errors import InvalidRecord
from afterword.core.proposals import propose_notes
from afterword.core.store import Store


@dataclass
class Debrief:
    """A round as the form has it: the interview plus what was created inline —
    people, and the role (with its company) when the round is for a new one. None
    of it is saved before the debrief, so cancelling the form leaves nothing behind."""

    interview: Interview
    new_contacts: list[Contact] = field(default_factory=list)
    new_role: Opportunity | None = None
    new_company: Company | None = None

    def contacts_by_uid(self) -> dict[str, Contact]:
        return {c.uid: c for c in self.new_contacts}

    def companies_by_uid(self) -> dict[str, Company]:
        return {self.new_company.uid: self.new_company} if self.new_company else {}

    def created(self) -> list[object]:
        """What saving writes besides the round and its notes, parents first."""
        return [r for r in (self.new_company, self.new_role) if r is not None] + self.new_contacts


def new_role(title: str, company: Company | str) -> tuple[Opportunity, Company | None]:
    """A role to debrief a round of, at an existing company or a new one (given by
    name); the new company is returned to be saved with the debrief."""
    created = Company(" ".join(company.split())) if isinstance(company, str) else None
    company_uid = created.uid if created else company.uid
    return Opportunity(company_uid, " ".join(title.split()), stage=Stage.INTERVIEWING), created


def people_matching(store: Store, text: str, limit: int = 8) -> list[tuple[Contact, str]]:
    """People whose name has a word starting with each typed word ("raj" finds Raj
    Patel), with their company's name: names that start with the text first."""
    ids = search.people_by_name(store, text, limit * 4)
    if not ids:
        return []
    people = store.select(Contact, f"id IN ({','.join('?' * len(ids))})", ids)
    typed = " ".join(text.split()).casefold()
    people.sort(key=lambda c: (not c.name.casefold().startswith(typed), c.name.casefold()))
    companies: dict[str, Company | None] = {}
    for person in people[:limit]:
        if person.company_uid and person.company_uid not in companies:
            companies[person.company_uid] = store.get(Company, person.company_uid)
    return [(p, getattr(companies.get(p.company_uid or ""), "name", "")) for p in people[:limit]]


def check_debrief(store: Store, debrief: Debrief, now: datetime) -> None:
    """Refuse a debrief that cannot be right; the message says what to fix.

    A debrief records a round that has happened, so a start after `now` is
    refused (it is almost always a mistyped date).
    """
    interview = debrief.interview
    where = ("interview", interview.uid)
    _check_new_role(store, debrief)
    role = debrief.new_role if debrief.new_role is not None \
        and debrief.new_role.uid == interview.opportunity_uid else None
    if role is None and store.get(Opportunity, interview.opportunity_uid) is None:
        raise InvalidRecord(*where, "opportunity_uid", "choose the role this round was for")
    if interview.round < 1:
        raise InvalidRecord(*where, "round", "the round number must be 1 or more")
    try:
        zone = ZoneInfo(interview.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidRecord(*where, "timezone",
                            f"'{interview.timezone}' is not a time zone name "
                            "(e.g. America/Chicago)") from None
    if interview.start.tzinfo is None:
        raise InvalidRecord(*where, "start", "the time has no time zone")
    if interview.start > now:
        local = interview.start.astimezone(zone)
        raise InvalidRecord(*where, "start",
                            f"the round is dated {local:%Y-%m-%d %H:%M} ({interview.timezone}), "
                            "which is in the future; a debrief is for a round that has happened")
    if not interview.participant_uids:
        raise InvalidRecord(*where, "participant_uids",
                            "add who was present (the receptionist too), so each can be thanked")
    known = debrief.contacts_by_uid()
    for uid in interview.participant_uids:
        if uid not in known and store.get(Contact, uid) is None:
            raise InvalidRecord(*where, "participant_uids", f"person {uid} does not exist")
    for contact in debrief.new_contacts:
        if not contact.name.strip():
            raise InvalidRecord("contact", contact.uid, "name", "a new person needs a name")
    for question in interview.questions:
        if not question.question.strip():
            raise InvalidRecord(*where, "questions", "a question row has no question")
    for concern in interview.concerns:
        if not concern.text.strip():
            raise InvalidRecord(*where, "concerns", "a concern row has no text")
    if interview.hear_back_by and interview.hear_back_by < interview.start.astimezone(zone).date():
        raise InvalidRecord(*where, "hear_back_by", "“hear back by” is before the round itself")


def _check_new_role(store: Store, debrief: Debrief) -> None:
    role, company = debrief.new_role, debrief.new_company
    if role is None:
        return
    if not role.title.strip():
        raise InvalidRecord("opportunity", role.uid, "title", "the new role needs a title")
    if company is not None and not company.name.strip():
        raise InvalidRecord("company", company.uid, "name", "the new role's company needs a name")
    known = company.uid if company is not None else None
    if role.company_uid != known and store.get(Company, role.company_uid) is None:
        raise InvalidRecord("opportunity", role.uid, "company_uid",
                            "the new role's company no longer exists")


def proposed_notes(store: Store, debrief: Debrief) -> list[ThankYouNote]:
    """The notes to offer after saving: one per person present without one yet."""
    return propose_notes(store, debrief.interview, debrief.contacts_by_uid(),
                         debrief.companies_by_uid())


def save_debrief(store: Store, debrief: Debrief, notes: Iterable[ThankYouNote],
                 now: datetime) -> None:
    """Write what was created (a role and its company, people), the round and the
    confirmed notes in one transaction."""
    check_debrief(store, debrief, now)
    notes = list(notes)
    present = set(debrief.interview.participant_uids)
    for note in notes:
        if note.contact_uid not in present or note.interview_uid != debrief.interview.uid:
            raise InvalidRecord("thank-you note", note.uid, "contact_uid",
                                "a note must be for someone present at this round")
    with store.atomic():
        store.put_many([*debrief.created(), debrief.interview, *notes])


# -- tone ------------------------------------------------------------------

_TONE_FILLER_WORDS = (
    "a an and but or the i me my we it was were very quite bit somewhat rather felt "
    "feel for to of with in on at they them he she"
)
_TONE_FILLER = frozenset(_TONE_FILLER_WORDS.split())


def tone_words(tone: str | None) -> frozenset[str]:
    """The words that carry a tone: 'Warm, collaborative' → {warm, collaborative}."""
    words = re.findall(r"[^\W\d_]+", (tone or "").casefold())
    return frozenset(w for w in words if w not in _TONE_FILLER and len(w) > 1)


def earlier_tones(store: Store, interview: Interview) -> list[tuple[int, str]]:
    """(round, tone) of the rounds of the same process before this one."""
    rows = store.db.execute(
        "SELECT round, tone, start FROM interviews WHERE opportunity_uid = ? AND uid != ? "
        "AND tone IS NOT NULL AND trim(tone) != '' ORDER BY round, start",
        [interview.opportunity_uid, interview.uid],
    ).fetchall()
    return [(r, t) for r, t, s in rows
            if r < interview.round
            or (r == interview.round and datetime.fromisoformat(s) < interview.start)]


def tone_hint(store: Store, interview: Interview,
              earlier: Mapping[int, str] | None = None) -> str | None:
    """A nudge when this round's tone shares nothing with the rounds before it.

    Later rounds fail when the candidate turns pushy or acts as if the job is in
    the bag, so a change of tone is worth a second look.
    """
    now = tone_words(interview.tone)
    if not now:
        return None
    before = dict(earlier) if earlier is not None else dict(earlier_tones(store, interview))
    if not before:
        return None
    previous = set().union(*(tone_words(t) for t in before.values()))
    if now & previous:
        return None
    listed = "; ".join(f"round {r}: “{t}”" for r, t in sorted(before.items()))
    return (f"This round's tone differs from earlier rounds ({listed}). "
            "Keep the same tone in every round: add stories of results, not pressure.")
