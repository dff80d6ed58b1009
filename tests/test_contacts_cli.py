"""`afterword contacts import|export` as a user runs them: one line per file, all or
nothing per run, bad input named in one line with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.core.domain import Contact
from afterword.core.store import Store

DATA = Path(__file__).parent / "data" / "contacts"
GOOD = DATA / "google-contacts.vcf"


@pytest.fixture(autouse=True)
def region(monkeypatch):
    monkeypatch.setenv("AFTERWORD_PHONE_REGION", "US")


def people(db: Path) -> int:
    store = Store.open(db)
    try:
        return store.count(Contact)
    finally:
        store.close()


def test_import_prints_one_line_per_file_and_twice_adds_nobody(tmp_path, capsys):
    db = tmp_path / "a.db"
    files = [str(DATA / "apple-contacts.vcf"), str(DATA / "linkedin-Connections.csv")]
    assert main(["contacts", "import", *files, "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "apple-contacts.vcf: added 2, merged 0, skipped 0",
        "linkedin-Connections.csv: added 3, merged 0, skipped 0",
    ]
    assert main(["contacts", "import", *files, "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "apple-contacts.vcf: added 0, merged 0, skipped 2 (2 already up to date)",
        "linkedin-Connections.csv: added 0, merged 0, skipped 3 (3 already up to date)",
    ]
    assert people(db) == 5


def test_dry_run_writes_nothing(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["contacts", "import", str(GOOD), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "google-contacts.vcf: added 1, merged 0, skipped 0" in out and "nothing was written" in out
    assert not db.exists()  # not even an empty database is created
    main(["contacts", "import", str(GOOD), "--db", str(db)])
    capsys.readouterr()
    assert main(["contacts", "import", str(GOOD), "--db", str(db), "--dry-run"]) == 0
    assert "added 0, merged 0, skipped 1" in capsys.readouterr().out


def test_export_writes_vcard_4_by_default_and_never_the_database(tmp_path, capsys):
    db = tmp_path / "a.db"
    main(["contacts", "import", str(GOOD), "--db", str(db)])
    out = tmp_path / "out.vcf"
    assert main(["contacts", "export", "--out", str(out), "--db", str(db)]) == 0
    assert "VERSION:4.0" in out.read_text() and "wrote 1 contacts" in capsys.readouterr().out
    assert main(["contacts", "export", "--out", str(out), "--db", str(db), "--vcard-version", "3.0"]) == 0
    assert "VERSION:3.0" in out.read_text()
    capsys.readouterr()
    link = tmp_path / "link.vcf"
    link.symlink_to(db)
    before = db.read_bytes()
    wal = tmp_path / "wal.csv"
    wal.symlink_to(f"{db}-wal")
    for target in (link, wal):
        assert main(["contacts", "export", "--out", str(target), "--db", str(db)]) == 1
        assert "nothing was written" in capsys.readouterr().err
    assert main(["contacts", "export", "--out", str(tmp_path / "x.txt"), "--db", str(db)]) == 1
    assert "must end in .vcf or .csv" in capsys.readouterr().err
    assert db.read_bytes() == before


BROKEN_QP = (b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ok Person\r\nEND:VCARD\r\n"
             b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Hans M\r\n"
             b"N;ENCODING=QUOTED-PRINTABLE:M=ZZller;Hans\r\nEND:VCARD\r\n")
NO_END = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\n"
BAD_UTF8 = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nNOTE:caf\xe9\r\nEND:VCARD\r\n"
BAD_CHARSET = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8:M\xfcller\r\nEND:VCARD\r\n"
NOT_IMAGE = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n"
             b"PHOTO;ENCODING=b;TYPE=JPEG:SGVsbG8sIHdvcmxkIQ==\r\nEND:VCARD\r\n")
UNKNOWN_COLUMN = b"name,email,shoe_size\r\nAnn Lee,ann@x.example,38\r\n"
NOT_CONTACTS = b"date,amount\r\n2024-01-01,12.50\r\n"
BAD_UTF8_CSV = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAnn,L\xe9e,,,,,\r\n"
OPEN_QUOTE_CSV = b'name,email\r\nAnn Lee,ann@x.example\r\n"Raj Patel,raj@x.example\r\n'
TEXT_AFTER_QUOTE_CSV = b'name,email\r\n"Ann" Lee,ann@x.example\r\n'
HUGE_CELL_CSV = b'name,notes\r\nAnn Lee,"' + b"n" * 200_000 + b'"\r\n'
LONG_NAME = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + b"A" * 300 + b"\r\nEND:VCARD\r\n"


@pytest.mark.parametrize("content,message", [
    (BROKEN_QP, "bad.vcf: card 2 (Hans M): field 'N': malformed QUOTED-PRINTABLE sequence"),
    (NO_END, "bad.vcf: card 1: the file ends before END:VCARD"),
    (BAD_UTF8, "bad.vcf: card 1 (Ann Lee): field 'NOTE': bytes invalid in utf-8 at byte 3"),
    (BAD_CHARSET, "bad.vcf: card 1: field 'FN': bytes invalid in UTF-8 at byte 1"),
    (NOT_IMAGE, "bad.vcf: card 1 (Ann Lee): field 'PHOTO': not a picture (it says image/jpeg)"),
    (UNKNOWN_COLUMN, "bad.vcf: header: field 'shoe_size': not a column of an Afterword CSV"),
    (NOT_CONTACTS, "bad.vcf: header: not a contacts CSV this version reads"),
    (BAD_UTF8_CSV, "bad.vcf: row 1: field 'Last Name': bytes invalid in UTF-8"),
    (LONG_NAME, "bad.vcf: card 1"),
    (OPEN_QUOTE_CSV, "bad.vcf: line 3: not valid CSV (unexpected end of data)"),
    (TEXT_AFTER_QUOTE_CSV, "bad.vcf: line 2: not valid CSV"),
    (HUGE_CELL_CSV, "bad.vcf: line 2: not valid CSV (field larger than field limit"),
])
def test_bad_input_is_one_line_naming_file_card_and_field_and_nothing_is_written(
        tmp_path, capsys, content, message):
    db = tmp_path / "a.db"
    bad = tmp_path / "bad.vcf"
    bad.write_bytes(content)
    # a good file first: the run is all or nothing, so it is not written either
    code = main(["contacts", "import", str(GOOD), str(bad), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("afterword: error: ")
    assert message in err
    assert people(db) == 0


def test_a_50_mb_file_is_refused_before_reading(tmp_path, capsys):
    big = tmp_path / "huge.vcf"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    db = tmp_path / "a.db"
    assert main(["contacts", "import", str(GOOD), str(big), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "huge.vcf: 50 MB is larger than the 40 MB a contacts file may have" in err
    assert people(db) == 0


def test_a_missing_file_is_named_and_no_database_is_created(tmp_path, capsys):
    assert main(["contacts", "import", str(tmp_path / "nope.vcf"), "--db", str(tmp_path / "a.db")]) == 1
    assert "nope.vcf" in capsys.readouterr().err
    assert not (tmp_path / "a.db").exists()


def test_an_interchange_file_is_pointed_at_the_right_command(tmp_path, capsys):
    doc = tmp_path / "all.vcf"
    doc.write_text('{"format": "afterword", "version": 1}')
    assert main(["contacts", "import", str(doc), "--db", str(tmp_path / "a.db")]) == 1
    assert "afterword import" in capsys.readouterr().err


def test_fixtures_are_not_changed_by_reading(tmp_path):
    copy = tmp_path / "apple.vcf"
    shutil.copy(DATA / "apple-contacts.vcf", copy)
    main(["contacts", "import", str(copy), "--db", str(tmp_path / "a.db")])
    assert copy.read_bytes() == (DATA / "apple-contacts.vcf").read_bytes()


def test_a_long_import_shows_a_progress_line_on_a_terminal_only(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    many = tmp_path / "many.vcf"
    many.write_text("".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEND:VCARD\r\n"
                            for i in range(600)))
    env = dict(os.environ, AFTERWORD_PHONE_REGION="US")
    command = [sys.executable, "-m", "afterword", "contacts", "import", str(many)]
    leader, follower = pty.openpty()
    with subprocess.Popen([*command, "--db", str(tmp_path / "a.db")], stdout=subprocess.PIPE,
                          stderr=follower, env=env) as proc:
        os.close(follower)
        out = proc.stdout.read().decode()
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    os.close(leader)
    assert "many.vcf: added 600" in out
    assert b"\rreading many.vcf: 500 contacts" in seen
    piped = subprocess.run([*command, "--db", str(tmp_path / "b.db")], capture_output=True, env=env)
    assert piped.stderr == b"" and b"added 600" in piped.stdout


# -- what reaches the terminal ------------------------------------------------------

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:{email}\r\nEND:VCARD\r\n"


def _no_control_characters(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\r\u202e"), repr(text)


def test_printed_lines_show_control_characters_escaped(tmp_path, capsys):
    """A crafted file name, or stored names, cannot move the cursor, clear the screen
    or forge a line: every line the command prints shows them escaped."""
    crafted = tmp_path / "a\x1b[2Jb\r.vcf"
    crafted.write_text(CARD.format(name="Ann Lee", email="ann@example.com"))
    db = tmp_path / "a.db"
    for dry_run in (["--dry-run"], []):
        assert main(["contacts", "import", str(crafted), "--db", str(db), *dry_run]) == 0
        out = capsys.readouterr().out
        _no_control_characters(out)
        assert out.splitlines()[0] == "a\\x1b[2Jb\\r.vcf: added 1, merged 0, skipped 0"

    # A card sharing one stored person's email and another's phone: the skip reason
    # names both, as they are stored (an older file may hold control characters).
    store = Store.open(db)
    for uid, name, email, phone in (("eve", "Eve\x1b]0;pwned\x07\nskipped 0 (forged", "eve@example.com",
                                     None), ("twin", "Eve\r\u202eTwin", None, "+1 415 555 0100")):
        store.db.execute("INSERT INTO contacts (uid, name, email, phone_cell) VALUES (?, ?, ?, ?)",
                         [uid, name, email, phone])
    store.db.conn.commit()
    store.close()
    both = tmp_path / "eve.vcf"
    both.write_text(CARD.format(name="Eve", email="eve@example.com").replace(
        "END:VCARD", "TEL;TYPE=CELL:+1 415 555 0100\r\nEND:VCARD"))
    assert main(["contacts", "import", str(both), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    _no_control_characters(out)
    assert len(out.splitlines()) == 1 and out.startswith("eve.vcf: added 0, merged 0, skipped 1 (")

    out_file = tmp_path / "out\x1b[1A\r.vcf"
    assert main(["contacts", "export", "--out", str(out_file), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    _no_control_characters(out)
    assert "out\\x1b[1A\\r.vcf" in out


def test_a_card_name_with_control_characters_is_named_escaped(tmp_path, capsys):
    crafted = tmp_path / "evil.vcf"
    crafted.write_text(CARD.format(name="Ann\x1b]0;pwned\x07 Lee", email="ann@example.com"))
    assert main(["contacts", "import", str(crafted), "--db", str(tmp_path / "a.db")]) == 1
    captured = capsys.readouterr()
    _no_control_characters(captured.out + captured.err)
    assert captured.err.count("\n") == 1 and "Ann\\x1b]0;pwned\\x07 Lee" in captured.err


def test_the_progress_line_shows_a_crafted_file_name_escaped(capsys):
    from afterword.cli_contacts import _Progress

    progress = _Progress()
    progress.shown = True  # as on a terminal
    progress("a\x1b[2Jb\r.vcf", 250)
    progress.done()
    err = capsys.readouterr().err
    assert err.startswith("\rreading a\\x1b[2Jb\\r.vcf: 250 contacts")
    assert err.count("\x1b") == 1 and err.endswith("\r\x1b[K")  # only its own clear-line
