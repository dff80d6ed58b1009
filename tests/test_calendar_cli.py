"""`afterword ics`: the command line over the calendar export."""

from __future__ import annotations

import vobject

from afterword.cli import build_parser, main
from afterword.core.rules import open_reminders


def test_ics_writes_events_and_a_summary(demo_store, db_path, tmp_path, capsys):
    out = tmp_path / "r.ics"
    assert main(["ics", "--db", str(db_path), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("Wrote 11 events to r.ics: 4 thank-you notes, 2 follow-ups")
    assert printed.err == ""
    cal = vobject.readOne(out.read_text(encoding="utf-8"))
    assert {e.uid.value for e in cal.vevent_list} == {r.uid for r in open_reminders(demo_store).items}


def test_ics_tasks_rounds_and_alarm_time(demo_store, db_path, tmp_path, capsys):
    out = tmp_path / "t.ics"
    assert main(["ics", "--db", str(db_path), "--out", str(out), "--tasks", "--rounds",
                 "--alarm-time", "07:45"]) == 0
    assert "Wrote 19 tasks" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VTODO") == 19 and "BEGIN:VEVENT" not in text
    assert "TRIGGER;RELATED=END:PT7H45M" in text


def test_ics_errors_are_one_line(demo_store, db_path, tmp_path, capsys):
    assert main(["ics", "--db", str(db_path), "--out", str(tmp_path / "no" / "r.ics")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("afterword: error: cannot write") and err.count("\n") == 1
    assert main(["ics", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "r.ics")]) == 1
    assert "no database at" in capsys.readouterr().err


def test_ics_warns_about_unreadable_records(demo_store, db_path, tmp_path, capsys):
    demo_store.db.execute("UPDATE cadences SET rrule = 'nonsense' WHERE rrule LIKE '%WEEKLY;INTERVAL=3'")
    assert main(["ics", "--db", str(db_path), "--out", str(tmp_path / "r.ics")]) == 0
    printed = capsys.readouterr()
    assert printed.err.startswith("afterword: warning: cadence ") and "Priya Raman" in printed.err
    assert printed.out.startswith("Wrote 10 events")


def test_ics_is_in_help_and_readme():
    from pathlib import Path

    assert "ics" in build_parser().format_help()
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "afterword ics --db PATH --out F.ics [--tasks]" in readme
