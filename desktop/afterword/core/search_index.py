"""Keeping the full-text search rows right during a bulk write.

The search triggers rebuild a contact's whole search row (with all its touches and
notes) for every touch or note written: fine for one edit, but an import of
100,000 people rebuilds each row many times over. Inside `deferred_search()` the
triggers are set aside and light temporary ones only note which contacts and
companies changed; on the way out, still in the same transaction, exactly those
search rows are rebuilt with the very queries the triggers use, and the triggers
are put back. A failure rolls all of it back with the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from afterword.core.migrations import COMPANY_SEARCH_ROW, CONTACT_SEARCH_ROW

_CONTACTS = "temp.afterword_search_contacts"
_COMPANIES = "temp.afterword_search_companies"


# The lists may repeat ids: no constraint, since a trigger's conflict clause gives
# way to the outer statement's (an upsert's), and repeats cost nothing later.
def _mark_contacts(select: str) -> str:
    return f"INSERT INTO afterword_search_contacts(id) {select};"


def _mark_companies(select: str) -> str:
    return f"INSERT INTO afterword_search_companies(id) {select};"


def _by_contact_uid(row: str) -> str:
    return _mark_contacts(f"SELECT id FROM main.contacts WHERE uid = {row}.contact_uid")


def _by_company_uid(row: str) -> str:
    return _mark_companies(f"SELECT id FROM main.companies WHERE uid = {row}.company_uid")


# table → (event → what changed), mirroring what each search trigger refreshes.
_MARKS: dict[str, dict[str, str]] = {
    "contacts": {
        "INSERT": _mark_contacts("SELECT NEW.id"),
        "UPDATE": _mark_contacts("SELECT OLD.id UNION SELECT NEW.id"),
        "DELETE": _mark_contacts("SELECT OLD.id"),
    },
    "companies": {
        "INSERT": _mark_companies("SELECT NEW.id"),
        "UPDATE": _mark_companies("SELECT OLD.id UNION SELECT NEW.id")
        + _mark_contacts("SELECT id FROM main.contacts WHERE company_uid = NEW.uid"),
        "DELETE": _mark_companies("SELECT OLD.id"),
    },
    "opportunities": {
        "INSERT": _by_company_uid("NEW"),
        "UPDATE": _by_company_uid("OLD") + _by_company_uid("NEW"),
        "DELETE": _by_company_uid("OLD"),
    },
    "touches": {
        "INSERT": _by_contact_uid("NEW"),
        "UPDATE": _by_contact_uid("OLD") + _by_contact_uid("NEW"),
        "DELETE": _by_contact_uid("OLD"),
    },
    "thank_you_notes": {
        "INSERT": _by_contact_uid("NEW"),
        "UPDATE": _by_contact_uid("OLD") + _by_contact_uid("NEW"),
        "DELETE": _by_contact_uid("OLD"),
    },
}


def _search_triggers(db: Database) -> list[tuple[str, str]]:
    marks = ",".join("?" * len(_MARKS))
    return db.execute(
        f"SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
        f"AND tbl_name IN ({marks}) AND name GLOB '*_fts_a[iud]' ORDER BY name",
        list(_MARKS),
    ).fetchall()


@contextmanager
def deferred_search(db: Database) -> Iterator[None]:
    """Within an open transaction: bulk writes inside skip the per-row search
    triggers; the changed search rows are rebuilt once, set-based, on leaving."""
    if db.conn.in_transaction is False:
        raise RuntimeError("deferred_search() needs an open transaction")
    triggers = _search_triggers(db)
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER main.{name}")
    db.execute(f"CREATE TEMP TABLE {_CONTACTS}(id INTEGER)")
    db.execute(f"CREATE TEMP TABLE {_COMPANIES}(id INTEGER)")
    for table, events in _MARKS.items():
        for event, body in events.items():
            db.execute(f"CREATE TEMP TRIGGER afterword_search_{table}_{event.lower()} "
                       f"AFTER {event} ON main.{table} BEGIN\n{body}\nEND")
    try:
        yield
        _rebuild(db)
    finally:
        # On failure the caller's rollback undoes all of this too; dropping the
        # temporary objects here keeps a savepoint rollback from leaving them behind.
        for table, events in _MARKS.items():
            for event in events:
                db.execute(f"DROP TRIGGER IF EXISTS temp.afterword_search_{table}_{event.lower()}")
        db.execute(f"DROP TABLE IF EXISTS {_CONTACTS}")
        db.execute(f"DROP TABLE IF EXISTS {_COMPANIES}")
    for _name, sql in triggers:
        db.execute(sql)


def _rebuild(db: Database) -> None:
    db.execute(f"DELETE FROM main.contacts_fts WHERE rowid IN (SELECT id FROM {_CONTACTS})")
    db.execute(f"INSERT INTO main.contacts_fts(rowid, name, company, body) {CONTACT_SEARCH_ROW} "
               f"WHERE c.id IN (SELECT id FROM {_CONTACTS})")
    db.execute(f"DELETE FROM main.companies_fts WHERE rowid IN (SELECT id FROM {_COMPANIES})")
    db.execute(f"INSERT INTO main.companies_fts(rowid, name, body) {COMPANY_SEARCH_ROW} "
               f"WHERE co.id IN (SELECT id FROM {_COMPANIES})")
