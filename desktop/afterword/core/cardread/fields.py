"""From the lines read on a card to its fields: what each line says (phone, email, web,
address), then who (name, title, company) from the words and the layout — the name is
the largest line that reads like a name, the title sits next to it, the company is the
line with a legal form or the email's domain, or the logo. Nothing is dropped: lines no
field took go to `other_lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from afterword.core.cardread import address as addr
from afterword.core.cardread.engine import TextLine
from afterword.core.cardread.phones import LABEL_BEFORE, Kind, find_phones, region_of_card
from afterword.core.cardread.words import (
    HONORIFICS,
    NAME_PARTICLES,
    has_firm_word,
    has_legal_suffix,
    has_title_word,
    letters,
    tidy_case,
)

FIELD_NAMES = ("name", "title", "company", "phone_direct", "phone_cell", "email", "linkedin",
               "mailing_address")

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
LINKEDIN = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|company|pub)/[\w%-]+/?",
                      re.IGNORECASE)
WEB = re.compile(r"(?<![@\w.])(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]{2,}(?:\.[a-z0-9-]+)*"
                 r"\.(?:com|org|net|io|dev|co|ai|app|biz|info|tech|[a-z]{2})(?:/[\w./%-]*)?(?![\w@])",
                 re.IGNORECASE)
_SEPARATORS = " \t|·•,;:/-–—"
_TWO_LEVEL = ("co.uk", "org.uk", "ac.uk", "com.au", "co.in", "co.jp", "com.br", "co.nz", "co.za")


@dataclass
class CardFields:
    """What a card says, in the order of `afterword card read --json`."""

    name: str | None = None
    title: str | None = None
    company: str | None = None
    phone_direct: str | None = None
    phone_cell: str | None = None
    email: str | None = None
    linkedin: str | None = None
    mailing_address: str | None = None
    other_lines: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {**{name: getattr(self, name) for name in FIELD_NAMES},
                "other_lines": list(self.other_lines)}


@dataclass
class Extraction:
    """The fields, the lines in reading order, and for each field the indexes of the
    lines it came from."""

    fields: CardFields
    lines: list[TextLine]
    sources: dict[str, list[int]]


class _Card:
    """Lines in reading order and what has been taken from each."""

    def __init__(self, lines: list[TextLine]):
        self.lines = lines
        self.used: dict[int, list[tuple[int, int]]] = {}  # line → spans taken
        self.sources: dict[str, list[int]] = {}
        self.body = median([line.height for line in lines]) if lines else 1.0

    def take(self, field_name: str, index: int, span: tuple[int, int] | None = None) -> None:
        text = self.lines[index].text
        self.used.setdefault(index, []).append(span or (0, len(text)))
        self.sources.setdefault(field_name, [])
        if index not in self.sources[field_name]:
            self.sources[field_name].append(index)

    def free(self, index: int) -> bool:
        return index not in self.used

    def leftover(self, index: int) -> str:
        text = self.lines[index].text
        keep = [True] * len(text)
        for start, end in self.used.get(index, []):
            for i in range(start, min(end, len(text))):
                keep[i] = False
        rest = "".join(c if k else " " for c, k in zip(text, keep, strict=True))
        return " ".join(rest.split()).strip(_SEPARATORS)


def extract_fields(lines: list[TextLine], region: str = "US") -> Extraction:
    """The card's fields from the lines read on it. `region` is the user's country, for
    numbers printed without a country code when the card itself does not say."""
    card = _Card(reading_order(lines))
    fields = CardFields()
    fields.email, domains = _emails_and_webs(card, fields)
    _phones(card, fields, region, domains)
    fields.mailing_address = _address(card)
    fields.name = _name(card, fields.email)
    fields.company = _company(card, domains)
    fields.title = _title(card)
    fields.other_lines = _other_lines(card)
    return Extraction(fields, card.lines, card.sources)


def reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Top to bottom; pieces of one row (left and right columns) left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda line: line.mid_y):
        row = rows[-1] if rows else None
        if row and abs(line.mid_y - row[0].mid_y) < 0.5 * min(line.height, row[0].height):
            row.append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.box[0])]


# -- contact details ---------------------------------------------------------------

def _emails_and_webs(card: _Card, fields: CardFields) -> tuple[str | None, list[str]]:
    email = linkedin = web = None
    domains: list[str] = []
    for i, line in enumerate(card.lines):
        text = _join_broken_address(line.text)
        for match in EMAIL.finditer(text):
            found = match.group(0).strip(".")
            domains.append(found.rsplit("@", 1)[1].lower())
            if email is None:
                email = found
                card.take("email", i, _span_in(line.text, match.group(0)))
        for match in LINKEDIN.finditer(text):
            if linkedin is None:
                linkedin = match.group(0).rstrip("/")
                card.take("linkedin", i, _span_in(line.text, match.group(0)))
        if i in card.used and "email" in card.sources and i in card.sources["email"]:
            continue
        for match in WEB.finditer(text):
            found = match.group(0)
            if "linkedin.com" in found.lower() or "@" in text[max(0, match.start() - 1):match.start()]:
                continue
            if not (found.lower().startswith(("www.", "http")) or "/" in found
                    or _is_domain_like(found)):
                continue
            domains.append(re.sub(r"^(https?://)?(www\.)?", "", found.lower()).split("/")[0])
            if web is None:
                web = (i, found, _span_in(line.text, found))
    if linkedin is None and web is not None:
        index, found, span = web
        linkedin = found
        card.take("linkedin", index, span)
    fields.linkedin = linkedin
    return email, domains


def _join_broken_address(text: str) -> str:
    """OCR sometimes puts spaces around '@' and dots in an address."""
    return re.sub(r"\s*([@.])\s*(?=[\w-])", r"\1", text) if "@" in text or "www" in text.lower() else text


def _span_in(text: str, found: str) -> tuple[int, int]:
    start = text.find(found)
    if start < 0:  # found in the repaired text: take the whole line
        return 0, len(text)
    return start, start + len(found)


def _is_domain_like(text: str) -> bool:
    parts = text.lower().split(".")
    return len(parts) >= 2 and len(parts[-1]) >= 2 and parts[-1].isalpha() and len(parts[0]) >= 3 \
        and not text[0].isupper()


def _phones(card: _Card, fields: CardFields, region: str, domains: list[str]) -> None:
    texts = [line.text for line in card.lines]
    if any(addr.is_us_address(t) for t in texts):
        region = region_of_card([t for t in texts if "+" in t], domains, "US")
    else:
        region = region_of_card(texts, domains, region)
    unlabelled: list[tuple[int, tuple[int, int], object]] = []
    for i, line in enumerate(card.lines):
        if not card.free(i) and "email" in card.sources and i in card.sources["email"]:
            continue
        for phone, start, end in find_phones(line.text, region):
            if phone.kind is Kind.FAX:
                continue
            slot = "phone_cell" if phone.kind is Kind.CELL else "phone_direct"
            if not phone.labelled:
                unlabelled.append((i, (start, end), phone))
                continue
            if getattr(fields, slot) is None:
                setattr(fields, slot, phone.number)
                card.take(slot, i, (_label_start(line.text, start), end))
    for i, span, phone in unlabelled:  # unlabelled numbers fill what labels left empty
        slot = "phone_cell" if phone.kind is Kind.CELL else "phone_direct"
        if getattr(fields, slot) is None and phone.number not in (fields.phone_direct, fields.phone_cell):
            setattr(fields, slot, phone.number)
            card.take(slot, i, span)


def _label_start(text: str, start: int) -> int:
    match = LABEL_BEFORE.search(text[:start])
    return match.start() if match else start


# -- postal address ------------------------------------------------------------------

def _address(card: _Card) -> str | None:
    lines = card.lines
    anchors = [i for i, line in enumerate(lines) if card.free(i) and addr.is_city_line(line.text)]
    by_country = False
    if not anchors:  # no postcode: a country line with the town and street above it
        anchors = [i for i, line in enumerate(lines) if card.free(i) and addr.is_country_line(line.text)]
        by_country = True
    if not anchors:
        return None
    anchor = anchors[0]
    block = [anchor]
    i = anchor - 1
    while i >= 0 and len(block) < 4:
        if not (card.free(i) and _near(lines[i], lines[block[0]], card.body)):
            break
        text = lines[i].text
        town = by_country and i == anchor - 1 and addr.is_town_line(text)
        if not (addr.is_street_line(text) or town) or has_title_word(text) and not re.search(r"\d", text):
            break
        block.insert(0, i)
        i -= 1
    if by_country and len(block) == 1:
        return None  # a country alone is no address
    i = anchor + 1
    while i < len(lines) and len(block) < 6:
        text = lines[i].text
        if not (card.free(i) and _near(lines[block[-1]], lines[i], card.body)):
            break
        if addr.is_country_line(text) or (addr.is_city_line(text) and i in anchors):
            block.append(i)
            i += 1
            continue
        break
    for index in block:
        card.take("mailing_address", index)
    return "\n".join(lines[index].text for index in block)


def _near(upper: TextLine, lower: TextLine, body: float) -> bool:
    """Two lines of one block: close one under the other, and sharing an edge or a middle."""
    gap = lower.box[1] - upper.box[3]
    if gap > 1.6 * max(body, upper.height, lower.height) or gap < -0.8 * body:
        return False
    tolerance = 2.5 * body
    return (abs(upper.box[0] - lower.box[0]) < tolerance or abs(upper.box[2] - lower.box[2]) < tolerance
            or abs((upper.box[0] + upper.box[2]) - (lower.box[0] + lower.box[2])) / 2 < tolerance)


# -- who: name, title, company --------------------------------------------------------

def _looks_like_name(text: str) -> bool:
    if re.search(r"[\d@/|:;]", text) or has_title_word(text) or has_legal_suffix(text):
        return False
    words = text.replace(",", " ").split()
    named = [w for w in words if w.lower().rstrip(".") not in HONORIFICS]
    if not 2 <= len(named) <= 5 or sum(c.isalpha() for c in text) < 4:
        return False
    plain = " ".join(named)
    if addr.is_city_line(plain) or addr.is_country_line(plain) or addr.is_street_line(plain):
        return False
    for word in named:
        if word.lower() in NAME_PARTICLES:
            continue
        core = word.strip("'’.-")
        if not core or not core[0].isupper() or not all(c.isalpha() or c in "'’.-" for c in word):
            return False
    return True


def _matches_email(text: str, email: str | None) -> bool:
    if not email:
        return False
    local = letters(email.split("@")[0])
    tokens = [letters(w) for w in text.split() if w.lower().rstrip(".") not in HONORIFICS]
    tokens = [t for t in tokens if t]
    if any(len(t) >= 3 and (t in local or _umlaut_free(t) in local) for t in tokens):
        return True
    initials = "".join(t[0] for t in tokens)
    return len(local) >= 2 and local == initials


def _umlaut_free(token: str) -> str:
    return token.replace("ue", "u").replace("oe", "o").replace("ae", "a")


def _name(card: _Card, email: str | None) -> str | None:
    best, best_score = None, 0.0
    for i, line in enumerate(card.lines):
        if not card.free(i) or not _looks_like_name(line.text):
            continue
        score = line.height / card.body
        if _matches_email(line.text, email):
            score += 2.0
        if line.text.isupper():
            score -= 0.5
        if has_firm_word(line.text):
            score -= 1.5
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    card.take("name", best)
    return _tidy_name(card.lines[best].text)


def _tidy_name(text: str) -> str:
    if text.isupper():
        return " ".join(w[:1] + w[1:].lower() for w in text.split())
    return " ".join(text.split())


def _domain_base(domain: str) -> str:
    domain = domain.lower()
    for suffix in _TWO_LEVEL:
        if domain.endswith("." + suffix):
            domain = domain[: -len(suffix) - 1]
            break
    else:
        domain = domain.rsplit(".", 1)[0]
    return letters(domain.rsplit(".", 1)[-1])


def _matches_domain(text: str, bases: list[str]) -> bool:
    squeezed = letters(text)
    first = letters(text.split()[0]) if text.split() else ""
    for base in bases:
        if len(base) < 3 or len(squeezed) < 3:
            continue
        if squeezed in base or base in squeezed or (len(first) >= 4 and base.startswith(first)):
            return True
    return False


def _company(card: _Card, domains: list[str]) -> str | None:
    bases = [_domain_base(d) for d in domains]
    best, best_score = None, 0.0
    for i, line in enumerate(card.lines):
        text = line.text
        if not card.free(i) or len(letters(text)) < 2 or sum(c.isdigit() for c in text) > 2:
            continue
        if _contact_like(text):
            continue
        score = 0.0
        if has_legal_suffix(text):
            score += 3
        if _matches_domain(text, bases):
            score += 3
        if has_firm_word(text):
            score += 1
        if has_title_word(text) and score < 3:
            continue
        big = line.height / card.body
        if score == 0 and (big < 1.25 or i > len(card.lines) // 2 + 1):
            continue  # a plain line is a logo only when it stands out, near the top
        score += min(big, 3) / 2 + (0.5 if text.isupper() else 0)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        card.take("company", best)
        return tidy_case(" ".join(card.lines[best].text.split()))
    return None


def _contact_like(text: str) -> bool:
    """An email or web address the fields did not take (a second one): not a name or firm."""
    return "@" in text or WEB.search(text) is not None


def _title(card: _Card) -> str | None:
    name_index = card.sources.get("name", [None])[0]
    candidates = []
    for i, line in enumerate(card.lines):
        text = line.text
        if not card.free(i) or sum(c.isdigit() for c in text) > 2 or _contact_like(text):
            continue
        if not has_title_word(text) or addr.is_city_line(text):
            continue
        distance = abs(i - name_index) if name_index is not None else i
        candidates.append((distance, i))
    if not candidates and name_index is not None and name_index + 1 < len(card.lines):
        # no title word: the line right under the name, if it is free and says no number
        i = name_index + 1
        text = card.lines[i].text
        plain = not re.search(r"\d", text) and not _contact_like(text)
        if card.free(i) and plain and _near(card.lines[name_index], card.lines[i], card.body):
            candidates.append((1, i))
    if not candidates:
        return None
    index = min(candidates)[1]
    card.take("title", index)
    return " ".join(card.lines[index].text.split())


def _other_lines(card: _Card) -> list[str]:
    out = []
    for i, line in enumerate(card.lines):
        rest = card.leftover(i) if not card.free(i) else " ".join(line.text.split())
        if rest and sum(c.isalnum() for c in rest) >= 2:
            out.append(rest)
    return out

