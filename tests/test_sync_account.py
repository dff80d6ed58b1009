"""The sync account lives in the database (schema step 3), the password in the
keyring or the environment; the command line remembers the account."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import KeyringLocked, PasswordSetError

from afterword.cli import main
from afterword.core import backups
from afterword.core.migrations import SCHEMA_VERSION
from afterword.core.store import Store
from afterword.core.sync import password as passwords
from afterword.core.sync.account import Account, load_account, save_account
from afterword.core.sync.errors import NoPassword, SyncError
from afterword.core.sync.state import Agreed, StateChanges, load_agreed, load_token
from afterword.paths import data_dir

DATA = Path(__file__).parent / "data"


def test_schema_2_file_gains_the_sync_tables_with_its_data_intact(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(DATA / "schema-2.db", path)
    with sqlite3.connect(DATA / "schema-2.db") as conn:
        before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                  for t in ("contacts", "thank_you_notes", "calendar_events")}
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 3
        for table, rows in before.items():
            assert store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == rows
        assert load_account(store) is None
        for table in ("sync_account", "sync_collections", "sync_resources"):
            assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        store.close()
    assert (tmp_path / "old.db.schema-2.bak").exists()


def test_schema_3_file_keeps_its_account_and_sync_state(tmp_path):  # (now migrated to 4)
    path = tmp_path / "v3.db"
    shutil.copy(DATA / "schema-3.db", path)
    store = Store.open(path)
    try:
        account = load_account(store)
        assert (account.url, account.username) == ("https://dav.example.com/", "sam")
        assert load_token(store, account.calendar_url)
        assert len(load_agreed(store, account.calendar_url)) == 1
    finally:
        store.close()


def test_choosing_other_collections_forgets_what_was_agreed_with_the_old_ones(store):
    old = Account("https://dav.example.com/", "sam", "https://dav.example.com/a/", "https://dav.example.com/c/")
    save_account(store, old)
    changes = StateChanges(old.calendar_url, "calendar", token="t1")
    changes.put.append(Agreed("u1", old.calendar_url + "u1.ics", '"1"', "h"))
    changes.apply(store)
    save_account(store, old.with_changes(calendar_url="https://dav.example.com/other/"))
    assert load_agreed(store, old.calendar_url) == {}
    assert load_token(store, old.calendar_url) is None


def test_password_from_the_environment_first(monkeypatch):
    monkeypatch.setenv(passwords.ENV, "from-env")
    assert passwords.find_password("https://dav.example.com/", "sam") == "from-env"


def test_no_keyring_on_this_computer_says_what_to_do(monkeypatch):
    monkeypatch.delenv(passwords.ENV, raising=False)
    monkeypatch.setattr(passwords, "_keyring", lambda: None)
    with pytest.raises(NoPassword, match="AFTERWORD_DAV_PASSWORD"):
        passwords.find_password("https://dav.example.com/", "sam")


def test_password_kept_in_the_keyring_per_user_and_server(monkeypatch):
    kept: dict[tuple[str, str], str] = {}

    class Memory:
        def get_password(self, service, key):
            return kept.get((service, key))

        def set_password(self, service, key, value):
            kept[(service, key)] = value

    monkeypatch.delenv(passwords.ENV, raising=False)
    monkeypatch.setattr(passwords, "_keyring", lambda: Memory())
    passwords.save_password("https://dav.example.com/dav/", "sam", "s3cret")
    assert passwords.find_password("https://dav.example.com/other/", "sam") == "s3cret"
    with pytest.raises(NoPassword, match="no password saved for ann"):
        passwords.find_password("https://dav.example.com/", "ann")


class _Backend(KeyringBackend):
    """A keyring backend of our own, installed through the keyring package itself
    (no Secret Service runs headless): what Afterword sees is what the package's
    front end hands over, as on a desktop."""

    priority = 1
    locked = False

    def __init__(self):
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        if self.locked:
            raise KeyringLocked("the login keyring is locked")
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        if self.locked:
            raise PasswordSetError("the login keyring is locked")
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        del self.kept[(service, username)]


@pytest.fixture
def system_keyring(monkeypatch):
    monkeypatch.delenv(passwords.ENV, raising=False)
    before = keyring.get_keyring()
    backend = _Backend()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def test_the_system_keyring_keeps_finds_and_forgets_the_password(system_keyring):
    assert passwords.keyring_available()
    passwords.save_password("https://dav.example.com/dav/", "sam", "s3cret")
    assert system_keyring.kept == {(passwords.SERVICE, "sam@https://dav.example.com"): "s3cret"}
    assert passwords.find_password("https://dav.example.com/", "sam") == "s3cret"
    passwords.forget_password("https://dav.example.com/", "sam")
    with pytest.raises(NoPassword, match="no password saved for sam at dav.example.com"):
        passwords.find_password("https://dav.example.com/", "sam")
    passwords.forget_password("https://dav.example.com/", "sam")  # nothing there: no error


def test_a_locked_keyring_is_said_in_words(system_keyring):
    system_keyring.locked = True
    locked = r"did not give the password \(the login keyring is locked\); unlock"
    with pytest.raises(NoPassword, match=locked):
        passwords.find_password("https://dav.example.com/", "sam")
    with pytest.raises(SyncError, match="did not keep the password"):
        passwords.save_password("https://dav.example.com/", "sam", "s3cret")


def test_the_keyring_packages_no_backend_means_no_keyring(system_keyring):
    keyring.set_keyring(FailKeyring())
    assert not passwords.keyring_available()
    with pytest.raises(NoPassword, match="no system keyring on this computer"):
        passwords.find_password("https://dav.example.com/", "sam")


def test_cli_remembers_the_account_so_the_next_sync_needs_no_flags(demo_store, dav_user, monkeypatch,
                                                                   capsys):
    monkeypatch.setenv(passwords.ENV, dav_user.password)
    path = str(demo_store.path)
    assert main(["sync", "--db", path, "--url", dav_user.server.url, "--user", dav_user.name,
                 "--reminders", "tasks"]) == 0
    first = capsys.readouterr().out
    assert "added" in first
    snapshots = backups.list_snapshots(backups.snapshot_folder(data_dir(), demo_store.path))
    assert len(snapshots) == 1  # today's copy, taken before the sync changed anything
    assert main(["sync", "--db", path]) == 0
    assert "nothing to change" in capsys.readouterr().out
    account = load_account(demo_store)
    assert account.username == dav_user.name and account.reminders_as_tasks
    assert account.calendar_url.startswith(dav_user.principal_url)


def test_schema_3_file_gains_contact_fields_and_pending_deletions(tmp_path):
    path = tmp_path / "v3.db"
    shutil.copy(DATA / "schema-3.db", path)
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION >= 4
        account = load_account(store)
        events = load_agreed(store, account.calendar_url)
        assert [a.local_fields for a in events.values()] == [None]
        assert [a.pending_deletion for a in events.values()] == [None]
        assert load_token(store, account.calendar_url)
    finally:
        store.close()
    assert (tmp_path / "v3.db.schema-3.bak").exists()


def test_schema_4_file_keeps_its_cards_and_what_waits_for_the_user(tmp_path):
    path = tmp_path / "v4.db"
    shutil.copy(DATA / "schema-4.db", path)
    store = Store.open(path)
    try:
        account = load_account(store)
        cards = load_agreed(store, account.addressbook_url)
        assert len(cards) == 3
        assert sorted(a.pending_deletion or "" for a in cards.values()) == ["", "", "server"]
        assert all(a.local_fields["name"] and a.body.startswith("BEGIN:VCARD") for a in cards.values())
    finally:
        store.close()


def test_cli_lists_deletions_and_carries_them_out_when_told(demo_store, dav_user, monkeypatch, capsys):
    from afterword.core.domain import Contact

    monkeypatch.setenv(passwords.ENV, dav_user.password)
    path = str(demo_store.path)
    assert main(["sync", "--db", path, "--url", dav_user.server.url, "--user", dav_user.name]) == 0
    dana = next(c for c in demo_store.all(Contact) if c.name == "Dana Reyes")
    dav_user.delete(load_account(demo_store).addressbook_url + f"{dana.uid}.vcf")
    capsys.readouterr()
    assert main(["sync", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "Dana Reyes: deleted on the server, still here" in out
    assert "--apply-deletions" in out and demo_store.get(Contact, dana.uid) is not None
    assert main(["sync", "--db", path, "--apply-deletions"]) == 0
    assert "1 deleted here" in capsys.readouterr().out
    assert demo_store.get(Contact, dana.uid) is None
