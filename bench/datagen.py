"""Realistic synthetic data at scale: N contacts with proportional companies,
roles, rounds, notes, cadences and touches (deterministic for a given N)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from afterword.core.domain import (
    Cadence,
    Company,
    Concern,
    ConcernKind,
    Contact,
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


def generate(contacts: int, today: date, seed: int = 7) -> list:
    """About 1 company per 10 contacts, 2 roles per company, 2 rounds per role."""
    rng = random.Random(seed)
    records: list = []
    companies = [Company(f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i}",
                         f"https://c{i}.example", f"{i} Main St, Springfield",
                         "Met at a job fair" if i % 3 == 0 else None)
                 for i in range(max(1, contacts // 10))]
    records += companies
    people: list[Contact] = []
    for i in range(contacts):
        company = companies[i % len(companies)]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        people.append(Contact(
            name, "Director", company.uid, rng.choice(list(Role)),
            phone_direct=f"+1 206 555 {i % 10000:04d}", email=f"p{i}@c.example",
            mailing_address=f"{name}\n{company.name}\n{i} Main St" if i % 2 else None,
            notes=f"Talked about {rng.choice(WORDS).lower()} and {rng.choice(KINDS).lower()}",
        ))
    records += people
    by_company: dict[str, list[Contact]] = {}
    for p in people:
        by_company.setdefault(p.company_uid, []).append(p)
    for company in companies:
        staff = by_company.get(company.uid, [])
        for r in range(2):
            opp = Opportunity(company.uid, f"Sales role {r}", target="Sales leadership",
                              stage=rng.choice(list(Stage)))
            records.append(opp)
            for number in (1, 2):
                zone = rng.choice(ZONES)
                day = today - timedelta(days=rng.randint(1, 400))
                present = staff[number - 1::3][:4]
                interview = Interview(
                    opp.uid, number, datetime.combine(day, time(10), ZoneInfo(zone)), zone,
                    participant_uids=[p.uid for p in present], tone="warm",
                    hear_back_by=day + timedelta(days=7),
                    questions=[Question("Why us?", "ok", "better")],
                    concerns=[Concern("Industry gap", ConcernKind.TO_OVERCOME)],
                )
                records.append(interview)
                for p in present:
                    status = rng.choice(list(NoteStatus))
                    records.append(ThankYouNote(
                        p.uid, interview.uid, day + timedelta(days=1), status=status,
                        sent_on=day + timedelta(days=1) if status.is_done else None,
                        points="Thank them for the tour"))
    for i, p in enumerate(people):
        if i % 3 == 0:
            records.append(Cadence(p.uid, "FREQ=MONTHLY;INTERVAL=2", today - timedelta(days=300),
                                   max_days=75))
        for _ in range(i % 4):
            at = datetime.combine(today - timedelta(days=rng.randint(1, 500)), time(12),
                                  ZoneInfo("America/Chicago"))
            records.append(Touch(p.uid, at, rng.choice(list(TouchKind)), "caught up"))
    return records
