"""The checklist's content and its rich text, straight from the core (no Qt)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from afterword.core.checklist import (
    MISSING_CONTACT,
    address_lines,
    build_checklist,
    envelopes_for,
)
from afterword.core.checklist_html import render_html, sections
from afterword.core.domain import (
    Company,
    Contact,
    Interview,
    NoteStatus,
    Opportunity,
    Role,
    ThankYouNote,
)
from conftest import DEMO_TODAY

NASTY = '<img src="file:///etc/passwd">'


def test_demo_lists_the_four_open_notes_of_northwind_round_two(demo_store):
    checklist = build_checklist(demo_store, DEMO_TODAY)
    assert len(checklist.groups) == 1
    group = checklist.groups[0]
    assert group.interview.company == "Northwind Logistics"
    assert group.interview.role_title == "Regional Sales Manager"
    assert group.interview.round == 2
    assert group.interview.day == date(2026, 11, 22)
    names = [row.recipient for row in group.rows]
    assert sorted(names) == ["Aisha Okafor", "Dana Reyes", "Marcus Chen", "Tom Becker"]
    tom = next(r for r in group.rows if r.recipient == "Tom Becker")
    assert tom.role == Role.RECEPTIONIST and tom.role_label == "Receptionist"
    assert tom.address_lines[0] == "Tom Becker (Reception)"
    # Tom's note is already written: that box is ticked, the others are not.
    assert [(b.step, b.ticked) for b in tom.boxes] == [
        ("written", True), ("addressed", False), ("stamped", False), ("delivered", False)]
    dana = next(r for r in group.rows if r.recipient == "Dana Reyes")
    assert not any(b.ticked for b in dana.boxes)
    assert "Portland ramp plan" in dana.points
    assert not any(r.overdue for r in group.rows)
    assert checklist.summary() == ("4 notes to write after 1 interview; "
                                   "1 without a mailing address")


def test_notes_due_before_the_day_are_overdue_and_sent_ones_are_not_listed(demo_store):
    later = build_checklist(demo_store, date(2026, 11, 25))
    assert len(later.rows) == 4 and all(r.overdue for r in later.rows)
    assert "(4 overdue)" in later.summary()
    # A range from the due day itself: listed, but not overdue yet.
    ranged = build_checklist(demo_store, date(2026, 11, 30), since=DEMO_TODAY)
    assert len(ranged.rows) == 4 and not any(r.overdue for r in ranged.rows)
    assert all(r.status not in (NoteStatus.SENT, NoteStatus.DELIVERED) for r in later.rows)


def test_an_earlier_day_has_nothing_to_write(demo_store):
    checklist = build_checklist(demo_store, date(2026, 11, 1))
    assert checklist.is_empty
    assert checklist.summary() == "Nothing to write."
    assert "Nothing to write" in render_html(checklist)


def test_a_note_whose_contact_is_gone_is_still_listed_with_the_others(demo_store):
    demo_store.db.execute("PRAGMA foreign_keys = OFF")
    interview_uid = demo_store.select(ThankYouNote, "status = 'to_write'")[0].interview_uid
    demo_store.put(ThankYouNote(contact_uid="gone-contact", interview_uid=interview_uid,
                                due=DEMO_TODAY, points="Still to thank them"))
    demo_store.db.execute("PRAGMA foreign_keys = ON")
    checklist = build_checklist(demo_store, DEMO_TODAY)
    assert len(checklist.rows) == 5
    orphan = next(r for r in checklist.rows if r.contact_missing)
    assert orphan.recipient == MISSING_CONTACT and not orphan.has_address
    assert any("gone-contact" in p for p in checklist.problems)
    assert f"{MISSING_CONTACT}: contact missing" in envelopes_for(checklist).missing
    html = render_html(checklist)
    assert "Dana Reyes" in html and "contact missing" in html


def test_a_note_without_an_interview_gets_its_own_group(store):
    person = Contact("Lee Ames", mailing_address="1 Elm St\nSpringfield")
    store.put_many([person, ThankYouNote(person.uid, None, due=DEMO_TODAY)])
    checklist = build_checklist(store, DEMO_TODAY)
    assert checklist.groups[0].interview is None
    assert checklist.groups[0].heading() == "Notes not tied to an interview"
    assert checklist.rows[0].address_lines == ("Lee Ames", "1 Elm St", "Springfield")


def test_address_lines_put_the_name_on_top_and_drop_blank_lines():
    assert address_lines("Ann Bo", "Ann Bo\n\n 5 Main St \nTown") == ("Ann Bo", "5 Main St", "Town")
    assert address_lines("Ann Bo", "5 Main St\nTown") == ("Ann Bo", "5 Main St", "Town")
    assert address_lines("Ann Bo", "  \n ") == ()
    assert address_lines("Ann Bo", None) == ()


def test_envelopes_list_who_has_no_address(demo_store):
    envelopes = envelopes_for(build_checklist(demo_store, DEMO_TODAY))
    assert [e.recipient for e in envelopes.envelopes] == ["Dana Reyes", "Marcus Chen", "Tom Becker"]
    assert envelopes.missing == ("Aisha Okafor (Northwind Logistics): no mailing address",)


def _nasty_store(store):
    company = Company(NASTY + " & Co")
    opp = Opportunity(company.uid, "<b>Boss</b>")
    person = Contact(NASTY, title="<script>alert(1)</script>", company_uid=company.uid,
                     role=Role.OTHER, mailing_address=f"{NASTY}\n<a href='http://x'>street</a>")
    interview = Interview(opp.uid, 1, datetime(2026, 11, 22, 10, tzinfo=ZoneInfo("UTC")), "UTC",
                          participant_uids=[person.uid])
    note = ThankYouNote(person.uid, interview.uid, due=DEMO_TODAY,
                        points="<i>not italic</i> & <img src='http://example.com/t.png'>",
                        better_answer="</td></tr></table><h1>break out</h1>")
    store.put_many([company, opp, person, interview, note])
    return build_checklist(store, DEMO_TODAY)


def test_every_piece_of_user_text_is_escaped(store):
    html = render_html(_nasty_store(store))
    for tag in ("<img", "<script", "<a ", "<b>", "<i>not", "</table><h1>"):
        assert tag not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; Co" in html


def test_sections_keep_rows_apart_for_the_printer(demo_store):
    parts = sections(build_checklist(demo_store, DEMO_TODAY))
    assert [p.kind.value for p in parts] == ["heading", "group", "row", "row", "row", "row"]
