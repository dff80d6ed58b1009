"""Keeping the full-text search rows right during a bulk write.

The search triggers rebuild a contact's whole search row (with all its touches and
notes) for every touch or note written: fine for one edit, but an import of
100,000 people rebuilds each row many times over. Inside `deferred_search()` the
triggers are set aside and light temporary ones only note which contacts and
companies changed; on the way out, still in the same transaction, exactly those
search rows are rebuilt with the same queries the triggers use, and the triggers
are put back. A failure rolls all of it back with the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from afterword.core.database import Database
from afterword.core.entities import ENTITIES, Entity

# How the schema's search triggers build a contact's row (rowid = contacts.id) and a
# company's (rowid = companies.id): a contact's row also carries the text of its
# touches and thank-you notes, so "find anyone by note text" needs one MATCH. These
# are this module's own copies (a shipped migration keeps its own); a schema step
# that changes the triggers changes them too, and tests/test_schema.py checks that
# they agree with the triggers of a new database.
CONTACT_ROW = """
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

COMPANY_ROW = """
    SELECT co.id, co.name,
        coalesce(co.website, '') || ' ' || coalesce(co.address, '') || ' '
        || coalesce(co.notes, '') || ' '
        || coalesce((SELECT group_concat(o.title || ' ' || coalesce(o.target, ''), ' ')
                     FROM opportunities o WHERE o.company_uid = co.uid), '')
    FROM companies co
"""

# table with a search row → (its full-text table and columns, the row query, its id).
SEARCH_ROWS: dict[str, tuple[str, str, str]] = {
    "contacts": ("contacts_fts(rowid, name, company, body)", CONTACT_ROW, "c.id"),
    "companies": ("companies_fts(rowid, name, body)", COMPANY_ROW, "co.id"),
}

# The rows a trigger sees for each event.
_ROWS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _changed(table: str) -> str:
    """The temporary list of ids of `table` whose search rows need rebuilding."""
    return f"afterword_search_{table}"


# The lists may repeat ids: no constraint, since a trigger's conflict clause gives
# way to the outer statement's (an upsert's), and repeats cost nothing later.
def _mark(table: str, select: str) -> str:
    return f"INSERT INTO {_changed(table)}(id) {select};"


def _marks(e: Entity) -> dict[str, str]:
    """event → what a write to the entity's table notes as changed: its own search
    row, and the rows its text is part of (as declared in core/entities.py)."""
    marks = {}
    for event, rows in _ROWS.items():
        body = ""
        if e.search_row:
            body += _mark(e.table, " UNION ".join(f"SELECT {row}.id" for row in rows))
        for feed in e.feeds:
            for row in rows:
                body += _mark(feed.rows, f"SELECT id FROM main.{feed.rows} "
                                         f"WHERE {feed.match} = {row}.{feed.by}")
        if body:
            marks[event] = body
    return marks


# table → (event → what changed), covering what each search trigger refreshes.
_MARKS: dict[str, dict[str, str]] = {e.table: m for e in ENTITIES if (m := _marks(e))}


def _search_triggers(db: Database) -> list[tuple[str, str]]:
    marks = ",".join("?" * len(_MARKS))
    return db.execute(
        f"SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
        f"AND tbl_name IN ({marks}) AND name GLOB '*_fts_a[iud]' ORDER BY name",
        list(_MARKS),
    ).fetchall()


@contextmanager
def deferred_search(db: Database, *, everything: bool = False) -> Iterator[None]:
    """Within an open transaction: bulk writes inside skip the per-row search
    triggers; the changed search rows are rebuilt once, set-based, on leaving.
    With `everything` (a write as large as the database: an import into a new
    one), nothing is noted per row and every search row is rebuilt."""
    if db.conn.in_transaction is False:
        raise RuntimeError("deferred_search() needs an open transaction")
    triggers = _search_triggers(db)
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER main.{name}")
    if not everything:
        for table in SEARCH_ROWS:
            db.execute(f"CREATE TEMP TABLE {_changed(table)}(id INTEGER)")
        for table, events in _MARKS.items():
            for event, body in events.items():
                db.execute(f"CREATE TEMP TRIGGER afterword_search_{table}_{event.lower()} "
                           f"AFTER {event} ON main.{table} BEGIN\n{body}\nEND")
    try:
        yield
        _rebuild(db, everything=everything)
    finally:
        # On failure the caller's rollback undoes all of this too; dropping the
        # temporary objects here keeps a savepoint rollback from leaving them behind.
        for table, events in _MARKS.items():
            for event in events:
                db.execute(f"DROP TRIGGER IF EXISTS temp.afterword_search_{table}_{event.lower()}")
        for table in SEARCH_ROWS:
            db.execute(f"DROP TABLE IF EXISTS temp.{_changed(table)}")
    for _name, sql in triggers:
        db.execute(sql)


def _rebuild(db: Database, *, everything: bool = False) -> None:
    for table, (fts, row, row_id) in SEARCH_ROWS.items():
        name = fts.partition("(")[0]
        if everything:
            db.execute(f"DELETE FROM main.{name}")
            db.execute(f"INSERT INTO main.{fts} {row}")
            continue
        changed = f"SELECT id FROM temp.{_changed(table)}"
        db.execute(f"DELETE FROM main.{name} WHERE rowid IN ({changed})")
        db.execute(f"INSERT INTO main.{fts} {row} WHERE {row_id} IN ({changed})")
