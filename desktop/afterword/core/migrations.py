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


@migrations(name="m003_contact_facts")
def m003_contact_facts(db: Database) -> None:
    # What the reminder rules need, in a form SQL answers through indexes: each
    # person's last and next contact and each cadence's next touch (kept by
    # core/contact_facts.py from the people these triggers put on stale_contacts),
    # open notes by due date, unanswered rounds by hear-back date.
    _run(db, """
CREATE TABLE stale_contacts (contact_uid TEXT NOT NULL);
CREATE INDEX stale_contacts_uid ON stale_contacts(contact_uid);
CREATE TABLE contact_facts (
    contact_uid TEXT PRIMARY KEY REFERENCES contacts(uid) ON DELETE CASCADE ON UPDATE CASCADE,
    as_of TEXT NOT NULL,
    last_contact TEXT,
    next_contact TEXT,
    problem TEXT
) WITHOUT ROWID;
CREATE INDEX contact_facts_next ON contact_facts(next_contact) WHERE next_contact IS NOT NULL;
CREATE INDEX contact_facts_problem ON contact_facts(contact_uid) WHERE problem IS NOT NULL;
CREATE TABLE cadence_schedule (
    cadence_id INTEGER PRIMARY KEY REFERENCES cadences(id) ON DELETE CASCADE,
    anchor TEXT NOT NULL,
    due TEXT,
    overdue_after TEXT,
    next_contact TEXT,
    problem TEXT
);
CREATE INDEX cadence_schedule_due ON cadence_schedule(due);
CREATE INDEX cadence_schedule_anchor ON cadence_schedule(anchor);
CREATE INDEX cadence_schedule_next ON cadence_schedule(next_contact) WHERE next_contact IS NOT NULL;
CREATE INDEX cadence_schedule_problem ON cadence_schedule(cadence_id) WHERE problem IS NOT NULL;
CREATE INDEX thank_you_notes_open_due ON thank_you_notes(due) WHERE status NOT IN ('sent', 'delivered');
CREATE INDEX interviews_unanswered ON interviews(hear_back_by) WHERE followed_up_on IS NULL;
CREATE INDEX interviews_latest ON interviews(opportunity_uid, round, start);
CREATE INDEX feedback_calls_status ON feedback_calls(status)""")

    def stale(uid: str) -> str:
        return (f"INSERT INTO stale_contacts(contact_uid) SELECT {uid} WHERE {uid} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = {uid});")

    def trigger(name: str, event: str, table: str, body: str) -> None:
        db.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n{body}\nEND")

    for table, columns in (("touches", "contact_uid, at"), ("thank_you_notes", "contact_uid, sent_on"),
                           ("feedback_calls", "contact_uid, held_on"),
                           ("interview_participants", "contact_uid, interview_uid"),
                           ("cadences", "contact_uid, rrule, start, max_days, active")):
        trigger(f"{table}_facts_ai", "INSERT", table, stale("NEW.contact_uid"))
        trigger(f"{table}_facts_au", f"UPDATE OF {columns}", table,
                stale("OLD.contact_uid") + "\n" + stale("NEW.contact_uid"))
        trigger(f"{table}_facts_ad", "DELETE", table, stale("OLD.contact_uid"))
    trigger("interviews_facts_au", "UPDATE OF start, timezone", "interviews",
            "INSERT INTO stale_contacts(contact_uid) SELECT p.contact_uid FROM interview_participants p "
            "WHERE p.interview_uid = NEW.uid AND NOT EXISTS "
            "(SELECT 1 FROM stale_contacts s WHERE s.contact_uid = p.contact_uid);")
    # Everyone is recomputed once, when the store next refreshes (on opening the file).
    db.execute("INSERT INTO stale_contacts(contact_uid) SELECT uid FROM contacts")
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
