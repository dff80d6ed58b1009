"""The prep brief's content, read from the store (no Qt): what a candidate needs
before the next round of one process."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from afterword.core.brief import (
    DEFAULT_CLOSING_QUESTION,
    PRINTED_TEXT,
    UnknownRole,
    build_brief,
    photo_name,
)
from afterword.core.brief_html import render_html, sections
from afterword.core.checklist_html import SectionKind
from afterword.core.domain import (
    CardPhoto,
    Company,
    Concern,
    ConcernKind,
    ConcernSize,
    Contact,
    Interview,
    NoteStatus,
    Opportunity,
    Role,
    ThankYouNote,
)
from brief_world import NOW, northwind, role_titled, schedule_round_3


def test_the_role_and_company_with_the_hear_back_date(demo_store):
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    assert brief.heading() == "Regional Sales Manager — Northwind Logistics"
    assert brief.website == "https://northwind.example"
    assert brief.address == "1200 Harbor Way, Seattle, WA 98101"
    assert brief.stage.value == "interviewing"
    assert brief.hear_back_by == date(2026, 11, 29)
    assert brief.next_steps == "Final round with the chief executive if the panel agrees"
    assert brief.next_round.describe() == "Round 3 — not scheduled yet"


def test_the_scheduled_round_is_read_in_its_own_time_zone(demo_store):
    schedule_round_3(demo_store)
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    assert brief.next_round.number == 3
    assert brief.next_round.describe() == (
        "Round 3 — Thu 26 Nov 2026, 10:00 PST (America/Los_Angeles) · on site")
    # The scheduled round is not an earlier one: two rounds, the hear-back date of round 2.
    assert [r.number for r in brief.rounds] == [1, 2]
    assert brief.hear_back_by == date(2026, 11, 29)


def test_a_round_across_the_spring_change_shows_its_summer_clock(store):
    company = Company("Hudson Freight")
    role = Opportunity(company.uid, "Account Director")
    # 8 March 2026 is when New York moves to summer time: 15:00 UTC is 11:00 EDT.
    start = datetime(2026, 3, 8, 15, 0, tzinfo=ZoneInfo("UTC"))
    store.put_many([company, role, Interview(role.uid, 1, start, "America/New_York")])
    brief = build_brief(store, role.uid, start - timedelta(days=2))
    assert brief.next_round.when.describe() == "Sun 08 Mar 2026, 11:00 EDT (America/New_York)"


def test_everyone_met_with_their_card_the_receptionist_too(demo_store):
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    by_name = {p.name: p for p in brief.people}
    assert set(by_name) == {"Kim Nguyen", "Dana Reyes", "Marcus Chen", "Aisha Okafor", "Tom Becker"}
    dana = by_name["Dana Reyes"]
    assert (dana.title, dana.role_label, dana.phone_direct, dana.phone_cell, dana.email) == (
        "VP Sales, West", "Hiring manager", "+1 206 555 0142", "+1 206 555 0199",
        "dana.reyes@northwind.example")
    assert dana.met_at() == "met in round 2"
    assert by_name["Kim Nguyen"].met_at() == "met in round 1"
    tom = by_name["Tom Becker"]
    assert tom.is_front_desk and tom.role_label == "Receptionist"
    assert tom.remember == "Offered coffee; asked about my drive"
    # The people who decide first, the front desk last.
    assert brief.people[0].name == "Dana Reyes" and brief.people[-1].name == "Tom Becker"
    assert brief.others == ()  # everyone known at Northwind was met


def test_the_card_photo_comes_with_the_person(demo_store):
    dana = next(c for c in demo_store.all(Contact) if c.name == "Dana Reyes")
    demo_store.set_card_photo(dana.uid, CardPhoto(b"\x89PNG\r\n\x1a\nfake", "image/png"))
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    assert list(brief.photos) == [photo_name(dana.uid)]
    assert f"<img src='{photo_name(dana.uid)}'" in render_html(brief)


def test_photo_names_are_plain_whatever_the_uid():
    name = photo_name("x' onerror='alert(1)\"><script>")
    assert name.startswith("card-photo-") and name.replace("-", "").isalnum()


def test_tone_of_each_round_and_a_change_of_tone_named(demo_store):
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    assert [(r.number, r.tone) for r in brief.tones] == [(1, "warm, curious"),
                                                         (2, "warm, collaborative")]
    assert brief.tone_advice() == "Keep this tone in round 3."
    acme = build_brief(demo_store, role_titled(demo_store, "Customer Success Director").uid, NOW)
    assert acme.rounds[1].tone_changed
    assert acme.tone_advice() == "Round 2 sounded different: in round 3, go back to “formal”."


def test_concerns_grouped_by_kind_with_size_and_response(demo_store):
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    [overcome] = brief.concerns_of(ConcernKind.TO_OVERCOME)
    [quantify] = brief.concerns_of(ConcernKind.TO_QUANTIFY)
    assert (overcome.text, overcome.size, overcome.round) == (
        "Limited Salesforce admin experience", ConcernSize.MINOR, 2)
    assert overcome.response.startswith("Re-explained the pipeline dashboards")
    assert quantify.text == "No enterprise deals above $500k"
    html = render_html(brief)
    assert html.index("Concerns to overcome") < html.index("Salesforce admin") \
        < html.index("Concerns to quantify") < html.index("enterprise deals above $500k")


def test_better_answers_and_questions_to_ask_end_with_the_closing_question(demo_store):
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    [question] = brief.questions
    assert question.question == "How would you ramp a new territory?"
    assert question.better_answer.startswith("Name the three anchor accounts")
    assert brief.to_ask[-1] == DEFAULT_CLOSING_QUESTION
    assert any("Dana asked about enterprise deal sizes" in q for q in brief.to_ask)
    worded = build_brief(demo_store, northwind(demo_store).uid, NOW,
                         closing_question="Anything I could address?")
    assert worded.to_ask[-1] == "Anything I could address?"


def test_a_major_fact_to_quantify_becomes_a_question_to_ask(demo_store):
    acme = build_brief(demo_store, role_titled(demo_store, "Customer Success Director").uid, NOW)
    assert acme.to_ask[0] == "About “Never managed a team above six”: how much does it weigh in this role?"


def test_open_thank_you_notes_of_this_process_only(demo_store):
    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    assert sorted(n.recipient for n in brief.open_notes) == [
        "Aisha Okafor", "Dana Reyes", "Marcus Chen", "Tom Becker"]  # Kim's note was sent
    assert {n.status for n in brief.open_notes} == {NoteStatus.TO_WRITE, NoteStatus.DRAFTED,
                                                    NoteStatus.WRITTEN}
    later = build_brief(demo_store, northwind(demo_store).uid, NOW + timedelta(days=2))
    assert all(n.overdue for n in later.open_notes)


def test_recurring_concerns_across_the_search_raised_here_first(demo_store):
    role = northwind(demo_store)
    other = Opportunity(role.company_uid, "Sales Manager, Central")
    demo_store.put_many([other, Interview(
        other.uid, 1, NOW - timedelta(days=40), "America/Chicago",
        concerns=[Concern("no enterprise deal over 500K", ConcernKind.TO_QUANTIFY)])])
    brief = build_brief(demo_store, role.uid, NOW)
    [recurring] = brief.recurring
    assert recurring.text == "no enterprise deal over 500K" and recurring.times == 2
    assert recurring.raised_here
    assert "Across your search" in render_html(brief)
    # Another role sees the search's recurring concern too, not raised there.
    elsewhere = build_brief(demo_store, role_titled(demo_store, "Head of Enterprise Sales").uid, NOW)
    assert [r.raised_here for r in elsewhere.recurring] == [False]


def test_recurring_counts_of_a_long_search_read_with_thousands_separated(demo_store):
    from dataclasses import replace

    from afterword.core.brief import RecurringConcern

    brief = build_brief(demo_store, northwind(demo_store).uid, NOW)
    brief = replace(brief, recurring=(RecurringConcern("Industry gap", 36118, 10000, False),))
    assert "36,118 ROUNDS, 10,000 COMPANIES" in render_html(brief)


def test_no_recurring_concern_no_such_part(demo_store):
    assert "Across your search" not in render_html(build_brief(demo_store, northwind(demo_store).uid, NOW))


def test_a_role_with_no_rounds_still_helps(demo_store):
    brief = build_brief(demo_store, role_titled(demo_store, "Sales Director (confidential client)").uid,
                        NOW)
    assert brief.rounds == () and brief.people == ()
    assert [p.name for p in brief.others] == ["Priya Raman"]  # known at the agency
    assert brief.next_round.describe() == "Round 1 — not scheduled yet"
    assert brief.to_ask == (DEFAULT_CLOSING_QUESTION,)
    assert brief.summary() == ("Round 1 — not scheduled yet; the first round; 1 person known at "
                               "Orchard & Pike Talent")
    html = render_html(brief)
    assert "People you know at Orchard &amp; Pike Talent" in html
    assert "The first round: no tone to keep yet" in html


def test_an_unknown_role_is_refused_in_one_line(demo_store):
    with pytest.raises(UnknownRole, match="no role with uid 'nope'"):
        build_brief(demo_store, "nope", NOW)


def test_a_huge_concern_is_shortened_on_the_page(demo_store):
    role = northwind(demo_store)
    text = "Worried about the commute. " * 370  # 9,990 characters, as long as a form allows
    demo_store.put(Interview(role.uid, 1, NOW - timedelta(days=3), "UTC",
                             concerns=[Concern(text, ConcernKind.TO_OVERCOME, "x" * 10_000)]))
    brief = build_brief(demo_store, role.uid, NOW)
    long_one = next(c for c in brief.concerns if c.text.startswith("Worried"))
    assert len(long_one.text) == PRINTED_TEXT and long_one.text.endswith("…")
    assert len(long_one.response) == PRINTED_TEXT


def test_markup_in_user_text_is_escaped_everywhere(store):
    company = Company("<b>Evil</b> Corp", website="javascript:alert(1)")
    role = Opportunity(company.uid, '<img src="file:///etc/passwd">')
    person = Contact("<b>Bo</b>", "<i>t</i>", company.uid, Role.RECEPTIONIST,
                     email="<a href='x'>m</a>")
    interview = Interview(role.uid, 1, NOW - timedelta(days=1), "UTC", participant_uids=[person.uid],
                          tone="<script>", concerns=[Concern("<img src=x>", ConcernKind.TO_QUANTIFY,
                                                             "<u>r</u>")])
    store.put_many([company, role, person, interview,
                    ThankYouNote(person.uid, interview.uid, NOW.date())])
    html = render_html(build_brief(store, role.uid, NOW, closing_question="<hr>?"))
    for raw in ("<b>Evil", "<img src=\"file", "<b>Bo", "<i>t", "<a href", "<script>", "<img src=x",
                "<u>r", "<hr>"):
        assert raw not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_sections_keep_each_item_whole(demo_store):
    parts = sections(build_brief(demo_store, northwind(demo_store).uid, NOW))
    assert parts[0].kind == SectionKind.HEADING
    titles = [p.html for p in parts if p.kind == SectionKind.GROUP]
    assert len(titles) == len({p.group for p in parts if p.kind == SectionKind.ROW})
    # Two cards a row: five people are three rows.
    people_group = next(p.group for p in parts if "People you have met" in p.html)
    assert sum(1 for p in parts if p.kind == SectionKind.ROW and p.group == people_group) == 3
