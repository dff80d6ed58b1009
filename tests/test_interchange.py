"""Interchange v1: lossless round trips, and all-or-nothing imports."""

import copy
import json

import pytest

from afterword.core import interchange
from afterword.core.domain import CardPhoto, Company, Contact
from afterword.core.errors import InterchangeError
from afterword.core.store import Store


def export_text(store) -> str:
    return interchange.dumps(interchange.export_document(store))


def fresh(tmp_path, name="b.db") -> Store:
    return Store.open(tmp_path / name)


def test_export_import_export_is_byte_identical(demo_store, tmp_path):
    contact = demo_store.all(Contact)[0]
    demo_store.set_card_photo(contact.uid, CardPhoto(bytes(range(256)), "image/png"))
    first = export_text(demo_store)
    other = fresh(tmp_path)
    try:
        interchange.import_document(other, json.loads(first))
        assert export_text(other) == first
        assert other.card_photo(contact.uid) == CardPhoto(bytes(range(256)), "image/png")
    finally:
        other.close()


def test_document_has_the_documented_shape(demo_store):
    doc = interchange.export_document(demo_store)
    assert (doc["format"], doc["version"]) == ("afterword", 1)
    minimum = {
        "companies": {"uid", "name", "website", "address", "notes"},
        "contacts": {"uid", "name", "title", "company_uid", "role", "phone_direct", "phone_cell",
                     "email", "mailing_address", "linkedin", "notes"},
        "opportunities": {"uid", "company_uid", "title", "source", "target", "stage"},
        "interviews": {"uid", "opportunity_uid", "round", "start", "timezone", "format",
                       "participant_uids", "tone", "hear_back_by", "closing_question",
                       "closing_answer", "questions", "concerns"},
        "thank_you_notes": {"uid", "contact_uid", "interview_uid", "medium", "status", "due",
                            "sent_on", "points", "better_answer"},
        "feedback_calls": {"uid", "contact_uid", "opportunity_uid", "status", "proposed_on",
                           "requested_on", "scheduled_at", "held_on", "feedback", "actions",
                           "similar_role", "other_roles", "stay_in_touch"},
        "cadences": {"uid", "contact_uid", "rrule", "start", "max_days", "active"},
        "touches": {"uid", "contact_uid", "at", "kind", "notes"},
    }
    for section, keys in minimum.items():
        assert doc[section], section
        for record in doc[section]:
            assert keys <= set(record), (section, keys - set(record))
    interview = next(i for i in doc["interviews"] if i["concerns"])
    assert {"text", "kind", "response", "size"} <= set(interview["concerns"][0])
    assert interview["start"][-6] in "+-"  # date-times carry an offset
    receptionist = next(c for c in doc["contacts"] if c["role"] == "receptionist")
    assert receptionist["name"] == "Tom Becker"


def test_import_replaces_existing_uids_and_adds_new(demo_store):
    doc = interchange.export_document(demo_store)
    doc["companies"][0]["name"] = "Renamed Inc"
    doc["companies"].append({"uid": "new-company", "name": "New Co", "website": None,
                             "address": None, "notes": None})
    plan = interchange.import_document(demo_store, doc)
    assert plan.added == {"companies": 1}
    assert plan.replaced["companies"] == len(doc["companies"]) - 1
    names = {c.name for c in demo_store.all(Company)}
    assert {"Renamed Inc", "New Co"} <= names


def test_long_emoji_and_right_to_left_text_is_stored_intact(store):
    from afterword.core.validation import MAX_TEXT

    notes = "📇 " + "x" * (MAX_TEXT - 2)  # as long as a note may be
    doc = {"format": "afterword", "version": 1,
           "companies": [{"uid": "c1", "name": "שלום עולם", "notes": notes}],
           "contacts": [{"uid": "p1", "name": "مرحبا 👋 Zoë", "company_uid": "c1"}]}
    interchange.import_document(store, doc)
    assert store.get(Company, "c1").notes == notes
    assert store.get(Company, "c1").name == "שלום עולם"
    assert store.get(Contact, "p1").name == "مرحبا 👋 Zoë"


