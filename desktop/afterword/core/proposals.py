"""What the app proposes when something happens, so the user never does the
arithmetic: notes after a round, a feedback call after a rejection."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from afterword.core.domain import (
    FEEDBACK_ROLES,
    CallStatus,
    Company,
    Contact,
    FeedbackCall,
    Interview,
    Medium,
    Opportunity,
    Role,
    Stage,
    ThankYouNote,
)
from afterword.core.errors import InvalidRecord
from afterword.core.rules import local_date
from afterword.core.store import Store


def note_due(interview: Interview) -> date:
    """The day after the round, in the round's own time zone."""
    return local_date(interview.start, interview.timezone) + timedelta(days=1)


# People met who were not in the interview itself: the front desk and assistants.
# Their note thanks them for their welcome; it never carries the interview's
# concerns or better answers.
FRONT_DESK = (Role.RECEPTIONIST, Role.ASSISTANT)


def postal_address(contact: Contact, company: Company | None = None) -> str | None:
    """Where a note to the person can be posted: their own address, else their company's."""
    for address in (contact.mailing_address, company.address if company else None):
        if (address or "").strip():
            return address
    return None


def note_medium(contact: Contact, company: Company | None = None) -> Medium:
    """Handwritten when there is somewhere to post it, else email."""
    return Medium.HANDWRITTEN if postal_address(contact, company) else Medium.EMAIL


def welcome_points(contact: Contact) -> str | None:
    """What a note to the front desk mentions: how they helped, if recorded."""
    helped = (contact.helped or "").strip()
    return f"Thank them for their help: {helped}" if helped else None


def points_to_mention(interview: Interview) -> str | None:
    """Talking points drawn from the debrief: concerns answered, better answers."""
    lines = []
    for concern in interview.concerns:
        if concern.response:
            lines.append(f"Concern: {concern.text} — {concern.response}")
        else:
            lines.append(f"Concern: {concern.text}")
    for question in interview.questions:
        if question.better_answer:
            lines.append(f"Better answer to “{question.question}”: {question.better_answer}")
    return "\n".join(lines) or None


def propose_notes(store: Store, interview: Interview,
                  unsaved: Mapping[str, Contact] | None = None,
                  unsaved_companies: Mapping[str, Company] | None = None) -> list[ThankYouNote]:
    """One note per person present who does not have one for this round yet:
    handwritten where a postal address is known (theirs, else their company's),
    with the debrief's points, except for the front desk (see FRONT_DESK).

    `unsaved` and `unsaved_companies` hold people and companies created with the
    debrief and not in the store yet.
    """
    if not interview.participant_uids:
        raise InvalidRecord("interview", interview.uid, "participant_uids",
                            "nobody was recorded as present, so there is nobody to thank")
    existing = {
        n.contact_uid for n in store.select(ThankYouNote, "interview_uid = ?", [interview.uid])
    }
    better = next((q.better_answer for q in interview.questions if q.better_answer), None)
    points = points_to_mention(interview)
    notes = []
    for uid in dict.fromkeys(interview.participant_uids):
        contact = (unsaved or {}).get(uid) or store.get(Contact, uid)
        if contact is None or uid in existing:
            continue
        company = None
        if contact.company_uid:
            company = (unsaved_companies or {}).get(contact.company_uid) \
                or store.get(Company, contact.company_uid)
        front_desk = contact.role in FRONT_DESK
        notes.append(ThankYouNote(
            contact_uid=uid, interview_uid=interview.uid, due=note_due(interview),
            medium=note_medium(contact, company),
            points=welcome_points(contact) if front_desk else points,
            better_answer=None if front_desk else better,
        ))
    return notes


def feedback_contact(store: Store, opportunity: Opportunity) -> Contact | None:
    """The person to ask for feedback: someone who interviewed, never HR.

    Prefers the hiring manager, then an interviewer, from the latest round back.
    """
    interviews = store.select(Interview, "opportunity_uid = ?", [opportunity.uid],
                              order_by="round DESC, start DESC")
    candidates: list[Contact] = []
    for interview in interviews:
        for uid in interview.participant_uids:
            contact = store.get(Contact, uid)
            if contact and contact.role in FEEDBACK_ROLES and contact not in candidates:
                candidates.append(contact)
    for role in (Role.HIRING_MANAGER, Role.INTERVIEWER):
        for contact in candidates:
            if contact.role == role:
                return contact
    return None


def propose_feedback_call(store: Store, opportunity: Opportunity, today: date) -> FeedbackCall:
    """A feedback call to request after a rejection.

    Raises InvalidRecord when the role is not rejected or nobody interviewed.
    """
    if opportunity.stage != Stage.REJECTED:
        raise InvalidRecord("opportunity", opportunity.uid, "stage",
                            "a feedback call follows a rejection; this role is "
                            f"{opportunity.stage.value.replace('_', ' ')}")
    contact = feedback_contact(store, opportunity)
    if contact is None:
        raise InvalidRecord("opportunity", opportunity.uid, "interviews",
                            "no interviewer or hiring manager was recorded at any round")
    return FeedbackCall(contact_uid=contact.uid, opportunity_uid=opportunity.uid,
                        proposed_on=today, status=CallStatus.TO_REQUEST)
