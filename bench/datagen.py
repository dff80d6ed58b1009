"""Synthetic job searches at scale, deterministic for a given size, shape and day.

Two shapes:

- **realistic**: years of history. About one company per ten people, two roles per
  company, one to three rounds per role spread over six years (a few scheduled in
  the coming weeks), one to three people met per round. Nearly every process is
  closed; notes older than a week were sent long ago; most old rounds were
  followed up; feedback calls after rejections, mostly held or dropped long ago;
  3% of people with a stay-in-touch cadence and a history of touches that mostly
  keeps up with it, 15% of others with a few touches. Some 300 things are due at
  100,000 people.
- **stress**: the same history, but every thank-you note open (none ever sent;
  each due the day after its round, rounds spread from three weeks ago to three
  years ahead) and 20% of people with a cadence. Many open records that are not
  due today: an engine that reads every open record pays for all of them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from afterword.core.domain import (
    Cadence,
    CallStatus,
    Company,
    Concern,
    ConcernKind,
    Contact,
    FeedbackCall,
    Format,
    Interview,
    NoteStatus,
    Opportunity,
    Question,
    Role,
    Stage,
    ThankYouNote,
    Touch,
    TouchKind,
)

SHAPES = ("realistic", "stress")

FIRST = ("Dana Marcus Aisha Tom Kim Rafael Helen Jo Sam Nora Raj Priya Ellis Olivia Wei Sofia "
         "Mateo Amara Lars Yuki Omar Ines Kofi Hana Luca Zoe Ravi Mia Noah Leila").split()
LAST = ("Reyes Chen Okafor Becker Nguyen Ortiz Park Whitaker Delgado Lindqvist Patel Raman Grant "
        "Hart Silva Novak Kowalski Haddad Mensah Tanaka Rossi Dubois Moreau Schmidt Ivanova "
        "Costa Ali Kim Larsen Byrne").split()
WORDS = ("Northwind Acme Bluebird Lumen Orchard Fenwick Harbor Summit Cobalt Maple Granite Vertex "
         "Pioneer Beacon Atlas Nimbus Sterling Juniper Falcon Evergreen").split()
KINDS = ("Logistics Analytics Health Robotics Foods Systems Labs Partners Media Energy").split()
ZONES = ("America/Los_Angeles", "America/Chicago", "America/New_York", "Europe/London",
         "Europe/Berlin", "Asia/Kolkata")
RULES = (("FREQ=MONTHLY;INTERVAL=3", 91), ("FREQ=MONTHLY;INTERVAL=6", 182),
         ("FREQ=WEEKLY;INTERVAL=6", 42), ("FREQ=YEARLY", 365), ("FREQ=MONTHLY;INTERVAL=2", 61))
HISTORY_DAYS = 6 * 365
CLOSED = (Stage.REJECTED,) * 11 + (Stage.WITHDRAWN,) * 4 + (Stage.ACCEPTED,) * 1
OPEN = (Stage.APPLIED, Stage.INTERVIEWING, Stage.INTERVIEWING, Stage.OFFER, Stage.ON_HOLD)


def generate(shape: str, contacts: int, today: date, seed: int = 7) -> Iterator[list]:
    """Batches of records in an order where references point backwards."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    rng = random.Random(f"{seed}/{shape}/{contacts}")
    stress = shape == "stress"
    companies = [Company(f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i}", f"https://c{i}.example",
                         f"{i} Main St, Springfield", "Met at a job fair" if i % 3 == 0 else None)
                 for i in range(max(1, contacts // 10))]
    yield companies
    people = [_person(rng, i, companies[i % len(companies)]) for i in range(contacts)]
    yield people
    staff: dict[str, list[Contact]] = {}
    for p in people:
        staff.setdefault(p.company_uid, []).append(p)
    for start in range(0, len(companies), 500):
        batch: list = []
        for company in companies[start:start + 500]:
            for number in range(2):
                batch.extend(_process(rng, company, staff.get(company.uid, []), number, today, stress))
        yield batch
    with_cadence = 5 if stress else 33  # every 5th person (20%) or every 33rd (3%)
    for start in range(0, len(people), 5000):
        batch = []
        for i, p in enumerate(people[start:start + 5000], start):
            if i % with_cadence == 0:
                batch.extend(_cadence_and_touches(rng, p, today))
            elif rng.random() < 0.15:
                batch.extend(_touch(rng, p, today - timedelta(days=rng.randint(1, HISTORY_DAYS)))
                             for _ in range(rng.randint(1, 5)))
        yield batch


def _person(rng: random.Random, i: int, company: Company) -> Contact:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return Contact(
        name, "Director", company.uid, rng.choice(list(Role)),
        phone_direct=f"+1 206 555 {i % 10000:04d}", email=f"p{i}@c.example",
        mailing_address=f"{name}\n{company.name}\n{i} Main St" if i % 2 else None,
        notes=f"Talked about {rng.choice(WORDS).lower()} and {rng.choice(KINDS).lower()}",
    )


def _process(rng: random.Random, company: Company, staff: list[Contact], number: int,
             today: date, stress: bool) -> list:
    """One role at a company with its rounds, notes and maybe a feedback call."""
    if stress:
        began = today + timedelta(days=rng.randint(-21, 3 * 365))
    else:
        began = today - timedelta(days=rng.randint(0, HISTORY_DAYS))
    age = (today - began).days
    stage = rng.choice(OPEN) if age < 45 else rng.choice(CLOSED) if rng.random() < 0.985 else rng.choice(OPEN)
    opp = Opportunity(company.uid, f"Sales role {number}", target="Sales leadership", stage=stage)
    out: list = [opp]
    rounds = rng.choice((1, 1, 2, 2, 3))
    last_round: Interview | None = None
    for r in range(1, rounds + 1):
        day = began + timedelta(days=7 * (r - 1))
        zone = rng.choice(ZONES)
        present = rng.sample(staff, min(len(staff), rng.randint(1, 3))) if staff else []
        hear_back = day + timedelta(days=7)
        followed = hear_back + timedelta(days=2) if (today - hear_back).days > 5 and rng.random() < 0.95 \
            else None
        interview = Interview(
            opp.uid, r, datetime.combine(day, time(10), ZoneInfo(zone)), zone,
            format=rng.choice(list(Format)), participant_uids=[p.uid for p in present], tone="warm",
            hear_back_by=hear_back, followed_up_on=followed if not stress else None,
            questions=[Question("Why us?", "ok", "better")],
            concerns=[Concern("Industry gap", ConcernKind.TO_OVERCOME)],
        )
        out.append(interview)
        last_round = interview
        if day > today and not stress:
            continue  # scheduled, not held yet: no notes
        for p in present:
            out.append(_note(rng, p, interview, day, today, stress))
    if stage == Stage.REJECTED and last_round and last_round.participant_uids and rng.random() < 0.4:
        out.append(_feedback_call(rng, last_round.participant_uids[0], opp, began, age))
    return out


def _note(rng: random.Random, person: Contact, interview: Interview, day: date, today: date,
          stress: bool) -> ThankYouNote:
    due = day + timedelta(days=1)
    if stress:
        status = rng.choice((NoteStatus.TO_WRITE, NoteStatus.DRAFTED, NoteStatus.WRITTEN))
    elif (today - day).days > 6:
        status = rng.choice((NoteStatus.SENT, NoteStatus.DELIVERED))
    else:
        status = rng.choice(list(NoteStatus))
    sent = due + timedelta(days=rng.randint(0, 2)) if status.is_done else None
    return ThankYouNote(person.uid, interview.uid, due, status=status, sent_on=sent,
                        points="Thank them for the tour")


def _feedback_call(rng: random.Random, contact_uid: str, opp: Opportunity, began: date,
                   age: int) -> FeedbackCall:
    proposed = began + timedelta(days=30)
    if age > 60:
        held = rng.random() < 0.6
        return FeedbackCall(contact_uid, opp.uid, proposed,
                            CallStatus.HELD if held else CallStatus.DROPPED,
                            requested_on=proposed, held_on=proposed + timedelta(days=9) if held else None)
    return FeedbackCall(contact_uid, opp.uid, proposed,
                        rng.choice((CallStatus.TO_REQUEST, CallStatus.REQUESTED)), requested_on=proposed)


def _cadence_and_touches(rng: random.Random, person: Contact, today: date) -> list:
    rule, every = rng.choice(RULES)
    start = today - timedelta(days=rng.randint(60, HISTORY_DAYS))
    cadence = Cadence(person.uid, rule, start, max_days=every + 30 if rng.random() < 0.5 else None,
                      active=rng.random() < 0.9)
    out: list = [cadence]
    day = start + timedelta(days=rng.randint(0, every))
    keeping_up = rng.random() < 0.93
    while day < today:
        out.append(_touch(rng, person, day))
        day += timedelta(days=int(every * (rng.uniform(0.7, 1.0) if keeping_up else rng.uniform(1.0, 1.6))))
    return out


def _touch(rng: random.Random, person: Contact, day: date) -> Touch:
    at = datetime.combine(day, time(12), ZoneInfo("America/Chicago"))
    return Touch(person.uid, at, rng.choice(list(TouchKind)), "caught up")
