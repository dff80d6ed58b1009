"""What a delete takes with it, kept so that the delete can be undone exactly.

A snapshot lists the records a delete removes or changes (through the schema's
cascades), in an order where references point backwards, plus card photos.
Putting them back is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from afterword.core.domain import (
    Cadence,
    CardPhoto,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Opportunity,
    ThankYouNote,
    Touch,
)
from afterword.core.store import Store


@dataclass
class Snapshot:
    records: list = field(default_factory=list)
    photos: dict[str, CardPhoto] = field(default_factory=dict)


def _interviews_with(store: Store, contact_uids: list[str]) -> list[Interview]:
    if not contact_uids:
        return []
    marks = ",".join("?" * len(contact_uids))
    return store.select(
        Interview,
        f"uid IN (SELECT interview_uid FROM interview_participants WHERE contact_uid IN ({marks}))",
        contact_uids,
    )


def of_contact(store: Store, uid: str) -> Snapshot:
    """A contact with its notes, calls, cadences, touches and round attendance."""
    snap = Snapshot()
    contact = store.get(Contact, uid)
    if contact is None:
        return snap
    snap.records.append(contact)
    snap.records.extend(_interviews_with(store, [uid]))
    for cls in (ThankYouNote, FeedbackCall, Cadence, Touch):
        snap.records.extend(store.select(cls, "contact_uid = ?", [uid]))
    photo = store.card_photo(uid)
    if photo is not None:
        snap.photos[uid] = photo
    return snap


def of_opportunity(store: Store, uid: str) -> Snapshot:
    """A role with its rounds, and the notes and calls that point at them."""
    snap = Snapshot()
    opportunity = store.get(Opportunity, uid)
    if opportunity is None:
        return snap
    snap.records.append(opportunity)
    interviews = store.select(Interview, "opportunity_uid = ?", [uid])
    snap.records.extend(interviews)
    round_uids = [i.uid for i in interviews]
    if round_uids:
        marks = ",".join("?" * len(round_uids))
        snap.records.extend(store.select(ThankYouNote, f"interview_uid IN ({marks})", round_uids))
    snap.records.extend(store.select(FeedbackCall, "opportunity_uid = ?", [uid]))
    return snap


def of_interview(store: Store, uid: str) -> Snapshot:
    """A round with the thank-you notes written for it."""
    snap = Snapshot()
    interview = store.get(Interview, uid)
    if interview is None:
        return snap
    snap.records.append(interview)
    snap.records.extend(store.select(ThankYouNote, "interview_uid = ?", [uid]))
    return snap


def of_company(store: Store, uid: str) -> Snapshot:
    """A company, its roles (with their rounds) and the people who work there."""
    snap = Snapshot()
    company = store.get(Company, uid)
    if company is None:
        return snap
    snap.records.append(company)
    for opportunity in store.select(Opportunity, "company_uid = ?", [uid]):
        snap.records.extend(of_opportunity(store, opportunity.uid).records)
    snap.records.extend(store.select(Contact, "company_uid = ?", [uid]))
    return snap


def of_record(store: Store, cls: type, uid: str) -> Snapshot:
    """What deleting the record `uid` of kind `cls` would take with it."""
    gather = {Contact: of_contact, Opportunity: of_opportunity, Company: of_company,
              Interview: of_interview}.get(cls)
    if gather is not None:
        return gather(store, uid)
    snap = Snapshot()
    record = store.get(cls, uid)
    if record is not None:
        snap.records.append(record)
    return snap


# The links a delete cuts in records that survive it (ON DELETE SET NULL).
_LINKS = ("company_uid", "opportunity_uid", "interview_uid")


def _relinked(current, saved):
    """`current` (a record that survived the delete) with only the links the
    delete cut put back: anything edited since the delete is kept."""
    if isinstance(current, Interview):
        people = list(current.participant_uids)
        for position, uid in enumerate(saved.participant_uids):
            if uid not in people:
                people.insert(min(position, len(people)), uid)
        return replace(current, participant_uids=people)
    links = {name: getattr(saved, name) for name in _LINKS
             if hasattr(current, name) and getattr(current, name) is None
             and getattr(saved, name) is not None}
    return replace(current, **links) if links else current


def restore(store: Store, snapshot: Snapshot) -> None:
    """Put every record of the snapshot back, in one transaction.

    A record the delete removed comes back as it was; one that survived it
    (a round the person attended, a note of a deleted round) gets back only the
    link the delete cut, so changes made to it since are not undone.
    """
    with store.atomic():
        # Contacts first: restored rounds list them as participants.
        contacts = [r for r in snapshot.records if isinstance(r, Contact)]
        others = [r for r in snapshot.records if not isinstance(r, Contact)]
        parents = [r for r in others if isinstance(r, Company | Opportunity)]
        rest = [r for r in others if not isinstance(r, Company | Opportunity)]
        for record in [*parents, *contacts, *rest]:
            current = store.get(type(record), record.uid)
            store.put(record if current is None else _relinked(current, record))
        for uid, photo in snapshot.photos.items():
            store.set_card_photo(uid, photo)
