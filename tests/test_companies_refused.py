"""Companies & roles keep a value they could not save, as the People card does:
moving to another company, another page or closing asks Keep Editing or Discard."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from afterword.core.domain import Company, Opportunity
from window_helpers import close_window, open_window, type_into


@pytest.fixture
def window(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    w = open_window(qtbot, path)
    w.show_page("companies")
    yield w
    close_window(w)


def _company(window, name: str) -> Company:
    return next(c for c in window.context.store.all(Company) if c.name == name)


def _click_company(window, name: str) -> None:
    """Select a company in the list, as a click does."""
    companies = window.page("companies")
    row = companies.companies.row_of(_company(window, name).uid)
    index = companies.companies_proxy.mapFromSource(companies.companies.index(row, 0))
    companies.company_table.setCurrentIndex(index)


def test_a_refused_company_name_asks_before_another_company_or_page(qtbot, window, message_boxes):
    companies = window.page("companies")
    companies.select_company(_company(window, "Northwind Logistics").uid)
    name = companies.company_fields.editors["name"]
    type_into(qtbot, name, "")
    assert companies.company_fields.refused() == ["name"]

    message_boxes.replies.append("Keep Editing")
    _click_company(window, "Acme Analytics")
    assert "cannot be saved as typed" in message_boxes.texts[-1]
    assert "Company name of Northwind Logistics" in message_boxes.texts[-1]
    assert companies.current_company().name == "Northwind Logistics"
    current = companies.companies_proxy.mapToSource(companies.company_table.currentIndex())
    assert companies.companies.record_at(current.row()).name == "Northwind Logistics"
    assert name.text() == "" and companies.company_fields.messages["name"].isVisibleTo(companies)

    message_boxes.replies.append("Keep Editing")
    window.show_page("people")
    assert window.current_page() == "companies"

    message_boxes.replies.append("Discard")
    _click_company(window, "Acme Analytics")
    assert companies.current_company().name == "Acme Analytics"
    assert _company(window, "Northwind Logistics").name == "Northwind Logistics"  # nothing saved
    assert len(message_boxes) == 3


def test_a_refused_role_date_stays_while_another_field_saves_and_closing_asks(
        qtbot, window, message_boxes):
    companies = window.page("companies")
    companies.select_company(_company(window, "Northwind Logistics").uid)
    role = companies.current_role()
    applied = companies.role_fields.editors["applied_on"]
    type_into(qtbot, applied, "next tuesday")
    assert companies.role_fields.refused() == ["applied_on"]
    # Saving another field reloads the page: the refused text is still there.
    type_into(qtbot, companies.role_fields.editors["target"], "Logistics sales")
    store = window.context.store
    assert store.get(Opportunity, role.uid).target == "Logistics sales"
    assert applied.text() == "next tuesday" and companies.role_fields.refused() == ["applied_on"]
    assert store.get(Opportunity, role.uid).applied_on == role.applied_on

    message_boxes.replies.append("Keep Editing")
    assert not window.close()
    assert "Applied on of" in message_boxes.texts[-1] and "next tuesday" in message_boxes.texts[-1]
    assert message_boxes[-1].textFormat() == Qt.TextFormat.PlainText
    message_boxes.replies.append("Discard")
    assert window.close()
    assert applied.text() == (role.applied_on.isoformat() if role.applied_on else "")


def test_a_role_whose_value_is_refused_is_not_left_for_another_role(qtbot, window, message_boxes):
    companies = window.page("companies")
    companies.select_company(_company(window, "Northwind Logistics").uid)
    assert companies.roles.rowCount() >= 1
    first = companies.current_role()
    other = Opportunity(first.company_uid, "Inside Sales Lead")
    window.changes.save(None, other, "Add role")
    companies.select_role(first.uid)
    type_into(qtbot, companies.role_fields.editors["applied_on"], "soon")
    message_boxes.replies.append("Keep Editing")
    companies.role_table.setCurrentIndex(companies.roles.index(companies.roles.row_of(other.uid), 0))
    assert companies.current_role().uid == first.uid
    assert companies.role_table.currentIndex().row() == companies.roles.row_of(first.uid)
    message_boxes.replies.append("Discard")
    companies.select_role(other.uid)
    assert companies.current_role().uid == other.uid


def test_a_write_refused_by_a_read_only_file_keeps_the_text_and_asks(
        qtbot, window, message_boxes):
    companies = window.page("companies")
    northwind = _company(window, "Northwind Logistics")
    companies.select_company(northwind.uid)
    path = window.context.db_path
    os.chmod(path, 0o444)
    try:
        type_into(qtbot, companies.company_fields.editors["website"], "https://northwind.test")
    finally:
        os.chmod(path, 0o600)
    assert message_boxes.texts and "read-only" in message_boxes.texts[0]
    assert companies.company_fields.refused() == ["website"]
    assert companies.company_fields.editors["website"].text() == "https://northwind.test"
    assert _company(window, "Northwind Logistics").website == northwind.website
    message_boxes.replies.append("Discard")
    window.show_page("people")
    assert window.current_page() == "people"
    assert "Website of Northwind Logistics" in message_boxes.texts[-1]
