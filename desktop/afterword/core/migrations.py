"""The schema, one forward step at a time. Never edit a step that has shipped:
add a new one, and a test that opens the previous version's real file."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APP_ID = "afterword"
migrations = Migrations(APP_ID)


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run one by one.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def set_schema_version(db: Database, version: int) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(version)],
    )


@migrations(name="m001_initial_schema")
def m001_initial_schema(db: Database) -> None:
    _run(db, _M001_TABLES)
    for statement in _SEARCH_STATEMENTS:
        db.execute(statement)
    db.execute("INSERT INTO meta(key, value) VALUES ('app', ?)", [APP_ID])
    set_schema_version(db, 1)


@migrations(name="m002_calendar_events")
def m002_calendar_events(db: Database) -> None:
    # What each calendar event looked like when last exported, so a re-export
    # can keep SEQUENCE/DTSTAMP for unchanged events, raise them for changed ones
    # and mark vanished ones cancelled. uid is the event's UID (a reminder uid or
    # an interview uid); start is an ISO date or date-time, for a cancelled copy.
    _run(db, """
CREATE TABLE calendar_events (
    uid TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    stamped_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    start TEXT NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0
)""")
    set_schema_version(db, 2)


@migrations(name="m003_sync")
def m003_sync(db: Database) -> None:
    # The CardDAV/CalDAV account of this database, and what was last agreed with
    # the server for each collection (its sync-token) and each resource in it
    # (href, ETag, a hash of the body; for contacts the card itself, to merge with
    # and to keep other apps' properties; for reminder events the version written).
    _run(db, """
CREATE TABLE sync_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    username TEXT NOT NULL,
    addressbook_url TEXT,
    calendar_url TEXT,
    reminders_as_tasks INTEGER NOT NULL DEFAULT 0,
    last_synced_at TEXT
);
CREATE TABLE sync_collections (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    sync_token TEXT
);
CREATE TABLE sync_resources (
    collection_url TEXT NOT NULL REFERENCES sync_collections(url) ON DELETE CASCADE,
    uid TEXT NOT NULL,
    href TEXT NOT NULL,
    etag TEXT,
    content_hash TEXT NOT NULL,
    local_hash TEXT,
    body TEXT,
    fingerprint TEXT,
    sequence INTEGER,
    stamped_at TEXT,
    PRIMARY KEY (collection_url, uid)
);
CREATE UNIQUE INDEX sync_resources_href ON sync_resources(collection_url, href)""")
    set_schema_version(db, 3)


# The version this code writes; each migration step sets it in `meta`.
SCHEMA_VERSION = 3

_M001_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE companies (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    website TEXT, address TEXT, notes TEXT
);
CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    company_uid TEXT NOT NULL REFERENCES companies(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    title TEXT NOT NULL,
    source TEXT, target TEXT,
    stage TEXT NOT NULL,
    applied_on TEXT, closed_on TEXT, notes TEXT
);
CREATE INDEX opportunities_company ON opportunities(company_uid);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    title TEXT,
    company_uid TEXT REFERENCES companies(uid) ON DELETE SET NULL ON UPDATE CASCADE,
    role TEXT,
    phone_direct TEXT, phone_cell TEXT, email TEXT, mailing_address TEXT,
    linkedin TEXT, helped TEXT, notes TEXT
);
CREATE INDEX contacts_company ON contacts(company_uid);
CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE);
CREATE TABLE card_photos (
    contact_uid TEXT PRIMARY KEY REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    mime_type TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    opportunity_uid TEXT NOT NULL
        REFERENCES opportunities(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    round INTEGER NOT NULL,
    start TEXT NOT NULL,
    timezone TEXT NOT NULL,
    format TEXT, tone TEXT, hear_back_by TEXT,
    closing_question TEXT, closing_answer TEXT, next_steps TEXT, followed_up_on TEXT
);
CREATE INDEX interviews_opportunity ON interviews(opportunity_uid, round);
CREATE TABLE interview_participants (
    interview_uid TEXT NOT NULL REFERENCES interviews(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (interview_uid, contact_uid)
);
CREATE INDEX interview_participants_contact ON interview_participants(contact_uid);
CREATE TABLE interview_questions (
    id INTEGER PRIMARY KEY,
    interview_uid TEXT NOT NULL REFERENCES interviews(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL, my_answer TEXT, better_answer TEXT
);
CREATE INDEX interview_questions_interview ON interview_questions(interview_uid, position);
CREATE TABLE interview_concerns (
    id INTEGER PRIMARY KEY,
    interview_uid TEXT NOT NULL REFERENCES interviews(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL, kind TEXT, response TEXT, size TEXT
);
CREATE INDEX interview_concerns_interview ON interview_concerns(interview_uid, position);
CREATE TABLE thank_you_notes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    interview_uid TEXT REFERENCES interviews(uid) ON DELETE SET NULL ON UPDATE CASCADE,
    due TEXT NOT NULL,
    medium TEXT NOT NULL, status TEXT NOT NULL,
    sent_on TEXT, delivery TEXT, points TEXT, better_answer TEXT
);
CREATE INDEX thank_you_notes_contact ON thank_you_notes(contact_uid);
CREATE INDEX thank_you_notes_interview ON thank_you_notes(interview_uid);
CREATE INDEX thank_you_notes_open ON thank_you_notes(status, due);
CREATE TABLE feedback_calls (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    opportunity_uid TEXT REFERENCES opportunities(uid) ON DELETE SET NULL ON UPDATE CASCADE,
    proposed_on TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_on TEXT, requested_via TEXT, scheduled_at TEXT, held_on TEXT,
    feedback TEXT, actions TEXT, similar_role TEXT, other_roles TEXT, stay_in_touch TEXT
);
CREATE INDEX feedback_calls_contact ON feedback_calls(contact_uid);
CREATE INDEX feedback_calls_opportunity ON feedback_calls(opportunity_uid);
CREATE TABLE cadences (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    rrule TEXT NOT NULL,
    start TEXT NOT NULL,
    max_days INTEGER,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cadences_contact ON cadences(contact_uid);
CREATE TABLE touches (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    contact_uid TEXT NOT NULL REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    notes TEXT
);
CREATE INDEX touches_contact ON touches(contact_uid, at)
"""

