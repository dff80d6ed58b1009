"""The main window: menus and actions, the sidebar of pages, toolbar, status bar.
No domain logic here; pages are views over the core, edits go through Changes.

To add a page: one `PageSpec(...)` line in ui/pages.py; the window talks to it
only through the contract in ui/page.py (docs/design.md). To add a File-menu
command: one named action in `_build_actions` and one line in `file_actions`.
Elsewhere: the database file (new, open, copy, claim, watch) in ui/database_files.py,
New Person/Company/Role and Delete in ui/record_commands.py, the Follow-through menu
in ui/follow_through.py, size and place between runs in ui/window_state.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from afterword.context import AppContext
from afterword.ui import messages
from afterword.ui import settings as keys
from afterword.ui.brief_command import BriefCommand
from afterword.ui.calendar_autoexport import CalendarAutoExport
from afterword.ui.card_capture import CardCapture
from afterword.ui.commands import Changes
from afterword.ui.contacts_io import ContactsIO
from afterword.ui.data_import import DataImport
from afterword.ui.database_files import DatabaseFiles
from afterword.ui.first_run import FirstRun
from afterword.ui.follow_through import FollowThrough
from afterword.ui.hub import Hub
from afterword.ui.menus import make_action, menu_text, mnemonic
from afterword.ui.notifier import Notifier
from afterword.ui.page import Page, Selection
from afterword.ui.pages import pages
from afterword.ui.read_only import ReadOnlyMode
from afterword.ui.record_commands import RecordCommands
from afterword.ui.resources import app_icon
from afterword.ui.safekeeping import Safekeeping
from afterword.ui.search_field import SearchField
from afterword.ui.sync_control import SyncControl
from afterword.ui.window_state import default_size, restore_window_state, save_window_state


class MainWindow(QMainWindow):
    #: A page (by key) has put its data on screen: after its first read (the
    #: start-up's first paint with data, for --smoke) and every reload.
    page_loaded = Signal(str)

    def __init__(self, context: AppContext):
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = context
        self.settings = keys.open_settings()
        self.hub = Hub(self)
        self.undo_stack = QUndoStack(self)
        self.changes = Changes(context, self.hub, self.undo_stack, self.report_problem,
                               notice=lambda text: self.statusBar().showMessage(text, 15000))
        if QApplication.windowIcon().isNull():  # else it is the application's, set at start
            self.setWindowIcon(app_icon())
        self.resize(default_size(self.screen().availableGeometry().size()))

        self.pages = pages()
        self.page_widgets: dict[str, Page] = {}  # the pages built so far (each when first shown)
        self.stack = QStackedWidget()
        self._syncing_sidebar = False
        self.sidebar = QListView()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setModel(QStringListModel([p.title for p in self.pages], self))
        self.sidebar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sidebar.setMaximumWidth(220)
        self.sidebar.setSpacing(2)  # easier to hit, easier to read than a packed list
        self.sidebar.selectionModel().currentRowChanged.connect(self._sidebar_moved)
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([150, 1000])
        self.notifier = Notifier(context, self.hub, self, shown_today=self._shown_today)
        self.notifier.banner.open_today.connect(lambda: self.show_page("today"))
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notifier.banner)
        column.addWidget(self.splitter, 1)  # the banners above take only the height they need
        self._column = column
        self.setCentralWidget(central)

        self.search_field = SearchField()
        self.search_field.search_requested.connect(self.apply_search)
        self.search_field.cleared.connect(self.clear_search)
        self.files = DatabaseFiles(self)
        self.records = RecordCommands(self)
        self.card_capture = CardCapture(self)
        self._build_actions()
        self.follow_through = FollowThrough(self)
        self.brief = BriefCommand(self)
        self.data_import = DataImport(self)
        self.contacts_io = ContactsIO(self)
        self.sync_control = SyncControl(self)
        self.first_run = FirstRun(self)
        self.read_only = ReadOnlyMode(self)
        self.safekeeping = Safekeeping(self)
        self._column.insertWidget(1, self.read_only.banner)
        self._build_menus()
        self._build_toolbar()
        self.statusBar().addPermanentWidget(self.sync_control.indicator)
        self.statusBar().addPermanentWidget(self.files.label)
        self.calendar_autoexport = CalendarAutoExport(self.context, self.hub, self,
                                                      settings=self.settings)
        self.calendar_autoexport.exported.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.calendar_autoexport.failed.connect(self.statusBar().showMessage)
        self.files.opened()
        restore_window_state(self, self.settings)
        QTimer.singleShot(0, self.notifier.start_in_background)

    # -- actions and menus ------------------------------------------------------

    def make_action(self, text: str, slot: Callable[[], object], shortcut=None, tip: str = "") -> QAction:
        """An action of this window (see menus.make_action)."""
        return make_action(self, text, slot, shortcut, tip)

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_person_action, self.new_company_action, self.new_role_action = self.records.new_actions()
        self.delete_action = self.records.delete_action
        self.new_database_action, self.open_database_action, self.save_copy_action = self.files.actions()
        self.quit_action = self.make_action("&Quit", self.close, std.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(std.Undo))
        self.undo_action.setStatusTip("Take back the last change")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(std.Redo))
        self.redo_action.setStatusTip("Make the change taken back again")
        self.find_action = self.make_action("&Find", self.search_field.focus, std.Find)
        preferences = QKeySequence.keyBindings(std.Preferences) or [QKeySequence("Ctrl+,")]
        self.preferences_action = self.make_action("Pr&eferences…", self.edit_preferences, preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.page_actions: dict[str, QAction] = {}
        taken = ["r"]  # View ▸ &Refresh
        for page in self.pages:
            action = self.make_action(menu_text(page.title, taken),
                                  lambda k=page.key: self.show_page(k), page.shortcut)
            taken.append(mnemonic(action) or "")
            action.setCheckable(True)
            self.page_actions[page.key] = action
        self.refresh_action = self.make_action("&Refresh", lambda: self.hub.notify("*"), std.Refresh)
        self.about_qt_action = self.make_action("About &Qt", QApplication.aboutQt)
        self.about_action = self.make_action("&About Afterword", self.show_about, "F1",
                                             tip="Version, data file, licence")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.export_reminders_action = self.make_action(
            "&Export Reminders…", self.export_reminders, "Ctrl+E",
            "Write reminders to a calendar file (.ics) that calendars import or subscribe to")
        self.print_checklist_action = self.make_action(
            "&Print Checklist…", self.print_checklist, std.Print,
            "Preview, print or save as PDF the thank-you notes to write, with envelopes or labels")

    def file_actions(self) -> list[QAction | None]:
        """File-menu commands after the database ones (None draws a separator);
        export and print commands are added here."""
        return [self.contacts_io.import_action, self.data_import.action, None,
                self.contacts_io.export_action, self.export_reminders_action,
                self.print_checklist_action, None, self.sync_control.action,
                None, self.safekeeping.restore_action]

    def help_actions(self) -> list[QAction]:
        """Help-menu commands; an About box is added here."""
        return [self.about_action, self.about_qt_action, self.safekeeping.check_action]

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        file.addActions(self.records.new_actions())
        file.addActions(self.card_capture.actions())
        file.addSeparator()
        file.addActions(self.files.actions())
        extra = self.file_actions()
        if extra:
            file.addSeparator()
            for action in extra:
                file.addSeparator() if action is None else file.addAction(action)
        file.addSeparator()
        file.addAction(self.quit_action)

        edit = menu.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.delete_action, self.find_action])
        edit.addAction(self.contacts_io.merge_action)
        edit.addSeparator()
        edit.addAction(self.preferences_action)

        follow = menu.addMenu("Follow-&through")
        follow.addActions(self.follow_through.actions())
        follow.addSeparator()
        follow.addAction(self.brief.action)

        view = menu.addMenu("&View")
        view.addActions(list(self.page_actions.values()))
        view.addSeparator()
        view.addAction(self.refresh_action)

        help_menu = menu.addMenu("&Help")
        help_menu.addActions(self.help_actions())

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar")
        bar.setObjectName("mainToolbar")
        bar.setAccessibleName("Main toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setMovable(False)
        bar.addActions(self.records.new_actions())
        bar.addSeparator()
        bar.addActions([*self._toolbar_undo_redo(), self.delete_action])
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search_field)
        self.addToolBar(bar)

    def _toolbar_undo_redo(self) -> list[QAction]:
        """Undo and Redo for the toolbar: the same commands as the Edit menu's, whose
        text names the step ("Undo Edit title of …"); here the button says Undo and
        its tooltip names the step, so the button never grows and squeezes the search."""
        buttons = []
        for word, act, can, text_changed, can_changed in (
                ("Undo", self.undo_stack.undo, self.undo_stack.canUndo,
                 self.undo_stack.undoTextChanged, self.undo_stack.canUndoChanged),
                ("Redo", self.undo_stack.redo, self.undo_stack.canRedo,
                 self.undo_stack.redoTextChanged, self.undo_stack.canRedoChanged)):
            action = QAction(word, self)
            action.setObjectName(f"toolbar{word}")
            action.triggered.connect(act)
            action.setEnabled(can())
            can_changed.connect(action.setEnabled)
            text_changed.connect(lambda text, a=action, w=word: a.setToolTip(f"{w} {text}".strip()))
            buttons.append(action)
        self.toolbar_undo, self.toolbar_redo = buttons
        return buttons

    # -- pages ---------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page `key`, built now if it has not been shown yet."""
        page = self.page_widgets.get(key)
        if page is None:
            spec = next(p for p in self.pages if p.key == key)
            page = spec.build(self)
            page.setObjectName(f"page_{key}")
            page.set_shared_actions(self.selection_actions())
            page.selection_changed.connect(self.selection_changed)
            page.restore_state(self.settings)
            self.read_only.page_built(page)
            page.loaded.connect(lambda k=key: self.page_loaded.emit(k))
            if page.loader is None or page.loader.ever_loaded:
                # Read while being built: say so once whoever builds it can listen.
                QTimer.singleShot(0, lambda k=key: self.page_loaded.emit(k))
            self.page_widgets[key] = page
            self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> None:
        leaving = self.stack.currentWidget()
        page = self.page(key)
        if leaving is not page and isinstance(leaving, Page) and not leaving.confirm_leave():
            key, page = self.current_page(), leaving  # stay; put the sidebar back
        if self.stack.currentWidget() is not page:
            self.stack.setCurrentWidget(page)
        self._follow_sidebar(key)
        for k, action in self.page_actions.items():
            action.setChecked(k == key)
        if self.search_field.text().strip():
            self.apply_search()
        self.selection_changed()

    def _sidebar_moved(self, current, _previous) -> None:
        if not self._syncing_sidebar and current.isValid():
            self.show_page(self.pages[current.row()].key)

    def _follow_sidebar(self, key: str) -> None:
        """Highlight `key` in the sidebar, however the page was reached (keys,
        search, Today, the banner): through the selection model, so the view
        repaints, with a guard so moving it does not show the page again."""
        row = [p.key for p in self.pages].index(key)
        if self.sidebar.currentIndex().row() != row:
            self._syncing_sidebar = True
            try:
                self.sidebar.setCurrentIndex(self.sidebar.model().index(row, 0))
            finally:
                self._syncing_sidebar = False

    def show_record(self, key: str, kind: str, uid: str) -> bool:
        """Show page `key` with record `uid` (of store table `kind`) selected; a
        search that hides it is cleared first."""
        self.show_page(key)
        page = self.shown_page()
        if page.select(kind, uid):
            return True
        if self.search_field.text():
            self.clear_search()
            return page.select(kind, uid)
        return False

    def _shown_today(self) -> Page | None:
        """The Today page while it is on screen (it then keeps what is due current:
        the notifier announces from what it reads)."""
        today = self.page_widgets.get("today")
        return today if today is not None and self.stack.currentWidget() is today else None

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next(k for k, w in self.page_widgets.items() if w is widget)

    def shown_page(self) -> Page:
        """The page on screen."""
        return self.page(self.current_page())

    def selection(self) -> Selection:
        """What is selected on the page shown."""
        return self.shown_page().selection()

    def selection_actions(self) -> list[QAction | None]:
        """The window's commands that act on a selection, as the pages' context menus offer them."""
        return [*self.follow_through.selection_actions(), self.brief.action, None, self.delete_action]

    def selection_changed(self) -> None:
        """Enable the commands that apply to what is selected now, and only those."""
        if self.stack.currentWidget() is None:
            return
        selection = self.selection()
        self.delete_action.setEnabled(selection.deletable)
        self.follow_through.enable_for(selection)
        self.brief.enable_for(selection)
        self.read_only.apply()

    # -- commands ---------------------------------------------------------------------

    def apply_search(self) -> None:
        """Narrow the current page to the search text; from a page that is not
        searched (Today), search people."""
        self.search_field.settle()
        text = self.search_field.text()
        page = self.shown_page()
        if not page.searchable and text.strip():
            self.show_page("people")  # calls back here for the people page
            return
        page.set_search(text)

    def clear_search(self) -> None:
        """Esc in the search box: empty it and show the page whole again."""
        self.search_field.clear()
        self.shown_page().clear_search()

    # Dialogs are imported when first opened: start-up loads only what the first page needs.

    def edit_preferences(self, page: str = "general") -> None:
        from afterword.ui.dialogs.preferences import PreferencesDialog
        from afterword.ui.dialogs.sync_preferences import SyncPage

        sync = SyncPage(self.context, self.settings, session_password=self.sync_control.session_password)
        dialog = PreferencesDialog(self.settings, self, sync_page=sync)
        dialog.show_page(page)
        accepted = dialog.exec()
        sync.finish()
        if accepted:
            self.sync_control.session_password = sync.session_password
            self.sync_control.refresh()
            self.hub.notify("*")

    def lookahead(self) -> int:
        return keys.TODAY_LOOKAHEAD.read(self.settings)

    def phone_region(self) -> str:
        return keys.PHONE_REGION.read(self.settings)

    def report_problem(self, text: str) -> None:
        """A change was refused: say so where the user is; the app carries on."""
        self.statusBar().showMessage(text, 15000)
        messages.warn(self, "Not Saved", text)

    def export_reminders(self) -> None:
        from afterword.ui.dialogs.export_reminders import ExportRemindersDialog

        ExportRemindersDialog(self.context, self.hub, self, settings=self.settings).exec()

    def show_about(self) -> None:
        from afterword.ui.dialogs.about import AboutDialog

        AboutDialog(self.context, self.hub, self).exec()

    def print_checklist(self) -> None:
        from afterword.ui.dialogs.print_checklist import PrintChecklistDialog

        PrintChecklistDialog(self.context, self.hub, self).exec()

    # -- the database file ---------------------------------------------------------------

    def open_database(self, path: Path) -> bool:
        """Switch the window to another database file; the current one stays open on failure."""
        return self.files.open_database(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Leaving a field commits it; make that happen before the window goes.
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        if self.stack.currentWidget() is not None and not self.shown_page().confirm_leave():
            event.ignore()  # keep editing what could not be saved
            return
        save_window_state(self, self.settings)
        self.calendar_autoexport.flush()
        self.safekeeping.finish()
        self.notifier.stop()
        self.data_import.wait()
        self.contacts_io.wait()
        self.sync_control.wait()
        for page in self.page_widgets.values():  # no worker outlives its page
            page.finish_loading()
        super().closeEvent(event)
