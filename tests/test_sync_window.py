"""Sync in the window, against a real Radicale: Preferences ▸ Sync with Test
Connection, File ▸ Sync Now on a worker thread, the status indicator in words,
syncing shortly after a change, offline and a wrong password said plainly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from afterword.core.demo import fill_demo
from afterword.core.domain import Contact
from afterword.core.store import Store
from afterword.core.sync import password as passwords
from afterword.core.sync.account import Account, load_account, save_account
from afterword.ui import sync_control
from afterword.ui.dialogs.sync_preferences import SyncPage
from conftest import DEMO_TODAY
from dav_server import free_port
from test_sync_contacts import PHONE_CARD
from window_helpers import close_window, open_window


class MemoryKeyring:
    def __init__(self):
        self.kept = {}

    def get_password(self, service, key):
        return self.kept.get((service, key))

    def set_password(self, service, key, value):
        self.kept[(service, key)] = value

    def delete_password(self, service, key):
        self.kept.pop((service, key), None)


@pytest.fixture
def keyring(monkeypatch):
    memory = MemoryKeyring()
    monkeypatch.delenv(passwords.ENV, raising=False)
    monkeypatch.setattr(passwords, "_keyring", lambda: memory)
    return memory


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "synced.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    store.close()
    w = open_window(qtbot, path)
    yield w
    close_window(w)


def _use(window, user, keyring) -> None:
    """An account set up in Preferences ▸ Sync, its password in the keyring."""
    save_account(window.context.store, Account(user.server.url + "/", user.name))
    passwords.save_password(user.server.url + "/", user.name, user.password)
    window.sync_control.refresh()


def _synced(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.sync_control.action.isEnabled()
                    and window.sync_control.indicator.text().startswith(("Synced", "Sync failed",
                                                                           "Offline")), timeout=20000)


def test_preferences_sync_page_tests_the_connection_and_keeps_the_account(qtbot, window, dav_user,
                                                                          keyring):
    page = SyncPage(window.context, window.settings)
    qtbot.addWidget(page)
    page.url.setText(dav_user.server.url)
    page.user.setText(dav_user.name)
    page.password.setText(dav_user.password)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.result.text().startswith(("Connected", "Not connected")), timeout=10000)
    assert page.result.text().startswith("Connected: address book (a new address book 'Afterword'")
    assert dav_user.collections() == {}  # a test creates nothing

    assert page.save() is None
    account = load_account(window.context.store)
    assert (account.url, account.username) == (dav_user.server.url, dav_user.name)
    assert passwords.find_password(account.url, account.username) == dav_user.password


def test_wrong_password_in_test_connection_is_said_in_words(qtbot, window, dav_user, keyring):
    page = SyncPage(window.context, window.settings)
    qtbot.addWidget(page)
    page.url.setText(dav_user.server.url)
    page.user.setText(dav_user.name)
    page.password.setText("nope")
    page.test_button.click()
    qtbot.waitUntil(lambda: page.result.text().startswith("Not connected"), timeout=10000)
    assert "refused the user name or password" in page.result.text()


def test_plain_http_to_another_machine_is_not_kept(qtbot, window, keyring):
    page = SyncPage(window.context, window.settings)
    qtbot.addWidget(page)
    page.url.setText("http://dav.example.com/")
    page.user.setText("sam")
    assert "not encrypted" in page.save()
    assert load_account(window.context.store) is None


def test_sync_now_runs_on_a_worker_and_the_indicator_says_when(qtbot, window, dav_user, keyring):
    _use(window, dav_user, keyring)
    assert window.sync_control.indicator.text() == "Not synced yet"
    window.sync_control.action.trigger()
    assert window.sync_control.indicator.text() == "Syncing…"  # the window went on at once
    _synced(qtbot, window)
    assert window.sync_control.indicator.text().startswith("Synced at ")
    assert len(dav_user.resources(load_account(window.context.store).addressbook_url)) == \
        window.context.store.count(Contact)


def test_ctrl_shift_u_in_the_file_menu_syncs(qtbot, window, dav_user, keyring):
    _use(window, dav_user, keyring)
    action = window.sync_control.action
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert action in file_menu.actions() and action.text() == "&Sync Now" and action.statusTip()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_U, modifiers)
    assert window.sync_control.indicator.text() == "Syncing…"
    _synced(qtbot, window)
    assert window.sync_control.indicator.text().startswith("Synced at ")


def test_a_card_from_the_phone_shows_up_after_sync_now(qtbot, window, dav_user, keyring):
    _use(window, dav_user, keyring)
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    book = load_account(window.context.store).addressbook_url
    dav_user.put(book + "phone.vcf", PHONE_CARD, "text/vcard")
    changed = []
    window.hub.changed.connect(changed.append)
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    assert any(c.name == "Priya Natarajan" for c in window.context.store.all(Contact))
    assert changed == ["*"]  # the pages were told, once, and no new sync was started by it
    assert not window.sync_control._soon.isActive()


def test_a_change_here_is_synced_shortly_after(qtbot, window, dav_user, keyring):
    _use(window, dav_user, keyring)
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    window.sync_control._soon.setInterval(50)
    dana = next(c for c in window.context.store.all(Contact) if c.name == "Dana Reyes")
    dana.title = "SVP Sales"
    window.context.store.put(dana)
    window.hub.notify("contacts")
    assert window.sync_control._soon.isActive()
    qtbot.waitUntil(lambda: not window.sync_control.action.isEnabled(), timeout=5000)
    _synced(qtbot, window)
    book = load_account(window.context.store).addressbook_url
    assert any("TITLE:SVP Sales" in text for text in dav_user.resources(book).values())


def test_offline_is_said_quietly_and_a_wrong_password_plainly(qtbot, window, dav_user, keyring):
    save_account(window.context.store, Account(f"http://127.0.0.1:{free_port()}/", "sam"))
    passwords.save_password(f"http://127.0.0.1:{free_port()}/", "sam", "pw")
    window.sync_control.session_password = "pw"
    window.sync_control.refresh()
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    assert window.sync_control.indicator.text() == "Offline: will sync later"

    _use(window, dav_user, keyring)
    window.sync_control.session_password = "wrong"
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    indicator = window.sync_control.indicator
    host = f"127.0.0.1:{dav_user.server.port}"
    assert indicator.text() == f"Sync failed: {host} refused the user name or password"
    assert "check them in Preferences ▸ Sync" in indicator.toolTip()  # the advice, a hover away


def test_opening_a_synced_database_catches_up_with_the_phone_shortly(qtbot, tmp_path, dav_user, keyring,
                                                                      monkeypatch):
    path = tmp_path / "laptop.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    account = Account(dav_user.server.url + "/", dav_user.name)
    save_account(store, account)
    passwords.save_password(account.url, account.username, dav_user.password)
    store.close()
    book = dav_user.make_collection("afterword-contacts", "addressbook", "Afterword")
    dav_user.put(book + "phone.vcf", PHONE_CARD, "text/vcard")  # saved at the front desk
    monkeypatch.setattr(sync_control, "AFTER_CHANGE_MS", 50)
    window = open_window(qtbot, path)
    try:
        _synced(qtbot, window)  # nothing clicked
        assert window.sync_control.indicator.text().startswith("Synced at ")
        assert any(c.name == "Priya Natarajan" for c in window.context.store.all(Contact))
    finally:
        close_window(window)


def test_deletions_wait_in_the_indicator_and_are_asked_about(qtbot, window, dav_user, keyring,
                                                            monkeypatch):
    _use(window, dav_user, keyring)
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    dana = next(c for c in window.context.store.all(Contact) if c.name == "Dana Reyes")
    href = load_account(window.context.store).addressbook_url + f"{dana.uid}.vcf"
    dav_user.delete(href)
    window.sync_control.action.trigger()
    _synced(qtbot, window)
    assert window.sync_control.indicator.text().endswith("1 deletion(s) to confirm")

    asked = []

    def answer_delete(box):
        asked.append(box.text())
        delete = next(b for b in box.buttons() if "Delete" in b.text())
        box.clickedButton = lambda: delete
        return 0
    monkeypatch.setattr(QMessageBox, "exec", answer_delete)
    window.sync_control.indicator.click()
    assert "Dana Reyes: deleted on the server, still here" in asked[0]
    _synced(qtbot, window)
    assert window.context.store.get(Contact, dana.uid) is None
    assert not window.sync_control.indicator.text().endswith("to confirm")


def test_a_read_only_file_does_not_sync(qtbot, tmp_path, dav_user, keyring):
    import os

    path = tmp_path / "ro.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    save_account(store, Account(dav_user.server.url + "/", dav_user.name))
    store.close()
    os.chmod(path, 0o444)
    try:
        window = open_window(qtbot, path)
        try:
            assert window.sync_control.indicator.text() == "Not syncing: read-only file"
            window.sync_control.action.trigger()
            assert window.sync_control.indicator.text() == "Not syncing: read-only file"
            assert not window.sync_control._every.isActive()
            assert dav_user.collections() == {}
        finally:
            close_window(window)
    finally:
        os.chmod(path, 0o600)


def test_preferences_show_a_read_only_files_account_without_changing_it(qtbot, tmp_path, keyring):
    import os

    from PySide6.QtCore import QSettings

    from afterword.context import AppContext

    path = tmp_path / "ro.db"
    store = Store.open(path)
    save_account(store, Account("https://dav.example.com/", "sam"))
    store.close()
    os.chmod(path, 0o444)
    store = Store.open(path)
    try:
        page = SyncPage(AppContext(store=store, db_path=path),
                        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(page)
        assert page.url.text() == "https://dav.example.com/" and page.url.isReadOnly()
        assert not page.stop_button.isEnabled() and "read-only" in page.result.text()
        assert page.save() is None  # OK in Preferences closes (its other pages are saved)
        page.stop_syncing()  # reached all the same: said on the page, nothing raised
        assert page.result.text().startswith("Not stopped:")
        assert load_account(store).username == "sam"
    finally:
        store.close()
        os.chmod(path, 0o600)
