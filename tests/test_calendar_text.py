"""Text and time that calendars get wrong: escaping, folding, DST, odd offsets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from afterword.core.domain import (
    Company,
    Contact,
    Interview,
    Medium,
    Opportunity,
    ThankYouNote,
)
from calendar_helpers import entries, export

TRICKY = 'Ünïcødé, "quotes"; semi;colons,\nnew line\\back slash 🎉👩‍💻 — 日本語'


def _note_for(store, name: str, notes: str, points: str) -> ThankYouNote:
    company = Company("Café, Bar; & Grill 🍷")
    person = Contact(name, "Chef; owner, founder", company.uid, mailing_address="1 Rue, Paris\n75001",
                     phone_cell="+33 1 23 45 67 89", notes=notes)
    note = ThankYouNote(person.uid, None, date(2026, 11, 24), Medium.HANDWRITTEN, points=points)
    store.put_many([company, person, note])
    return note


def test_special_characters_and_long_notes_survive(store, tmp_path):
    long_notes = ("Très long; " + TRICKY + "\n") * 60
    long_notes = (long_notes * 3)[:5000]
    assert len(long_notes) == 5000
    _note_for(store, "Zoë O'Brien, Jr.; 😀", long_notes, TRICKY)
    out = tmp_path / "r.ics"
    _, cal = export(store, out, private_notes=True)
    (event,) = cal.vevent_list
    assert event.summary.value == "Post thank-you note to Zoë O'Brien, Jr.; 😀 (Café, Bar; & Grill 🍷)"
    text = event.description.value
    assert f"Notes: {long_notes}" in text
    assert f"Points to mention: {TRICKY}" in text
    assert "Zoë O'Brien, Jr.; 😀, Chef; owner, founder" in text
    assert "Mailing address:\n1 Rue, Paris\n75001" in text
    assert event.valarm.description.value == event.summary.value


def test_lines_fold_at_75_octets_without_splitting_characters(store, tmp_path):
    _note_for(store, "日本語の名前🎉" * 10, "😀é漢" * 400, "")
    out = tmp_path / "r.ics"
    export(store, out, private_notes=True)
    raw = out.read_bytes()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(len(line) >= 70 for line in lines)  # long lines were folded, not avoided
    for line in lines:
        line.decode("utf-8")  # each physical line holds whole characters only
    continued = [line for line in lines if line.startswith(b" ")]
    assert len(continued) > 50


def _round(store, zone: str, start: datetime) -> Interview:
    company = Company("Acme Pty")
    opp = Opportunity(company.uid, "Sales Lead")
    interview = Interview(opp.uid, 1, start, zone)
    store.put_many([company, opp, interview])
    return interview


def test_rounds_in_kolkata_and_lord_howe_across_dst(store, tmp_path):
    howe = ZoneInfo("Australia/Lord_Howe")  # +10:30 standard, +11 summer (a 30-minute shift)
    before_dst = _round(store, "Australia/Lord_Howe", datetime(2026, 10, 3, 10, 0, tzinfo=howe))
    after_dst = _round(store, "Australia/Lord_Howe", datetime(2026, 10, 5, 10, 0, tzinfo=howe))
    kolkata = _round(store, "Asia/Kolkata", datetime(2026, 11, 25, 9, 15,
                                                    tzinfo=ZoneInfo("Asia/Kolkata")))
    _, cal = export(store, tmp_path / "r.ics", rounds=True)
    events = entries(cal)
    expected = {before_dst.uid: timedelta(hours=10, minutes=30),
                after_dst.uid: timedelta(hours=11),
                kolkata.uid: timedelta(hours=5, minutes=30)}
    for uid, offset in expected.items():
        start = events[uid].dtstart.value
        assert start.utcoffset() == offset  # computed by vobject from the file's VTIMEZONE
        assert start.hour in (9, 10) and start.minute in (0, 15)
        assert events[uid].dtend.value - start == timedelta(hours=1)
        assert events[uid].valarm.trigger.value == timedelta(minutes=-30)
    assert events[kolkata.uid].dtstart.value == kolkata.start
    assert {tz.tzid.value for tz in cal.vtimezone_list} == {"Australia/Lord_Howe", "Asia/Kolkata"}
