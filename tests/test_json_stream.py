"""The incremental JSON reader gives what json.loads gives, whatever the size of the
pieces it reads, and says where a broken file breaks as json.loads does."""

from __future__ import annotations

import io
import json
import random

import pytest

from afterword.core.json_stream import JSONStreamError, ObjectReader


def _read(raw: bytes, chunk: int) -> dict:
    out = {}
    for key, value in ObjectReader(io.BytesIO(raw), chunk).members():
        out[key] = list(value) if not isinstance(value, (dict, str, int, float, bool, type(None))) \
            else value
    return out


def _document(rng: random.Random) -> dict:
    def scalar():
        return rng.choice([None, True, False, rng.randint(-10**12, 10**12), rng.random() * 1e6,
                           "".join(rng.choice("aé\"\\\n€📇 {}[],:x") for _ in range(rng.randint(0, 12)))])

    def record():
        return {f"k{i}": scalar() if rng.random() < 0.8 else [scalar(), {"n": scalar()}]
                for i in range(rng.randint(0, 5))}

    doc = {"format": "afterword", "version": rng.randint(1, 100)}
    for name in ("contacts", "touches", "empty"):
        doc[name] = [record() for _ in range(rng.randint(0, 20))]
    doc["trailing"] = 1234567
    return doc


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 16])
def test_any_document_reads_as_json_loads_reads_it(seed, chunk):
    doc = _document(random.Random(seed))
    for indent in (None, 2):
        raw = json.dumps(doc, ensure_ascii=seed % 2 == 0, indent=indent).encode()
        assert _read(raw, chunk) == json.loads(raw)


def test_items_left_unread_are_skipped():
    raw = json.dumps({"a": [1, [2, 3], {"x": [4]}], "b": "next"}).encode()
    seen = [(key, value if isinstance(value, str) else None)
            for key, value in ObjectReader(io.BytesIO(raw), 3).members()]
    assert seen == [("a", None), ("b", "next")]


@pytest.mark.parametrize("raw", [
    b'{"a": [1, 2,, 3]}',
    b'{\n  "a": [\n    {"x": 1}\n    {"y": 2}\n  ]\n}',
    b'{"a": 1 "b": 2}',
    b'{"a": [1, 2}',
    b'{"a": "unterminated',
    b'{"a": 1}\n{"b": 2}',
    b'{"a": tru}',
    b'{not json',
    b'',
])
@pytest.mark.parametrize("chunk", [1, 5, 1 << 16])
def test_a_broken_file_is_placed_as_json_loads_places_it(raw, chunk):
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(raw)
    with pytest.raises(JSONStreamError) as caught:
        _read(raw, chunk)
    where = f"at line {expected.value.lineno} column {expected.value.colno}"
    assert str(caught.value) == f"not JSON: {expected.value.msg} {where}"


def test_bytes_that_are_not_utf8_are_named_by_position():
    raw = '{"name": "Zoë", "x": "'.encode() + b"\xff" + b'"}'
    with pytest.raises(JSONStreamError, match=r"not UTF-8 text: invalid start byte at byte 23"):
        _read(raw, 4)
