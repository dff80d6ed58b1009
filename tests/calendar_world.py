"""A small database made to trouble calendar programs: interview rounds on both sides
of every daylight-saving change of 2026 and 2027 (and in the repeated hour, at each
of its two moments) in six zones, including Chatham's 45-minute offset and Lord
Howe's half-hour change; reminders on those days, a scheduled call in the repeated
hour, and cadences that end on a date or a date-time. Then what happens between two
exports: a note sent, a call held, a cadence removed, a round moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from afterword.core.domain import (
    Cadence,
    CallStatus,
    Company,
    Contact,
    FeedbackCall,
    Format,
    Interview,
    Medium,
    NoteStatus,
    Opportunity,
    Role,
    Stage,
    ThankYouNote,
)
from afterword.core.store import Store

ZONES = ("America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Kolkata",
         "Pacific/Chatham", "Australia/Lord_Howe")
YEARS = (2026, 2027)
# Minutes from each clock change: well before and after, either side, and (with
# ±15 for Lord Howe's half hour) both moments of a repeated wall time.
AROUND = (-90, -30, -15, 15, 30, 90)
KOLKATA = (datetime(2026, 6, 15, 4, 30, tzinfo=UTC), datetime(2027, 1, 5, 18, 0, tzinfo=UTC))
# Each with a person of its own, never met: the next touch follows from the start.
CADENCE_RULES = (
    ("FREQ=MONTHLY;UNTIL=20270601T000000Z", date(2026, 12, 1)),  # UNTIL on a touch
    ("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270301", date(2026, 11, 1)),
    ("FREQ=YEARLY;UNTIL=20300308T120000Z", date(2026, 3, 8)),
    ("FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20270531T235959Z", date(2026, 12, 1)),
    ("FREQ=MONTHLY;INTERVAL=3", date(2026, 10, 25)),
    ("FREQ=WEEKLY;COUNT=5", date(2026, 11, 20)),  # a COUNT is left out of the file
    ("FREQ=WEEKLY;BYDAY=SU", date(2026, 10, 4)),
)


def clock_changes(zone: ZoneInfo, year: int) -> list[datetime]:
    """The UTC instants at which `zone`'s offset changes in `year` (to the minute)."""
    changes = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=1)
    while moment < end:
        later = moment + step
        if moment.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset():
            low, high = moment, later
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                same = mid.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset()
                low, high = (mid, high) if same else (low, mid)
            changes.append(high.replace(second=0, microsecond=0))
        moment = later
    return changes


def round_moments() -> list[tuple[str, datetime]]:
    """(zone name, the round's start in its zone) for every round of the world."""
    moments = []
    for name in ZONES:
        zone = ZoneInfo(name)
        for year in YEARS:
            for change in clock_changes(zone, year):
                moments += [(name, (change + timedelta(minutes=m)).astimezone(zone)) for m in AROUND]
    moments += [("Asia/Kolkata", m.astimezone(ZoneInfo("Asia/Kolkata"))) for m in KOLKATA]
    return moments


@dataclass
class World:
    """The records a test changes between two exports."""

    sent_note: ThankYouNote
    held_call: FeedbackCall
    removed_cadence: Cadence
    moved_round: Interview


def fill(store: Store) -> World:
    company = Company("Harbour & Co", address="1 Quay St, Wellington")
    role = Opportunity(company.uid, "Head of Operations", stage=Stage.INTERVIEWING)
    records: list = [company, role]
    people = [Contact(f"Person {i}", "Director", company.uid, Role.INTERVIEWER,
                      phone_direct=f"+1 206 555 01{i:02d}") for i in range(12)]
    friends = [Contact(f"Friend {i}") for i in range(len(CADENCE_RULES))]
    records += people + friends
    rounds = []
    for number, (zone, start) in enumerate(round_moments(), start=1):
        rounds.append(Interview(role.uid, number % 99 or 1, start, zone, Format.VIDEO,
                                participant_uids=[people[number % len(people)].uid]))
    rounds[-1].hear_back_by = date(2027, 1, 20)  # a follow-up reminder
    records += rounds
    notes = [ThankYouNote(people[i].uid, rounds[i].uid, day, Medium.HANDWRITTEN if i % 2 else Medium.EMAIL)
             for i, day in enumerate((date(2026, 3, 8), date(2026, 11, 1), date(2027, 3, 28),
                                      date(2026, 10, 25), date(2027, 4, 4)))]
    records += notes
    la = ZoneInfo("America/Los_Angeles")
    repeated = datetime(2026, 11, 1, 9, 30, tzinfo=UTC).astimezone(la)  # the second 01:30
    calls = [FeedbackCall(people[5].uid, role.uid, date(2026, 10, 30), CallStatus.SCHEDULED,
                          scheduled_at=repeated),
             FeedbackCall(people[6].uid, role.uid, date(2026, 11, 20))]
    records += calls
    cadences = [Cadence(friend.uid, rule, start) for friend, (rule, start)
                in zip(friends, CADENCE_RULES, strict=True)]
    records += cadences
    store.put_many(records)
    removed = next(c for c in cadences if c.rrule == "FREQ=MONTHLY;INTERVAL=3")
    return World(notes[1], calls[1], removed, rounds[0])


def change(store: Store, world: World) -> None:
    """What a user does between two exports."""
    world.sent_note.status, world.sent_note.sent_on = NoteStatus.SENT, date(2026, 11, 23)
    world.held_call.status, world.held_call.held_on = CallStatus.HELD, date(2026, 11, 23)
    store.put_many([world.sent_note, world.held_call])
    store.delete(Cadence, world.removed_cadence.uid)
    world.moved_round.start += timedelta(days=1)
    store.put(world.moved_round)
