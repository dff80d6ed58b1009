"""A realistic sample: a job search a few weeks in, relative to `today`, so that
something of every kind is due. Feeds screenshots, manual testing and benchmarks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from afterword.core.domain import (
    Answer,
    Cadence,
    CallStatus,
    Company,
    Concern,
    ConcernKind,
    ConcernSize,
    Contact,
    FeedbackCall,
    Format,
    Interview,
    NoteStatus,
    Opportunity,
    Question,
    Role,
    Source,
    Stage,
    ThankYouNote,
    Touch,
    TouchKind,
)
from afterword.core.errors import AfterwordError
from afterword.core.proposals import note_due, note_medium
from afterword.core.store import Store

TARGETS = ("Sales leadership", "Customer success", "Revenue operations")


class _Builder:
    def __init__(self, today: date):
        self.today = today
        self.records: list = []

    def add(self, record):
        self.records.append(record)
        return record

    def at(self, days_ago: int, hour: int, tz: str) -> datetime:
        day = self.today - timedelta(days=days_ago)
        return datetime.combine(day, time(hour), ZoneInfo(tz))

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def round(self, opp: Opportunity, number: int, days_ago: int, tz: str, fmt: Format,
              people: list[Contact], **fields) -> Interview:
        return self.add(Interview(
            opportunity_uid=opp.uid, round=number, start=self.at(days_ago, 10, tz),
            timezone=tz, format=fmt, participant_uids=[p.uid for p in people], **fields,
        ))

    def notes(self, interview: Interview, people: list[Contact], statuses: list[NoteStatus],
              points: str | None = None) -> None:
        for person, status in zip(people, statuses, strict=True):
            due = note_due(interview)
            sent = due if status in (NoteStatus.SENT, NoteStatus.DELIVERED) else None
            self.add(ThankYouNote(
                contact_uid=person.uid, interview_uid=interview.uid, due=due,
                medium=note_medium(person), status=status, sent_on=sent, points=points,
            ))


def build_demo(today: date) -> list:
    """The sample records, in an order where references point backwards."""
    b = _Builder(today)
    northwind = b.add(Company("Northwind Logistics", "https://northwind.example",
                              "1200 Harbor Way, Seattle, WA 98101", "Freight software; fast growth"))
    acme = b.add(Company("Acme Analytics", "https://acme-analytics.example",
                         "400 Congress Ave, Austin, TX 78701"))
    bluebird = b.add(Company("Bluebird Health", "https://bluebird.example",
                             "77 W Wacker Dr, Chicago, IL 60601"))
    lumen = b.add(Company("Lumen Robotics", "https://lumen-robotics.example",
                          "1 Kendall Sq, Cambridge, MA 02139"))
    orchard = b.add(Company("Orchard & Pike Talent", "https://orchardpike.example",
                            notes="Agency; Priya places sales leaders"))
    fenwick = b.add(Company("Fenwick Foods", "https://fenwick.example",
                            "9 Market St, London EC1A 1AA, United Kingdom"))

    def person(name, title, company, role, **card) -> Contact:
        return b.add(Contact(name, title, company.uid, role, **card))

    dana = person("Dana Reyes", "VP Sales, West", northwind, Role.HIRING_MANAGER,
                  phone_direct="+1 206 555 0142", phone_cell="+1 206 555 0199",
                  email="dana.reyes@northwind.example",
                  mailing_address="Dana Reyes\nNorthwind Logistics\n1200 Harbor Way\n"
                                  "Seattle, WA 98101",
                  linkedin="https://linkedin.com/in/danareyes-example",
                  helped="Walked me through the territory plan")
    marcus = person("Marcus Chen", "Regional Sales Director", northwind, Role.INTERVIEWER,
                    phone_direct="+1 206 555 0117", email="marcus.chen@northwind.example",
                    mailing_address="Marcus Chen\nNorthwind Logistics\n1200 Harbor Way\n"
                                    "Seattle, WA 98101")
    aisha = person("Aisha Okafor", "Sales Operations Lead", northwind, Role.INTERVIEWER,
                   email="aisha.okafor@northwind.example")
    tom = person("Tom Becker", "Front desk", northwind, Role.RECEPTIONIST,
                 phone_direct="+1 206 555 0100",
                 mailing_address="Tom Becker (Reception)\nNorthwind Logistics\n1200 Harbor Way\n"
                                 "Seattle, WA 98101", notes="Offered coffee; asked about my drive")
    kim = person("Kim Nguyen", "Talent Partner", northwind, Role.RECRUITER,
                 email="kim.nguyen@northwind.example", phone_cell="+1 206 555 0175")
    rafael = person("Rafael Ortiz", "Director, Customer Success", acme, Role.HIRING_MANAGER,
                    phone_direct="+1 512 555 0133", email="rafael.ortiz@acme-analytics.example",
                    mailing_address="Rafael Ortiz\nAcme Analytics\n400 Congress Ave\n"
                                    "Austin, TX 78701")
    helen = person("Helen Park", "HR Business Partner", acme, Role.HR,
                   email="helen.park@acme-analytics.example")
    jo = person("Jo Whitaker", "Senior CSM", acme, Role.INTERVIEWER,
                email="jo.whitaker@acme-analytics.example")
    sam = person("Sam Delgado", "Account Director", bluebird, Role.INTERVIEWER,
                 email="sam.delgado@bluebird.example", phone_direct="+1 312 555 0160",
                 mailing_address="Sam Delgado\nBluebird Health\n77 W Wacker Dr\nChicago, IL 60601")
    nora = person("Nora Lindqvist", "CRO", lumen, Role.HIRING_MANAGER,
                  email="nora@lumen-robotics.example", phone_cell="+1 617 555 0188",
                  mailing_address="Nora Lindqvist\nLumen Robotics\n1 Kendall Sq\n"
                                  "Cambridge, MA 02139")
    raj = person("Raj Patel", "Enterprise AE", lumen, Role.INTERVIEWER,
                 email="raj.patel@lumen-robotics.example")
    priya = person("Priya Raman", "Principal Recruiter", orchard, Role.RECRUITER,
                   phone_cell="+1 415 555 0123", email="priya@orchardpike.example",
                   helped="Introduced me to Lumen and Northwind")
    ellis = b.add(Contact("Ellis Grant", "Former manager", None, Role.REFERRER,
                          phone_cell="+1 503 555 0108", email="ellis.grant@example.com",
                          notes="Reference; likes a quick call, not email"))
    olivia = person("Olivia Hart", "Head of Sales", fenwick, Role.HIRING_MANAGER,
                    email="olivia.hart@fenwick.example",
                    mailing_address="Olivia Hart\nFenwick Foods\n9 Market St\n"
                                    "London EC1A 1AA\nUnited Kingdom")

    def role(company, title, target, stage, source=Source.DIRECT, applied=30) -> Opportunity:
        return b.add(Opportunity(company.uid, title, source, target, stage, b.ago(applied)))

    nw_role = role(northwind, "Regional Sales Manager", TARGETS[0], Stage.INTERVIEWING,
                   Source.AGENCY, 35)
    acme_role = role(acme, "Customer Success Director", TARGETS[1], Stage.REJECTED, applied=45)
    blue_role = role(bluebird, "Enterprise Account Executive", TARGETS[0], Stage.REJECTED,
                     Source.REFERRAL, 80)
    lumen_role = role(lumen, "Head of Enterprise Sales", TARGETS[0], Stage.INTERVIEWING,
                      Source.AGENCY, 40)
    role(orchard, "Sales Director (confidential client)", TARGETS[0], Stage.LEAD,
         Source.AGENCY, 3)
    fen_role = role(fenwick, "Revenue Operations Manager", TARGETS[2], Stage.WITHDRAWN, applied=60)
    role(bluebird, "Customer Success Manager", TARGETS[1], Stage.APPLIED, applied=6)

    la, chi, bos, aus, lon = ("America/Los_Angeles", "America/Chicago", "America/New_York",
                              "America/Chicago", "Europe/London")
    nw1 = b.round(nw_role, 1, 21, la, Format.PHONE, [kim], tone="warm, curious",
                  hear_back_by=b.ago(14), followed_up_on=b.ago(13))
    b.notes(nw1, [kim], [NoteStatus.SENT])
    nw2 = b.round(
        nw_role, 2, 1, la, Format.ON_SITE, [dana, marcus, aisha, tom], tone="warm, collaborative",
        hear_back_by=today + timedelta(days=6),
        closing_question="Is there anything in my background that gives you pause?",
        closing_answer="Dana asked about enterprise deal sizes; Marcus about CRM depth.",
        next_steps="Final round with the chief executive if the panel agrees",
        questions=[Question("How would you ramp a new territory?",
                            "Talked about my first 90 days in general terms",
                            "Name the three anchor accounts in the Pacific NW and the plan "
                            "that grew Portland 38% in a year")],
        concerns=[
            Concern("No enterprise deals above $500k", ConcernKind.TO_QUANTIFY,
                    "Two $400k deals; the process is the same, and I asked how many of their "
                    "deals are above $500k (about one in ten).", ConcernSize.MINOR),
            Concern("Limited Salesforce admin experience", ConcernKind.TO_OVERCOME,
                    "Re-explained the pipeline dashboards I built in Salesforce at Pacifica.",
                    ConcernSize.MINOR),
        ],
    )
    b.notes(nw2, [dana, marcus, aisha, tom],
            [NoteStatus.TO_WRITE, NoteStatus.DRAFTED, NoteStatus.TO_WRITE, NoteStatus.WRITTEN],
            points="Thank them for the tour; the Portland ramp plan; CRM dashboards")

    acme1 = b.round(acme_role, 1, 30, aus, Format.VIDEO, [helen], tone="formal",
                    hear_back_by=b.ago(25))
    acme2 = b.round(acme_role, 2, 20, aus, Format.ON_SITE, [rafael, jo, helen],
                    tone="pushy — I pressed for a decision",
                    concerns=[Concern("Never managed a team above six", ConcernKind.TO_QUANTIFY,
                                      "Said span of control is learnable", ConcernSize.MAJOR)])
    b.notes(acme1, [helen], [NoteStatus.SENT])
    b.notes(acme2, [rafael, jo, helen], [NoteStatus.DELIVERED, NoteStatus.SENT, NoteStatus.SENT])
    b.add(FeedbackCall(rafael.uid, acme_role.uid, proposed_on=b.ago(3)))

    blue1 = b.round(blue_role, 1, 70, chi, Format.VIDEO, [sam], tone="easy, friendly")
    b.notes(blue1, [sam], [NoteStatus.DELIVERED])
    b.add(FeedbackCall(
        sam.uid, blue_role.uid, proposed_on=b.ago(60), status=CallStatus.HELD,
        requested_on=b.ago(59), requested_via="phone", held_on=b.ago(52),
        feedback="+ strong discovery questions\n- case study ran long; no numbers up front",
        actions="Lead with the number in every story; practise a 2-minute case study",
        similar_role=Answer.YES, other_roles=Answer.MAYBE, stay_in_touch=Answer.YES,
    ))
    b.add(Cadence(sam.uid, "FREQ=MONTHLY;INTERVAL=2", b.ago(52), max_days=75))

    lumen1 = b.round(lumen_role, 1, 28, bos, Format.PHONE, [priya, raj], tone="energetic")
    lumen2 = b.round(lumen_role, 2, 12, bos, Format.VIDEO, [nora, raj], tone="energetic",
                     hear_back_by=b.ago(4), closing_question="Anything I could address?",
                     closing_answer="Nora wants more on channel partnerships")
    b.notes(lumen1, [priya, raj], [NoteStatus.SENT, NoteStatus.SENT])
    b.notes(lumen2, [nora, raj], [NoteStatus.DELIVERED, NoteStatus.SENT])

    fen1 = b.round(fen_role, 1, 50, lon, Format.VIDEO, [olivia], tone="relaxed")
    b.notes(fen1, [olivia], [NoteStatus.SENT])

    b.add(Cadence(priya.uid, "FREQ=WEEKLY;INTERVAL=3", b.ago(90), max_days=25))
    b.add(Cadence(ellis.uid, "FREQ=WEEKLY;INTERVAL=2", b.ago(120)))
    b.add(Cadence(olivia.uid, "FREQ=MONTHLY;INTERVAL=3", b.ago(45), active=False))
    b.add(Cadence(kim.uid, "FREQ=MONTHLY;INTERVAL=1", b.ago(20)))
    b.add(Touch(ellis.uid, b.at(20, 18, la), TouchKind.CALL, "Caught up; he will be a reference"))
    b.add(Touch(priya.uid, b.at(40, 9, la), TouchKind.COFFEE,
                "Coffee on Valencia St; she'll flag sales director roles"))
    b.add(Touch(sam.uid, b.at(52, 12, chi), TouchKind.CALL, "Feedback call; see notes"))
    return b.records


def fill_demo(store: Store, today: date) -> int:
    """Fill an empty database with the sample; refuses one that has records."""
    if store.count(Company) or store.count(Contact):
        raise AfterwordError(f"{store.path} already has records; demo data goes into an empty one")
    records = build_demo(today)
    with store.atomic():
        store.put_many(records)
    return len(records)
