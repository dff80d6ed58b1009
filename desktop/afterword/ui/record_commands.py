"""New Person, New Company, New Role and Delete: the commands that add or remove
a record on the page they belong to (the toolbar's first buttons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow


class RecordCommands(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        make, std = window.make_action, QKeySequence.StandardKey
        self.new_person_action = make("&New Person", self.new_person, std.New,
                                      "Add a person and type their card")
        self.new_company_action = make("New &Company", self.new_company, "Ctrl+Shift+N")
        self.new_role_action = make("New &Role", self.new_role, "Ctrl+Shift+R",
                                    "Add a role (opportunity) at the selected company")
        self.delete_action = make("&Delete…", self.delete_current, std.Delete,
                                  "Delete the selected person, company or role")

    def new_actions(self) -> list[QAction]:
        return [self.new_person_action, self.new_company_action, self.new_role_action]

    def new_person(self) -> None:
        """A new person; at the company selected when adding from Companies & roles."""
        w = self.window
        company_uid = w.selection().company_uid if w.current_page() == "companies" else None
        w.show_page("people")
        w.page("people").new_person(company_uid)

    def new_company(self) -> None:
        self.window.show_page("companies")
        self.window.page("companies").new_company()

    def new_role(self) -> None:
        self.window.show_page("companies")
        if not self.window.page("companies").new_role():
            self.window.statusBar().showMessage("Select or add a company first, then add its role.", 6000)

    def delete_current(self) -> None:
        self.window.shown_page().delete_current()
