"""`afterword card read`: real cards through the real OCR engine, offline, and bad input.

A handful of the corpus cards (tests/data/cards, made by bench/cards/generate.py); the
whole corpus is measured by `make bench`.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.core.cardread import CardReadError, read_card

CARDS = Path(__file__).parent / "data" / "cards"
TRUTH = json.loads((CARDS / "truth.json").read_text(encoding="utf-8"))
FIELDS = ("name", "title", "company", "phone_direct", "phone_cell", "email", "linkedin",
          "mailing_address")


def afterword(*args: str, env: dict | None = None, prefix: list[str] | None = None):
    return subprocess.run([*(prefix or []), sys.executable, "-m", "afterword", *args],
                          capture_output=True, text=True, timeout=120, env=env or dict(os.environ))


def fields_right(name: str, got: dict) -> list[str]:
    """The fields that differ from the truth (case aside)."""
    want = TRUTH[name]
    wrong = []
    for field in FIELDS:
        a, b = got[field], want[field]
        if (a or "").casefold() != (b or "").casefold():
            wrong.append(f"{field}: {a!r} != {b!r}")
    return wrong


# A photo at an angle on a dark table; a quarter turn; upside down; a scan with a band.
@pytest.mark.parametrize("name", ["card-02.jpg", "card-05.jpg", "card-10.jpg", "card-04.jpg"])
def test_corpus_cards_are_read_field_by_field(name):
    reading = read_card(CARDS / name, region="US")
    assert fields_right(name, reading.fields.as_json()) == []
    assert reading.turn == TRUTH[name]["_shot"]["turn"]  # the turn that stands the card upright


def test_every_field_is_shown_and_traced_to_the_lines_it_came_from():
    reading = read_card(CARDS / "card-02.jpg", region="GB")
    texts = {field: [reading.lines[i].text for i in lines] for field, lines in reading.sources.items()}
    assert texts["name"] == ["Oliver Bennett"]
    assert texts["mailing_address"] == ["14 Gresham Street", "London EC2V 7NQ", "United Kingdom"]
    width, height = reading.size
    for line in reading.lines:  # every box lies on the photo the user sees
        assert all(-5 <= x <= width + 5 and -5 <= y <= height + 5 for x, y in line.quad)


def _offline_env(tmp_path: Path) -> dict:
    """Python that refuses every network connection and notes each attempt."""
    guard = tmp_path / "guard"
    guard.mkdir()
    attempts = tmp_path / "attempts.txt"
    (guard / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import socket
        def _refuse(*args, **kwargs):
            with open({str(attempts)!r}, "a") as f:
                f.write(repr(args[:2]) + "\\n")
            raise OSError("network is off in this test")
        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.create_connection = _refuse
        socket.getaddrinfo = _refuse
    """))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]))
    return env


def _no_network_prefix() -> list[str]:
    """`unshare -rn` (a network namespace with no interfaces) where the system allows it."""
    tool = shutil.which("unshare")
    if tool and subprocess.run([tool, "-rn", "true"], capture_output=True).returncode == 0:
        return [tool, "-rn"]
    return []


def test_card_read_works_with_the_network_off(tmp_path):
    env = _offline_env(tmp_path)
    done = afterword("card", "read", str(CARDS / "card-21.jpg"), "--json", "--region", "US",
                     env=env, prefix=_no_network_prefix())
    assert done.returncode == 0, done.stderr
    assert fields_right("card-21.jpg", json.loads(done.stdout)) == []
    assert not (tmp_path / "attempts.txt").exists(), (tmp_path / "attempts.txt").read_text()
    assert done.stderr == ""


def test_card_read_prints_each_field_for_a_person(capsys):
    assert main(["card", "read", str(CARDS / "card-02.jpg"), "--region", "GB"]) == 0
    out = capsys.readouterr().out
    assert "Name             Oliver Bennett" in out
    assert "Mailing address  14 Gresham Street\n                 London EC2V 7NQ\n" in out
    assert "Cell             +44 7911 123456" in out


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be `width` x `height`: refused before any pixel is decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) \
        + chunk(b"IEND", b"")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _blank(path: Path, colour=(250, 250, 246), card=True) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 900), (70, 60, 50) if card else colour)
    if card:  # a blank white card on a dark table
        ImageDraw.Draw(image).rectangle([250, 250, 950, 650], fill=colour)
    image.save(path)
    return path


@pytest.mark.parametrize("make, says", [
    (lambda p: _write(p, b"not a picture"), "is not an image"),
    (lambda p: _write(p, _png_header(12_000, 9_000)), "108 megapixels"),
    (lambda p: _blank(p), "no text found"),
    (lambda p: _blank(p, card=False), "no text found"),
    (lambda p: p.parent, "is a folder"),
    (lambda p: p.with_name("missing.jpg"), "no such file"),
])
def test_bad_input_gets_one_line_and_a_non_zero_exit(tmp_path, capsys, make, says):
    path = make(tmp_path / "card.png")
    assert main(["card", "read", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("afterword: error: ") and says in err


def test_a_huge_image_is_refused_before_it_is_decoded(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(_png_header(12_000, 9_000))
    with pytest.raises(CardReadError, match="at most 60 megapixels"):
        read_card(path)


def test_card_without_an_action_says_what_to_do(capsys):
    assert main(["card"]) == 1
    assert "afterword card read IMAGE" in capsys.readouterr().err
