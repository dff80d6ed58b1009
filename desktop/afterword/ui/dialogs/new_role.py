"""A role to record: its company (one already known, or a new one typed by name,
with the address notes can be posted to) and its title. Used by the debrief's
Add Role… and by the first run's Add Your First Role…; the caller saves it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from afterword.core.debrief import new_role
from afterword.core.domain import Company, Opportunity
from afterword.ui.widgets import message_line, named, show_message


class NewRoleDialog(QDialog):
    def __init__(self, companies: list[Company], parent=None, *, company_uid: str | None = None,
                 title: str = "Add Role", accept_text: str = "&Add Role"):
        super().__init__(parent)
        self.setWindowTitle(title)
        named(self, title[0] + title[1:].lower())
        self.setMinimumWidth(460)
        self.companies = {c.uid: c for c in companies}
        self.error = message_line(name="role problem")
        self.company = named(QComboBox(), "Company", "A company already recorded, or type a new one")
        self.company.setEditable(True)
        self.company.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for company in sorted(companies, key=lambda c: c.name.casefold()):
            self.company.addItem(company.name, company.uid)
        self.company.setCurrentIndex(self.company.findData(company_uid) if company_uid else -1)
        self.company.currentTextChanged.connect(self._company_changed)
        self.address = named(QLineEdit(), "Company address",
                             "Where notes to its people can be posted (optional)")
        self.address.setPlaceholderText("Street, city — for handwritten notes (optional)")
        self.title = named(QLineEdit(), "Role title")
        self.title.setPlaceholderText("e.g. Regional Sales Manager")
        form = QFormLayout()
        form.addRow("&Company:", self.company)
        form.addRow("A&ddress:", self.address)
        form.addRow("Role &title:", self.title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.role: Opportunity | None = None
        self.new_company: Company | None = None
        self._company_changed()
        (self.title if company_uid else self.company).setFocus()

    def known_company(self) -> Company | None:
        """The company chosen, if it is one already recorded (by name, whatever its case)."""
        text = " ".join(self.company.currentText().split()).casefold()
        return next((c for c in self.companies.values() if c.name.casefold() == text), None)

    def _company_changed(self) -> None:
        known = self.known_company()
        self.address.setEnabled(known is None)
        if known is not None:
            self.address.setText(known.address or "")

    def accept(self) -> None:
        name, title = " ".join(self.company.currentText().split()), " ".join(self.title.text().split())
        if not name:
            show_message(self.error, "Name the company the role is at.")
            self.company.setFocus()
            return
        if not title:
            show_message(self.error, "Give the role a title.")
            self.title.setFocus()
            return
        known = self.known_company()
        self.role, self.new_company = new_role(title, known or name)
        if self.new_company is not None:
            self.new_company.address = self.address.text().strip() or None
        super().accept()
