"""A record that cannot be computed (from an older or hand-edited file) is named
and left out; Today, `due`, the calendar and the window carry on with the rest.
Stored text prints escaped on a terminal, and printed or exported files stay
small and quick whatever length is stored."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from afterword.cli import main
from afterword.core.demo import fill_demo
from afterword.core.domain import Contact
from afterword.core.rules import open_reminders
from afterword.core.store import Store
from afterword.core.terminal import printable
from conftest import DEMO_TODAY

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def damage(path: Path) -> dict[str, str]:
    """Store, behind the app's back, values no form or import accepts today."""
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    sources = {r.kind.value: r.source_uid for r in open_reminders(store).items}
    db = store.db
    one = {}
    for kind, table, column, value in [
        ("touch", "cadences", "rrule", "FREQ=YEARLY;INTERVAL=99999999999"),
        ("thank_you_note", "thank_you_notes", "due", "2026-13-45"),
        ("feedback_call", "feedback_calls", "proposed_on", "someday"),
        ("follow_up", "interviews", "hear_back_by", "9999-12-31"),
    ]:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE uid = ?", [value, sources[kind]])
        one[table] = sources[kind]
    db.conn.commit()
    store.close()
    return one


@pytest.fixture
def damaged(tmp_path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "damaged.db"
    return path, damage(path)


def test_reminders_name_each_bad_record_and_keep_the_rest(damaged):
    path, bad = damaged
    store = Store.open(path)
    result = open_reminders(store)
    store.close()
    assert len(result.problems) == 4
    for uid in bad.values():
        assert any(uid in p for p in result.problems), uid
    assert {r.kind.value for r in result.items} >= {"thank_you_note", "touch"}


def test_due_and_ics_carry_on_with_a_warning_per_bad_record(damaged, tmp_path, capsys):
    path, bad = damaged
    assert main(["due", "--db", str(path), "--on", DEMO_TODAY.isoformat()]) == 0
    out = capsys.readouterr()
    warnings = out.err.splitlines()
    assert len(warnings) == 4 and all(w.startswith("afterword: warning: ") for w in warnings)
    assert "OVERDUE" in out.out or "due" in out.out
    assert main(["ics", "--db", str(path), "--out", str(tmp_path / "r.ics")]) == 0
    assert len(capsys.readouterr().err.splitlines()) == 4
    assert main(["due", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)


def test_the_window_starts_and_today_shows_the_rest(qtbot, damaged):
    from tests.window_helpers import close_window, open_window

    path, bad = damaged
    window = open_window(qtbot, path)
    today = window.page("today")
    qtbot.waitUntil(lambda: today.problems.isVisible())
    assert all(uid in today.problems.text() for uid in bad.values())
    window.show_page("people")  # the list computes each cadence's next touch too
    close_window(window)


# -- terminal escapes ---------------------------------------------------------------

def test_printable_escapes_what_a_terminal_would_obey():
    assert printable("Dana\x1b]0;owned\x07") == "Dana\\x1b]0;owned\\x07"
    assert printable("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert printable("x\x9by\u202ez\u2066") == "x\\x9by\\u202ez\\u2066"
    assert printable("Zoë 👋 שלום") == "Zoë 👋 שלום"
    assert printable("lone \ud800") == "lone \\ud800"


def test_due_prints_stored_control_characters_escaped(tmp_path, capsys):
    path = tmp_path / "esc.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    uid = store.db.execute("SELECT contact_uid FROM thank_you_notes WHERE status = 'to_write'"
                           ).fetchone()[0]
    store.db.execute("UPDATE contacts SET name = ? WHERE uid = ?",
                     ["Eve\x1b]0;pwned\x07\x1b[2J\nOVERDUE 2026-01-01  forged\u202e", uid])
    store.db.conn.commit()
    store.close()
    assert main(["due", "--db", str(path), "--on", DEMO_TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "Eve\\x1b]0;pwned\\x07\\x1b[2J\\nOVERDUE" in out
    assert not any(line.startswith("OVERDUE 2026-01-01  forged") for line in out.splitlines())


def test_an_error_line_shows_control_characters_escaped(tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"format": "x\x1b[2J\nafterword: forged", "version": 1}))
    assert main(["import", str(source), "--db", str(tmp_path / "e.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err


# -- artefacts stay quick and small -------------------------------------------------

def test_huge_stored_text_prints_and_exports_at_a_bounded_size(qapp, tmp_path, capsys):
    path = tmp_path / "huge.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    note, contact = store.db.execute(
        "SELECT uid, contact_uid FROM thank_you_notes WHERE status = 'to_write' AND medium = "
        "'handwritten'").fetchone()
    store.db.execute("UPDATE thank_you_notes SET points = ? WHERE uid = ?", ["point " * 200_000, note])
    store.db.execute("UPDATE contacts SET name = ?, mailing_address = ? WHERE uid = ?",
                     ["N" * 2_000_000, "street\n" * 50_000, contact])
    store.db.conn.commit()
    store.close()
    ics, pdf = tmp_path / "r.ics", tmp_path / "c.pdf"
    assert main(["ics", "--db", str(path), "--out", str(ics), "--private-notes"]) == 0
    assert ics.stat().st_size < 200_000
    assert main(["checklist", "--db", str(path), "--pdf", str(pdf), "--on",
                 DEMO_TODAY.isoformat(), "--envelopes", str(tmp_path / "e.pdf")]) == 0
    assert pdf.stat().st_size < 200_000


# -- the window's forms keep the same limits -----------------------------------------

def test_the_card_refuses_an_overlong_or_escaped_value_and_keeps_it(qtbot, tmp_path, message_boxes):
    from tests.window_helpers import close_window, leave, open_window

    path = tmp_path / "form.db"
    store = Store.open(path)
    store.put(Contact(name="Dana Reyes"))
    store.close()
    window = open_window(qtbot, path)
    window.show_page("people")
    people = window.page("people")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1)
    people.select_row(0)
    card = people.card
    qtbot.waitUntil(lambda: card.fields.editors["name"].text() == "Dana Reyes")
    notes = card.fields.editors["notes"]
    notes.setFocus()
    notes.setPlainText("x" * 10_001)
    leave(notes)
    title = card.fields.editors["title"]
    title.setFocus()
    title.setText("CTO\x1b[2J")
    leave(title)
    assert "at most 10,000 characters" in card.fields.messages["notes"].text()
    assert "control characters" in card.fields.messages["title"].text()
    assert notes.toPlainText() == "x" * 10_001  # kept where the user typed it
    saved = window.context.store.select(Contact)[0]
    assert saved.notes is None and saved.title is None
    message_boxes.replies = ["Discard"]  # closing asks about the refused values
    close_window(window)