def base_doc():
    return {
        "format": "afterword", "version": 1,
        "companies": [{"uid": "c1", "name": "Acme"}],
        "contacts": [{"uid": "p1", "name": "Dana", "company_uid": "c1", "role": "interviewer"}],
        "opportunities": [{"uid": "o1", "company_uid": "c1", "title": "Lead", "stage": "applied"}],
        "interviews": [{"uid": "i1", "opportunity_uid": "o1", "round": 1,
                        "start": "2026-11-24T10:00:00-08:00", "timezone": "America/Los_Angeles",
                        "participant_uids": ["p1"],
                        "concerns": [{"text": "gap", "kind": "to_overcome"}]}],
        "thank_you_notes": [{"uid": "n1", "contact_uid": "p1", "interview_uid": "i1",
                             "due": "2026-11-25", "medium": "handwritten", "status": "to_write"}],
        "cadences": [{"uid": "k1", "contact_uid": "p1", "rrule": "FREQ=MONTHLY;INTERVAL=1",
                      "start": "2026-11-01", "active": True}],
    }


def test_the_base_document_imports(store):
    interchange.import_document(store, base_doc())
    assert store.count(Contact) == 1


def _set(path, value):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


BAD = [
    ("wrong version", _set(["version"], 2), "version 2 is not supported"),
    ("wrong format", _set(["format"], "vcard"), "not an Afterword interchange file"),
    ("unknown enum", _set(["contacts", 0, "role"], "boss"),
     "contacts[0] (uid p1): field 'role': unknown value 'boss'"),
    ("nested enum", _set(["interviews", 0, "concerns", 0, "kind"], "to_ignore"),
     "interviews[0] (uid i1): field 'concerns.kind': unknown value 'to_ignore'"),
    ("bad date", _set(["thank_you_notes", 0, "due"], "2026-02-30"),
     "thank_you_notes[0] (uid n1): field 'due': not a real date"),
    ("naive date-time", _set(["interviews", 0, "start"], "2026-11-24T10:00:00"),
     "interviews[0] (uid i1): field 'start': date-time needs an offset"),
    ("unknown zone", _set(["interviews", 0, "timezone"], "Mars/Olympus"),
     "interviews[0] (uid i1): field 'timezone': unknown time zone"),
    ("dangling reference", _set(["contacts", 0, "company_uid"], "nope"),
     "contacts[0] (uid p1): field 'company_uid': refers to 'nope'"),
    ("dangling participant", _set(["interviews", 0, "participant_uids"], ["p1", "ghost"]),
     "interviews[0] (uid i1): field 'participant_uids': refers to 'ghost'"),
    ("duplicate uid", lambda d: d["companies"].append({"uid": "c1", "name": "Again"}),
     "companies[1] (uid c1): field 'uid': appears twice"),
    ("missing uid", lambda d: d["companies"].append({"name": "No uid"}),
     "companies[1]: field 'uid': is required"),
    ("missing name", _set(["companies", 0, "name"], None),
     "companies[0] (uid c1): field 'name': is required"),
    ("bad rule", _set(["cadences", 0, "rrule"], "FREQ=WEEKLY;INTERVAL=0"),
     "cadences[0] (uid k1): field 'rrule'"),
    ("not a list", _set(["touches"], {"uid": "t"}), "touches: expected a list"),
    ("wrong type", _set(["interviews", 0, "round"], "two"),
     "interviews[0] (uid i1): field 'round': expected a whole number"),
]


def assert_refused(store, change, message: str) -> None:
    """Importing the base document with `change` fails with `message` in one
    short line, and the database is exactly as before."""
    before = export_text(store)
    doc = base_doc()
    change(doc)
    with pytest.raises(InterchangeError) as caught:
        interchange.import_document(store, doc)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200
    assert export_text(store) == before


@pytest.mark.parametrize(("case", "change", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_record_is_named_and_nothing_changes(demo_store, case, change, message):
    assert_refused(demo_store, change, message)


def test_a_late_bad_record_rolls_back_earlier_good_ones(demo_store):
    before = export_text(demo_store)
    doc = copy.deepcopy(base_doc())
    doc["touches"] = [{"uid": "t1", "contact_uid": "p1", "at": "2026-11-01T10:00:00Z",
                       "kind": "carrier pigeon"}]
    with pytest.raises(InterchangeError, match="touches\\[0\\] \\(uid t1\\): field 'kind'"):
        interchange.import_document(demo_store, doc)
    assert export_text(demo_store) == before


@pytest.mark.parametrize(("raw", "message"), [
    (b"{not json", "not JSON: Expecting property name"),
    (b"\xff\xfe\x00", "not"),
    (b"[1, 2]", "expected a JSON object"),
])
def test_files_that_are_not_interchange_json(store, raw, message):
    with pytest.raises(InterchangeError, match=message):
        interchange.plan_import(store, interchange.loads(raw))
