"""The command line as scripts and users call it."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from afterword.cli import build_parser, main
from tests.conftest import DEMO_TODAY

README = Path(__file__).parent.parent / "README.md"
COMMANDS_WITHOUT_DATABASE = {"card"}  # reads a photo, stores nothing


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "afterword", *args], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--today", DEMO_TODAY.isoformat()]) == 0
    return path


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return list(action.choices)


def test_every_command_is_documented_in_the_readme():
    text = README.read_text()
    for name in subcommands():
        assert re.search(rf"^\s+afterword {name}\b", text, re.M), f"README lacks 'afterword {name}'"


def test_help_lists_every_command_and_each_has_its_own_help():
    out = run("--help")
    assert out.returncode == 0
    for name in subcommands():
        assert name in out.stdout
        sub = run(name, "--help")
        assert sub.returncode == 0, name
        assert "--db" in sub.stdout or name in COMMANDS_WITHOUT_DATABASE, name


def test_version():
    from afterword import __version__

    out = run("--version")
    assert out.stdout.strip() == f"afterword {__version__}"


def test_due_json_has_the_contract_fields(demo_db, capsys):
    assert main(["due", "--db", str(demo_db), "--on", DEMO_TODAY.isoformat(), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {i["kind"] for i in items} == {"thank_you_note", "follow_up", "feedback_call", "touch"}
    for item in items:
        assert {"uid", "kind", "due", "overdue", "title", "contact_uid", "source_uid"} <= set(item)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["due"])
        assert item["due"] <= DEMO_TODAY.isoformat()
    overdue = [i["overdue"] for i in items]
    assert overdue == sorted(overdue, reverse=True)  # overdue first


def test_due_on_an_earlier_date_lists_less(demo_db, capsys):
    main(["due", "--db", str(demo_db), "--on", DEMO_TODAY.isoformat(), "--json"])
    today = json.loads(capsys.readouterr().out)
    main(["due", "--db", str(demo_db), "--on", "2026-11-18", "--json"])
    earlier = json.loads(capsys.readouterr().out)
    assert 0 < len(earlier) < len(today)


def test_due_text_marks_overdue(demo_db, capsys):
    main(["due", "--db", str(demo_db), "--on", DEMO_TODAY.isoformat()])
    out = capsys.readouterr().out
    assert "OVERDUE" in out and "Post thank-you note to Tom Becker" in out


def test_export_import_round_trip_is_byte_identical(demo_db, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["export", "--db", str(demo_db), "--out", str(first)]) == 0
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert main(["import", str(first), "--db", str(tmp_path / "copy.db")]) == 0
    assert main(["export", "--db", str(tmp_path / "copy.db"), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_backup_writes_a_private_copy(demo_db, tmp_path, capsys):
    out = tmp_path / "backup.db"
    assert main(["backup", "--db", str(demo_db), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert main(["due", "--db", str(out), "--on", DEMO_TODAY.isoformat()]) == 0
    assert "Tom Becker" in capsys.readouterr().out


def test_default_database_is_in_the_data_folder(private_data_dir, capsys):
    assert main(["demo"]) == 0
    assert (private_data_dir / "afterword.db").exists()
    assert main(["due", "--json", "--on", DEMO_TODAY.isoformat()]) == 0


def test_demo_refuses_a_database_with_records(demo_db, capsys):
    assert main(["demo", "--db", str(demo_db)]) == 1
    assert "already has records" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--db", "{tmp}/missing.db"], "no database at"),
        (["export", "--db", "{demo}", "--out", "{tmp}/no/such/dir/x.json"], "cannot write"),
        (["import", "{tmp}/missing.json", "--db", "{tmp}/x.db"], "cannot read"),
        (["import", "{bad_json}", "--db", "{demo}"], "not JSON"),
        (["due", "--db", "{not_db}"], "not an Afterword database"),
        (["backup", "--db", "{demo}", "--out", "{demo}"], "another file"),
    ],
)
def test_errors_are_one_line_without_traceback(demo_db, tmp_path, args, message):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{oops")
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    values = {"tmp": tmp_path, "demo": demo_db, "bad_json": bad_json, "not_db": not_db}
    out = run(*[a.format(**values) for a in args])
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert message in lines[0]
    assert "Traceback" not in out.stderr


def test_bad_date_argument_is_a_usage_error():
    out = run("due", "--on", "tomorrow")
    assert out.returncode == 2
    assert "not a date like 2026-11-24" in out.stderr


def test_smoke_opens_the_window_and_exits(tmp_path):
    out = run("--db", str(tmp_path / "s.db"), "--smoke")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "s.db").exists()


def test_a_folder_given_as_the_database_is_named_as_a_folder(tmp_path, capsys):
    assert main(["due", "--db", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing made inside it


WINDOW_STARTS = [[], ["--smoke"], ["--db", "a.db"], ["--db=a.db"], ["--smoke", "--db", "my file.db"],
                 ["--db", "a.db", "--smoke"], ["--db=", "--smoke"], ["--db", "due"]]
OTHER_COMMAND_LINES = [["--db", "a", "--db", "b"], ["--db=a", "--db", "b"], ["--smoke", "--smoke"],
                       ["--db"], ["--db", "-x"], ["--sm"], ["--d", "x"], ["due"], ["-h"], ["--version"],
                       ["--db", "x", "due"], ["--"], [""], ["--smoke", "extra"]]


@pytest.mark.parametrize("argv", WINDOW_STARTS)
def test_a_window_start_is_read_as_the_full_parser_reads_it(argv):
    from afterword.cli import window_arguments

    quick = window_arguments(argv)
    assert quick is not None
    assert vars(quick) == {"db": None, **vars(build_parser().parse_args(argv))}


@pytest.mark.parametrize("argv", OTHER_COMMAND_LINES)
def test_any_other_command_line_goes_to_the_full_parser(argv):
    from afterword.cli import window_arguments

    assert window_arguments(argv) is None
