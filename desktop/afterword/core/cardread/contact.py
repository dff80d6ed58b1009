"""A card's fields as a contact coming in from outside, for the one merge rule
(core/merge.py): the same person is found by email, phone or profile link, and the
card fills their empty fields; lines no field took go to the notes, never dropped."""

from __future__ import annotations

from afterword.core.cardread.fields import CardFields
from afterword.core.domain import CardPhoto
from afterword.core.merge import IncomingContact, IncomingPhone, MatchIndex

NOTES_HEADING = "Also on the card:"


def incoming_from_card(fields: CardFields, photo: CardPhoto | None = None) -> IncomingContact:
    """The contact a reviewed card describes (the name may still be empty)."""
    phones = [IncomingPhone(number, kind) for number, kind in
              ((fields.phone_direct, "direct"), (fields.phone_cell, "cell")) if number]
    lines = [line for line in fields.other_lines if line.strip()]
    notes = "\n".join([NOTES_HEADING, *lines]) if lines else None
    return IncomingContact(
        name=fields.name or "", title=fields.title, company=fields.company,
        emails=[fields.email] if fields.email else [], phones=phones,
        mailing_address=fields.mailing_address, links=[fields.linkedin] if fields.linkedin else [],
        notes=notes, photo=photo, where="business card")


def without_people(index: MatchIndex) -> MatchIndex:
    """The same index knowing only the companies: planning against it adds the card as a
    new person (when the user says it is someone else), still at a known company."""
    return MatchIndex(region=index.region, companies=dict(index.companies),
                      company_names=dict(index.company_names))
