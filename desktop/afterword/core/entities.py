"""Each kind of record Afterword keeps, declared once: its table, what a user calls
it, the records it points at (and what a delete does to it), and whose search
rows its text is part of.

The lists the rest of the core works from follow from these declarations: the
store's tables, the interchange sections and the references checked on import,
what a delete takes with it (for undo), and which search rows a bulk write must
rebuild. The order is the interchange order, where references point backwards.
`docs/design.md` says how to add one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from afterword.core.domain import (
    Cadence,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Opportunity,
    ThankYouNote,
    Touch,
)


class OnDelete(Enum):
    """What deleting the record pointed at does to the record pointing at it
    (as the schema's foreign keys say)."""

    CASCADE = "cascade"  # it goes too
    SET_NULL = "set null"  # it stays, without the link
    DETACH = "detach"  # it stays, one uid fewer in its list (a link table's row goes)


@dataclass(frozen=True)
class Link:
    """A field holding the uid (or, for a list, the uids) of records of `target`."""

    field: str
    target: type
    on_delete: OnDelete


@dataclass(frozen=True)
class Feeds:
    """This record's text is part of the search rows of `rows` ("contacts" or
    "companies") whose column `match` equals this record's field `by`."""

    rows: str
    match: str
    by: str


@dataclass(frozen=True)
class Entity:
    """One kind of record: its table, what a user calls it, and what it links to."""

    cls: type
    table: str  # also its interchange section
    kind: str  # what a user calls one, for messages ("role", not "opportunity")
    links: tuple[Link, ...] = ()
    search_row: bool = False  # it has a full-text row of its own (table_fts, rowid = id)
    feeds: tuple[Feeds, ...] = ()

    @property
    def section(self) -> str:
        return self.table


def _to_contact(on_delete: OnDelete = OnDelete.CASCADE) -> Link:
    return Link("contact_uid", Contact, on_delete)


_FEEDS_ITS_CONTACT = Feeds("contacts", match="uid", by="contact_uid")

ENTITIES: tuple[Entity, ...] = (
    Entity(Company, "companies", "company", search_row=True,
           # a contact's search row carries the name of the company they work at
           feeds=(Feeds("contacts", match="company_uid", by="uid"),)),
    Entity(Contact, "contacts", "person", (Link("company_uid", Company, OnDelete.SET_NULL),),
           search_row=True),
    Entity(Opportunity, "opportunities", "role", (Link("company_uid", Company, OnDelete.CASCADE),),
           feeds=(Feeds("companies", match="uid", by="company_uid"),)),
    Entity(Interview, "interviews", "round",
           (Link("opportunity_uid", Opportunity, OnDelete.CASCADE),
            Link("participant_uids", Contact, OnDelete.DETACH))),
    Entity(ThankYouNote, "thank_you_notes", "thank-you note",
           (_to_contact(), Link("interview_uid", Interview, OnDelete.SET_NULL)),
           feeds=(_FEEDS_ITS_CONTACT,)),
    Entity(FeedbackCall, "feedback_calls", "feedback call",
           (_to_contact(), Link("opportunity_uid", Opportunity, OnDelete.SET_NULL))),
    Entity(Cadence, "cadences", "stay-in-touch cadence", (_to_contact(),)),
    Entity(Touch, "touches", "touch", (_to_contact(),), feeds=(_FEEDS_ITS_CONTACT,)),
)

_BY_CLASS: dict[type, Entity] = {e.cls: e for e in ENTITIES}


def entity(cls: type) -> Entity:
    """The declaration of a record class (KeyError for a class that is not a record)."""
    return _BY_CLASS[cls]


def tables() -> dict[type, str]:
    """Record class → its table."""
    return {e.cls: e.table for e in ENTITIES}


def sections() -> dict[str, type]:
    """Interchange section → record class, in an order where references point backwards."""
    return {e.section: e.cls for e in ENTITIES}


def references() -> dict[type, dict[str, str]]:
    """Record class → {field: the section it must point into}."""
    return {e.cls: {link.field: entity(link.target).section for link in e.links}
            for e in ENTITIES if e.links}


def links_to(cls: type) -> Iterator[tuple[Entity, Link]]:
    """Every (entity, link) that points at records of `cls`."""
    for e in ENTITIES:
        for link in e.links:
            if link.target is cls:
                yield e, link
