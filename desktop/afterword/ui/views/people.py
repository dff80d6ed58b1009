"""People: the list (model/view, lazy at 100k) beside the business card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.core import search, snapshots
from afterword.core.companies import company_names
from afterword.core.domain import Contact
from afterword.ui import messages
from afterword.ui import settings as keys
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.models.people import CONTACT_KINDS, LAST_CONTACT, NEXT_TOUCH, PeopleModel
from afterword.ui.page import Page, Selection
from afterword.ui.page_loader import PageLoader
from afterword.ui.views.contact_card import ContactCard
from afterword.ui.views.image_drop import ImageDrop
from afterword.ui.views.tables import compact_rows

# (model column, width) in the order shown: Name, Company, Next touch, Last contact,
# Role, Title, Email, Phone.
COLUMN_PRIORITY = ((0, 140), (1, 135), (NEXT_TOUCH, 145), (LAST_CONTACT, 95), (3, 110),
                   (2, 150), (4, 190), (5, 130))


class PeopleProxy(QSortFilterProxyModel):
    """Sorting is passed to the source model, which sorts in SQL: a proxy sort
    would read every one of 100k rows into Qt first."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class PeopleView(Page):
    title = "People"
    #: .vcf / .csv files were dropped on the list (to import them).
    files_dropped = Signal(list)

    def __init__(self, context: AppContext, hub: Hub, changes: Changes,
                 phone_region: Callable[[], str], parent=None):
        super().__init__(parent)
        self.context, self.hub, self.changes = context, hub, changes
        self.model = PeopleModel(context.store, self, today=context.today, read=False)
        self.proxy = PeopleProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setDynamicSortFilter(False)

        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setAccessibleName("People")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several people can be selected (Ctrl/Shift+click) to export or merge them.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.viewport().setAcceptDrops(True)
        self._takes_files = True  # off while the file is read-only
        self.table.viewport().installEventFilter(self)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        compact_rows(self.table)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # What a follow-through needs first: who, where, when next and when last; then
        # the card's details, which the card beside the list shows anyway.
        for visual, (column, width) in enumerate(COLUMN_PRIORITY):
            header.moveSection(header.visualIndex(column), visual)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.offer_context_menu(self.table)
        # A card photo dropped on the list becomes a new person (New Person from Card).
        self.image_drop = ImageDrop(self.table.viewport())

        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # quotes the search text
        self.count_label.setAccessibleName("Number of people listed")
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        box.addWidget(self.count_label)

        self.card = ContactCard(changes, phone_region)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.card)
        scroll.setAccessibleName("Business card details")

        self.splitter = QSplitter()
        self.splitter.setObjectName("peopleSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        hub.record_changed.connect(self._record_changed)
        self._companies_of: object | None = None  # the store the card's company list is from
        hub.changed.connect(self._kind_changed)
        # Everything changed (undo, another file) or a new search: reading 100k
        # people takes a while, so it runs off the window thread, and a hidden
        # list waits until it is shown.
        self.read_through(PageLoader(self, context, hub, ("*",), work=self.model.ids_work,
                                     show=self._show_ids, size_of=(Contact,),
                                     status=self.count_label))
        self.loader.request()

    # -- page contract (ui/page.py) ----------------------------------------------------

    def set_search(self, text: str) -> None:
        if self.model.set_search(text, read=False):
            self.loader.reload()

    def selection(self) -> Selection:
        contact = self.card.contact()
        chosen = tuple(self.selected_uids())
        if contact is None:
            return Selection(contact_uids=chosen)
        return Selection(contact_uid=contact.uid, company_uid=contact.company_uid, deletable=True,
                         contact_uids=chosen)

    def set_read_only(self, read_only: bool) -> None:
        self.card.set_read_only(read_only)
        self._takes_files = self.image_drop.accepting = not read_only  # nothing dropped is added

    def select(self, kind: str, uid: str) -> bool:
        if kind != "contacts":
            return False
        self.select_uid(uid)
        return self.current_uid() == uid

    def save_state(self, settings: QSettings) -> None:
        keys.PEOPLE_SPLITTER.write(settings, self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = keys.PEOPLE_SPLITTER.read(settings)
        if state is not None:
            self.splitter.restoreState(state)

    # -- actions --------------------------------------------------------------------

    def new_person(self, company_uid: str | None = None) -> None:
        contact = Contact("New person", company_uid=company_uid)
        if self.changes.save(None, contact, "Add person"):
            self.select_uid(contact.uid)
            name = self.card.fields.editors["name"]
            name.setFocus()
            name.selectAll()

    def delete_current(self) -> None:
        contact = self.card.contact()
        if contact is None:
            return
        answer = messages.ask(
            self, "Delete Person",
            f"Delete {contact.name[:80]} with their notes, calls and touches?\n"
            "You can undo this with Edit ▸ Undo.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.table.currentIndex().row()
        snapshot = snapshots.of_contact(self.context.store, contact.uid)
        if self.changes.delete(Contact, contact.uid, snapshot, f"Delete {contact.name[:40]}"):
            self.select_row(min(row, self.proxy.rowCount() - 1))

    def selected_uids(self) -> list[str]:
        """The people selected in the list, in list order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        uids = (self.model.uid_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows)
        return [uid for uid in uids if uid]

    def eventFilter(self, watched, event) -> bool:
        """Dropping contact files (.vcf, .csv) on the list imports them."""
        if watched is self.table.viewport() and self._takes_files and event.type() in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            paths = _contact_files(event.mimeData())
            if not paths:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.files_dropped.emit(paths)
            return True
        return super().eventFilter(watched, event)

    def current_uid(self) -> str | None:
        contact = self.card.contact()
        return contact.uid if contact else None

    def select_uid(self, uid: str) -> None:
        row = self.model.row_of(uid)
        if row is not None:
            self.select_row(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def select_row(self, row: int) -> None:
        if row < 0:
            self.card.show_contact(None)
            return
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    # -- keeping up with changes ------------------------------------------------------

    def confirm_leave(self) -> bool:
        """False when the user chose to keep editing a refused value."""
        return self.card.confirm_leave()

    def _current_changed(self, current, previous) -> None:
        uid = self.model.uid_at(self.proxy.mapToSource(current).row()) if current.isValid() else None
        shown = self.card.contact()
        if shown is not None and uid != shown.uid and not self.card.confirm_leave():
            # Stay on the person being edited: put the selection back, quietly.
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.setCurrentIndex(previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            selection.blockSignals(False)
            self.table.viewport().update()
            return
        self.card.show_contact(self.context.store.get(Contact, uid) if uid else None)
        self.selection_changed.emit()

    def _record_changed(self, kind: str, uid: str) -> None:
        if kind == "contacts":
            self.model.contact_changed(uid)
            self._update_count()
            shown = self.card.contact()
            if shown is not None and shown.uid == uid:
                fresh = self.context.store.get(Contact, uid)
                if fresh != shown:
                    self.card.show_contact(fresh)
        elif kind == "card_photos":
            shown = self.card.contact()
            if shown is not None and shown.uid == uid:
                self.card.show_contact(shown)

    def _kind_changed(self, kind: str) -> None:
        if kind == "*":
            self._companies_of = None  # anything may have changed (undo): read them again
        elif kind == "companies":
            self._load_companies()
            self.model.related_changed()
        elif kind in CONTACT_KINDS:
            self.model.related_changed()

    def _show_ids(self, ids: list[int]) -> None:
        """The list as read: the person shown stays if still listed; a search
        shows its first match."""
        shown = self.current_uid()
        if self._companies_of is not self.context.store:  # another file (a search: the same)
            self._load_companies()
        self.model.set_store(self.context.store, read=False)
        self.model.set_ids(ids)
        self._update_count()
        if shown is not None and self.model.row_of(shown) is not None:
            self.select_uid(shown)
        elif self.model.search_text().strip() and self.proxy.rowCount():
            self.select_row(0)
        else:
            self.card.show_contact(None)
            self.selection_changed.emit()

    def _load_companies(self) -> None:
        self.card.set_companies(company_names(self.context.store))
        self._companies_of = self.context.store

    def _update_count(self) -> None:
        n = self.model.rowCount()
        text = self.model.search_text().strip()
        first = "the first " if text and n >= search.DEFAULT_LIMIT else ""
        more = "; type more to narrow it" if first else ""
        self.count_label.setText(f"{first}{n:,} {'person' if n == 1 else 'people'}"
                                 + (f" matching “{text[:40]}”{more}" if text else ""))


CONTACT_FILE_SUFFIXES = (".vcf", ".vcard", ".csv")


def _contact_files(mime) -> list[Path]:
    """Local .vcf/.csv files among what is dragged (nothing else is taken)."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in CONTACT_FILE_SUFFIXES]
