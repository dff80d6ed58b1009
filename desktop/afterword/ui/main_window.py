"""The main window: menus and actions, the sidebar of pages, toolbar, status bar.
No domain logic here; pages are views over the core, edits go through Changes.

To add a page: one `Page(...)` line in `pages()`. To add a File-menu command:
one named action in `_build_actions` and one line in `_build_menus`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QSize, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from afterword import APP_NAME
from afterword.context import AppContext
from afterword.core.errors import AfterwordError
from afterword.core.health import write_problem
from afterword.core.store import Store, backup_to
from afterword.ui import settings as keys
from afterword.ui.calendar_autoexport import CalendarAutoExport
from afterword.ui.commands import Changes
from afterword.ui.dialogs.about import AboutDialog
from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
from afterword.ui.dialogs.preferences import PreferencesDialog
from afterword.ui.dialogs.print_checklist import PrintChecklistDialog
from afterword.ui.follow_through import FollowThrough
from afterword.ui.hub import Hub
from afterword.ui.menus import menu_text, mnemonic
from afterword.ui.notifier import Notifier
from afterword.ui.resources import app_icon
from afterword.ui.single_instance import DatabaseInstance, claim_database
from afterword.ui.views.companies import CompaniesView
from afterword.ui.views.funnel import FunnelView
from afterword.ui.views.interviews import InterviewsView
from afterword.ui.views.notes import NotesView
from afterword.ui.views.people import PeopleView
from afterword.ui.views.today import TodayView

# Room for the sidebar, the people list and a whole business card; the window never
# opens taller or wider than the screen's free area (a 1366×768 laptop keeps its panel).
PREFERRED_SIZE = QSize(1240, 780)


def default_size(available: QSize) -> QSize:
    """The window's first size on a screen with `available` free area (frame allowed for)."""
    return QSize(min(PREFERRED_SIZE.width(), available.width() - 16),
                 min(PREFERRED_SIZE.height(), available.height() - 40))


DB_FILTER = "Afterword databases (*.db *.afterword);;All files (*)"
SEARCH_DELAY_MS = 120


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    shortcut: str
    build: Callable[[MainWindow], QWidget]


