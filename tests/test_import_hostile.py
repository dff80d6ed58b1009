"""A corpus of hostile interchange files: each is refused in one line that names
the problem, the database stays byte for byte what it was, and no command ever
answers "unexpected error"."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.core.demo import fill_demo
from afterword.core.store import Store
from conftest import DEMO_TODAY


def doc(**sections) -> dict:
    base = {"format": "afterword", "version": 1,
            "companies": [{"uid": "co1", "name": "Acme"}],
            "contacts": [{"uid": "p1", "name": "Dana", "company_uid": "co1"}]}
    base.update(sections)
    return base


def contact(**fields) -> dict:
    return doc(contacts=[{"uid": "p1", "name": "Dana", **fields}])


def cadence(rule: str, **fields) -> dict:
    return doc(cadences=[{"uid": "k1", "contact_uid": "p1", "rrule": rule, "start": "2026-01-05",
                          **fields}])


def text(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


CORPUS: dict[str, tuple[bytes, str]] = {
    # name: (file bytes, words the one-line error must hold)
    "not json": (b"{this is not json", "not JSON"),
    "empty file": (b"", "not JSON"),
    "binary": (b"\x80\x81\xfe\x00garbage", "not UTF-8"),
    "utf-16": (json.dumps(doc()).encode("utf-16"), "UTF-16"),
    "utf-16 without mark": (json.dumps(doc()).encode("utf-16-le"), "UTF-16"),
    "a list": (b"[1, 2, 3]", "expected a JSON object"),
    "deep nesting": (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    "deep nesting in a record": (
        text(doc(interviews=[{"uid": "i1", "questions": [[[[[[[[["x"]]]]]]]]]}])).replace(
            b'[[[[[[[[["x"]]]]]]]]]', b"[" * 50_000 + b"]" * 50_000), "nested too deeply"),
    "version 1.0": (text({**doc(), "version": 1.0}), "version 1.0"),
    "version true": (text({**doc(), "version": True}), "version True"),
    "version 2": (text({**doc(), "version": 2}), "version 2"),
    "wrong format": (text({**doc(), "format": "\x1b]0;pwned\x07"}), "format"),
    "section not a list": (text(doc(contacts={"uid": "p1"})), "expected a list"),
    "record not an object": (text(doc(contacts=["Dana"])), "contacts[0]"),
    "uid a number": (text(doc(contacts=[{"uid": 7, "name": "Dana"}])), "field 'uid'"),
    "uid with a newline": (text(doc(contacts=[{"uid": "p1\nafterword: forged", "name": "D"}])),
                           "field 'uid'"),
    "name a number": (text(contact(name=5)), "expected text"),
    "name a list": (text(contact(name=["Dana"])), "expected text"),
    "name NaN": (b'{"format": "afterword", "version": 1, "contacts": [{"uid": "p", "name": NaN}]}',
                 "NaN"),
    "round Infinity": (text(doc()).replace(b'"contacts"', b'"x": Infinity, "contacts"'), "Infinity"),
    "round 1e400": (text(doc(opportunities=[{"uid": "o1", "company_uid": "co1", "title": "T",
                                             "stage": "applied"}],
                             interviews=[{"uid": "i1", "opportunity_uid": "o1", "round": 1,
                                          "start": "2026-11-24T10:00:00-08:00",
                                          "timezone": "UTC"}])).replace(b'"round": 1', b'"round": 1e400'),
                    "field 'round'"),
    "huge name": (text(contact(name="N" * 10_000_000)), "at most 200 characters"),
    "huge notes": (text(contact(notes="x" * 1_000_000)), "at most 10,000 characters"),
    "huge photo": (text(contact(card_photo={"mime_type": "image/png", "data": "A" * 15_000_000})),
                   "at most 10 MB"),
    "escape in a name": (text(contact(name="Dana\x1b]0;owned\x07\x1b[2J")), "control characters"),
    "carriage return in a title": (text(contact(title="CTO\rOVERDUE")), "control characters"),
    "bidi override in a name": (text(contact(name="Dana \u202egnp.exe")), "control characters"),
    "lone surrogate": (b'{"format": "afterword", "version": 1, "contacts": '
                       b'[{"uid": "p1", "name": "Da\\ud800na"}]}', "lone surrogate"),
    "too many participants": (text(doc(opportunities=[{"uid": "o1", "company_uid": "co1",
                                                       "title": "T", "stage": "applied"}],
                                       interviews=[{"uid": "i1", "opportunity_uid": "o1",
                                                    "round": 1, "timezone": "UTC",
                                                    "start": "2026-11-24T10:00:00-08:00",
                                                    "participant_uids": ["p1"] * 500}])),
                              "at most 200 entries"),
    "overflowing interval": (text(cadence("FREQ=YEARLY;INTERVAL=99999999999")), "INTERVAL"),
    "huge count": (text(cadence("FREQ=DAILY;COUNT=999999999999")), "COUNT"),
    "negative interval": (text(cadence("FREQ=WEEKLY;INTERVAL=-3")), "INTERVAL"),
    "bad byday": (text(cadence("FREQ=WEEKLY;BYDAY=XX")), "BYDAY"),
    "bysetpos out of range": (text(cadence("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=9999")), "bysetpos"),
    "rule never due": (text(cadence("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")), "never comes due"),
    "huge rule": (text(cadence("FREQ=DAILY;BYHOUR=" + ",".join(["1"] * 5000))), "at most 500"),
    "max_days a string": (text(cadence("FREQ=WEEKLY", max_days="7")), "whole number"),
    "max_days huge": (text(cadence("FREQ=WEEKLY", max_days=10**30)), "max_days"),
    "date year 1": (text(cadence("FREQ=WEEKLY", start="0001-01-01")), "outside the years"),
    "date nonsense": (text(cadence("FREQ=WEEKLY", start="2026-02-30")), "not a real date"),
    "time zone nonsense": (text(doc(opportunities=[{"uid": "o1", "company_uid": "co1", "title": "T",
                                                    "stage": "applied"}],
                                    interviews=[{"uid": "i1", "opportunity_uid": "o1", "round": 1,
                                                 "start": "2026-11-24T10:00:00-08:00",
                                                 "timezone": "../../etc/passwd"}])), "time zone"),
    "dangling reference": (text(doc(touches=[{"uid": "t1", "contact_uid": "nobody", "kind": "call",
                                              "at": "2026-11-24T10:00:00-08:00"}])), "nobody"),
    "photo not base64": (text(contact(card_photo={"mime_type": "image/png", "data": "%%%"})),
                         "not base64"),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "a.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    store.close()
    return path


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_hostile_file_is_refused_in_one_line_and_the_database_is_unchanged(
        name, filled, tmp_path, capsys):
    data, expected = CORPUS[name]
    source = tmp_path / "hostile.json"
    source.write_bytes(data)
    before = digest(filled)
    assert main(["import", str(source), "--db", str(filled)]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    line = out.err
    assert line.startswith("afterword: error: ") and line.count("\n") == 1, line[:300]
    assert "unexpected" not in line
    assert expected in line, line[:300]
    assert len(line) < 400
    assert all(ch >= " " or ch == "\n" for ch in line), "a control character reached the terminal"
    assert "\u202e" not in line
    assert digest(filled) == before
    assert not filled.with_name(filled.name + "-wal").exists()


def test_the_same_limits_let_a_file_at_the_limits_in(tmp_path, capsys):
    from afterword.core.validation import MAX_NAME, MAX_TEXT

    source = tmp_path / "ok.json"
    notes = "line\r\nnext\tcolumn " + "x" * (MAX_TEXT - 20)
    source.write_bytes(text(contact(name="N" * MAX_NAME, notes=notes)))
    assert main(["import", str(source), "--db", str(tmp_path / "ok.db")]) == 0, capsys.readouterr().err
