"""Company names for lists and pickers: light rows, not whole records (thousands
of companies should not cost a record decode each)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from afterword.core.store import Store


@dataclass(frozen=True)
class CompanyName:
    uid: str
    name: str


def company_names(store: Store, ids: Sequence[int] | None = None) -> list[CompanyName]:
    """Companies by name (of the given ids, or all)."""
    if ids is None:
        sql, params = "SELECT uid, name FROM companies ORDER BY name COLLATE NOCASE", []
    else:
        params = list(ids)
        sql = (f"SELECT uid, name FROM companies WHERE id IN ({','.join('?' * len(params))}) "
               "ORDER BY name COLLATE NOCASE")
        if not params:
            return []
    return [CompanyName(uid, name) for uid, name in store.db.execute(sql, params).fetchall()]