# One full-text row per contact (rowid = contacts.id) and per company
# (rowid = companies.id). A contact's row also carries the text of its touches and
# thank-you notes, so "find anyone by note text" needs one MATCH.
_CONTACT_ROW = """
    SELECT c.id, c.name, coalesce(co.name, ''),
        coalesce(c.title, '') || ' ' || coalesce(c.role, '') || ' ' || coalesce(c.email, '')
        || ' ' || coalesce(c.phone_direct, '') || ' ' || coalesce(c.phone_cell, '')
        || ' ' || coalesce(c.mailing_address, '') || ' ' || coalesce(c.linkedin, '')
        || ' ' || coalesce(c.helped, '') || ' ' || coalesce(c.notes, '')
        || ' ' || coalesce((SELECT group_concat(t.notes, ' ') FROM touches t
                            WHERE t.contact_uid = c.uid), '')
        || ' ' || coalesce((SELECT group_concat(n.points, ' ') FROM thank_you_notes n
                            WHERE n.contact_uid = c.uid), '')
    FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid
"""

_COMPANY_ROW = """
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
"""


# The same row queries, for rebuilding many search rows at once (core/search_index.py).
CONTACT_SEARCH_ROW = _CONTACT_ROW
COMPANY_SEARCH_ROW = _COMPANY_ROW


def _refresh_contacts(where: str) -> str:
    """Statements that rebuild the search rows of the contacts matching `where`."""
    return (
        f"DELETE FROM contacts_fts WHERE rowid IN (SELECT c.id FROM contacts c WHERE {where});\n"
        f"INSERT INTO contacts_fts(rowid, name, company, body) {_CONTACT_ROW} WHERE {where};"
    )


def _refresh_companies(where: str) -> str:
    return (
        f"DELETE FROM companies_fts WHERE rowid IN (SELECT co.id FROM companies co WHERE {where});\n"
        f"INSERT INTO companies_fts(rowid, name, body) {_COMPANY_ROW} WHERE {where};"
    )


def _trigger(name: str, event: str, table: str, body: str) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n{body}\nEND"


def _triggers(table: str, refresh: Callable[[str], str]) -> list[str]:
    """Three triggers that call `refresh` for the row's old and new parent."""
    return [
        _trigger(f"{table}_fts_ai", "INSERT", table, refresh("NEW")),
        _trigger(f"{table}_fts_au", "UPDATE", table, refresh("OLD") + "\n" + refresh("NEW")),
        _trigger(f"{table}_fts_ad", "DELETE", table, refresh("OLD")),
    ]


_SEARCH_STATEMENTS = [
    "CREATE VIRTUAL TABLE contacts_fts USING fts5("
    "name, company, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE companies_fts USING fts5("
    "name, body, tokenize = 'unicode61 remove_diacritics 2')",
    # A contact's own row; the DELETE by OLD.id also covers a changed uid.
    _trigger("contacts_fts_ai", "INSERT", "contacts", _refresh_contacts("c.id = NEW.id")),
    _trigger("contacts_fts_au", "UPDATE", "contacts",
             "DELETE FROM contacts_fts WHERE rowid = OLD.id;\n" + _refresh_contacts("c.id = NEW.id")),
    _trigger("contacts_fts_ad", "DELETE", "contacts",
             "DELETE FROM contacts_fts WHERE rowid = OLD.id;"),
    _trigger("companies_fts_ai", "INSERT", "companies", _refresh_companies("co.id = NEW.id")),
    # A renamed company changes what its people are found by.
    _trigger("companies_fts_au", "UPDATE", "companies",
             "DELETE FROM companies_fts WHERE rowid = OLD.id;\n"
             + _refresh_companies("co.id = NEW.id") + "\n"
             + _refresh_contacts("c.company_uid = NEW.uid")),
    _trigger("companies_fts_ad", "DELETE", "companies",
             "DELETE FROM companies_fts WHERE rowid = OLD.id;"),
    *_triggers("opportunities", lambda row: _refresh_companies(f"co.uid = {row}.company_uid")),
    *_triggers("touches", lambda row: _refresh_contacts(f"c.uid = {row}.contact_uid")),
    *_triggers("thank_you_notes", lambda row: _refresh_contacts(f"c.uid = {row}.contact_uid")),
]
