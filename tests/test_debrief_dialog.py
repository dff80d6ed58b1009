"""The debrief as a user meets it: Enter takes the person suggested, a new person is
an explicit choice, notes are handwritten where a postal address is known (and
can be changed), the front desk's note carries no interview points, the default
time is now on the chosen zone's clock, few Tabs from the role to the format, and
a role (with its company) can be added from the debrief on an empty database."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from afterword.context import AppContext
from afterword.core.domain import (
    Company,
    Concern,
    ConcernKind,
    Contact,
    Interview,
    Medium,
    Opportunity,
    Question,
    Role,
    ThankYouNote,
)
from afterword.ui.commands import Changes
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.dialogs.new_role import NewRoleDialog
from afterword.ui.hub import Hub

NEW_YORK, LOS_ANGELES = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles")
# The demo's latest rounds are in Los Angeles; this computer is in New York.
NOW_IN_NEW_YORK = datetime(2026, 11, 23, 14, 30, tzinfo=NEW_YORK)


def _role(store, title: str) -> Opportunity:
    return next(o for o in store.all(Opportunity) if o.title == title)


def _person(store, name: str) -> Contact:
    return next(c for c in store.all(Contact) if c.name == name)


def _open(qtbot, store, db_path, title: str | None = "Head of Enterprise Sales", *,
          now: datetime = NOW_IN_NEW_YORK, changes: Changes | None = None) -> DebriefDialog:
    context = AppContext(store=store, db_path=db_path, clock=lambda: now)
    role = _role(store, title).uid if title else None
    dialog = DebriefDialog(context, Hub(), opportunity_uid=role, changes=changes)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _type_name(qtbot, dialog, text: str) -> None:
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, text)


def _present(dialog) -> list[str]:
    return [c.name for c in dialog.people_model.rows]


# -- who was present -------------------------------------------------------------------

def test_enter_takes_the_highlighted_existing_person(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    _type_name(qtbot, dialog, "Raj")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    assert _present(dialog) == ["Raj Patel"]
    assert dialog.people_model.rows[0].uid == _person(demo_store, "Raj Patel").uid
    assert dialog.new_contacts == {} and dialog.person.text() == ""


def test_enter_in_the_suggestions_takes_the_one_highlighted(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    _type_name(qtbot, dialog, "Ra")  # Rafael Ortiz, Raj Patel, Priya Raman
    popup = dialog.picker.completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    second = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert _present(dialog) == [second.partition(" — ")[0]] and dialog.new_contacts == {}


def test_a_new_person_is_an_explicit_choice(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    dialog.person_role.setCurrentIndex(dialog.person_role.findData(Role.INTERVIEWER.value))
    _type_name(qtbot, dialog, "Raj")
    popup = dialog.picker.completer.popup()
    rows = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert rows[0].startswith("Raj Patel") and rows[-1] == "New person: “Raj” (interviewer)"
    for _ in rows[1:]:  # down to the last line
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    [raj] = dialog.new_contacts.values()
    assert raj.name == "Raj" and raj.role == Role.INTERVIEWER
    assert _present(dialog) == ["Raj"]
    # Without the list showing, an unknown name creates nobody: the list comes back.
    dialog.person.setText("Zed Unknown")
    dialog.picker.add_typed()
    assert _present(dialog) == ["Raj"] and popup.isVisible()
    popup.hide()


# -- the notes it proposes ----------------------------------------------------------------

def _propose(qtbot, dialog) -> list[ThankYouNote]:
    assert dialog.propose(), dialog.error.text()
    return dialog.notes_model.rows


def test_new_people_get_a_handwritten_note_when_their_company_has_an_address(
        qtbot, demo_store, db_path):
    lumen = _role(demo_store, "Head of Enterprise Sales")  # Lumen has an address
    orchard_company = Company("No Address Inc")
    orchard = Opportunity(orchard_company.uid, "Sales Lead")
    demo_store.put_many([orchard_company, orchard])
    dialog = _open(qtbot, demo_store, db_path, lumen.title)
    dialog.picker.add_new("Lee Front", Role.RECEPTIONIST)
    dialog.picker.add_new("Max Panel", Role.INTERVIEWER)
    notes = _propose(qtbot, dialog)
    assert {n.medium for n in notes} == {Medium.HANDWRITTEN}

    elsewhere = _open(qtbot, demo_store, db_path, "Sales Lead")
    elsewhere.picker.add_new("Ivy Remote", Role.INTERVIEWER)
    assert [n.medium for n in _propose(qtbot, elsewhere)] == [Medium.EMAIL]


def test_the_medium_is_changed_on_the_notes_page(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    _type_name(qtbot, dialog, "Nora")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    [note] = _propose(qtbot, dialog)
    assert note.medium == Medium.HANDWRITTEN
    # The offscreen platform leaves the closed suggestion list the active window
    # (a real display gives it back to the dialog, where Alt+M then works).
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.notes_view.setCurrentIndex(dialog.notes_model.index(0, 0))
    qtbot.keyClick(dialog.notes_view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QComboBox))
    editor = QApplication.focusWidget()
    editor.setCurrentIndex(editor.findData(Medium.CARD.value))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it just after
    qtbot.waitUntil(lambda: dialog.notes_model.rows[0].medium == Medium.CARD)
    assert dialog.confirm(), dialog.notes_error.text()
    [saved] = demo_store.select(ThankYouNote, "uid = ?", [note.uid])
    assert saved.medium == Medium.CARD


def test_the_receptionists_note_carries_no_concerns_or_better_answers(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path, "Regional Sales Manager")
    for name in ("Dana Reyes", "Tom Becker"):
        _type_name(qtbot, dialog, name)
        qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    dialog.picker.add_new("Val Visitor", Role.RECEPTIONIST)
    row = dialog.questions_model.append()
    for column, text in enumerate(("Why us?", "Growth", "The Portland ramp plan")):
        dialog.questions_model.setData(dialog.questions_model.index(row, column), text)
    row = dialog.concerns_model.append()
    dialog.concerns_model.setData(dialog.concerns_model.index(row, 0), "No 3PL experience")
    dialog.concerns_model.setData(dialog.concerns_model.index(row, 1), ConcernKind.TO_OVERCOME.value)
    notes = {dialog.picker.contact(n.contact_uid).name: n for n in _propose(qtbot, dialog)}
    assert "No 3PL experience" in notes["Dana Reyes"].points
    assert notes["Dana Reyes"].better_answer == "The Portland ramp plan"
    for desk in ("Tom Becker", "Val Visitor"):
        assert "3PL" not in (notes[desk].points or "") and notes[desk].better_answer is None
    assert notes["Tom Becker"].medium == notes["Val Visitor"].medium == Medium.HANDWRITTEN


# -- when ---------------------------------------------------------------------------------

def test_a_new_york_computer_debriefs_a_los_angeles_round_now_on_la_time(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)  # Lumen's rounds are in New York: pick LA
    dialog.zone.setCurrentText("America/Los_Angeles")
    assert (dialog.day.date(), dialog.at.time()) == (QDate(2026, 11, 23), QTime(10, 0))
    _type_name(qtbot, dialog, "Nora")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    _propose(qtbot, dialog)  # not refused as "in the future"
    assert dialog.confirm()
    [saved] = [i for i in demo_store.all(Interview) if i.timezone == "America/Los_Angeles"
               and i.opportunity_uid == _role(demo_store, "Head of Enterprise Sales").uid]
    assert saved.start == datetime(2026, 11, 23, 10, 0, tzinfo=LOS_ANGELES)


def test_a_los_angeles_computer_debriefs_a_new_york_round_not_hours_early(qtbot, demo_store, db_path):
    now = datetime(2026, 11, 23, 11, 30, tzinfo=LOS_ANGELES)
    dialog = _open(qtbot, demo_store, db_path, now=now)
    assert dialog.zone.currentText() == "America/New_York"  # where Lumen's last round was
    assert (dialog.day.date(), dialog.at.time()) == (QDate(2026, 11, 23), QTime(13, 0))
    _type_name(qtbot, dialog, "Nora")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    _propose(qtbot, dialog)
    assert timedelta(0) < now - dialog.debrief.interview.start <= timedelta(hours=2)


def test_changing_the_zone_keeps_the_time_sensible(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    dialog.zone.setCurrentText("Europe/London")  # untouched: now on London's clock
    assert dialog.at.time() == QTime(18, 0)
    dialog.zone.setCurrentText("America/Chicago")
    assert dialog.at.time() == QTime(12, 0)
    dialog.when.setFocus()
    qtbot.keyClick(dialog.when, Qt.Key.Key_Right)
    dialog.at.setTime(QTime(9, 15))  # read off the invitation: it keeps its reading
    dialog.zone.setCurrentText("America/Denver")
    assert dialog.at.time() == QTime(9, 15) and dialog.zone.currentText() == "America/Denver"


def test_role_to_format_in_five_tabs_one_into_the_date_and_time_one_out(qtbot, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    dialog.opportunity.setFocus()
    order = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[-1] is dialog.format, [w.accessibleName() for w in order]
    assert order.count(dialog.when) == 1
    dialog.hear_back.setEnabled(True)
    dialog.hear_back.setFocus()
    qtbot.keyClick(dialog.hear_back, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.hear_back


# -- a role from the debrief -------------------------------------------------------------

def _answer_new_role(monkeypatch, company: str, title: str, address: str = "") -> None:
    def fill(dialog: NewRoleDialog) -> int:
        dialog.company.setCurrentText(company)
        dialog.address.setText(address)
        dialog.title.setText(title)
        dialog.accept()
        return int(dialog.result() == QDialog.DialogCode.Accepted)
    monkeypatch.setattr(NewRoleDialog, "exec", fill)


def test_on_an_empty_database_a_debrief_adds_the_role_company_person_and_note_as_one_step(
        qtbot, monkeypatch, store, db_path):
    stack = QUndoStack()
    context = AppContext(store=store, db_path=db_path, clock=lambda: NOW_IN_NEW_YORK)
    changes = Changes(context, Hub(), stack, lambda text: pytest.fail(text))
    dialog = _open(qtbot, store, db_path, None, changes=changes)
    assert dialog.opportunity.count() == 0 and "Add Role" in dialog.form.hint.text()
    assert QApplication.focusWidget() is dialog.add_role_button
    _answer_new_role(monkeypatch, "Contoso", "Account Executive", "5 Main St, Springfield")
    qtbot.keyClick(dialog.add_role_button, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.opportunity.count() == 1)
    assert dialog.opportunity.currentText().startswith("Account Executive — Contoso")
    assert dialog.round.value() == 1 and store.count(Company) == 0  # nothing saved yet
    _type_name(qtbot, dialog, "Pat Lee")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)  # only "New person" is offered
    [note] = _propose(qtbot, dialog)
    assert note.medium == Medium.HANDWRITTEN  # the new company's address
    assert dialog.confirm(), dialog.notes_error.text()
    [company] = store.all(Company)
    [role] = store.all(Opportunity)
    [pat] = store.all(Contact)
    assert (company.name, company.address, role.title) == ("Contoso", "5 Main St, Springfield",
                                                            "Account Executive")
    assert pat.company_uid == company.uid and role.company_uid == company.uid
    assert store.count(Interview) == 1 and store.count(ThankYouNote) == 1
    assert stack.count() == 1
    stack.undo()
    assert all(store.count(cls) == 0 for cls in (Company, Opportunity, Contact, Interview,
                                                 ThankYouNote))
    stack.redo()
    assert store.get(Opportunity, role.uid) == role


def test_a_role_added_at_a_known_company_is_saved_there(qtbot, monkeypatch, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    _answer_new_role(monkeypatch, "lumen robotics", "Solutions Engineer")
    assert dialog.form.add_role()
    _type_name(qtbot, dialog, "Raj")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    _propose(qtbot, dialog)
    assert dialog.confirm()
    lumen = next(c for c in demo_store.all(Company) if c.name == "Lumen Robotics")
    [added] = [o for o in demo_store.all(Opportunity) if o.title == "Solutions Engineer"]
    assert added.company_uid == lumen.uid
    assert sum(c.name == "Lumen Robotics" for c in demo_store.all(Company)) == 1


def test_the_debriefs_alt_letters_do_not_clash(qtbot, demo_store, db_path):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    dialog = _open(qtbot, demo_store, db_path)
    for page in (dialog.form_page, dialog.notes_page):
        texts = [w.text() for w in page.findChildren(QAbstractButton) + page.findChildren(QLabel)
                 if "&" in w.text() and (not isinstance(w, QLabel) or w.buddy() is not None)]
        letters = [t[t.index("&") + 1].lower() for t in texts]
        assert len(letters) == len(set(letters)), sorted(zip(letters, texts, strict=True))


def test_questions_and_better_answers_reach_the_interviewers_note(qtbot, store, db_path):
    company = Company("Harbor", address="1 Pier St")
    role = Opportunity(company.uid, "Sales")
    ann = Contact("Ann Panel", company_uid=company.uid, role=Role.INTERVIEWER)
    store.put_many([company, role, ann])
    dialog = _open(qtbot, store, db_path, "Sales")
    dialog.questions_model.set_items([vars(Question("Why?", "x", "Because of y"))])
    dialog.concerns_model.set_items([vars(Concern("Gap", ConcernKind.TO_QUANTIFY, "Small"))])
    _type_name(qtbot, dialog, "Ann")
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    [note] = _propose(qtbot, dialog)
    assert note.better_answer == "Because of y" and "Gap" in note.points
    assert note.medium == Medium.HANDWRITTEN  # Harbor's address


def test_people_met_at_a_new_company_keep_it_when_another_role_is_chosen(
        qtbot, monkeypatch, demo_store, db_path):
    dialog = _open(qtbot, demo_store, db_path)
    _answer_new_role(monkeypatch, "Contoso", "Account Executive")
    assert dialog.form.add_role()
    pat = dialog.picker.add_new("Pat Lee", Role.INTERVIEWER)
    dialog.opportunity.setCurrentIndex(dialog.opportunity.findData(
        _role(demo_store, "Head of Enterprise Sales").uid))
    _propose(qtbot, dialog)
    assert dialog.confirm(), dialog.notes_error.text()
    contoso = next(c for c in demo_store.all(Company) if c.name == "Contoso")
    assert demo_store.get(Contact, pat.uid).company_uid == contoso.uid
    assert not [o for o in demo_store.all(Opportunity) if o.title == "Account Executive"]
