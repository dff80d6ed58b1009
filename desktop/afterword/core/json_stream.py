"""Reading a large JSON object a member at a time, and its arrays an item at a
time, so that a 100,000-person interchange file never sits in memory whole.

Each item is decoded by the standard library's C decoder (json.JSONDecoder's
raw_decode) from a window of the file that slides forward; only the top-level
object and its arrays are walked here. Errors read as json.loads's would:
a message with the line and column, or the byte at which UTF-8 decoding failed.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

CHUNK = 1 << 16
# An item (one record) larger than this is refused rather than read into memory.
MAX_ITEM_CHARS = 64 << 20
_WHITESPACE = " \t\n\r"
# A token cut by the window's end shows as an error this close to it (a "\uXXXX"
# escape, "true", a number's exponent).
_LONGEST_TOKEN = 8


class JSONStreamError(ValueError):
    """The text is not UTF-8, or not JSON."""


class NotAnObject(JSONStreamError):
    """The text is JSON, but not an object."""


class TooDeep(JSONStreamError):
    """Arrays or objects nested deeper than the decoder goes."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


class Items:
    """The items of an array, decoded one at a time as they are iterated."""

    def __init__(self, reader: ObjectReader):
        self._reader = reader
        self.done = False

    def __iter__(self) -> Iterator[Any]:
        reader = self._reader
        if reader._next_char() == "]":
            reader._pos += 1
            self.done = True
            return
        while True:
            yield reader._value()
            separator = reader._next_char()
            reader._pos += 1
            if separator == "]":
                self.done = True
                return
            if separator != ",":
                reader._fail("Expecting ',' delimiter", reader._pos - 1)


class ObjectReader:
    """The members of the JSON object in a binary stream: `members()` yields
    (key, value) where an array value is an `Items` to iterate (before asking for
    the next member; what is not iterated is skipped)."""

    def __init__(self, stream: BinaryIO, chunk: int = CHUNK):
        self._stream, self._chunk = stream, chunk
        # A leading byte-order mark is allowed (and dropped), as Windows editors write one.
        self._decode = codecs.getincrementaldecoder("utf-8-sig")("strict").decode
        # NaN and Infinity are not JSON, though Python's decoder takes them.
        self._decoder = json.JSONDecoder(parse_constant=_no_constant)
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._bytes_read = 0
        self._lines_before = 0  # newlines in text already dropped from the window
        self._column_base = 0  # characters after the last dropped newline

    def members(self) -> Iterator[tuple[str, Any]]:
        if self._next_char() != "{":
            self._value()  # not JSON at all, or JSON of another shape
            raise NotAnObject("not a JSON object")
        self._pos += 1
        if self._next_char() == "}":
            self._pos += 1
            self._end()
            return
        while True:
            if self._next_char() != '"':
                self._fail("Expecting property name enclosed in double quotes", self._pos)
            key = self._value()
            if self._next_char() != ":":
                self._fail("Expecting ':' delimiter", self._pos)
            self._pos += 1
            if self._next_char() == "[":
                self._pos += 1
                items = Items(self)
                yield key, items
                if not items.done:
                    for _ in items:
                        pass
            else:
                yield key, self._value()
            separator = self._next_char()
            self._pos += 1
            if separator == "}":
                self._end()
                return
            if separator != ",":
                self._fail("Expecting ',' delimiter", self._pos - 1)

    # -- the sliding window ------------------------------------------------------------

    def _value(self) -> Any:
        """One JSON value at the current position."""
        self._next_char()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except RecursionError:
                raise TooDeep("nested too deeply") from None
            except json.JSONDecodeError as exc:
                # Cut off by the end of the window (more text may complete it), or wrong.
                cut = exc.pos >= len(self._buf) - _LONGEST_TOKEN or exc.msg.startswith("Unterminated")
                if self._eof or not cut:
                    self._fail(exc.msg, exc.pos)
                self._grow(exc.msg, exc.pos)
                continue
            except ValueError as exc:  # NaN or Infinity
                raise JSONStreamError(f"not JSON: {exc}") from None
            if end == len(self._buf) and not self._eof:
                self._grow("Unterminated value", self._pos)  # a number may go on
                continue
            self._pos = end
            return value

    def _next_char(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buf) or self._eof:
                return self._buf[self._pos] if self._pos < len(self._buf) else ""
            self._read()

    def _grow(self, msg: str, pos: int) -> None:
        if len(self._buf) - self._pos > MAX_ITEM_CHARS:
            self._fail(f"{msg} (an item over {MAX_ITEM_CHARS >> 20} MB)", pos)
        self._read()

    def _read(self) -> None:
        """Drop what has been read, then add the next chunk of the stream."""
        if self._pos:
            dropped = self._buf[:self._pos]
            newlines = dropped.count("\n")
            if newlines:
                self._lines_before += newlines
                self._column_base = len(dropped) - dropped.rindex("\n") - 1
            else:
                self._column_base += len(dropped)
            self._buf = self._buf[self._pos:]
            self._pos = 0
        data = self._stream.read(self._chunk)
        try:
            self._buf += self._decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise JSONStreamError(
                f"not UTF-8 text: {exc.reason} at byte {self._bytes_read + exc.start}") from None
        self._bytes_read += len(data)
        self._eof = not data

    def _end(self) -> None:
        if self._next_char():
            self._fail("Extra data", self._pos)

    def _fail(self, msg: str, pos: int) -> None:
        before = self._buf[:pos]
        newlines = before.count("\n")
        line = self._lines_before + newlines + 1
        column = (pos - before.rindex("\n") if newlines else self._column_base + pos + 1)
        raise JSONStreamError(f"not JSON: {msg} at line {line} column {column}")
