"""Re-exports: same UIDs, SEQUENCE raised only for what changed, gone entries cancelled."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

from afterword.core.domain import NoteStatus, ThankYouNote
from afterword.core.migrations import SCHEMA_VERSION
from afterword.core.rules import ReminderKind, reminder_uid
from afterword.core.store import Store
from calendar_helpers import NOW, entries, export

LATER = NOW + timedelta(days=1)


def _open_note(store, name: str) -> ThankYouNote:
    contact = store.db.execute("SELECT uid FROM contacts WHERE name = ?", [name]).fetchone()[0]
    return next(n for n in store.all(ThankYouNote)
                if n.contact_uid == contact and not n.status.is_done)


def _versions(cal) -> dict[str, tuple[str, object]]:
    return {uid: (e.sequence.value, e.dtstamp.value) for uid, e in entries(cal).items()}


def test_unchanged_reexport_is_identical(demo_store, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export(demo_store, first)
    summary, _ = export(demo_store, second, now=LATER)
    assert first.read_bytes() == second.read_bytes()
    assert (summary.new, summary.changed) == (0, 0)


def test_ticking_a_note_changes_exactly_that_event(demo_store, tmp_path):
    out = tmp_path / "r.ics"
    _, before = export(demo_store, out, full=True)
    note = _open_note(demo_store, "Dana Reyes")
    note.status, note.sent_on = NoteStatus.SENT, note.due
    demo_store.put(note)
    summary, after = export(demo_store, out, now=LATER, full=True)

    uid = reminder_uid(ReminderKind.THANK_YOU_NOTE, note.uid)
    old, new = _versions(before), _versions(after)
    assert set(old) == set(new)  # same UIDs, no duplicates
    assert new.pop(uid) == ("1", LATER)
    assert old.pop(uid) == ("0", NOW)
    assert new == old  # every other event: same SEQUENCE, same DTSTAMP
    cancelled = entries(after)[uid]
    assert cancelled.status.value == "CANCELLED"
    assert not hasattr(cancelled, "valarm")
    assert (summary.new, summary.changed, summary.cancelled) == (0, 0, 1)  # one change, once
    assert summary.describe().endswith("(0 new, 0 updated, 1 cancelled).")

    # Without "full calendar", a done reminder is simply left out.
    _, plain = export(demo_store, tmp_path / "plain.ics", now=LATER)
    assert set(entries(plain)) == set(old)


def test_a_done_task_is_completed_and_a_removed_one_cancelled(demo_store, tmp_path):
    out = tmp_path / "t.ics"
    export(demo_store, out, full=True, tasks=True)
    note = _open_note(demo_store, "Dana Reyes")
    note.status, note.sent_on = NoteStatus.SENT, note.due
    demo_store.put(note)
    removed = _open_note(demo_store, "Tom Becker")
    demo_store.delete(ThankYouNote, removed.uid)
    summary, cal = export(demo_store, out, now=LATER, full=True, tasks=True)
    todos = entries(cal, "vtodo")
    done = todos[reminder_uid(ReminderKind.THANK_YOU_NOTE, note.uid)]
    assert done.status.value == "COMPLETED" and done.completed.value == LATER
    assert done.sequence.value == "1" and not hasattr(done, "valarm")
    gone = todos[reminder_uid(ReminderKind.THANK_YOU_NOTE, removed.uid)]
    assert gone.status.value == "CANCELLED" and not hasattr(gone, "completed")
    assert (summary.new, summary.changed, summary.completed, summary.cancelled) == (0, 0, 1, 1)
    assert summary.describe().endswith("(0 new, 0 updated, 1 completed, 1 cancelled).")
    # As events, both are cancelled; the same remembered versions serve both.
    summary, cal = export(demo_store, tmp_path / "e.ics", now=LATER + timedelta(hours=1), full=True)
    assert entries(cal)[reminder_uid(ReminderKind.THANK_YOU_NOTE, note.uid)].status.value == "CANCELLED"
    assert (summary.new, summary.changed, summary.cancelled) == (0, 0, 0)  # nothing changed since


def test_changed_date_keeps_uid_and_raises_sequence(demo_store, tmp_path):
    out = tmp_path / "r.ics"
    _, before = export(demo_store, out)
    note = _open_note(demo_store, "Marcus Chen")
    note.due += timedelta(days=2)
    demo_store.put(note)
    _, after = export(demo_store, out, now=LATER)
    uid = reminder_uid(ReminderKind.THANK_YOU_NOTE, note.uid)
    assert entries(after)[uid].dtstart.value == note.due
    old, new = _versions(before), _versions(after)
    assert new.pop(uid) == ("1", LATER) and old.pop(uid) == ("0", NOW)
    assert new == old
    # A third export with nothing changed keeps SEQUENCE 1.
    _, again = export(demo_store, out, now=LATER + timedelta(hours=5))
    assert entries(again)[uid].sequence.value == "1"


def test_reopened_note_comes_back_with_a_higher_sequence(demo_store, tmp_path):
    out = tmp_path / "r.ics"
    note = _open_note(demo_store, "Tom Becker")
    uid = reminder_uid(ReminderKind.THANK_YOU_NOTE, note.uid)
    export(demo_store, out, full=True)
    note.status = NoteStatus.SENT
    demo_store.put(note)
    export(demo_store, out, now=LATER, full=True)
    note.status = NoteStatus.WRITTEN
    demo_store.put(note)
    _, cal = export(demo_store, out, now=LATER + timedelta(days=1), full=True)
    assert entries(cal)[uid].sequence.value == "2"
    assert entries(cal)[uid].status.value == "CONFIRMED"


def test_schema_1_file_migrates_with_data_intact(tmp_path):
    source = Path(__file__).parent / "data" / "schema-1.db"
    path = tmp_path / "old.db"
    shutil.copy(source, path)
    with sqlite3.connect(source) as conn:
        before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                  for t in ("companies", "contacts", "interviews", "thank_you_notes",
                            "feedback_calls", "cadences", "touches")}
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        for table, rows in before.items():
            assert store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == rows
        assert store.db.execute("SELECT count(*) FROM calendar_events").fetchone()[0] == 0
        summary, cal = export(store, tmp_path / "r.ics", rounds=True)
        assert summary.total == len(cal.vevent_list) > 0
        assert store.db.execute("SELECT count(*) FROM calendar_events").fetchone()[0] == summary.total
    finally:
        store.close()
    assert (tmp_path / "old.db.schema-1.bak").exists()
