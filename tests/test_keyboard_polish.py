"""The keyboard path through the window: a person's card typed from Ctrl+N to the
last field with Tab, a debrief typed without the mouse, Alt+letters that do not
clash, and a first window size that fits a 1366×768 laptop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from afterword.context import AppContext
from afterword.core.domain import Contact, Opportunity, Role
from afterword.ui.dialogs.debrief import DebriefDialog
from afterword.ui.hub import Hub
from afterword.ui.main_window import default_size
from afterword.ui.menus import clashing_mnemonics, menu_text
from afterword.ui.views.contact_card import ContactCard
from afterword.ui.views.notes import NotesView
from window_helpers import NOW, close_window, open_window


@pytest.fixture
def window(qtbot, demo_store, db_path):
    demo_store.close()
    w = open_window(qtbot, db_path)
    yield w
    close_window(w)


def _focused():
    return QApplication.focusWidget()


def test_a_new_person_is_typed_from_ctrl_n_to_the_last_field_with_tab(qtbot, window):
    window.show_page("people")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    card = window.page("people").card
    editors = card.fields.editors
    assert _focused() is editors["name"]
    qtbot.keyClicks(editors["name"], "Lee Park")
    typed = {"title": "Office Manager", "phone_direct": "+1 206 555 0100", "phone_cell": "+1 206 555 0101",
             "email": "lee@northwind.example", "linkedin": "https://example.com/lee",
             "mailing_address": "1200 Harbor Way", "helped": "Let me wait in the lobby",
             "notes": "Ask about the plant"}
    for name in ContactCard.TAB_ORDER[1:]:
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
        assert _focused() is editors[name], f"Tab went to {_focused().accessibleName()}, not {name}"
        if name == "role":
            qtbot.keyClicks(editors[name], "Recep")  # type-ahead in the combo
        elif name in typed:
            qtbot.keyClicks(editors[name], typed[name])
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)  # leaving the last field saves it
    assert _focused() is card.attach_button
    saved = next(c for c in window.context.store.all(Contact) if c.name == "Lee Park")
    assert saved.role == Role.RECEPTIONIST
    assert {k: getattr(saved, k) for k in typed} == typed


def test_the_card_fields_start_on_one_line_on_and_below_the_card(qtbot, window):
    window.show_page("people")
    window.page("people").select_row(0)
    card = window.page("people").card
    lefts = {name: editor.mapTo(card, QPoint(0, 0)).x() for name, editor in card.fields.editors.items()}
    assert len(set(lefts.values())) == 1, lefts


def test_view_and_menu_items_have_one_alt_letter_each(window):
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert clashing_mnemonics(menu) == [], menu.title()
    assert window.page_actions["companies"].text() == "&Companies && Roles"
    assert window.page_actions["notes"].text() == "Thank-you &Notes"  # T is Today's


def test_menu_text_is_title_case_with_a_free_letter():
    assert menu_text("Companies & roles") == "&Companies && Roles"
    assert menu_text("Stay in touch", taken="s") == "Stay in &Touch"
    assert menu_text("Today", taken="t") == "T&oday"


def test_the_first_window_fits_a_1366_by_768_laptop():
    laptop = QSize(1366, 768 - 32)  # a panel takes the rest
    size = default_size(laptop)
    assert size.width() <= laptop.width() and size.height() + 30 <= laptop.height()  # title bar
    assert default_size(QSize(2560, 1400)).width() >= 1200


@pytest.fixture
def debrief(qtbot, demo_store, db_path):
    context = AppContext(store=demo_store, db_path=db_path, clock=lambda: NOW)
    role = next(o for o in demo_store.all(Opportunity) if o.title == "Customer Success Manager")
    dialog = DebriefDialog(context, Hub(), opportunity_uid=role.uid)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _tab_from(qtbot, widget) -> QWidget:
    """Press Tab in `widget` once it has the keyboard; where the focus goes."""
    # The focus is the active window's: wait for the dialog to be it and to give
    # `widget` the focus (window activation is asynchronous, slow on a busy machine).
    qtbot.waitUntil(lambda: _focused() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: _focused() is not widget)
    return _focused()


def test_debrief_tab_goes_from_the_format_to_typing_a_name(qtbot, debrief):
    debrief.format.setFocus()
    order = [debrief.format]
    for _ in range(5):
        order.append(_tab_from(qtbot, order[-1]))
    order = order[1:]
    assert order == [debrief.person, debrief.person_role, order[2], debrief.people, order[4]]
    assert order[2].accessibleName() == "Add person" and order[4].accessibleName() == "Remove person"
    debrief.has_hear_back.setFocus()
    qtbot.waitUntil(lambda: _focused() is debrief.has_hear_back)
    qtbot.keyClick(debrief.has_hear_back, Qt.Key.Key_Space)
    assert _tab_from(qtbot, debrief.has_hear_back) is debrief.hear_back


def test_tab_from_the_last_cell_of_a_question_leaves_the_table(qtbot, debrief):
    debrief.tone.setFocus()
    qtbot.keyClick(debrief.tone, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Add Question
    qtbot.waitUntil(lambda: debrief.questions_model.rowCount() == 1)
    for text in ("Why sales?", "I like people", "I like building a territory"):
        qtbot.waitUntil(lambda: _focused() is not None and debrief.questions.isAncestorOf(_focused()))
        qtbot.keyClicks(_focused(), text)
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    assert not debrief.questions.isAncestorOf(_focused()) and _focused() is not debrief.questions
    assert _focused().accessibleName() == "Add question"
    assert debrief.questions_model.items == [{"question": "Why sales?", "my_answer": "I like people",
                                              "better_answer": "I like building a territory"}]
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # and back in
    assert _focused() is debrief.questions


def test_an_overdue_note_says_so_in_words(qtbot, demo_store, db_path):
    later = NOW + timedelta(days=3)
    view = NotesView(AppContext(store=demo_store, db_path=db_path, clock=lambda: later), Hub())
    qtbot.addWidget(view)
    statuses = [view.proxy.index(r, 1).data() for r in range(view.proxy.rowCount())]
    assert statuses and all(s.endswith("· overdue") for s in statuses), statuses
    assert statuses[0][0].isupper()  # "To write · overdue", as the combos write it
