"""A role to prepare for: the sample's Northwind process (two earlier rounds, the
receptionist, a concern of each kind), with round 3 scheduled, and a few helpers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from afterword.core.domain import Format, Interview, Opportunity
from afterword.core.store import Store

# The evening of the sample's day (DEMO_TODAY), in Seattle.
NOW = datetime(2026, 11, 23, 19, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
# Round 3: Thursday 26 November 2026, 10:00 in Seattle (18:00 UTC).
ROUND_3_START = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def role_titled(store: Store, title: str) -> Opportunity:
    return next(o for o in store.all(Opportunity) if o.title == title)


def northwind(store: Store) -> Opportunity:
    return role_titled(store, "Regional Sales Manager")


def schedule_round_3(store: Store, *, participants: list[str] | None = None) -> Interview:
    """Northwind's final round, on the calendar (stored in UTC, as an import may)."""
    role = northwind(store)
    interview = Interview(role.uid, 3, ROUND_3_START.astimezone(ZoneInfo("UTC")),
                          "America/Los_Angeles", Format.ON_SITE,
                          participant_uids=participants or [])
    store.put(interview)
    return interview
