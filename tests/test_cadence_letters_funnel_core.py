"""Cadences and touches, the follow-up letter, and the funnel on the demo data."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.core.domain import Company, Concern, Contact, Interview, Opportunity, TouchKind
from afterword.core.errors import InvalidRecord
from afterword.core.funnel import concern_groups, concern_key, funnel, recurring_concerns
from afterword.core.letters import LetterChoice, compose_follow_up, save_letter
from afterword.core.rules import CadenceState, cadence_status, due_reminders
from afterword.core.stay_in_touch import cadence_for, log_touch, make_cadence, save_cadence
from conftest import DEMO_TODAY

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime.combine(DEMO_TODAY, datetime.min.time().replace(hour=17), LA)


def _person(store, name) -> Contact:
    return next(c for c in store.all(Contact) if c.name == name)


@pytest.mark.parametrize("every", [0, -2])
def test_zero_or_negative_interval_is_refused(store, every):
    with pytest.raises(InvalidRecord, match="interval must be 1 or more"):
        make_cadence("someone", every, "weeks", DEMO_TODAY)


def test_maximum_shorter_than_the_interval_is_refused():
    with pytest.raises(InvalidRecord, match="shorter than the ideal"):
        make_cadence("someone", 2, "weeks", DEMO_TODAY, max_days=10)
    with pytest.raises(InvalidRecord, match="1 day or more"):
        make_cadence("someone", 2, "weeks", DEMO_TODAY, max_days=0)


def test_a_touch_resets_the_cadence(demo_store):
    ellis = _person(demo_store, "Ellis Grant")  # every 2 weeks; last call 20 days ago: overdue
    before = cadence_status(demo_store, [ellis.uid], DEMO_TODAY)[ellis.uid]
    assert before.last_touch == DEMO_TODAY - timedelta(days=20)
    assert before.state == CadenceState.OVERDUE
    touches = [r for r in due_reminders(demo_store, DEMO_TODAY).items if r.contact_uid == ellis.uid]
    assert len(touches) == 1

    log_touch(demo_store, ellis.uid, NOW - timedelta(hours=1), TouchKind.COFFEE, NOW, "Coffee")
    after = cadence_status(demo_store, [ellis.uid], DEMO_TODAY)[ellis.uid]
    assert after.last_touch == DEMO_TODAY
    assert after.next_due == DEMO_TODAY + timedelta(weeks=2)
    assert after.state == CadenceState.OK
    assert not [r for r in due_reminders(demo_store, DEMO_TODAY).items if r.contact_uid == ellis.uid]


def test_a_touch_in_the_future_is_refused(demo_store):
    ellis = _person(demo_store, "Ellis Grant")
    with pytest.raises(InvalidRecord, match="in the future"):
        log_touch(demo_store, ellis.uid, NOW + timedelta(days=2), TouchKind.CALL, NOW)


def test_cadence_status_for_visible_rows(demo_store):
    names = ["Ellis Grant", "Olivia Hart", "Dana Reyes", "Sam Delgado"]
    uids = {n: _person(demo_store, n).uid for n in names}
    status = cadence_status(demo_store, uids.values(), DEMO_TODAY)
    assert set(status) == set(uids.values())
    assert status[uids["Olivia Hart"]].state == CadenceState.PAUSED
    assert status[uids["Dana Reyes"]].state == CadenceState.NONE
    assert status[uids["Dana Reyes"]].last_touch == DEMO_TODAY - timedelta(days=1)  # the round
    sam = status[uids["Sam Delgado"]]
    assert sam.next_due is not None and sam.state in (CadenceState.OK, CadenceState.DUE,
                                                      CadenceState.OVERDUE)


def test_saving_a_cadence_replaces_the_persons_one(demo_store):
    ellis = _person(demo_store, "Ellis Grant")
    existing = cadence_for(demo_store, ellis.uid)
    updated = make_cadence(ellis.uid, 1, "months", DEMO_TODAY, max_days=40, active=False,
                           uid=existing.uid)
    save_cadence(demo_store, updated)
    assert cadence_for(demo_store, ellis.uid) == updated
    assert cadence_status(demo_store, [ellis.uid], DEMO_TODAY)[ellis.uid].state == CadenceState.PAUSED


def _debriefed_round(store) -> Interview:
    return next(i for i in store.all(Interview) if i.questions)


def test_follow_up_letter_carries_the_better_answer_and_the_concern_response(demo_store, tmp_path):
    interview = _debriefed_round(demo_store)
    dana = _person(demo_store, "Dana Reyes")
    text = compose_follow_up(demo_store, interview,
                             LetterChoice(dana.uid, question_index=0, concern_index=1, sender="Alex"))
    assert text.startswith("Dear Dana,")
    assert "Regional Sales Manager role at Northwind Logistics" in text
    assert interview.questions[0].better_answer in text
    assert "How would you ramp a new territory?" in text
    assert interview.concerns[1].response in text
    assert "very interested" in text and text.rstrip().endswith("Alex")
    out = tmp_path / "letter.txt"
    save_letter(text, out)
    assert out.read_text(encoding="utf-8") == text


def test_letter_without_choices_has_no_answer_paragraph_and_keeps_dollar_signs(demo_store):
    interview = _debriefed_round(demo_store)
    interview.concerns[0].response = "Deals of $400k; ${company} stays as typed\x07"
    plain_letter = compose_follow_up(demo_store, interview, LetterChoice())
    assert "Dear Hiring team," in plain_letter
    assert interview.questions[0].better_answer not in plain_letter
    with_concern = compose_follow_up(demo_store, interview, LetterChoice(concern_index=0))
    assert "Deals of $400k; ${company} stays as typed." in with_concern
    assert "\x07" not in with_concern


def test_funnel_counts_for_the_demo_data(demo_store):
    funnels = {f.target: f for f in funnel(demo_store)}
    assert list(funnels) == ["Customer success", "Revenue operations", "Sales leadership"]
    sales = funnels["Sales leadership"]
    # Northwind and Lumen at round 2, Bluebird AE stopped after round 1, the agency lead not yet.
    assert sales.counts() == [(0, 4, 0), (1, 3, 1), (2, 2, 0)]
    assert sales.open_at(2) == 2 and sales.open_at(0) == 1
    assert funnels["Customer success"].counts() == [(0, 2, 0), (1, 1, 0), (2, 1, 1)]
    assert funnels["Revenue operations"].counts() == [(0, 1, 0), (1, 1, 1)]
    wheres = {p.title: p.where() for f in funnels.values() for p in f.processes}
    assert wheres["Customer Success Director"] == "stopped after round 2 (rejected)"
    assert wheres["Revenue Operations Manager"] == "stopped after round 1 (withdrawn)"
    assert wheres["Sales Director (confidential client)"] == "before any round (lead)"


def test_recurring_concerns_group_by_normalised_text(demo_store):
    assert concern_key("No enterprise deals above $500k") == concern_key("no Enterprise deal over 500K!")
    assert recurring_concerns(demo_store) == []
    company = Company("Zephyr")
    role = Opportunity(company.uid, "Sales VP", target="Sales leadership")
    later = Interview(role.uid, 1, NOW - timedelta(hours=2), "America/Los_Angeles",
                      concerns=[Concern("no Enterprise deal over 500K!")])
    demo_store.put_many([company, role, later])
    recurring = recurring_concerns(demo_store)
    assert len(recurring) == 1
    assert recurring[0].text == "No enterprise deals above $500k"
    assert recurring[0].times == 2 and recurring[0].companies == {"Northwind Logistics", "Zephyr"}
    # The full list puts the recurring concern first.
    assert concern_groups(demo_store)[0].text == recurring[0].text


def test_last_contact_for_some_people_matches_the_full_scan(demo_store):
    from afterword.core.rules import last_contact_dates

    everyone = last_contact_dates(demo_store)
    some = [c.uid for c in demo_store.all(Contact)][::2]
    assert last_contact_dates(demo_store, some) == {u: d for u, d in everyone.items() if u in some}
    assert last_contact_dates(demo_store, []) == {}
