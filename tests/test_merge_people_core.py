"""Merge People in the core: the rule fills the survivor, everything of the other
moves to it, the other goes, and the whole step can be taken back."""

from __future__ import annotations

from datetime import UTC, date, datetime

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
    TouchKind,
)
from afterword.core.merge_people import plan_people_merge, suggested_pairs
from afterword.core.undo import Writes

JPEG = b"\xff\xd8\xff\xe0card"


def test_merge_moves_everything_to_the_survivor_and_undo_puts_it_back(store):
    company = Company(name="Acme")
    role = Opportunity(company.uid, "Platform Engineer")
    raj = Contact(name="Raj Patel", title="Director", email="raj@acme.example")
    short = Contact(name="Raj", title="VP Sales", phone_cell="+1 415 555 0100", notes="Met in the lobby")
    other_person = Contact(name="Ann Lee")
    round_ = Interview(role.uid, 1, datetime(2026, 11, 2, 17, tzinfo=UTC), "UTC",
                       participant_uids=[short.uid, other_person.uid])
    both = Interview(role.uid, 2, datetime(2026, 11, 9, 17, tzinfo=UTC), "UTC",
                     participant_uids=[raj.uid, short.uid])
    note = ThankYouNote(short.uid, round_.uid, date(2026, 11, 3))
    call = FeedbackCall(short.uid, role.uid, date(2026, 11, 20))
    cadence = Cadence(short.uid, "FREQ=MONTHLY", date(2026, 11, 1))
    touch = Touch(short.uid, datetime(2026, 11, 5, tzinfo=UTC), TouchKind.COFFEE)
    store.put_many([company, role, raj, short, other_person, round_, both, note, call, cadence, touch])
    store.set_card_photo(short.uid, CardPhoto(JPEG))

    merge = plan_people_merge(store, raj.uid, short.uid, "US")
    assert store.get(Contact, short.uid) is not None  # planning writes nothing
    writes = Writes(merge.changes)
    writes.forward(store)
    store.set_card_photo(raj.uid, merge.photo)

    assert store.get(Contact, short.uid) is None
    after = store.get(Contact, raj.uid)
    assert after.title == "Director" and after.phone_cell == "+1 415 555 0100"
    assert "Title (merged): VP Sales" in after.notes and "Met in the lobby" in after.notes
    for cls, uid in ((ThankYouNote, note.uid), (FeedbackCall, call.uid), (Cadence, cadence.uid),
                     (Touch, touch.uid)):
        assert store.get(cls, uid).contact_uid == raj.uid
    assert store.get(Interview, round_.uid).participant_uids == [raj.uid, other_person.uid]
    assert store.get(Interview, both.uid).participant_uids == [raj.uid]
    assert store.card_photo(raj.uid).data == JPEG

    writes.backward(store)
    store.set_card_photo(raj.uid, None)
    assert store.get(Contact, short.uid).name == "Raj"
    assert store.get(Contact, raj.uid) == raj
    assert store.get(ThankYouNote, note.uid).contact_uid == short.uid
    assert store.get(Interview, both.uid).participant_uids == [raj.uid, short.uid]
    assert store.card_photo(short.uid).data == JPEG and store.card_photo(raj.uid) is None


def test_suggested_pairs_same_email_phone_or_missing_surname(store):
    store.put_many([
        Contact(name="Raj Patel", email="raj@acme.example"), Contact(name="Raj"),
        Contact(name="Dana Reyes", phone_cell="(206) 555-0134"),
        Contact(name="D. Reyes", phone_direct="+1 206 555 0134"),
        Contact(name="Lena Okafor", email="Lena@Adatum.example"),
        Contact(name="Lena O.", notes="Email: lena@adatum.example"),
        Contact(name="Sam"), Contact(name="Sam One"), Contact(name="Sam Two"),  # ambiguous
    ])
    found = {(p.first_name, p.second_name): p.reason for p in suggested_pairs(store, "US")}
    assert found == {
        ("Raj Patel", "Raj"): "the same name without a surname",
        ("Dana Reyes", "D. Reyes"): "same phone +12065550134",
        ("Lena Okafor", "Lena O."): "same email lena@adatum.example",
    }
