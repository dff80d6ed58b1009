"""The schema, one forward step at a time. Never edit a step that has shipped:
add a new one, and a test that opens the previous version's real file."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from afterword.core.shipped_sql import M001_INITIAL_SCHEMA

APP_ID = "afterword"
migrations = Migrations(APP_ID)


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


# The version this code writes; each migration step sets it in `meta`.
SCHEMA_VERSION = 4
