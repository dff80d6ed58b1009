"""Preferences ▸ Sync: the server, the user and password, which address book and
calendar, and how often; Test Connection logs in and finds the collections on a
worker thread, creating nothing. The account is kept in the open database, the
password in the system keyring (or, on a computer without one, until Afterword
closes)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from afterword.context import AppContext
from afterword.core.errors import AfterwordError
from afterword.core.sync.account import Account, forget_account, load_account, save_account
from afterword.core.sync.errors import SyncError
from afterword.core.sync.password import (
    ENV,
    find_password,
    forget_password,
    keyring_available,
    save_password,
)
from afterword.core.sync.secure import check_secure
from afterword.ui import settings as keys
from afterword.ui.background import BackgroundJobs

FIND_OR_CREATE = "empty: find or create one named “Afterword”"


class SyncPage(QWidget):
    """The Sync page of Preferences. `save()` returns a reason it could not, or None."""

    def __init__(self, context: AppContext, settings: QSettings, *, session_password: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.setMinimumWidth(560)
        self.context, self.settings = context, settings
        self.session_password = session_password
        account = load_account(context.store)
        form = QFormLayout(self)
        self.url = self._line("Server address", "https://cloud.example.com/remote.php/dav/",
                              account.url if account else "")
        form.addRow("&Server:", self.url)
        self.user = self._line("User name", "", account.username if account else "")
        form.addRow("&User name:", self.user)
        self.password = self._line("Password", "kept in the system keyring" if keyring_available()
                                   else f"kept until Afterword closes (or set {ENV})", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Password:", self.password)
        self.addressbook = self._line("Address book", FIND_OR_CREATE,
                                      account.addressbook_url if account else "")
        form.addRow("&Address book:", self.addressbook)
        self.calendar = self._line("Calendar", FIND_OR_CREATE, account.calendar_url if account else "")
        form.addRow("&Calendar:", self.calendar)
        self.reminders = QComboBox()
        self.reminders.setAccessibleName("Reminders on the phone as")
        self.reminders.addItem("Events in the calendar", False)
        self.reminders.addItem("Tasks (reminders apps)", True)
        self.reminders.setCurrentIndex(1 if account and account.reminders_as_tasks else 0)
        form.addRow("&Reminders as:", self.reminders)
        self.automatic = QCheckBox("Sync after each c&hange and every")
        self.automatic.setAccessibleName("Sync automatically")
        self.automatic.setChecked(keys.SYNC_AUTOMATIC.read(settings))
        self.every = QSpinBox()
        self.every.setAccessibleName("Minutes between syncs")
        self.every.setRange(keys.SYNC_EVERY.low, keys.SYNC_EVERY.high)
        self.every.setSuffix(" minutes")
        self.every.setValue(keys.SYNC_EVERY.read(settings))
        row = QHBoxLayout()
        row.addWidget(self.automatic)
        row.addWidget(self.every)
        row.addStretch(1)
        form.addRow("", row)
        self.test_button = QPushButton("&Test Connection")
        self.test_button.clicked.connect(self.test_connection)
        self.stop_button = QPushButton("St&op Syncing")  # T is Test Connection's
        self.stop_button.setToolTip("Forget this database's account and password (nothing is deleted)")
        self.stop_button.clicked.connect(self.stop_syncing)
        self.stop_button.setEnabled(account is not None)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.result = QLabel("")
        self.result.setObjectName("syncResult")
        self.result.setAccessibleName("Connection result")
        self.result.setWordWrap(True)
        self.result.setMinimumHeight(self.result.fontMetrics().lineSpacing() * 3)
        form.addRow("", self.result)
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(lambda found: self._say(f"Connected: {found.describe()}."))
        self._jobs.failed.connect(lambda reason: self._say(f"Not connected: {reason}"))
        if context.store.read_only:  # the account is kept in the file: shown, not changed
            for line in (self.url, self.user, self.password, self.addressbook, self.calendar):
                line.setReadOnly(True)
            self.reminders.setEnabled(False)
            self.stop_button.setEnabled(False)
            self.result.setText("This file is read-only: its sync account can be read here, "
                                "not changed, and it does not sync.")

    def _line(self, name: str, placeholder: str, value: str | None) -> QLineEdit:
        line = QLineEdit(value or "")
        line.setAccessibleName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _say(self, text: str) -> None:
        self.result.setText(text)
        self.test_button.setEnabled(True)
        window = self.window()
        if window is not self and window.height() < window.sizeHint().height():
            window.resize(window.width(), window.sizeHint().height())  # show the whole answer

    # -- what was typed -----------------------------------------------------------------------

    def account(self) -> Account | None:
        """The account typed, or None when the server is left empty; SyncError if it
        cannot be one."""
        url, user = self.url.text().strip(), self.user.text().strip()
        if not url:
            return None
        if "://" not in url:
            url = "https://" + url
        check_secure(url)
        if not user:
            raise SyncError("enter your user name on the server")
        for chosen in (self.addressbook.text().strip(), self.calendar.text().strip()):
            if chosen:
                check_secure(chosen)
        stored = load_account(self.context.store)
        base = stored if stored is not None and (stored.url, stored.username) == (url, user) else None
        return Account(url, user, self.addressbook.text().strip() or None,
                       self.calendar.text().strip() or None,
                       bool(self.reminders.currentData()),
                       base.last_synced_at if base else None)

    def _password(self, account: Account) -> str:
        typed = self.password.text()
        if typed:
            return typed
        return self.session_password or find_password(account.url, account.username)

    def test_connection(self) -> None:
        try:
            account = self.account()
            if account is None:
                raise SyncError("enter the server's address first")
            password = self._password(account)
        except AfterwordError as exc:
            self._say(f"Not connected: {exc}")
            return
        from afterword.core.sync.run import check_account  # the HTTP client, when first needed

        self.result.setText("Connecting…")
        self.test_button.setEnabled(False)
        path = self.context.store.path
        if path is None:  # an in-memory database (tests): no worker can open it
            try:
                self._say(f"Connected: {check_account(account, password).describe()}.")
            except AfterwordError as exc:
                self._say(f"Not connected: {exc}")
            return
        self._jobs.submit(path, lambda _store: check_account(account, password))

    def stop_syncing(self) -> None:
        account = load_account(self.context.store)
        try:
            forget_account(self.context.store)
        except AfterwordError as exc:  # the file went read-only meanwhile
            self._say(f"Not stopped: {exc}")
            return
        if account is not None:
            forget_password(account.url, account.username)
        for line in (self.url, self.user, self.password, self.addressbook, self.calendar):
            line.clear()
        self.stop_button.setEnabled(False)
        self._say("This database no longer syncs; the server keeps its copy.")

    def save(self) -> str | None:
        """Keep what was typed: the account in the database, the password in the
        keyring. Returns why it could not, or None."""
        try:
            account = None if self.context.store.read_only else self.account()
            if account is not None:
                self._keep_password(account)
                save_account(self.context.store, account)
        except AfterwordError as exc:
            return str(exc)
        keys.SYNC_AUTOMATIC.write(self.settings, self.automatic.isChecked())
        keys.SYNC_EVERY.write(self.settings, self.every.value())
        return None

    def _keep_password(self, account: Account) -> None:
        typed = self.password.text()
        if not typed:
            return
        if keyring_available():
            save_password(account.url, account.username, typed)
        else:
            self.session_password = typed

    def finish(self) -> None:
        self._jobs.wait()

