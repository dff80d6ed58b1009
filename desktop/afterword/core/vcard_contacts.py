"""vCards and Afterword's contacts: what a card means as an incoming contact, the
card Afterword writes for a person, and a card from elsewhere written back with
only Afterword's fields changed.

- ``incoming_from_card(card)`` → ``merge.IncomingContact`` (strict: a value too
  long, a photo that is not a picture, raise ``CardError``).
- ``card_for(contact, company, photo, version)`` → the text of one card (4.0 or 3.0)
  with UID, photo, company, title, phones, email, address, links, notes, and the
  role in the process (``X-AFTERWORD-ROLE``) and how they helped
  (``X-AFTERWORD-HELPED``), so a second import restores the same person.
- ``rewrite_card(card, contact, company, photo)`` → the text of `card` (as fetched
  from a server) with Afterword's fields brought up to date: each known property is
  replaced where it stands (keeping its group and parameters), removed when the field
  was emptied, or added; the card's UID and every other property (X-…, grouped
  labels, other apps' fields, extra numbers and emails) is kept byte for byte.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from afterword import __version__
from afterword.core.contact_limits import limited
from afterword.core.domain import CardPhoto, Contact, Role
from afterword.core.images import MAX_PHOTO_BYTES, image_mime
from afterword.core.merge import IncomingContact, IncomingPhone, PhoneKind, _extra_lines
from afterword.core.vcard import Card, CardError, NewProperty, Property, write_card

ROLE_PROP = "X-AFTERWORD-ROLE"
HELPED_PROP = "X-AFTERWORD-HELPED"
PRODID = f"-//Afterword//Afterword {__version__}//EN"

_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_ROLE_WORDS = {r.value.replace("_", " "): r for r in Role} | {r.value: r for r in Role}


# -- reading -------------------------------------------------------------------------

def incoming_from_card(card: Card) -> IncomingContact:
    """The contact a card describes, strictly checked (CardError names the property)."""
    where = card.where
    c = IncomingContact(name="", where=where)
    fn = card.first("FN")
    name = fn.text() if fn else ""
    if not name.strip() and (n := card.first("N")):
        parts = n.parts() + [""] * 5
        name = " ".join(p for p in (parts[3], parts[1], parts[2], parts[0], parts[4]) if p.strip())
    org = card.first("ORG")
    company = org.parts()[0] if org else None
    if not name.strip():
        name = company or next((e.text() for e in card.all("EMAIL")), "")
    c.name = limited(name, "name", where, "FN") or ""
    c.company = limited(company, "company", where, "ORG")
    if title := card.first("TITLE"):
        c.title = limited(title.text(), "title", where, "TITLE")
    c.emails = _emails(card)
    c.phones = list(_phones(card))
    c.mailing_address, more_addresses = _addresses(card)
    c.extra_lines += more_addresses
    c.links = _links(card)
    if note := card.first("NOTE"):
        c.notes = limited(note.text(), "notes", where, "NOTE")
    c.role = _role(card, c)
    if helped := card.first(HELPED_PROP):
        c.helped = limited(helped.text(), "helped", where, HELPED_PROP)
    if uid := card.first("UID"):
        text = uid.text().strip()
        c.uid = text[9:] if text.lower().startswith("urn:uuid:") else (text or None)
    if photo := card.first("PHOTO"):
        c.photo = _photo(photo)
    return c


def _label(card: Card, prop: Property) -> str | None:
    label = card.grouped(prop, "X-ABLABEL")
    if label is None:
        return None
    text = label.text().strip()
    match = _APPLE_LABEL.match(text)
    return (match.group(1) if match else text) or None


def _emails(card: Card) -> list[str]:
    props = card.all("EMAIL")
    props.sort(key=lambda p: "pref" not in p.types and not p.param("PREF"))
    return [v for p in props if (v := limited(p.text(), "email", card.where, "EMAIL"))]


_PLAIN_TYPES = {"voice", "pref", "internet", "text", "msg", "x400"}
# Numbers that are somebody's but not their line at work: kept, but not as the direct phone.
_NOT_DIRECT = {"home", "pager", "other", "assistant", "car", "callback", "radio", "telex",
               "isdn", "textphone", "ttytdd", "company"}


def _phones(card: Card) -> Iterator[IncomingPhone]:
    for prop in card.all("TEL"):
        number = limited(prop.text(), "phone", card.where, "TEL")
        if not number:
            continue
        if number.lower().startswith("tel:"):
            number = number[4:]
        types = prop.types
        label = _label(card, prop)
        words = {*types, *(label.lower().split() if label else ())}
        kind: PhoneKind
        if "fax" in words:
            kind = "fax"
        elif words & {"cell", "mobile", "iphone"}:
            kind = "cell"
        elif words & _NOT_DIRECT:
            kind = "other"
        else:
            kind = "direct"
        if label is None:
            named = sorted(types - _PLAIN_TYPES - {"cell", "fax"})
            label = ", ".join(named) or None
        yield IncomingPhone(number=number, kind=kind, label=label)


def _address_text(prop: Property) -> str:
    parts = prop.parts() + [""] * 7
    pobox, extended, street, city, region, code, country = (p.strip() for p in parts[:7])
    town = " ".join(p for p in (f"{city}," if city and region else city, region, code) if p)
    return "\n".join(p for p in (pobox, extended, street, town, country) if p)


def _addresses(card: Card) -> tuple[str | None, list[str]]:
    """The mailing address (a work address first) as lines, and any others for notes.
    The address as the file laid it out (4.0's LABEL parameter, or 2.1/3.0's LABEL
    beside a single ADR) is taken as it is: it knows the country's order."""
    props = card.all("ADR")
    props.sort(key=lambda p: "work" not in p.types)
    labels = card.all("LABEL")
    texts = []
    for prop in props:
        text = prop.param("LABEL")[0] if prop.param("LABEL") else None
        if text is None and len(props) == 1 and len(labels) == 1:
            text = labels[0].text()
        text = _tidy_label(text) if text else _address_text(prop)
        texts.append(limited(text, "mailing_address", card.where, "ADR"))
    if not props and (label := card.first("LABEL")):
        texts = [limited(label.text(), "mailing_address", card.where, "LABEL")]
    texts = [t for t in texts if t]
    extra = [f"Address: {t.replace(chr(10), ', ')}" for t in texts[1:]]
    return (texts[0] if texts else None), extra


