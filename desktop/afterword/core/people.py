"""Queries behind the people list: ids in display order, and the rows of a page.

The list keeps only ids (cheap even at 100k people) and reads the columns of the
rows actually shown, a page at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from afterword.core.store import Store


@dataclass(frozen=True)
class PersonRow:
    id: int
    uid: str
    name: str
    company: str | None
    title: str | None
    role: str | None
    email: str | None
    phone: str | None


COLUMNS = ("name", "company", "title", "role", "email", "phone")

# Sort keys as SQL; every one ends in the id so the order is total and stable.
_ORDER = {
    "name": "c.name COLLATE NOCASE {d}, c.id {d}",
    "company": "co.name COLLATE NOCASE {d}, c.name COLLATE NOCASE {d}, c.id {d}",
    "title": "c.title COLLATE NOCASE {d}, c.id {d}",
    "role": "c.role {d}, c.name COLLATE NOCASE {d}, c.id {d}",
    "email": "c.email COLLATE NOCASE {d}, c.id {d}",
    "phone": "coalesce(c.phone_cell, c.phone_direct) {d}, c.id {d}",
}

_ROW_SQL = (
    "SELECT c.id, c.uid, c.name, co.name, c.title, c.role, c.email, "
    "coalesce(c.phone_cell, c.phone_direct) "
    "FROM contacts c LEFT JOIN companies co ON co.uid = c.company_uid"
)


def ordered_ids(store: Store, column: str = "name", descending: bool = False) -> list[int]:
    """Every contact id, in the order of `column`."""
    order = _ORDER[column].format(d="DESC" if descending else "ASC")
    join = " LEFT JOIN companies co ON co.uid = c.company_uid" if column == "company" else ""
    sql = f"SELECT c.id FROM contacts c{join} ORDER BY {order}"
    return [r[0] for r in store.db.execute(sql).fetchall()]


def rows_by_id(store: Store, ids: Sequence[int]) -> dict[int, PersonRow]:
    """The list columns of the given contacts, keyed by id."""
    found: dict[int, PersonRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for row in store.db.execute(f"{_ROW_SQL} WHERE c.id IN ({marks})", chunk).fetchall():
            found[row[0]] = PersonRow(*row)
    return found


def id_of(store: Store, uid: str) -> int | None:
    row = store.db.execute("SELECT id FROM contacts WHERE uid = ?", [uid]).fetchone()
    return row[0] if row else None


def name_position(store: Store, contact_id: int) -> int:
    """Where a contact falls in the list sorted by name (for inserting one row)."""
    row = store.db.execute(
        "SELECT count(*) FROM contacts c, (SELECT name, id FROM contacts WHERE id = ?) me "
        "WHERE c.name COLLATE NOCASE < me.name COLLATE NOCASE "
        "OR (c.name COLLATE NOCASE = me.name COLLATE NOCASE AND c.id < me.id)",
        [contact_id],
    ).fetchone()
    return row[0]
