"""Full-text search over people and companies (FTS5), safe for any text a user types.

User text is never passed to MATCH as is: it is cut into words, each word quoted
and given a prefix star, so "ana re" finds "Ana Reyes" and a stray quote or
`NEAR(` is just text.
"""

from __future__ import annotations

import re

from afterword.core.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_LIMIT = 500  # a list to pick from, not to read; more words narrow it


def match_expression(text: str) -> str | None:
    """An FTS5 query finding rows that contain every word of `text` as a prefix;
    None when `text` has no words to search for."""
    words = _WORD.findall(text or "")
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def people(store: Store, text: str, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Contact ids matching `text`: those whose name matches first, then those
    found by company, card details or note text; each part in name order.

    No relevance ranking: ranking reads every match (100k for a one-letter
    prefix), while LIMIT without ORDER BY lets FTS5 stop early."""
    expression = match_expression(text)
    if expression is None:
        return []
    by_name = _sorted_contacts(store, f"name : ({expression})", limit)
    if len(by_name) >= limit:
        return by_name
    seen = set(by_name)
    rest = [i for i in _sorted_contacts(store, expression, limit) if i not in seen]
    return by_name + rest[:limit - len(by_name)]


def people_by_name(store: Store, text: str, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Contact ids whose name has a word starting with each word of `text`, in name order."""
    expression = match_expression(text)
    return [] if expression is None else _sorted_contacts(store, f"name : ({expression})", limit)


def _sorted_contacts(store: Store, expression: str, limit: int) -> list[int]:
    rows = store.db.execute(
        "SELECT c.id FROM contacts c WHERE c.id IN "
        "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT ?) "
        "ORDER BY c.name COLLATE NOCASE, c.id",
        [expression, limit],
    ).fetchall()
    return [r[0] for r in rows]


def companies(store: Store, text: str, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Company ids matching `text` by name, website, address, notes or role titles."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = store.db.execute(
        "SELECT co.id FROM companies co WHERE co.id IN "
        "(SELECT rowid FROM companies_fts WHERE companies_fts MATCH ? LIMIT ?) "
        "ORDER BY co.name COLLATE NOCASE",
        [expression, limit],
    ).fetchall()
    return [r[0] for r in rows]
