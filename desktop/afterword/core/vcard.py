"""vCard files at the level of their lines: a strict reader for versions 2.1, 3.0
and 4.0, and a writer for 3.0 and 4.0.

Why not a library: the reader must refuse what it cannot read exactly (a malformed
QUOTED-PRINTABLE sequence, bytes invalid in a property's declared CHARSET, a card
without END:VCARD) where the well-known parsers guess or pass it through; it reads
Outlook's files, whose properties each carry their own charset, byte by byte; it keeps
each property's original bytes so a card can be written back with unknown properties
untouched; and it reads 5,000 cards with photos in well under a second. vobject and
khard read what this module writes, in the tests.

The API, for every reader of cards (import, sync, card capture):

- ``read_cards(stream)`` yields one ``Card`` at a time from a binary stream (a file of
  one or many cards, with or without a BOM, CRLF or LF), so memory holds one card.
  Raises ``CardError`` naming the card (index, and name when known) and the property.
- A ``Card`` is its ``version`` and ordered ``properties``; ``card.first("FN")``,
  ``card.all("TEL")`` and ``card.grouped(prop, "X-ABLABEL")`` look things up.
- A ``Property`` has ``group`` (Apple's ``item1.``), upper-case ``name``, ``params``
  (upper-case names, values as written), and its decoded value through ``text()``,
  ``parts()`` (structured values such as N, ADR, ORG) or ``binary()`` (PHOTO);
  ``raw`` is the property exactly as read, folded lines and all.
- ``write_card(props, version)`` writes a card from ``NewProperty`` values
  (escaping, folding at 75 octets, CRLF); ``raw_line`` passes an existing
  property's bytes through untouched. See core/vcard_contacts.py for contacts.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from afterword.core.errors import ContactsFileError

VERSIONS = ("2.1", "3.0", "4.0")
MAX_CARD_BYTES = 20 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"

_NAME = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$")
_BAD_QP = re.compile(rb"=(?![0-9A-Fa-f]{2})")
_DATA_URI = re.compile(r"^data:([^;,]*)((?:;[^;,]*)*),", re.IGNORECASE)


class CardError(ContactsFileError):
    """A card that cannot be read exactly. `where` names the card, `field` the property."""


@dataclass(slots=True)
class Property:
    group: str | None
    name: str
    params: tuple[tuple[str, tuple[str, ...]], ...]
    value: bytes  # the raw value after unfolding, still escaped / encoded
    raw: bytes  # the whole property as read, folds included, without the final line end
    version: str
    where: str
    # TYPE values in lower case, 2.1's bare parameters (TEL;CELL) included
    types: frozenset[str] = frozenset()
    quoted_printable: bool = False

    # -- parameters ------------------------------------------------------------

    def param(self, name: str) -> tuple[str, ...]:
        for key, values in self.params:
            if key == name:
                return values
        return ()

    # -- values ----------------------------------------------------------------

    def _bytes(self) -> bytes:
        if self.quoted_printable:
            if _BAD_QP.search(self.value):
                raise CardError(self.where, self.name, "malformed QUOTED-PRINTABLE sequence")
            return binascii.a2b_qp(self.value)
        return self.value

    def _decode(self, data: bytes) -> str:
        charset = (self.param("CHARSET") or ("utf-8",))[0].strip() or "utf-8"
        try:
            codec = codecs.lookup(charset)
        except LookupError:
            raise CardError(self.where, self.name, f"unknown CHARSET {charset!r}") from None
        try:
            text = data.decode(codec.name)
        except UnicodeDecodeError as exc:
            raise CardError(self.where, self.name,
                            f"bytes invalid in {charset} at byte {exc.start}") from None
        return text

    def check(self) -> None:
        """Raise CardError unless the value decodes exactly (QUOTED-PRINTABLE, CHARSET)."""
        if self.quoted_printable or not self.value.isascii():
            self._decode(self._bytes())

    def text(self) -> str:
        """The value as text, unescaped (a list value's commas kept), in NFC with
        line ends as \\n."""
        return _tidy(_unescape(self._decode(self._bytes()), self.version))

    def parts(self) -> list[str]:
        """A structured value (N, ADR, ORG): its ;-separated parts, each unescaped."""
        text = self._decode(self._bytes())
        return [_tidy(_unescape(p, self.version)) for p in _split_unescaped(text, ";")]

    def binary(self) -> tuple[bytes, str | None]:
        """An inline binary value (PHOTO): its bytes and media type (None if not said).
        Reads ENCODING=b/BASE64 and data: URIs; a URL to fetch is refused."""
        text = self._decode(self.value).strip()
        media = _media_type(self.param("TYPE") or self.param("MEDIATYPE"))
        encoding = (self.param("ENCODING") or ("",))[0].lower()
        if encoding in ("b", "base64") or "base64" in self.types:
            return _base64(text, self), media
        match = _DATA_URI.match(text)
        if match:
            media = match.group(1).lower() or media
            payload = text[match.end():]
            if ";base64" not in match.group(2).lower():
                raise CardError(self.where, self.name, "a data: URI that is not base64")
            return _base64(payload, self), media
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):
            raise CardError(self.where, self.name,
                            "the photo is a link, not the picture itself; nothing is downloaded")
        raise CardError(self.where, self.name, "not an inline picture (no ENCODING=b or data: URI)")


def _param_facts(params: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[frozenset[str], bool]:
    """The TYPE values (and 2.1's bare parameters) in lower case, and whether the
    value is QUOTED-PRINTABLE."""
    found: set[str] = set()
    for key, values in params:
        if key == "TYPE":
            for item in values:
                found.update(v.strip().lower() for v in item.split(","))
        elif not values:
            found.add(key.lower())
    encoding = next((v[0].upper() for k, v in params if k == "ENCODING" and v), "")
    qp = encoding == "QUOTED-PRINTABLE" or "quoted-printable" in found
    return frozenset(found), qp


def _media_type(values: Sequence[str]) -> str | None:
    for value in values:
        for item in value.split(","):
            item = item.strip().lower()
            if "/" in item:
                return item
            if item in ("jpeg", "jpg", "png", "gif", "webp", "bmp", "tiff", "heic"):
                return "image/jpeg" if item == "jpg" else f"image/{item}"
    return None


def _base64(text: str, prop: Property) -> bytes:
    compact = "".join(text.split())
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise CardError(prop.where, prop.name, "the picture is not valid base64") from None


@dataclass
class Card:
    version: str
    properties: list[Property]
    index: int  # 1-based position in its file
    where: str = ""

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        for p in self.properties:
            if p.name == name:
                return p
        return None

    def grouped(self, prop: Property, name: str) -> Property | None:
        """The property `name` in the same group as `prop` (Apple's X-ABLabel)."""
        if prop.group is None:
            return None
        for p in self.properties:
            if p.group == prop.group and p.name == name:
                return p
        return None


# -- reading ---------------------------------------------------------------------

# Each line pattern starts with the line end before the line: a search then skips
# through a photo's base64 looking only at line ends, instead of trying every byte.
# The reader keeps a "\n" before the first line of the file so that line is seen too.
_END = re.compile(rb"\n[ \t]*END[ \t]*:[ \t]*VCARD[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_BEGIN = re.compile(rb"\n[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)
_VERSION = re.compile(rb"^VERSION[ \t]*:[ \t]*([0-9.]+)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_CHUNK = 1 << 20


def read_cards(stream: BinaryIO) -> Iterator[Card]:
    """Every card in a binary stream, one at a time. Strict: see CardError.

    Reads in large blocks and finds each END:VCARD with one search, so a photo's
    hundreds of folded lines cost nothing per line."""
    buffer = stream.read(_CHUNK)
    if buffer.startswith(_BOM):
        buffer = buffer[3:]
    buffer = b"\n" + buffer  # the first line is found like any other (see _END)
    index, pos, eof = 0, 0, False
    while True:
        match = _END.search(buffer, pos)
        while match is None and not eof:
            if len(buffer) - pos > MAX_CARD_BYTES:
                raise CardError(f"card {index + 1}", None,
                                f"larger than {MAX_CARD_BYTES // (1024 * 1024)} MB or without END:VCARD")
            more = stream.read(_CHUNK)
            eof = not more
            buffer, pos = buffer[pos:] + more, 0
            # END:VCARD may straddle two blocks: look again a little before the new one
            match = _END.search(buffer, max(0, len(buffer) - len(more) - 64))
        rest = buffer[pos:]
        if match is None:
            if rest.strip():
                index += 1
                if _BEGIN.search(rest):
                    raise CardError(f"card {index}", None, "the file ends before END:VCARD")
                raise CardError(f"card {index}", None, f"expected BEGIN:VCARD, found {_shown(rest)}")
            return
        index += 1
        yield _card_between(buffer[pos:match.start()], index)
        pos = match.end()


def _card_between(chunk: bytes, index: int) -> Card:
    """The card in `chunk`: BEGIN:VCARD first (after blank lines), no second BEGIN."""
    begin = _BEGIN.search(chunk)
    if begin is None or chunk[:begin.start()].strip():
        found = chunk[:begin.start()] if begin else chunk
        raise CardError(f"card {index}", None, f"expected BEGIN:VCARD, found {_shown(found)}")
    body = chunk[begin.end():]
    if _BEGIN.search(body):
        raise CardError(f"card {index}", None, "a new card begins before END:VCARD")
    if len(body) > MAX_CARD_BYTES:
        raise CardError(f"card {index}", None, f"larger than {MAX_CARD_BYTES // (1024 * 1024)} MB")
    return parse_card(body, index)


def _shown(line: bytes) -> str:
    return repr(line.strip()[:40].decode("ascii", "replace"))


def parse_card(body: bytes, index: int) -> Card:
    """One card from the bytes between BEGIN:VCARD and END:VCARD."""
    body = body.replace(b"\r\n", b"\n")
    if b"\r" in body:
        body = body.replace(b"\r", b"\n")
    version = _version(body)
    where = f"card {index}"
    physical = body.split(b"\n")
    logical = _unfold(physical, version)
    properties = [_property(raw, value_line, version, where) for raw, value_line in logical]
    card = Card(version=version, properties=properties, index=index)
    card.where = _where(card)
    if card.where != where:
        for prop in properties:
            prop.where = card.where
    for prop in properties:  # strict: every property decodes, used or not
        prop.check()
    return card


def _version(body: bytes) -> str:
    match = _VERSION.search(body)
    if not match:
        return "3.0"  # some scanner apps leave it out; 3.0 is the common reading
    version = match.group(1).decode("ascii")
    return version if version in VERSIONS else "3.0"


_FOLDED = (b" ", b"\t")


def _unfold(lines: list[bytes], version: str) -> list[tuple[bytes, bytes]]:
    """(raw, logical) pairs: continuation lines joined; 2.1's QUOTED-PRINTABLE soft
    line breaks (a line ending in '=') joined too."""
    if version != "2.1":
        return _unfold_folded(lines)
    # 2.1 keeps a continuation line's leading space (it is part of the value).
    out: list[tuple[list[bytes], bytearray]] = []
    soft = False
    for line in lines:
        if soft and out:
            raw, logical = out[-1]
            raw.append(line)
            logical[-1:] = line  # drop the '=' of the soft break
            soft = logical.endswith(b"=") and _is_qp(logical)
            continue
        if line[:1] in _FOLDED and out:
            raw, logical = out[-1]
            raw.append(line)
            logical += line
            continue
        if not line.strip():
            continue
        out.append(([line], bytearray(line)))
        soft = line.endswith(b"=") and _is_qp(line)
    return [(b"\r\n".join(raw), bytes(logical)) for raw, logical in out]


def _unfold_folded(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    """3.0 and 4.0: a line beginning with a space or tab continues the one before,
    without that first character (a photo's hundreds of lines cost little each)."""
    props: list[list[bytes]] = []
    current: list[bytes] | None = None
    for line in lines:
        if line[:1] in _FOLDED and current is not None:
            current.append(line)
        elif line.strip():
            current = [line]
            props.append(current)
    return [(b"\r\n".join(p), p[0] + b"".join([line[1:] for line in p[1:]])) if len(p) > 1
            else (p[0], p[0]) for p in props]


def _is_qp(line: bytes | bytearray) -> bool:
    head = line.split(b":", 1)[0]
    return b"QUOTED-PRINTABLE" in head.upper()


# A property's name and parameters ("item1.EMAIL;type=INTERNET", "TEL;type=CELL")
# repeat from card to card: each is read once and looked up after that. Only short
# heads are kept, and the table is emptied when it grows past _HEADS_KEPT, so memory
# stays small whatever the file holds.
_Head = tuple[str | None, str, tuple[tuple[str, tuple[str, ...]], ...], frozenset[str], bool]
_HEADS: dict[bytes, _Head] = {}
_HEADS_KEPT, _HEAD_KEPT_BYTES = 1000, 200


def _property(raw: bytes, line: bytes, version: str, where: str) -> Property:
    head, value = _split_head(line, where)
    known = _HEADS.get(head)
    if known is None:
        known = _read_head(head, where)
        if len(head) <= _HEAD_KEPT_BYTES:
            if len(_HEADS) >= _HEADS_KEPT:
                _HEADS.clear()
            _HEADS[head] = known
    group, name, params, types, qp = known
    return Property(group, name, params, value, raw, version, where, types, qp)


def _read_head(head: bytes, where: str) -> _Head:
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise CardError(where, None, f"a property name that is not plain text: {_shown(head)}") from None
    pieces = _split_unquoted(text, ";")
    match = _NAME.match(pieces[0].strip())
    if not match:
        raise CardError(where, None, f"not a property name: {pieces[0][:40]!r}")
    params = tuple(_param(p) for p in pieces[1:] if p.strip())
    return (match.group(1), match.group(2).upper(), params, *_param_facts(params))


def _split_head(line: bytes, where: str) -> tuple[bytes, bytes]:
    colon = line.find(b":")
    if colon < 0:
        raise CardError(where, None, f"a line without ':' {_shown(line)}")
    quote = line.find(b'"')
    if 0 <= quote < colon:  # a quoted parameter value may hold ':'
        inside = False
        for i, ch in enumerate(line):
            if ch == 0x22:
                inside = not inside
            elif ch == 0x3A and not inside:
                return line[:i], line[i + 1:]
        raise CardError(where, None, f"an unclosed quote in {_shown(line)}")
    return line[:colon], line[colon + 1:]


def _param(text: str) -> tuple[str, tuple[str, ...]]:
    key, eq, value = text.partition("=")
    key = key.strip().upper()
    if not eq:
        return key, ()
    values = []
    for item in _split_unquoted(value, ","):
        item = item.strip()
        if len(item) >= 2 and item[0] == item[-1] == '"':
            item = item[1:-1]
        values.append(item)
    if key == "TYPE":
        return key, (",".join(values),)
    return key, tuple(values)


def _split_unquoted(text: str, sep: str) -> list[str]:
    """Split on `sep` outside double quotes (the quotes are kept)."""
    if '"' not in text:
        return text.split(sep)
    parts, current, inside = [], [], False
    for ch in text:
        if ch == '"':
            inside = not inside
        if ch == sep and not inside:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _split_unescaped(text: str, sep: str) -> list[str]:
    """Split on `sep` not preceded by a backslash escape."""
    if "\\" not in text:
        return text.split(sep)
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\"}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(text: str, version: str) -> str:
    if "\\" not in text:
        return text
    if version == "2.1":  # 2.1 escapes only ';' (and writers sometimes '\\' and ',')
        return text.replace("\\;", ";").replace("\\,", ",")
    # Each backslash and the character after it, left to right (a lone one at the end stays).
    return _ESCAPE.sub(_unescaped, text)


def _unescaped(match: re.Match[str]) -> str:
    return _ESCAPES.get(match.group(1), match.group(1))


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _where(card: Card) -> str:
    """'card 3 (Jane Doe)' when the card's name can be read, else 'card 3'."""
    prop = card.first("FN") or card.first("N")
    if prop is None:
        return f"card {card.index}"
    try:
        name = prop.text() if prop.name == "FN" else " ".join(
            p for p in reversed(prop.parts()[:2]) if p)
    except CardError:
        return f"card {card.index}"
    name = " ".join(name.split())[:60]
    return f"card {card.index} ({name})" if name else f"card {card.index}"


# -- writing ---------------------------------------------------------------------

@dataclass(frozen=True)
class NewProperty:
    """A property to write: `value` is text (escaped on writing) or a list of parts
    for a structured value; `params` are written as given."""

    name: str
    value: str | Sequence[str]
    params: Sequence[tuple[str, str]] = field(default_factory=tuple)
    group: str | None = None
    escaped: bool = False  # True: value is already in its written form (a data: URI, base64)

    def line(self) -> str:
        head = f"{self.group}.{self.name}" if self.group else self.name
        for key, value in self.params:
            head += f";{key}={_param_value(value)}"
        if isinstance(self.value, str):
            value = self.value if self.escaped else escape_text(self.value)
        else:
            value = ";".join(escape_text(part) for part in self.value)
        return f"{head}:{value}"


def _param_value(value: str) -> str:
    if any(ch in value for ch in ':;,"') or value != value.strip():
        return '"' + value.replace('"', "'") + '"'
    return value


def escape_text(text: str) -> str:
    """A text value as RFC 6350 writes it: backslash, comma, semicolon, newline."""
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """One content line folded at 75 octets (never inside a UTF-8 character), CRLF-ended."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    pieces, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # step back to the start of a character
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with a space
    return "\r\n ".join(pieces) + "\r\n"


def raw_line(prop: Property) -> str:
    """An existing property written back exactly as it was read."""
    return prop.raw.decode("utf-8", "surrogateescape") + "\r\n"


def write_card(props: Iterable[NewProperty | Property], version: str = "4.0") -> str:
    """A whole card, BEGIN to END; existing Property objects pass through untouched."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version {version} is not written (3.0 or 4.0)")
    out = ["BEGIN:VCARD\r\n", f"VERSION:{version}\r\n"]
    for prop in props:
        if isinstance(prop, Property):
            if prop.name != "VERSION":
                out.append(raw_line(prop))
        else:
            out.append(fold(prop.line()))
    out.append("END:VCARD\r\n")
    return "".join(out)
