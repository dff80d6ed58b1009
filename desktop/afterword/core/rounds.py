"""Interview rounds as the window lists them: with their role, company and people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from afterword.core.contact_facts import local_date, local_time
from afterword.core.store import Store


@dataclass(frozen=True)
class RoundRow:
    """One interview round as a list shows it: when, where, and for which role."""

    uid: str
    start: datetime
    timezone: str
    local_day: str
    company: str
    role_title: str
    round: int
    format: str | None
    tone: str | None
    hear_back_by: str | None
    people: str
    opportunity_uid: str

    def starts(self) -> str:
        """'Thu 26 Nov 10:00 PST': when it starts, on the clock of its time zone."""
        moment = local_time(self.start, self.timezone)
        return f"{moment:%a %d %b %H:%M}{zone_abbreviation(moment, self.timezone)}"


def zone_abbreviation(local: datetime, timezone: str) -> str:
    """' PST', ' EDT': the zone's short name at that moment, when it has a real one
    (not '+03', nor the zone's full name again)."""
    name = local.strftime("%Z")
    return f" {name}" if name and name != timezone and not name.startswith(("+", "-")) else ""


def round_rows(store: Store, opportunity_uid: str | None = None) -> list[RoundRow]:
    """Rounds, latest first (of one role, or all)."""
    where, params = ("i.opportunity_uid = ?", [opportunity_uid]) if opportunity_uid else ("1", [])
    return _rows(store, where, params, "i.start DESC")


def rounds_starting(store: Store, after: datetime, before: datetime) -> list[RoundRow]:
    """The rounds that start after `after` and before `before`, the soonest first
    (compared as moments, whatever offset each start was stored with)."""
    # The text compare first, with room for any two offsets (at most 26 h apart), so
    # that julianday runs on the few rounds near the window, not on every round.
    near = [(after.date() - timedelta(days=2)).isoformat(), (before.date() + timedelta(days=3)).isoformat()]
    return _rows(store, "i.start >= ? AND i.start < ? AND julianday(i.start) > julianday(?) "
                        "AND julianday(i.start) < julianday(?)",
                 [*near, after.isoformat(), before.isoformat()], "julianday(i.start)")


def _rows(store: Store, where: str, params: list, order: str) -> list[RoundRow]:
    rows = store.db.execute(
        f"""SELECT i.uid, i.start, i.timezone, co.name, o.title, i.round, i.format, i.tone,
                   i.hear_back_by, o.uid,
                   (SELECT group_concat(c.name, ', ') FROM
                      (SELECT c.name FROM interview_participants p JOIN contacts c
                       ON c.uid = p.contact_uid WHERE p.interview_uid = i.uid
                       ORDER BY p.position) c)
            FROM interviews i JOIN opportunities o ON o.uid = i.opportunity_uid
            JOIN companies co ON co.uid = o.company_uid
            WHERE {where} ORDER BY {order}""",
        params,
    ).fetchall()
    result = []
    for uid, start, tz, company, title, number, fmt, tone, hear, opp, names in rows:
        moment = datetime.fromisoformat(start)
        result.append(RoundRow(uid, moment, tz, local_date(moment, tz).isoformat(), company, title,
                               number, fmt, tone, hear, names or "", opp))
    return result


def people_met(store: Store, opportunity_uid: str) -> list[str]:
    """Contact uids present at any round of a role, in order of first meeting, and those
    first met at one round in the order that round lists them (so the page and the prep
    brief show them the same way each time)."""
    # SQLite takes a bare column (p.position) from the row that gave min(): their first round.
    rows = store.db.execute(
        """SELECT p.contact_uid, min(i.start) AS first_met, p.position
           FROM interview_participants p JOIN interviews i ON i.uid = p.interview_uid
           WHERE i.opportunity_uid = ? GROUP BY p.contact_uid ORDER BY first_met, p.position""",
        [opportunity_uid],
    ).fetchall()
    return [r[0] for r in rows]
