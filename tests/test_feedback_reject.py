"""Rejecting a role returns the feedback call still open, never a finished one."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from afterword.core.domain import (
    CallStatus,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Opportunity,
    Role,
    Stage,
)
from afterword.core.feedback import reject
from conftest import DEMO_TODAY

CHICAGO = ZoneInfo("America/Chicago")
EARLIER = date(2026, 6, 1)


@pytest.fixture
def role(store) -> Opportunity:
    company = Company("Acme")
    role = Opportunity(company.uid, "CS Director", stage=Stage.INTERVIEWING)
    jo = Contact("Jo Interviewer", company_uid=company.uid, role=Role.INTERVIEWER)
    start = datetime(2026, 5, 20, 10, tzinfo=CHICAGO)
    store.put_many([company, role, jo,
                    Interview(role.uid, 1, start, "America/Chicago", participant_uids=[jo.uid])])
    return role


def _earlier_call(store, role, status: CallStatus) -> FeedbackCall:
    contact = store.select(Contact)[0]
    call = FeedbackCall(contact.uid, role.uid, EARLIER, status=status, requested_on=EARLIER,
                        scheduled_at=datetime(2026, 6, 3, 10, tzinfo=CHICAGO), held_on=date(2026, 6, 3))
    store.put(call)
    return call


@pytest.mark.parametrize("status", [CallStatus.HELD, CallStatus.DROPPED])
def test_a_finished_call_is_not_returned_a_new_one_is_proposed(store, role, status):
    old = _earlier_call(store, role, status)
    call = reject(store, role.uid, DEMO_TODAY)
    assert call is not None and call.uid != old.uid
    assert call.status == CallStatus.TO_REQUEST and call.proposed_on == DEMO_TODAY
    assert store.get(FeedbackCall, call.uid) == call
    assert store.get(FeedbackCall, old.uid) == old  # the finished call is kept as it was
    assert store.count(FeedbackCall) == 2


@pytest.mark.parametrize("status", [CallStatus.TO_REQUEST, CallStatus.REQUESTED, CallStatus.SCHEDULED])
def test_an_open_call_is_returned_and_no_second_one_proposed(store, role, status):
    still_open = _earlier_call(store, role, status)
    _earlier_call(store, role, CallStatus.HELD)  # a finished call recorded after it
    assert reject(store, role.uid, DEMO_TODAY) == still_open
    assert store.count(FeedbackCall) == 2