def _tidy_label(text: str) -> str:
    text = text.replace("\\n", "\n").replace("\r\n", "\n")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _links(card: Card) -> list[str]:
    links = []
    for prop in card.all("URL") + card.all("X-SOCIALPROFILE"):
        if prop.name == "X-SOCIALPROFILE" and "linkedin" not in prop.types:
            continue
        if value := limited(prop.text(), "link", card.where, prop.name):
            links.append(value)
    return links


def _role(card: Card, c: IncomingContact) -> Role | None:
    if prop := card.first(ROLE_PROP):
        text = prop.text().strip().lower()
        if text in _ROLE_WORDS:
            return _ROLE_WORDS[text]
    if prop := card.first("ROLE"):
        text = prop.text().strip()
        if text.lower() in _ROLE_WORDS:
            return _ROLE_WORDS[text.lower()]
        if text:
            c.extra_lines.append(f"Role on card: {limited(text, 'title', card.where, 'ROLE')}")
    return None


def _photo(prop: Property) -> CardPhoto:
    data, media = prop.binary()
    if len(data) > MAX_PHOTO_BYTES:
        raise CardError(prop.where, prop.name,
                        f"the picture is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    mime = image_mime(data)
    if mime is None:
        said = f" (it says {media})" if media else ""
        raise CardError(prop.where, prop.name, f"not a picture{said}")
    return CardPhoto(data=data, mime_type=mime)


# -- writing -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Slot:
    """A known property and how to find the one holding a field in an existing card."""

    name: str
    kind: str | None = None  # for TEL: "cell" / "direct"


def _split_name(name: str) -> tuple[str, str]:
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def _properties(contact: Contact, company: str | None, photo: CardPhoto | None,
                version: str) -> list[tuple[_Slot, NewProperty]]:
    v4 = version == "4.0"
    family, given = _split_name(contact.name)
    out: list[tuple[_Slot, NewProperty]] = [
        (_Slot("FN"), NewProperty("FN", contact.name)),
        (_Slot("N"), NewProperty("N", [family, given, "", "", ""])),
    ]

    def add(slot: _Slot, prop: NewProperty | None) -> None:
        if prop is not None:
            out.append((slot, prop))

    add(_Slot("ORG"), NewProperty("ORG", [company]) if company else None)
    add(_Slot("TITLE"), NewProperty("TITLE", contact.title) if contact.title else None)
    add(_Slot(ROLE_PROP), NewProperty(ROLE_PROP, contact.role.value) if contact.role else None)
    cell_type = "cell" if v4 else "CELL"
    work_type = "work,voice" if v4 else "WORK,VOICE"
    add(_Slot("TEL", "direct"),
        NewProperty("TEL", contact.phone_direct, [("TYPE", work_type)]) if contact.phone_direct else None)
    add(_Slot("TEL", "cell"),
        NewProperty("TEL", contact.phone_cell, [("TYPE", cell_type)]) if contact.phone_cell else None)
    email_params = [] if v4 else [("TYPE", "INTERNET")]
    add(_Slot("EMAIL"), NewProperty("EMAIL", contact.email, email_params) if contact.email else None)
    if contact.mailing_address:
        add(_Slot("ADR"), NewProperty("ADR", ["", "", contact.mailing_address, "", "", "", ""],
                                      [("TYPE", "work" if v4 else "WORK")]))
    add(_Slot("URL"), NewProperty("URL", contact.linkedin, escaped=True) if contact.linkedin else None)
    add(_Slot("NOTE"), NewProperty("NOTE", contact.notes) if contact.notes else None)
    add(_Slot(HELPED_PROP), NewProperty(HELPED_PROP, contact.helped) if contact.helped else None)
    if photo is not None:
        encoded = base64.b64encode(photo.data).decode("ascii")
        if v4:
            add(_Slot("PHOTO"), NewProperty("PHOTO", f"data:{photo.mime_type};base64,{encoded}",
                                            escaped=True))
        else:
            kind = photo.mime_type.partition("/")[2].upper() or "JPEG"
            add(_Slot("PHOTO"), NewProperty("PHOTO", encoded, [("ENCODING", "b"), ("TYPE", kind)],
                                            escaped=True))
    uid = f"urn:uuid:{contact.uid}" if v4 and _is_uuid(contact.uid) else contact.uid
    add(_Slot("UID"), NewProperty("UID", uid, escaped=True))
    return out


def _is_uuid(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", text))


def card_for(contact: Contact, company: str | None, photo: CardPhoto | None,
             version: str = "4.0") -> str:
    """The card Afterword writes for one person (CRLF lines, folded)."""
    props = [NewProperty("PRODID", PRODID, escaped=True)]
    props += [prop for _slot, prop in _properties(contact, company, photo, version)]
    return write_card(props, version)


def _slot_of(card: Card, prop: Property) -> _Slot | None:
    if prop.name == "TEL":
        types = prop.types
        if "fax" in types:
            return None
        if types & {"cell", "mobile", "iphone"}:
            return _Slot("TEL", "cell")
        if "work" in types or not (types - _PLAIN_TYPES):
            return _Slot("TEL", "direct")
        return None
    if prop.name in ("FN", "N", "ORG", "TITLE", "EMAIL", "ADR", "URL", "NOTE", "PHOTO", "UID",
                     ROLE_PROP, HELPED_PROP):
        return _Slot(prop.name)
    return None


def rewrite_card(card: Card, contact: Contact, company: str | None, photo: CardPhoto | None) -> str:
    """`card` with Afterword's fields brought up to date, everything else untouched.

    The first property in each known slot (FN, N, ORG, TITLE, the work and cell TEL,
    the first EMAIL, ADR and URL, NOTE, PHOTO, X-AFTERWORD-*) holds the field:
    unchanged, it is kept byte for byte; changed, it is rewritten in place with its
    group and parameters; emptied, it is removed. The card's UID is kept (given only
    to a card without one): it is the card's identity on the server and the phone,
    even when the card was merged into a person here with another uid, and a server
    refuses a card that changes it. Lines of the notes that only repeat an extra
    email or number already on the card are not written into NOTE again.
    A 2.1 card is written back as 3.0."""
    version = card.version if card.version in ("3.0", "4.0") else "3.0"
    wanted = dict(_properties(replace_notes(contact, card), company, photo, version))
    out: list[NewProperty | Property] = []
    done: set[_Slot] = set()  # slots written (or kept as the card has them)
    if card.first("UID") is not None:
        done.add(_Slot("UID"))
    if contact.name == _current_fn(card):
        done.add(_Slot("N"))  # keep the card's own structured name
    for prop in card.properties:
        slot = _slot_of(card, prop)
        if slot is None or slot in done:
            out.append(prop)
            continue
        done.add(slot)
        new = wanted.get(slot)
        if new is None:
            continue  # the field was emptied in Afterword
        if _same_value(prop, new):
            out.append(prop)
        else:
            out.append(_in_place(prop, new))
    out += [prop for slot, prop in wanted.items() if slot not in done]
    return write_card(out, version)


def _current_fn(card: Card) -> str | None:
    fn = card.first("FN")
    return fn.text() if fn else None


def _same_value(prop: Property, new: NewProperty) -> bool:
    if prop.name == "PHOTO":
        try:
            return prop.binary()[0] == _new_photo_bytes(new)
        except CardError:
            return False
    try:
        if isinstance(new.value, str):
            return prop.text() == new.value
        if prop.name == "ADR":
            return _address_text(prop) == new.value[2]
        return prop.parts()[:len(new.value)] == list(new.value)
    except CardError:
        return False


def _new_photo_bytes(new: NewProperty) -> bytes:
    text = str(new.value)
    return base64.b64decode(text.split(",", 1)[1] if text.startswith("data:") else text)


def _in_place(prop: Property, new: NewProperty) -> NewProperty:
    params = [(k, ",".join(v)) for k, v in prop.params if k not in ("ENCODING", "CHARSET", "VALUE")
              and not (k == "TYPE" and prop.name == "PHOTO")]
    params = [(k, v) for k, v in params if v] + [p for p in new.params if p[0] in ("ENCODING",)]
    if prop.name == "PHOTO":
        params += [p for p in new.params if p[0] == "TYPE"]
    return NewProperty(new.name, new.value, params, group=prop.group, escaped=new.escaped)


def replace_notes(contact: Contact, card: Card) -> Contact:
    """The contact with its notes minus lines that repeat an email or number the
    card already carries (they came from that card)."""
    if not contact.notes:
        return contact
    present = set()
    for prop in card.all("EMAIL") + card.all("TEL"):
        try:
            present.add(prop.text().strip().casefold())
        except CardError:
            continue
    drop = {value.casefold() for _label, value in _extra_lines(contact.notes)} & present
    if not drop:
        return contact
    kept = [line for line in contact.notes.split("\n")
            if not (": " in line and line.split(": ", 1)[1].strip().casefold() in drop
                    and re.match(r"^(Email|Phone|Fax)", line))]
    return replace(contact, notes="\n".join(kept).strip() or None)
