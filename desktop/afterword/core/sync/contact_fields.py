"""A contact's fields as sync compares them, from either side.

The same dozen fields are read from a stored person (with the company's name and
a digest of the card photo) and from a vCard (through the contacts mapping,
vcard_contacts.incoming_from_card), so each side can be compared with how that
same side looked when both last agreed, field by field.
"""

from __future__ import annotations

import hashlib
import io
import json

from afterword.core.domain import Contact, Role
from afterword.core.errors import ContactsFileError
from afterword.core.merge import incoming_fields
from afterword.core.store import Store
from afterword.core.vcard import Card, read_cards
from afterword.core.vcard_contacts import incoming_from_card

Fields = dict[str, str | None]
FIELDS = ("name", "title", "company", "role", "phone_direct", "phone_cell", "email",
          "mailing_address", "linkedin", "helped", "notes", "photo")
LABELS = {"name": "name", "title": "title", "company": "company", "role": "role",
          "phone_direct": "direct phone", "phone_cell": "cell", "email": "email",
          "mailing_address": "mailing address", "linkedin": "LinkedIn/web", "helped": "how they helped",
          "notes": "notes", "photo": "card photo"}
_PHOTO_DIGEST_SQL = "length(data) || ':' || hex(substr(data, 1, 16)) || hex(substr(data, -16))"


def photo_digest(data: bytes) -> str:
    """What tells two card photos apart, cheaply (the same as _PHOTO_DIGEST_SQL)."""
    return f"{len(data)}:{data[:16].hex().upper()}{data[-16:].hex().upper()}"


def contact_fields(contact: Contact, company: str | None, photo: str | None) -> Fields:
    return {"name": contact.name, "title": contact.title, "company": company,
            "role": contact.role.value if isinstance(contact.role, Role) else contact.role,
            "phone_direct": contact.phone_direct, "phone_cell": contact.phone_cell,
            "email": contact.email, "mailing_address": contact.mailing_address,
            "linkedin": contact.linkedin, "helped": contact.helped, "notes": contact.notes,
            "photo": photo}


def fields_hash(fields: Fields) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()


def card_fields(card: Card) -> Fields:
    """A card's fields as an import would fill them (the merge rule's own mapping:
    which number is the cell, which link the LinkedIn one)."""
    incoming = incoming_from_card(card)
    values = incoming_fields(incoming, incoming.company.strip() if incoming.company else None).values
    return {**{name: values.get(name) for name in FIELDS}, "name": " ".join(incoming.name.split()),
            "notes": incoming.notes,
            "photo": photo_digest(incoming.photo.data) if incoming.photo else None}


def parse_one(text: str, where: str) -> Card:
    """The one vCard a server resource holds (CardError / ContactsFileError if not)."""
    cards = list(read_cards(io.BytesIO(text.encode("utf-8"))))
    if len(cards) != 1:
        raise ContactsFileError(f"{where}: {len(cards)} cards in one resource")
    return cards[0]


class LocalPeople:
    """Every stored person with the company name and photo digest, read at once."""

    def __init__(self, store: Store):
        companies = dict(store.db.execute("SELECT uid, name FROM companies").fetchall())
        photos = dict(store.db.execute(
            f"SELECT contact_uid, {_PHOTO_DIGEST_SQL} FROM card_photos").fetchall())
        self.contacts = {c.uid: c for c in store.all(Contact)}
        self.fields = {uid: contact_fields(c, companies.get(c.company_uid), photos.get(uid))
                       for uid, c in self.contacts.items()}
        self.company_names = companies

    def hash_of(self, uid: str) -> str | None:
        return fields_hash(self.fields[uid]) if uid in self.fields else None


def stored_hash(store: Store, uid: str) -> str | None:
    """The fields hash of one person as stored now (None: not stored)."""
    contact = store.get(Contact, uid)
    if contact is None:
        return None
    company = store.db.execute("SELECT name FROM companies WHERE uid = ?",
                               [contact.company_uid]).fetchone() if contact.company_uid else None
    photo = store.db.execute(f"SELECT {_PHOTO_DIGEST_SQL} FROM card_photos WHERE contact_uid = ?",
                             [uid]).fetchone()
    return fields_hash(contact_fields(contact, company[0] if company else None,
                                      photo[0] if photo else None))