def pages() -> list[Page]:
    """The sidebar, in order. A page takes the window's context and hub."""
    return [
        Page("today", "Today", "Ctrl+1",
             lambda w: TodayView(w.context, w.hub, w.changes, w.lookahead)),
        Page("people", "People", "Ctrl+2",
             lambda w: PeopleView(w.context, w.hub, w.changes, w.phone_region)),
        Page("companies", "Companies & roles", "Ctrl+3",
             lambda w: CompaniesView(w.context, w.hub, w.changes)),
        Page("interviews", "Interviews", "Ctrl+4", lambda w: InterviewsView(w.context, w.hub)),
        Page("notes", "Thank-you notes", "Ctrl+5", lambda w: NotesView(w.context, w.hub)),
        Page("funnel", "Funnel", "Ctrl+6", lambda w: FunnelView(w.context, w.hub)),
    ]


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.setObjectName("mainWindow")
        self.context = context
        # The claim on the open file (one window per database); app.run_app sets it.
        self.database_claim: DatabaseInstance | None = None
        self.settings = keys.open_settings()
        self.hub = Hub(self)
        self.undo_stack = QUndoStack(self)
        self.changes = Changes(context, self.hub, self.undo_stack, self.report_problem)
        self.setWindowIcon(app_icon())
        self.resize(default_size(self.screen().availableGeometry().size()))

        self.pages = pages()
        self.page_widgets: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        for page in self.pages:
            widget = page.build(self)
            widget.setObjectName(f"page_{page.key}")
            self.page_widgets[page.key] = widget
            self.stack.addWidget(widget)
        self.sidebar = QListView()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setModel(QStringListModel([p.title for p in self.pages], self))
        self.sidebar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sidebar.setMaximumWidth(220)
        self.sidebar.setSpacing(2)  # easier to hit, easier to read than a packed list
        self.sidebar.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_page(self.pages[current.row()].key))
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1000])
        self.notifier = Notifier(context, self.hub, self)
        self.notifier.banner.open_today.connect(lambda: self.show_page("today"))
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notifier.banner)
        column.addWidget(self.splitter)
        self.setCentralWidget(central)

        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setAccessibleName("Search people, companies and notes")
        self.search_field.setPlaceholderText("Search people, companies, notes  (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaximumWidth(360)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_field.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_field.returnPressed.connect(self.apply_search)

        self._build_actions()
        self.follow_through = FollowThrough(self)
        self.page_widgets["today"].tree.activated.connect(
            lambda index: self.follow_through.open_reminder(self.page_widgets["today"].current_reminder()))
        self._build_menus()
        self._build_toolbar()
        self.db_label = QLabel()
        self.db_label.setAccessibleName("Database file")
        self.statusBar().addPermanentWidget(self.db_label)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._warned_missing = False
        self.calendar_autoexport = CalendarAutoExport(self.context, self.hub, self,
                                                      settings=self.settings)
        self.calendar_autoexport.exported.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.calendar_autoexport.failed.connect(self.statusBar().showMessage)
        self._database_opened()
        self._restore_state()
        QTimer.singleShot(0, self.notifier.start)

    # -- actions and menus ------------------------------------------------------

    def make_action(self, text: str, slot: Callable[[], object], shortcut=None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_person_action = self.make_action("&New Person", self.new_person, std.New,
                                              "Add a person and type their card")
        self.new_company_action = self.make_action("New &Company", self.new_company, "Ctrl+Shift+N")
        self.new_role_action = self.make_action("New &Role", self.new_role, "Ctrl+Shift+R",
                                            "Add a role (opportunity) at the selected company")
        self.new_database_action = self.make_action("New &Database…", self.new_database)
        self.open_database_action = self.make_action("&Open Database…", self.choose_database, std.Open)
        self.save_copy_action = self.make_action("Save a Cop&y…", self.save_copy, "Ctrl+Shift+S",
                                             "Write a consistent copy of the database elsewhere")
        self.quit_action = self.make_action("&Quit", self.close, std.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(std.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(std.Redo))
        self.delete_action = self.make_action("&Delete…", self.delete_current, std.Delete,
                                          "Delete the selected person, company or role")
        self.find_action = self.make_action("&Find", self.focus_search, std.Find)
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
        self.about_action = self.make_action("&About Afterword", self.show_about,
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
        return [self.export_reminders_action, self.print_checklist_action]

    def help_actions(self) -> list[QAction]:
        """Help-menu commands; an About box is added here."""
        return [self.about_action, self.about_qt_action]

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        file.addActions([self.new_person_action, self.new_company_action, self.new_role_action])
        file.addSeparator()
        file.addActions([self.new_database_action, self.open_database_action,
                         self.save_copy_action])
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
        edit.addSeparator()
        edit.addAction(self.preferences_action)

        follow = menu.addMenu("Follow-&through")
        follow.addActions(self.follow_through.actions())

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
        bar.addActions([self.new_person_action, self.new_company_action, self.new_role_action])
        bar.addSeparator()
        bar.addActions([self.undo_action, self.redo_action, self.delete_action])
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search_field)
        self.addToolBar(bar)

    # -- pages ---------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        widget = self.page_widgets[key]
        if self.stack.currentWidget() is not widget:
            self.stack.setCurrentWidget(widget)
        row = [p.key for p in self.pages].index(key)
        if self.sidebar.currentIndex().row() != row:
            self.sidebar.setCurrentIndex(self.sidebar.model().index(row, 0))
        for k, action in self.page_actions.items():
            action.setChecked(k == key)
        if self.search_field.text().strip():
            self.apply_search()

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next(k for k, w in self.page_widgets.items() if w is widget)

    def page(self, key: str) -> QWidget:
        return self.page_widgets[key]

    # -- commands ---------------------------------------------------------------------

    def new_person(self) -> None:
        companies = self.page("companies")
        company = companies.current_company() if self.current_page() == "companies" else None
        self.show_page("people")
        self.page("people").new_person(company.uid if company else None)

    def new_company(self) -> None:
        self.show_page("companies")
        self.page("companies").new_company()

    def new_role(self) -> None:
        self.show_page("companies")
        if not self.page("companies").new_role():
            self.statusBar().showMessage("Select or add a company first, then add its role.", 6000)

    def delete_current(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "delete_current"):
            page.delete_current()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def apply_search(self) -> None:
        """Narrow the current page to the search text; from Today, search people."""
        self._search_timer.stop()
        text = self.search_field.text()
        if self.current_page() == "today" and text.strip():
            self.show_page("people")  # calls back here for the people page
            return
        page = self.stack.currentWidget()
        if hasattr(page, "set_search"):
            page.set_search(text)

    def edit_preferences(self) -> None:
        if PreferencesDialog(self.settings, self).exec():
            self.hub.notify("*")

    def lookahead(self) -> int:
        return keys.today_lookahead(self.settings)

    def phone_region(self) -> str:
        return keys.phone_region(self.settings)

    def report_problem(self, text: str) -> None:
        """A change was refused: say so where the user is; the app carries on."""
        self.statusBar().showMessage(text, 15000)
        QMessageBox.warning(self, "Not Saved", text)

    def export_reminders(self) -> None:
        ExportRemindersDialog(self.context, self.hub, self, settings=self.settings).exec()

    def show_about(self) -> None:
        AboutDialog(self.context, self.hub, self).exec()

    def print_checklist(self) -> None:
        PrintChecklistDialog(self.context, self.hub, self).exec()

    # -- database files ---------------------------------------------------------------

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New Database", str(self._folder()), DB_FILTER)
        if path:
            target = Path(path)
            if target.exists() and target.stat().st_size:
                QMessageBox.warning(self, "New Database",
                                    f"{target} already exists; use File ▸ Open Database… to open it.")
                return
            self.open_database(target)

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Database", str(self._folder()), DB_FILTER)
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> bool:
        """Switch the window to another database file; the current one stays open on failure."""
        if Path(path).resolve() == Path(self.context.db_path).resolve():
            return True
        claim = claim_database(Path(path))  # says so itself when another window has it
        if not claim.owned:
            return False
        try:
            store = Store.open(path)
        except AfterwordError as exc:
            claim.release()
            QMessageBox.warning(self, "Open Database", str(exc))
            return False
        if self.database_claim is not None:
            self.database_claim.release()
        self.database_claim = claim
        old = self.context.store
        self.context.store, self.context.db_path = store, path
        old.close()
        self.undo_stack.clear()
        self._database_opened()
        self.hub.notify("*")
        return True

    def save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save a Copy", str(self._folder()), DB_FILTER)
        if not path:
            return
        try:
            backup_to(self.context.store.db, Path(path))
        except AfterwordError as exc:
            QMessageBox.warning(self, "Save a Copy", str(exc))
            return
        self.statusBar().showMessage(f"Saved a copy to {path}", 8000)

    def _folder(self) -> Path:
        return self.context.db_path.parent

    def _database_opened(self) -> None:
        path = self.context.db_path
        self.setWindowTitle(f"{path.name} — {APP_NAME}")
        self.setWindowFilePath(str(path))
        self.db_label.setText(str(path))
        self.settings.setValue(keys.LAST_DATABASE, str(path.resolve()))
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        self._watcher.addPath(str(path))
        self._warned_missing = False

    def _file_changed(self, _path: str) -> None:
        problem = write_problem(self.context.db_path)
        if problem and "deleted" in problem and not self._warned_missing:
            self._warned_missing = True
            self.report_problem(problem)

    # -- window state -------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value(keys.GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value(keys.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        for widget in self.page_widgets.values():
            if hasattr(widget, "restore_state"):
                widget.restore_state(self.settings)
        key = str(self.settings.value(keys.PAGE, "today"))
        self.show_page(key if key in self.page_widgets else "today")

    def save_window_state(self) -> None:
        self.settings.setValue(keys.GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.WINDOW_STATE, self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue(keys.PAGE, self.current_page())
        for widget in self.page_widgets.values():
            if hasattr(widget, "save_state"):
                widget.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Leaving a field commits it; make that happen before the window goes.
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        self.save_window_state()
        self.calendar_autoexport.flush()
        for widget in self.page_widgets.values():  # no worker outlives its page
            if hasattr(widget, "finish_loading"):
                widget.finish_loading()
        super().closeEvent(event)
