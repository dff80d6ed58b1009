"""What a delete takes with it, kept so that the delete can be undone exactly.

A snapshot lists the records a delete removes or changes (through the schema's
cascades), in an order where references point backwards, plus card photos.
Putting them back is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from afterword.core.domain import CardPhoto, Company, Contact, Interview, Opportunity
from afterword.core.entities import ENTITIES, OnDelete, entity, links_to
from afterword.core.store import Store

# Restoring in declaration order puts what is pointed at back before what points at it.
_ORDER = {e.cls: position for position, e in enumerate(ENTITIES)}


@dataclass
class Snapshot:
    """Records (and card photos) as they were, to put back on undo."""

    records: list = field(default_factory=list)
    photos: dict[str, CardPhoto] = field(default_factory=dict)


def of_record(store: Store, cls: type, uid: str) -> Snapshot:
    """What deleting the record `uid` of kind `cls` would take with it: the record,
    what its delete cascades to (and what theirs does), and the records that stay
    but lose a link to one of them (see the declarations in core/entities.py)."""
    found: dict[tuple[type, str], object] = {}
    gone: set[tuple[type, str]] = set()

    def take(record: object) -> None:
        key = (type(record), record.uid)
        if key in gone:
            return
        gone.add(key)
        found[key] = record
        for other, link in links_to(type(record)):
            for pointing in store.pointing_at(other.cls, link.field, record.uid):
                if link.on_delete is OnDelete.CASCADE:
                    take(pointing)
                else:
                    found.setdefault((other.cls, pointing.uid), pointing)

    record = store.get(cls, uid)
    snap = Snapshot()
    if record is None:
        return snap
    take(record)
    snap.records = sorted(found.values(), key=lambda r: _ORDER[type(r)])
    for kind, gone_uid in gone:
        photo = store.card_photo(gone_uid) if kind is Contact else None
        if photo is not None:
            snap.photos[gone_uid] = photo
    return snap


def of_contact(store: Store, uid: str) -> Snapshot:
    """A contact with its notes, calls, cadences, touches and round attendance."""
    return of_record(store, Contact, uid)


def of_opportunity(store: Store, uid: str) -> Snapshot:
    """A role with its rounds, and the notes and calls that point at them."""
    return of_record(store, Opportunity, uid)


def of_interview(store: Store, uid: str) -> Snapshot:
    """A round with the thank-you notes written for it."""
    return of_record(store, Interview, uid)


def of_company(store: Store, uid: str) -> Snapshot:
    """A company, its roles (with their rounds) and the people who work there."""
    return of_record(store, Company, uid)


def _relinked(current, saved):
    """`current` (a record that survived the delete) with only the links the
    delete cut put back: anything edited since the delete is kept."""
    changes = {}
    for link in entity(type(current)).links:
        now, then = getattr(current, link.field), getattr(saved, link.field)
        if link.on_delete is OnDelete.DETACH:
            merged = list(now)
            for position, uid in enumerate(then):
                if uid not in merged:
                    merged.insert(min(position, len(merged)), uid)
            if merged != now:
                changes[link.field] = merged
        elif link.on_delete is OnDelete.SET_NULL and now is None and then is not None:
            changes[link.field] = then
    return replace(current, **changes) if changes else current


def restore(store: Store, snapshot: Snapshot) -> None:
    """Put every record of the snapshot back, in one transaction.

    A record the delete removed comes back as it was; one that survived it
    (a round the person attended, a note of a deleted round) gets back only the
    link the delete cut, so changes made to it since are not undone.
    """
    with store.atomic():
        for record in sorted(snapshot.records, key=lambda r: _ORDER[type(r)]):
            current = store.get(type(record), record.uid)
            store.put(record if current is None else _relinked(current, record))
        for uid, photo in snapshot.photos.items():
            store.set_card_photo(uid, photo)
