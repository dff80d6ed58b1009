"""The reminder rules of PRODUCT.md, written the plain way: read every record, work
out every reminder. Slow and obviously right; the engine in core/rules.py must
give the same answers (tests/test_rules_randomized.py)."""

from __future__ import annotations

from datetime import date, timedelta

from afterword.core.cadence import BadRule, next_touch
from afterword.core.domain import (
    OPEN_STAGES,
    Cadence,
    CallStatus,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Medium,
    Opportunity,
    ThankYouNote,
    Touch,
)
from afterword.core.rules import CadenceState, ReminderKind, feedback_call_due, local_date
from afterword.core.store import Store


def _who(name, company):
    name = name or "(unknown person)"
    return f"{name} ({company})" if company else name


def last_contacts(store: Store, on: date) -> dict[str, date]:
    """Each person's latest contact on or before `on`: touch, round attended, note
    sent, call held."""
    days: dict[str, list[date]] = {}
    for t in store.all(Touch):
        days.setdefault(t.contact_uid, []).append(t.at.date())
    for i in store.all(Interview):
        for uid in i.participant_uids:
            days.setdefault(uid, []).append(local_date(i.start, i.timezone))
    for n in store.all(ThankYouNote):
        if n.sent_on:
            days.setdefault(n.contact_uid, []).append(n.sent_on)
    for c in store.all(FeedbackCall):
        if c.held_on:
            days.setdefault(c.contact_uid, []).append(c.held_on)
    return {uid: max(d for d in ds if d <= on) for uid, ds in days.items() if any(d <= on for d in ds)}


def reminders(store: Store, on: date, until: date | None) -> set[tuple]:
    """(kind, source uid, due, overdue after, title, contact uid, detail) of every
    reminder due by `until` (None: every open one), contact counted up to `on`."""
    people = {c.uid: c for c in store.all(Contact)}
    companies = {c.uid: c.name for c in store.all(Company)}
    out = set()

    def add(kind, uid, due, late, title, contact, detail):
        if until is None or due <= until:
            out.add((kind, uid, due, late, title, contact, detail))

    for n in store.all(ThankYouNote):
        if n.status.is_done:
            continue
        c = people[n.contact_uid]
        verb = "Send thank-you email to" if n.medium == Medium.EMAIL else "Post thank-you note to"
        add(ReminderKind.THANK_YOU_NOTE, n.uid, n.due, n.due,
            f"{verb} {_who(c.name, companies.get(c.company_uid))}", c.uid,
            f"status: {n.status.value.replace('_', ' ')}")
    ids = dict(store.db.execute("SELECT uid, id FROM interviews").fetchall())
    rounds: dict[str, list[Interview]] = {}
    for i in store.all(Interview):
        rounds.setdefault(i.opportunity_uid, []).append(i)
    for opp in store.all(Opportunity):
        if opp.stage not in OPEN_STAGES or opp.uid not in rounds:
            continue
        latest = max(rounds[opp.uid], key=lambda i: (i.round, i.start.isoformat(), ids[i.uid]))
        if latest.hear_back_by is None or latest.followed_up_on is not None:
            continue
        due = latest.hear_back_by + timedelta(days=1)
        company = companies[opp.company_uid]
        add(ReminderKind.FOLLOW_UP, latest.uid, due, due, f"Follow up: {opp.title} at {company}",
            latest.participant_uids[0] if latest.participant_uids else None,
            f"round {latest.round}: they said you would hear back by {latest.hear_back_by.isoformat()}")
    titles = {CallStatus.TO_REQUEST: "Request feedback call: {}",
              CallStatus.REQUESTED: "Chase feedback call request: {}",
              CallStatus.SCHEDULED: "Feedback call with {}"}
    opportunities = {o.uid: o for o in store.all(Opportunity)}
    for call in store.all(FeedbackCall):
        due = feedback_call_due(call.status, call.proposed_on, call.requested_on, call.scheduled_at)
        if due is None:
            continue
        c = people[call.contact_uid]
        role = opportunities[call.opportunity_uid].title if call.opportunity_uid in opportunities else None
        add(ReminderKind.FEEDBACK_CALL, call.uid, due, due,
            titles[call.status].format(_who(c.name, companies.get(c.company_uid))), c.uid,
            f"after the rejection for {role}" if role else None)
    last = last_contacts(store, on)
    for k in store.all(Cadence):
        if not k.active:
            continue
        touch = next_touch(k.rrule, k.start, k.max_days, last.get(k.contact_uid))
        if touch is None:
            continue
        c = people[k.contact_uid]
        add(ReminderKind.TOUCH, k.uid, touch.due, touch.overdue_after,
            f"Stay in touch: {_who(c.name, companies.get(c.company_uid))}", c.uid,
            f"last contact {touch.anchor.isoformat()}")
    return out


def statuses(store: Store, on: date) -> dict[str, tuple]:
    """(last contact, next due, overdue after, state) per person, as the People list shows."""
    last = last_contacts(store, on)
    cadences = {}
    for k in sorted(store.all(Cadence), key=lambda k: store.db.execute(
            "SELECT id FROM cadences WHERE uid = ?", [k.uid]).fetchone()[0]):
        cadences[k.contact_uid] = k
    out = {}
    for c in store.all(Contact):
        latest = last.get(c.uid)
        k = cadences.get(c.uid)
        if k is None:
            out[c.uid] = (latest, None, None, CadenceState.NONE)
        elif not k.active:
            out[c.uid] = (latest, None, None, CadenceState.PAUSED)
        else:
            try:
                touch = next_touch(k.rrule, k.start, k.max_days, latest)
            except BadRule:
                touch = None
            if touch is None:
                out[c.uid] = (latest, None, None, CadenceState.NONE)
                continue
            state = (CadenceState.OVERDUE if touch.overdue_after < on
                     else CadenceState.DUE if touch.due <= on else CadenceState.OK)
            out[c.uid] = (latest, touch.due, touch.overdue_after, state)
    return out
