"""Stay-in-touch cadences and touches as the user sets and logs them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from afterword.core.cadence import UNITS, BadRule, next_touch_due, parse_rule, rule_text
from afterword.core.domain import Cadence, Contact, Touch, TouchKind
from afterword.core.errors import InvalidRecord
from afterword.core.store import Store


def make_cadence(contact_uid: str, every: int, unit: str, start: date, *,
                 max_days: int | None = None, active: bool = True,
                 uid: str | None = None) -> Cadence:
    """A checked cadence: "every `every` `unit`", overdue after `max_days`.

    Refuses an interval of zero or less (it would never come due, or always be
    due) and a maximum shorter than the ideal interval.
    """
    where = ("cadence", uid)
    if unit not in UNITS:
        raise InvalidRecord(*where, "rrule", f"choose days, weeks or months, not “{unit}”")
    if not isinstance(every, int) or every < 1:
        raise InvalidRecord(*where, "rrule",
                            f"“every {every} {unit}” is not a cadence: the interval must be 1 or more")
    rule = rule_text(every, unit)
    if max_days is not None:
        if max_days < 1:
            raise InvalidRecord(*where, "max_days", "the maximum must be 1 day or more (or none)")
        ideal = (next_touch_due(rule, start) - start).days
        if max_days < ideal:
            raise InvalidRecord(*where, "max_days",
                                f"the maximum ({max_days} days) is shorter than the ideal "
                                f"interval (every {every} {unit}, {ideal} days here)")
    cadence = Cadence(contact_uid=contact_uid, rrule=rule, start=start, max_days=max_days,
                      active=active)
    return replace(cadence, uid=uid) if uid else cadence


def describe(cadence: Cadence) -> str:
    """'every 2 months, at most 75 days' — for lists and labels."""
    try:
        text = parse_rule(cadence.rrule).describe()
    except BadRule:
        text = cadence.rrule
    if cadence.max_days:
        text += f", at most {cadence.max_days} days"
    return text if cadence.active else f"{text} (paused)"


def rule_parts(rrule: str) -> tuple[int, str]:
    """(every, unit) of a plain rule, for filling a form; (1, 'months') otherwise."""
    try:
        parsed = parse_rule(rrule)
    except BadRule:
        return 1, "months"
    names = {v: k for k, v in UNITS.items()}
    return parsed.interval, names.get(parsed.freq, "months")


def cadence_for(store: Store, contact_uid: str) -> Cadence | None:
    """The person's cadence (the latest one, if an import brought several)."""
    found = store.select(Cadence, "contact_uid = ?", [contact_uid])
    return found[-1] if found else None


def save_cadence(store: Store, cadence: Cadence) -> None:
    """Check and save a cadence (one transaction)."""
    try:
        parse_rule(cadence.rrule)
    except BadRule as exc:
        raise InvalidRecord("cadence", cadence.uid, "rrule", str(exc)) from None
    if cadence.max_days is not None and cadence.max_days < 1:
        raise InvalidRecord("cadence", cadence.uid, "max_days", "the maximum must be 1 day or more")
    with store.atomic():
        if store.get(Contact, cadence.contact_uid) is None:
            raise InvalidRecord("cadence", cadence.uid, "contact_uid", "this person no longer exists")
        store.put(cadence)


def make_touch(contact_uid: str, at: datetime, kind: TouchKind, now: datetime,
               notes: str | None = None) -> Touch:
    """A checked touch, not saved yet: refuses a time without a zone or in the future."""
    if at.tzinfo is None:
        raise InvalidRecord("touch", None, "at", "the time has no time zone")
    if at > now:
        raise InvalidRecord("touch", None, "at",
                            f"{at:%Y-%m-%d %H:%M} is in the future; log a touch once it happened")
    return Touch(contact_uid=contact_uid, at=at, kind=TouchKind(kind), notes=(notes or "").strip() or None)


def save_touch(store: Store, touch: Touch) -> None:
    """Save a touch made by `make_touch` (one transaction)."""
    with store.atomic():
        if store.get(Contact, touch.contact_uid) is None:
            raise InvalidRecord("touch", touch.uid, "contact_uid", "this person no longer exists")
        store.put(touch)


def log_touch(store: Store, contact_uid: str, at: datetime, kind: TouchKind, now: datetime,
              notes: str | None = None) -> Touch:
    """Record a contact with the person; it restarts their cadence."""
    touch = make_touch(contact_uid, at, kind, now, notes)
    save_touch(store, touch)
    return touch
