"""The schema, one forward step at a time. Never edit a step that has shipped:
add a new one, and a test that opens the previous version's real file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from afterword.core.database import Database, import_sqlite_utils
from afterword.core.shipped_sql import M001_INITIAL_SCHEMA

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

APP_ID = "afterword"


class _Steps:
    """The numbered steps, handed to sqlite-utils' Migrations when a file needs
    them: a file that is up to date opens without loading sqlite-utils."""

    def __init__(self, name: str):
        self.name = name
        self._steps: list[tuple[str, Callable[[Any], None]]] = []
        self._library: Migrations | None = None

    def __call__(self, *, name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        def register(step: Callable[[Any], None]) -> Callable[[Any], None]:
            self._steps.append((name, step))
            return step
        return register

    def apply(self, db: sqlite_utils.Database, **options: Any) -> None:
        self.library.apply(db, **options)

    def pending(self, db: sqlite_utils.Database) -> list[Any]:
        return self.library.pending(db)

    @property
    def library(self) -> Migrations:
        if self._library is None:
            import_sqlite_utils()  # without NumPy
            from sqlite_utils.migrations import Migrations

            self._library = Migrations(self.name)
            for name, step in self._steps:
                self._library(name=name)(step)
        return self._library


migrations = _Steps(APP_ID)


def _run(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run one by one.
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def run_script(db: Database, script: str) -> None:
    """Run `script` statement by statement inside the step's transaction (a
    trigger's body, with its own semicolons, stays one statement)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            # Up to the final semicolon: SQLite keeps the text as given in sqlite_master.
            db.execute(statement[:statement.rindex(";")])
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:60]}")


def set_schema_version(db: Database, version: int) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [str(version)],
    )


# The shipped steps carry their own SQL (see shipped_sql.py): never shared with
# live code, never edited.

@migrations(name="m001_initial_schema")
def m001_initial_schema(db: Database) -> None:
    run_script(db, M001_INITIAL_SCHEMA)


@migrations(name="m002_calendar_events")
def m002_calendar_events(db: Database) -> None:
    # What each calendar event looked like when last exported, so a re-export
    # can keep SEQUENCE/DTSTAMP for unchanged events, raise them for changed ones
    # and mark vanished ones cancelled. uid is the event's UID (a reminder uid or
    # an interview uid); start is an ISO date or date-time, for a cancelled copy.
    run_script(db, """
CREATE TABLE calendar_events (
    uid TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    stamped_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    start TEXT NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0
);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
""")


@migrations(name="m003_sync")
def m003_sync(db: Database) -> None:
    # The CardDAV/CalDAV account of this database, and what was last agreed with
    # the server for each collection (its sync-token) and each resource in it
    # (href, ETag, a hash of the body; for contacts the card itself, to merge with
    # and to keep other apps' properties; for reminder events the version written).
    run_script(db, """
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
CREATE UNIQUE INDEX sync_resources_href ON sync_resources(collection_url, href);
UPDATE meta SET value = '3' WHERE key = 'schema_version';
""")


@migrations(name="m004_sync_contacts")
def m004_sync_contacts(db: Database) -> None:
    # Contacts both ways: the local fields as last agreed (JSON), so a change here
    # and one on the server can be told apart field by field; and a deletion on
    # one side that waits for the user's say ('server': the card was deleted there;
    # 'local': the person was deleted here).
    run_script(db, """
ALTER TABLE sync_resources ADD COLUMN local_fields TEXT;
ALTER TABLE sync_resources ADD COLUMN pending_deletion TEXT;
UPDATE meta SET value = '4' WHERE key = 'schema_version';
""")


@migrations(name="m005_contact_facts")
def m005_contact_facts(db: Database) -> None:
    # What the reminder rules need, in a form SQL answers through indexes: each
    # person's last and next contact and each cadence's next touch (kept by
    # core/contact_facts.py for the people these triggers put on stale_contacts;
    # everyone is put there once, to be computed when the file is next opened),
    # open notes by due date, unanswered rounds by hear-back date (and those whose
    # date is no date, to be named rather than never seen).
    run_script(db, """
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
CREATE INDEX thank_you_notes_bad_due ON thank_you_notes(id)
    WHERE status NOT IN ('sent', 'delivered') AND date(due) IS NOT due;
CREATE INDEX interviews_unanswered ON interviews(hear_back_by) WHERE followed_up_on IS NULL;
CREATE INDEX interviews_bad_hear_back ON interviews(id)
    WHERE followed_up_on IS NULL AND date(hear_back_by) IS NOT hear_back_by;
CREATE INDEX interviews_latest ON interviews(opportunity_uid, round, start);
CREATE INDEX feedback_calls_status ON feedback_calls(status);
CREATE TRIGGER touches_facts_ai AFTER INSERT ON touches BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER touches_facts_au AFTER UPDATE OF contact_uid, at ON touches BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER touches_facts_ad AFTER DELETE ON touches BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
END;
CREATE TRIGGER thank_you_notes_facts_ai AFTER INSERT ON thank_you_notes BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER thank_you_notes_facts_au AFTER UPDATE OF contact_uid, sent_on ON thank_you_notes BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER thank_you_notes_facts_ad AFTER DELETE ON thank_you_notes BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
END;
CREATE TRIGGER feedback_calls_facts_ai AFTER INSERT ON feedback_calls BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER feedback_calls_facts_au AFTER UPDATE OF contact_uid, held_on ON feedback_calls BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER feedback_calls_facts_ad AFTER DELETE ON feedback_calls BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
END;
CREATE TRIGGER interview_participants_facts_ai AFTER INSERT ON interview_participants BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER interview_participants_facts_au
    AFTER UPDATE OF contact_uid, interview_uid ON interview_participants BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER interview_participants_facts_ad AFTER DELETE ON interview_participants BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
END;
CREATE TRIGGER cadences_facts_ai AFTER INSERT ON cadences BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER cadences_facts_au AFTER UPDATE OF contact_uid, rrule, start, max_days, active ON cadences BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
    INSERT INTO stale_contacts(contact_uid) SELECT NEW.contact_uid WHERE NEW.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = NEW.contact_uid);
END;
CREATE TRIGGER cadences_facts_ad AFTER DELETE ON cadences BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT OLD.contact_uid WHERE OLD.contact_uid IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM stale_contacts WHERE contact_uid = OLD.contact_uid);
END;
CREATE TRIGGER interviews_facts_au AFTER UPDATE OF start, timezone ON interviews BEGIN
    INSERT INTO stale_contacts(contact_uid) SELECT p.contact_uid FROM interview_participants p
        WHERE p.interview_uid = NEW.uid
        AND NOT EXISTS (SELECT 1 FROM stale_contacts s WHERE s.contact_uid = p.contact_uid);
END;
INSERT INTO stale_contacts(contact_uid) SELECT uid FROM contacts;
UPDATE meta SET value = '5' WHERE key = 'schema_version';
""")


# The version this code writes; each migration step sets it in `meta`.
SCHEMA_VERSION = 5
