"""The rules engine (stored contact facts, date-narrowed SQL) against the plain
reference implementation (tests/rules_reference.py), on generated histories:
random people, rounds, notes, calls, cadences and touches, asked about many days,
then edited through the store, behind its back, and read again."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.core.domain import (
    Cadence,
    CallStatus,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Medium,
    NoteStatus,
    Opportunity,
    Stage,
    ThankYouNote,
    Touch,
    TouchKind,
)
from afterword.core.rules import cadence_status, due_reminders, open_reminders
from afterword.core.store import Store
from tests import rules_reference

START = date(2026, 1, 1)
ZONES = ("America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "Europe/London", "UTC")
RULES = ("FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;INTERVAL=1", "FREQ=MONTHLY;INTERVAL=3",
         "FREQ=DAILY;INTERVAL=10", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYMONTHDAY=31",
         "FREQ=WEEKLY;COUNT=3", "FREQ=MONTHLY;UNTIL=20260601")


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randint(0, 420))


def _moment(rng: random.Random, zone: str) -> datetime:
    # Late evening and early morning rounds fall on another date in UTC.
    return datetime.combine(_day(rng), time(rng.choice((0, 1, 9, 23)), 30), ZoneInfo(zone))


def history(rng: random.Random) -> list:
    companies = [Company(f"Company {i}") for i in range(2)]
    people = [Contact(f"Person {i}", company_uid=rng.choice([c.uid for c in companies] + [None]))
              for i in range(rng.randint(3, 7))]
    out: list = companies + people
    for c in range(rng.randint(1, 4)):
        opp = Opportunity(rng.choice(companies).uid, f"Role {c}", stage=rng.choice(list(Stage)))
        out.append(opp)
        for _ in range(rng.randint(0, 4)):
            zone = rng.choice(ZONES)
            present = rng.sample(people, rng.randint(0, min(3, len(people))))
            round_ = Interview(opp.uid, rng.randint(1, 3), _moment(rng, zone), zone,
                               participant_uids=[p.uid for p in present],
                               hear_back_by=_day(rng) if rng.random() < 0.7 else None,
                               followed_up_on=_day(rng) if rng.random() < 0.3 else None)
            out.append(round_)
            for p in present:
                if rng.random() < 0.8:
                    status = rng.choice(list(NoteStatus))
                    out.append(ThankYouNote(p.uid, round_.uid, _day(rng), rng.choice(list(Medium)), status,
                                            sent_on=_day(rng) if status.is_done else None))
        if rng.random() < 0.5:
            status = rng.choice(list(CallStatus))
            zone = ZoneInfo(rng.choice(ZONES))
            out.append(FeedbackCall(
                rng.choice(people).uid, opp.uid, _day(rng), status,
                requested_on=_day(rng) if rng.random() < 0.5 else None,
                scheduled_at=_moment(rng, str(zone)) if status == CallStatus.SCHEDULED else None,
                held_on=_day(rng) if status == CallStatus.HELD else None))
    for p in people:
        if rng.random() < 0.6:
            out.append(Cadence(p.uid, rng.choice(RULES), _day(rng),
                               max_days=rng.choice((None, 20, 60)), active=rng.random() < 0.85))
        for _ in range(rng.randint(0, 3)):
            out.append(Touch(p.uid, _moment(rng, rng.choice(ZONES)), rng.choice(list(TouchKind))))
    return out


def _engine(store: Store, on: date, until: date | None) -> set[tuple]:
    result = due_reminders(store, on) if until is not None else open_reminders(store, on)
    assert result.problems == []
    return {(r.kind, r.source_uid, r.due, r.overdue_after, r.title, r.contact_uid, r.detail)
            for r in result.items}


def _agree(store: Store, rng: random.Random, days: int = 8) -> None:
    asked = [_day(rng) for _ in range(days)] + [START - timedelta(days=1), START + timedelta(days=500)]
    uids = [r[0] for r in store.db.execute("SELECT uid FROM contacts").fetchall()]
    for on in asked:
        assert _engine(store, on, on) == rules_reference.reminders(store, on, on), on
        assert _engine(store, on, None) == rules_reference.reminders(store, on, None), on
        status = cadence_status(store, uids, on)
        got = {u: (s.last_touch, s.next_due, s.overdue_after, s.state) for u, s in status.items()}
        assert got == rules_reference.statuses(store, on), on


def _edit(store: Store, rng: random.Random) -> None:
    """A few changes through the store: what the window and the importer do."""
    for cls in (Touch, ThankYouNote, Interview, Cadence, FeedbackCall):
        records = store.all(cls)
        if not records:
            continue
        record = rng.choice(records)
        if rng.random() < 0.3:
            store.delete(cls, record.uid)
            continue
        if cls is Touch:
            record.at = _moment(rng, rng.choice(ZONES))
        elif cls is ThankYouNote:
            record.status = rng.choice(list(NoteStatus))
            record.sent_on = _day(rng) if record.status.is_done else None
        elif cls is Interview:
            record.start = _moment(rng, record.timezone)
            people = [r[0] for r in store.db.execute("SELECT uid FROM contacts").fetchall()]
            record.participant_uids = rng.sample(people, rng.randint(0, min(2, len(people))))
        elif cls is Cadence:
            record.active = not record.active
            record.start = _day(rng)
        elif cls is FeedbackCall:
            record.status = CallStatus.HELD
            record.held_on = _day(rng)
        store.put(record)
    if rng.random() < 0.3:
        people = store.all(Contact)
        store.delete(Contact, rng.choice(people).uid)


@pytest.mark.parametrize("seed", range(16))
def test_the_engine_gives_the_reference_answers(seed):
    rng = random.Random(seed)
    store = Store.memory()
    # The facts are stored for one day and must hold for any other.
    store.facts_day = lambda: START + timedelta(days=seed * 40)
    try:
        store.put_many(history(rng))
        _agree(store, rng)
        _edit(store, rng)
        _agree(store, rng)
    finally:
        store.close()


@pytest.mark.parametrize("seed", range(4))
def test_changes_written_behind_the_stores_back_are_read_right(seed):
    """A file changed without the store (an older copy of the app, a script): the
    queue the triggers fill is read, not the stale facts."""
    rng = random.Random(100 + seed)
    store = Store.memory()
    try:
        store.put_many(history(rng))
        touches = store.db.execute("SELECT uid FROM touches").fetchall()
        if touches:
            store.db.execute("UPDATE touches SET at = ? WHERE uid = ?",
                             [_moment(rng, "UTC").isoformat(), touches[0][0]])
        store.db.execute("UPDATE interviews SET start = ?", [_moment(rng, "Asia/Kolkata").isoformat()])
        store.db.execute("UPDATE thank_you_notes SET status = 'sent', sent_on = ?", [_day(rng).isoformat()])
        _agree(store, rng, days=4)
    finally:
        store.close()


def test_days_move_on_the_stored_facts_follow(tmp_path, monkeypatch):
    """A round scheduled ahead counts once its day has come: the store recomputes
    that person when the file is next opened."""
    rng = random.Random(7)
    path = tmp_path / "a.db"
    monkeypatch.setattr(Store, "facts_day", lambda self: START)
    store = Store.open(path)
    store.put_many(history(rng))
    ahead = "SELECT count(*) FROM contact_facts WHERE next_contact IS NOT NULL"
    assert store.db.execute(ahead).fetchone()[0] > 0  # contact to come, as read on START
    store.close()
    for day in (START + timedelta(days=100), START + timedelta(days=300)):
        monkeypatch.setattr(Store, "facts_day", lambda self, d=day: d)
        store = Store.open(path)
        assert store.db.execute("SELECT count(*) FROM contact_facts WHERE next_contact <= ?",
                                [day.isoformat()]).fetchone()[0] == 0
        _agree(store, rng, days=3)
        store.close()
