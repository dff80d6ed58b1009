"""Full-text search over people and companies (FTS5), safe for any text a user types.

User text is never passed to MATCH as is: it is cut into words, each word quoted
and given a prefix star, so "ana re" finds "Ana Reyes" and a stray quote or
`NEAR(` is just text.
"""

from __future__ import annotations

import re

from afterword.core.store import Store

_WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_LIMIT = 2000


def match_expression(text: str) -> str | None:
    """An FTS5 query finding rows that contain every word of `text` as a prefix;
    None when `text` has no words to search for."""
    words = _WORD.findall(text or "")
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def people(store: Store, text: str, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Contact ids matching `text` by name, company, card details or note text,
    best match first (names weigh most)."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = store.db.execute(
        "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? "
        "ORDER BY bm25(contacts_fts, 10.0, 4.0, 1.0) LIMIT ?",
        [expression, limit],
    ).fetchall()
    return [r[0] for r in rows]


def companies(store: Store, text: str, limit: int = DEFAULT_LIMIT) -> list[int]:
    """Company ids matching `text` by name, website, address, notes or role titles."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = store.db.execute(
        "SELECT rowid FROM companies_fts WHERE companies_fts MATCH ? "
        "ORDER BY bm25(companies_fts, 10.0, 1.0) LIMIT ?",
        [expression, limit],
    ).fetchall()
    return [r[0] for r in rows]
