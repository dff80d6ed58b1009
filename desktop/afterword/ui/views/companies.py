"""Companies & roles: companies with their opportunities; a role's stage, rounds
and the people met show beside it."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core import queries, rounds, search, snapshots, validation
from afterword.core.companies import CompanyName, company_names
from afterword.core.domain import Company, Opportunity, Source, Stage
from afterword.core.store import Store
from afterword.ui import messages
from afterword.ui import settings as keys
from afterword.ui.commands import Changes
from afterword.ui.fields import Field, FieldSet
from afterword.ui.hub import Hub
from afterword.ui.labels import choices, role_label, word_label
from afterword.ui.models.records import RecordTableModel
from afterword.ui.page import Page, Selection
from afterword.ui.page_loader import PageLoader
from afterword.ui.rejection import reject_and_offer_call
from afterword.ui.views.tables import compact_rows

_COMPANY_COLUMNS = [("Company", lambda c: c.name)]
_ROLE_COLUMNS = [("Role", lambda o: o.title), ("Stage", lambda o: word_label(o.stage)),
                 ("Target", lambda o: o.target)]
_ROUND_COLUMNS = [("Round", lambda r: r.round), ("Date", lambda r: r.local_day),
                  ("Format", lambda r: word_label(r.format)), ("People", lambda r: r.people),
                  ("Tone", lambda r: r.tone)]
_PEOPLE_COLUMNS = [("Name", lambda c: c.name), ("Title", lambda c: c.title),
                   ("Role", lambda c: role_label(c.role))]


def _listed_companies(store: Store, *, text: str) -> list[CompanyName]:
    """The companies listed: those matching `text`, else all, by name (any thread)."""
    if text.strip():
        return company_names(store, search.companies(store, text))
    return company_names(store)


def _required(what: str):
    def check(text: str):
        text = text.strip()
        if not text:
            return None, f"a {what} is needed"
        return text, validation.line_problem(text)
    return check


def _date(text: str):
    return validation.parse_date(text)


def _table(name: str, model, parent=None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    compact_rows(view)
    return view


class CompaniesView(Page):
    title = "Companies & roles"

    def __init__(self, context: AppContext, hub: Hub, changes: Changes, parent=None):
        super().__init__(parent)
        self.context, self.changes = context, changes
        self._search = ""
        self._company: Company | None = None
        self._role: Opportunity | None = None

        self.companies = RecordTableModel(_COMPANY_COLUMNS, self)
        self.companies_proxy = QSortFilterProxyModel(self)
        self.companies_proxy.setSourceModel(self.companies)
        self.company_table = _table("Companies", self.companies_proxy)  # sorted by SQL
        self.company_table.selectionModel().currentRowChanged.connect(self._company_selected)

        self.company_fields = FieldSet([
            Field("name", "Company &name", check=_required("company name")),
            Field("website", "&Website", placeholder="https://"),
            Field("address", "Add&ress", kind="text"),
            Field("notes", "Company n&otes", kind="text"),
        ], self)
        self.company_fields.committed.connect(self._save_company)

        self.roles = RecordTableModel(_ROLE_COLUMNS, self)
        self.role_table = _table("Roles", self.roles)
        self.role_table.selectionModel().currentRowChanged.connect(self._role_selected)
        self.role_fields = FieldSet([
            Field("title", "Role &title", check=_required("role title")),
            Field("stage", "&Stage", kind="combo", choices=choices(Stage)),
            Field("source", "So&urce", kind="combo", choices=[("—", None), *choices(Source)]),
            Field("target", "Tar&get", placeholder="Which of your targets it serves"),
            Field("applied_on", "Applied o&n", check=_date, placeholder="2026-11-24"),
            Field("notes", "Role notes", kind="text"),
        ], self)
        self.role_fields.committed.connect(self._save_role)
        self.rounds = RecordTableModel(_ROUND_COLUMNS, self)
        self.round_table = _table("Rounds", self.rounds)
        self.round_table.selectionModel().currentRowChanged.connect(lambda *_: self.selection_changed.emit())
        self.met = RecordTableModel(_PEOPLE_COLUMNS, self)
        self.met_table = _table("People met and at the company", self.met)
        self._build()
        for table in (self.company_table, self.role_table, self.round_table, self.met_table):
            self.offer_context_menu(table)
        # Reloaded on these changes while shown; while hidden, when next shown. The
        # companies (and a search among thousands) are read off the window thread.
        self.read_through(PageLoader(
            self, context, hub, ("companies", "opportunities", "interviews", "contacts"),
            work=self._work, show=self._show_companies, size_of=(Company,), status=self.count_label))
        self.loader.request()

    def _build(self) -> None:
        company_box = QGroupBox("Company")
        company_box.setLayout(self.company_fields.form(["name", "website", "address", "notes"]))
        roles_box = QGroupBox("Roles at this company")
        roles_layout = QHBoxLayout(roles_box)
        roles_layout.addWidget(self.role_table, 1)
        role_form = QWidget()
        role_form.setLayout(self.role_fields.form(
            ["title", "stage", "source", "target", "applied_on", "notes"]))
        roles_layout.addWidget(role_form, 1)
        beside = QSplitter(Qt.Orientation.Horizontal)
        for title, view in (("Rounds of this role", self.round_table),
                            ("People met and at the company", self.met_table)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(view)
            beside.addWidget(box)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(company_box)
        right_layout.addWidget(roles_box)
        # Rounds and people keep five rows in view; the text boxes above give way first.
        beside.setMinimumHeight(self.round_table.verticalHeader().defaultSectionSize() * 7 + 40)
        right_layout.addWidget(beside, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of companies listed")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.company_table)
        left_layout.addWidget(self.count_label)
        self.splitter = QSplitter()
        self.splitter.setObjectName("companiesSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([190, 900])
        self.role_table.setColumnWidth(0, 170)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # -- page contract (ui/page.py) ------------------------------------------------------

    def confirm_leave(self) -> bool:
        """Before another company or page is shown: False when the user chose to
        keep editing a value of the role or company that could not be saved."""
        return (_confirm_leave(self.role_fields, self._role, self)
                and _confirm_leave(self.company_fields, self._company, self))

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self.loader.reload()

    def selection(self) -> Selection:
        company, role = self._company, self._role
        round_row = self.rounds.record_at(self.round_table.currentIndex().row())
        if round_row is None and role is not None and self.rounds.records():
            round_row = self.rounds.records()[0]  # the role's latest round
        return Selection(company_uid=company.uid if company else None,
                         role_uid=role.uid if role else None,
                         round_uid=round_row.uid if round_row else None,
                         deletable=company is not None)

    def set_read_only(self, read_only: bool) -> None:
        self.company_fields.lock(read_only)
        self.role_fields.lock(read_only)

    def select(self, kind: str, uid: str) -> bool:
        if kind == "companies":
            return self.select_company(uid)
        if kind == "opportunities":
            role = self.context.store.get(Opportunity, uid)
            if role is None or not self.select_company(role.company_uid):
                return False
            self.select_role(uid)
            return self._role is not None and self._role.uid == uid
        return False

    def save_state(self, settings: QSettings) -> None:
        keys.COMPANIES_SPLITTER.write(settings, self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = keys.COMPANIES_SPLITTER.read(settings)
        if state is not None:
            self.splitter.restoreState(state)

    # -- loading -------------------------------------------------------------------

    def _work(self):
        return partial(_listed_companies, text=self._search)

    def _show_companies(self, records: list[CompanyName]) -> None:
        keep = self._company.uid if self._company else None
        self.companies.set_records(records)
        n = len(records)
        self.count_label.setText(f"{n:,} compan{'y' if n == 1 else 'ies'}")
        if keep is None or not self.select_company(keep):
            self.select_company(records[0].uid if records else None)

    def select_company(self, uid: str | None) -> bool:
        row = self.companies.row_of(uid) if uid else None
        if row is None:
            self._show_company(None)
            return False
        index = self.companies_proxy.mapFromSource(self.companies.index(row, 0))
        self.company_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if self._company is not None and self._company.uid != uid:
            return False  # the user kept editing a refused value of the company shown
        self._show_company(self.context.store.get(Company, uid))
        return True

    def select_role(self, uid: str | None) -> None:
        row = self.roles.row_of(uid) if uid else None
        if row is None:
            self._show_role(None)
            return
        self.role_table.selectionModel().setCurrentIndex(
            self.roles.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if self._role is not None and self._role.uid != uid:
            return  # the user kept editing a refused value of the role shown
        self._show_role(self.roles.record_at(row))

    def current_company(self) -> Company | None:
        return self._company

    def current_role(self) -> Opportunity | None:
        return self._role

    def _company_selected(self, current, previous) -> None:
        row = self.companies_proxy.mapToSource(current).row() if current.isValid() else -1
        listed = self.companies.record_at(row)
        if listed is None or self._company is None or listed.uid != self._company.uid:
            if not self.confirm_leave():
                _put_back(self.company_table, previous)
                return
            self._show_company(self.context.store.get(Company, listed.uid) if listed else None)

    def _show_company(self, company: Company | None) -> None:
        same = company is not None and self._company is not None and company.uid == self._company.uid
        self._company = company
        self.company_fields.set_editable(company is not None)
        # Shown again (a reload): text that could not be saved stays on screen.
        (self.company_fields.reload if same else self.company_fields.load)(vars(company) if company else {})
        keep = self._role.uid if self._role else None
        roles = queries.roles_at(self.context.store, company.uid) if company else []
        self.roles.set_records(roles)
        if keep and self.roles.row_of(keep) is not None:
            self.select_role(keep)
        else:
            self.select_role(roles[0].uid if roles else None)

    def _role_selected(self, current, previous) -> None:
        role = self.roles.record_at(current.row()) if current.isValid() else None
        if role is None or self._role is None or role.uid != self._role.uid:
            if not _confirm_leave(self.role_fields, self._role, self):
                _put_back(self.role_table, previous)
                return
            self._show_role(role)

    def _show_role(self, role: Opportunity | None) -> None:
        same = role is not None and self._role is not None and role.uid == self._role.uid
        self._role = role
        store = self.context.store
        self.role_fields.set_editable(role is not None)
        (self.role_fields.reload if same else self.role_fields.load)(vars(role) if role else {})
        self.rounds.set_records(rounds.round_rows(store, role.uid) if role else [])
        met = rounds.people_met(store, role.uid) if role else []
        people = queries.people_by_uid(store, met)
        at_company = queries.people_at(store, self._company.uid) if self._company else []
        listed = [people[u] for u in met if u in people]
        listed += [c for c in at_company if c.uid not in people]
        self.met.set_records(listed)
        self.selection_changed.emit()

    # -- saving -------------------------------------------------------------------------

    def _save_company(self, name: str, value) -> None:
        before = self._company
        if before is None:
            return
        after = replace(before, **{name: value})
        if self.changes.save(before, after, f"Edit {name} of {after.name[:40]}"):
            self._company = after
            self.company_fields.accept(name, value)
        else:
            self.company_fields.refuse(name, "not saved; see the message")

    def _save_role(self, name: str, value) -> None:
        before = self._role
        if before is None:
            return
        if name == "stage" and value == Stage.REJECTED:
            self._reject(before)
            return
        after = replace(before, **{name: value})
        if self.changes.save(before, after, f"Edit {name.replace('_', ' ')} of {after.title[:40]}"):
            self._role = after
            self.role_fields.accept(name, value)
        else:
            self.role_fields.refuse(name, "not saved; see the message")

    def _reject(self, role: Opportunity) -> None:
        """A rejection is more than a stage: it proposes the feedback call, as
        Follow-through ▸ Mark Role Rejected does."""
        dialog = reject_and_offer_call(self.changes, role.uid, self.window())
        stored = self.context.store.get(Opportunity, role.uid)
        if stored is not None and stored.stage == Stage.REJECTED:
            self._role = stored
            self.role_fields.accept("stage", stored.stage)
        else:
            self.role_fields.revert("stage")
        if dialog is not None:
            dialog.exec()

    # -- actions -----------------------------------------------------------------------

    def new_company(self) -> None:
        company = Company("New company")
        if self.changes.save(None, company, "Add company"):
            self.select_company(company.uid)
            self._focus(self.company_fields, "name")

    def new_role(self) -> bool:
        if self._company is None:
            return False
        role = Opportunity(self._company.uid, "New role")
        if self.changes.save(None, role, f"Add role at {self._company.name[:40]}"):
            self.select_role(role.uid)
            self._focus(self.role_fields, "title")
        return True

    def delete_current(self) -> None:
        """Delete the selected role if the roles table has focus, else the company."""
        store = self.context.store
        if self._role is not None and self.role_table.hasFocus() or (
                self._role is not None and self.role_fields.isAncestorOf(self.focusWidget())):
            target, cls, what = self._role, Opportunity, f"the role {self._role.title[:60]}"
            snapshot = snapshots.of_opportunity(store, target.uid)
            detail = "with its rounds"
        elif self._company is not None:
            target, cls, what = self._company, Company, self._company.name[:60]
            snapshot = snapshots.of_company(store, target.uid)
            detail = "with its roles and rounds (its people stay, without a company)"
        else:
            return
        answer = messages.ask(
            self, "Delete", f"Delete {what} {detail}?\nYou can undo this with Edit ▸ Undo.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.changes.delete(cls, target.uid, snapshot, f"Delete {what}")

    @staticmethod
    def _focus(fields: FieldSet, name: str) -> None:
        editor = fields.editors[name]
        editor.setFocus()
        editor.selectAll()


def _confirm_leave(fields: FieldSet, record: Company | Opportunity | None, parent: QWidget) -> bool:
    """A value `fields` refused is still only on screen: ask whether to keep
    editing it (False, with the focus on it) or discard it (True)."""
    refused = fields.refused()
    if not refused or record is None:
        return True
    name = refused[0]
    label = fields.labels[name].text().replace("&", "")
    owner = record.name if isinstance(record, Company) else record.title
    if messages.keep_or_discard(
            parent, "Unsaved Change",
            f"{label} of {owner[:60]} was not saved: “{fields.text_of(name)}” cannot be saved as typed.\n"
            "Keep editing it, or discard it?"):
        for field_name in refused:
            fields.revert(field_name)
        return True
    fields.editors[name].setFocus()
    return False


def _put_back(table: QTableView, previous) -> None:
    """Select `previous` again, quietly: the user stays on the record being edited."""
    selection = table.selectionModel()
    selection.blockSignals(True)
    selection.setCurrentIndex(previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                              | QItemSelectionModel.SelectionFlag.Rows)
    selection.blockSignals(False)
    table.viewport().update()
