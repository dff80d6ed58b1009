"""Merge People: two records of one person become one. The survivor keeps its values
and gains the other's by the one rule of core/merge.py (empty fields filled,
differing values kept on labelled lines of its notes); the rounds, thank-you notes,
feedback calls, cadences and touches of the other move to the survivor, and its
card photo too when the survivor has none; then the other is deleted.

``plan_people_merge`` writes nothing and returns the (before, after) pairs of every
record it changes, in an order that is safe to write (moves before the delete), so
the window can make the merge one undoable step (core/undo.py ``Writes``).
``suggested_pairs`` finds likely duplicates: the same email or phone number, or
names that differ only by a missing surname ("Raj" beside "Raj Patel").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from afterword.core.domain import (
    Cadence,
    CardPhoto,
    Contact,
    FeedbackCall,
    Interview,
    ThankYouNote,
    Touch,
)
from afterword.core.errors import AfterwordError, InvalidRecord
from afterword.core.merge import (
    IncomingContact,
    IncomingPhone,
    MatchIndex,
    _extra_lines,
    normal_email,
    normal_phone,
    phone_tail,
    plan_merge_into,
)
from afterword.core.store import Store
from afterword.core.undo import Change
from afterword.core.validation import check_text_fields

MERGED_SUFFIX = " (merged)"


@dataclass
class PeopleMerge:
    survivor: Contact
    other: Contact
    changes: list[Change] = field(default_factory=list)
    photo: CardPhoto | None = None  # the other's photo, given to a survivor without one

    @property
    def moved(self) -> int:
        """How many records move from the other to the survivor."""
        return sum(1 for before, after in self.changes
                   if before is not None and after is not None and not isinstance(before, Contact))


def _as_incoming(store: Store, other: Contact, index: MatchIndex) -> IncomingContact:
    phones = [IncomingPhone(p, kind) for p, kind in ((other.phone_cell, "cell"),
                                                   (other.phone_direct, "direct")) if p]
    return IncomingContact(
        name=other.name, title=other.title, role=other.role,
        company=index.company_names.get(other.company_uid) if other.company_uid else None,
        emails=[other.email] if other.email else [], phones=phones,
        mailing_address=other.mailing_address, links=[other.linkedin] if other.linkedin else [],
        helped=other.helped, notes=other.notes, uid=other.uid, where=other.name)


def plan_people_merge(store: Store, survivor_uid: str, other_uid: str,
                      region: str | None) -> PeopleMerge:
    """What merging `other` into `survivor` changes; writes nothing."""
    if survivor_uid == other_uid:
        raise AfterwordError("choose two different people to merge")
    survivor, other = store.get(Contact, survivor_uid), store.get(Contact, other_uid)
    if survivor is None or other is None:
        raise AfterwordError("one of the two people is no longer there")
    index = MatchIndex(region=region)
    for uid, name in store.db.execute("SELECT uid, name FROM companies"):
        index.add_company(uid, name)
    plan = plan_merge_into(_as_incoming(store, other, index), survivor, index,
                           store.card_photo(survivor.uid), "merged", suffix=MERGED_SUFFIX)
    merge = PeopleMerge(survivor=survivor, other=other)
    if store.card_photo(survivor.uid) is None:
        merge.photo = store.card_photo(other.uid)
    for cls in (ThankYouNote, FeedbackCall, Cadence, Touch):
        for record in store.select(cls, "contact_uid = ?", [other.uid]):
            merge.changes.append((record, replace(record, contact_uid=survivor.uid)))
    for interview in store.select(
            Interview, "uid IN (SELECT interview_uid FROM interview_participants WHERE contact_uid = ?)",
            [other.uid]):
        people = [survivor.uid if uid == other.uid else uid for uid in interview.participant_uids]
        merge.changes.append((interview, replace(interview, participant_uids=list(dict.fromkeys(people)))))
    if plan.contact is not None and plan.contact != survivor:
        try:
            check_text_fields(plan.contact)
        except InvalidRecord as bad:
            raise AfterwordError(f"{survivor.name} cannot take in everything of {other.name}: "
                                 f"the {bad.field.replace('_', ' ')} would be too long "
                                 f"({bad.problem}); shorten it first") from None
        merge.changes.append((survivor, plan.contact))
    merge.changes.append((other, None))
    return merge


# -- likely duplicates ---------------------------------------------------------------

@dataclass(frozen=True)
class SuggestedPair:
    first_uid: str
    first_name: str
    second_uid: str
    second_name: str
    reason: str


def suggested_pairs(store: Store, region: str | None, limit: int = 200) -> list[SuggestedPair]:
    """People who look like one person: same email or phone, or one name is the other
    without its surname (when only one fuller name fits)."""
    rows = store.db.execute(
        "SELECT uid, name, email, phone_direct, phone_cell, notes FROM contacts ORDER BY id").fetchall()
    names = {uid: name for uid, name, *_rest in rows}
    owners: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    singles: list[str] = []
    by_tail: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for uid, name, email, direct, cell, notes in rows:
        keys = set()
        emails = [email] + [v for label, v in _extra_lines(notes) if label == "Email"]
        phones = [direct, cell] + [v for label, v in _extra_lines(notes) if label == "Phone"]
        keys |= {("email", k) for e in emails if (k := normal_email(e))}
        for key in keys:
            owners[key].append(uid)
        for phone in phones:
            if phone and (tail := phone_tail(phone)):
                by_tail[tail].append((phone, uid))
        words = name.casefold().split()
        if len(words) == 1:
            singles.append(uid)
        elif words:
            by_first[words[0]].append(uid)
    for numbers in by_tail.values():  # only numbers ending alike are parsed and compared
        if len({uid for _phone, uid in numbers}) > 1:
            for phone, uid in numbers:
                if (key := normal_phone(phone, region)) and uid not in owners[("phone", key)]:
                    owners[("phone", key)].append(uid)
    pairs: dict[tuple[str, str], str] = {}
    for (kind, value), uids in owners.items():
        for other in uids[1:]:
            pairs.setdefault((uids[0], other), f"same {kind} {value}")
    for uid in singles:
        fuller = by_first.get(names[uid].casefold().strip(), [])
        if len(fuller) == 1:
            pairs.setdefault((fuller[0], uid), "the same name without a surname")
    out, seen = [], set()
    for (a, b), reason in pairs.items():
        if a != b and frozenset((a, b)) not in seen:
            seen.add(frozenset((a, b)))
            out.append(SuggestedPair(a, names[a], b, names[b], reason))
    return out[:limit]
