"""Text from the database or an input file, made safe to print on a terminal.

A stored name could hold an escape sequence that retitles or clears the terminal,
a carriage return that overwrites what was printed, a newline that forges a second
output line, or a bidirectional override that shows text in another order. Every
line the command line prints from such text goes through `printable()`.
"""

from __future__ import annotations

import re

# C0 controls (tab included: it moves columns), DEL, C1 controls; line and paragraph
# separators; bidirectional embeddings, overrides and isolates; the BOM/zero-width
# no-break space (invisible).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\x1b"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: object) -> str:
    """`text` with every control character shown escaped (ESC as \\x1b, a newline
    as \\n, a bidi override as \\u202e): one line that prints as it reads. A lone
    surrogate (not valid Unicode) is shown escaped too."""
    shown = _UNSAFE.sub(_escape, str(text))
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


# What JSON text may still hold raw after json.dumps(ensure_ascii=False), which
# escapes C0 controls inside strings itself (any left are the layout's line breaks).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def printable_json(text: str) -> str:
    """JSON text from json.dumps(..., ensure_ascii=False) with the characters
    `printable()` escapes written as \\uXXXX escapes: the same JSON value, still
    readable (accents, other scripts), safe on a terminal."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_control_characters(text: str, *, lines: bool = False) -> bool:
    """True when `text` holds a character `printable()` would escape (with
    `lines`, line breaks and tabs are allowed, as in a note)."""
    found = _UNSAFE.findall(text)
    if lines:
        found = [ch for ch in found if ch not in "\n\r\t"]
    return bool(found)
