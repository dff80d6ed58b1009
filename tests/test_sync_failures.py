"""When sync cannot finish: one clear line, the database exactly as it was, and
the next sync picks up from there. A real Radicale for the wrong password and a
server that goes away mid-sync; a tiny fake server for the misbehaviour Radicale
never shows (a web page, a 500, silence)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from afterword.cli import main
from afterword.core.rules import open_reminders
from afterword.core.sync.account import load_account
from afterword.core.sync.errors import AuthFailed, NotDav, Refused, Unreachable
from dav_server import FakeServer, reply, silence
from sync_helpers import NOW, server_entries, sync, table_dump


class GoesAway(httpx.HTTPTransport):
    """A connection that breaks after `puts` successful writes, as a server that
    goes down (or a laptop that goes offline) in the middle of a sync."""

    def __init__(self, puts: int):
        super().__init__()
        self.left = puts

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            if self.left == 0:
                raise httpx.ConnectError("Connection refused")
            self.left -= 1
        return super().handle_request(request)


@pytest.fixture
def fake():
    servers = []

    def start(answer):
        servers.append(FakeServer(answer))
        return servers[-1]
    yield start
    for server in servers:
        server.stop()


def test_wrong_password_changes_nothing(demo_store, dav_user):
    before = table_dump(demo_store)
    with pytest.raises(AuthFailed, match="refused the user name or password"):
        sync(demo_store, dav_user, password="wrong")
    assert table_dump(demo_store) == before
    assert load_account(demo_store) is None


def test_server_gone_mid_sync_leaves_nothing_half_done_and_the_next_sync_finishes(demo_store, dav_user):
    sync(demo_store, dav_user)
    account = load_account(demo_store)
    with demo_store.atomic():  # every note moves a day: several entries to rewrite
        demo_store.db.execute("UPDATE thank_you_notes SET due = date(due, '+1 day')")
    before = table_dump(demo_store)

    from afterword.core.sync.run import run_sync
    with pytest.raises(Unreachable, match="nothing was changed here"):
        run_sync(demo_store, account, dav_user.password, now=NOW + timedelta(hours=1),
                 transport=GoesAway(puts=2))
    assert table_dump(demo_store) == before

    report = sync(demo_store, dav_user, now=NOW + timedelta(hours=2))
    assert report.reminders.writes >= 1
    on_server = server_entries(dav_user, account.calendar_url)
    assert set(on_server) == {r.uid for r in open_reminders(demo_store).items}
    assert sync(demo_store, dav_user, now=NOW + timedelta(hours=3)).writes == 0


def test_first_sync_cut_short_leaves_no_duplicates_after_the_retry(demo_store, dav_user):
    from afterword.core.sync.account import Account
    from afterword.core.sync.run import run_sync

    account = Account(dav_user.server.url + "/", dav_user.name)
    with pytest.raises(Unreachable):
        run_sync(demo_store, account, dav_user.password, now=NOW, transport=GoesAway(puts=3))
    assert load_account(demo_store) is None
    sync(demo_store, dav_user)
    calendar = load_account(demo_store).calendar_url
    assert len(dav_user.resources(calendar)) == len(open_reminders(demo_store).items)


@pytest.mark.parametrize("answer, error, words", [
    (reply(200, b"<html><body>Welcome to our site</body></html>"), NotDav, "not answer as a CardDAV"),
    (reply(500, b"Internal Server Error", "text/plain"), Refused, "500"),
    (reply(503, b"<html>maintenance</html>"), Refused, "503"),
    (reply(207, b"<multistatus xmlns='DAV:'><response><href>/x", "application/xml"), NotDav,
     "not answer as a CardDAV"),
])
def test_a_server_that_misbehaves_gets_one_clear_line(demo_store, fake, answer, error, words):
    server = fake(answer)
    before = table_dump(demo_store)
    with pytest.raises(error, match=words):
        sync(demo_store, None, url=server.url, password="pw", user_name="me")
    assert table_dump(demo_store) == before


def test_a_server_that_never_answers_times_out(demo_store, fake):
    server = fake(silence(3))
    from afterword.core.sync.account import Account
    from afterword.core.sync.run import run_sync

    with pytest.raises(Unreachable, match="did not answer in time"):
        run_sync(demo_store, Account(server.url, "me"), "pw", now=NOW, timeout=0.3)


def test_cli_says_one_line_and_exits_non_zero(demo_store, fake, capsys, monkeypatch):
    server = fake(reply(500, b"oops", "text/plain"))
    monkeypatch.setenv("AFTERWORD_DAV_PASSWORD", "pw")
    path = str(demo_store.path)
    before = table_dump(demo_store)
    assert main(["sync", "--db", path, "--url", server.url, "--user", "me"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("afterword: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert table_dump(demo_store) == before


def test_cli_without_an_account_says_how_to_name_one(demo_store, capsys):
    assert main(["sync", "--db", str(demo_store.path)]) == 1
    assert "--url URL --user USER" in capsys.readouterr().err


def test_cli_refuses_plain_http_to_another_machine(demo_store, capsys, monkeypatch):
    monkeypatch.setenv("AFTERWORD_DAV_PASSWORD", "pw")
    assert main(["sync", "--db", str(demo_store.path), "--url", "http://dav.example.com/",
                 "--user", "me"]) == 1
    assert "not encrypted" in capsys.readouterr().err


@pytest.mark.parametrize("url", ["https://[::1", "https://", "https:///calendars/",
                                 "https://dav.example.com:99999/", "https://dav.example.com:x/"])
def test_cli_refuses_an_address_that_is_not_one_in_one_line(demo_store, capsys, monkeypatch, url):
    monkeypatch.setenv("AFTERWORD_DAV_PASSWORD", "pw")
    before = table_dump(demo_store)
    assert main(["sync", "--db", str(demo_store.path), "--url", url, "--user", "me"]) == 1
    err = capsys.readouterr().err
    assert err == f"afterword: error: {url!r} is not a web address (it should start with https://)\n"
    assert table_dump(demo_store) == before


@pytest.mark.parametrize("option", ["--addressbook", "--calendar"])
def test_cli_refuses_a_collection_that_is_no_address_in_one_line(demo_store, fake, capsys, monkeypatch,
                                                                 option):
    server = fake(reply(500, b"oops", "text/plain"))  # never reached
    monkeypatch.setenv("AFTERWORD_DAV_PASSWORD", "pw")
    before = table_dump(demo_store)
    assert main(["sync", "--db", str(demo_store.path), "--url", server.url, "--user", "me",
                 option, "https://[::1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("afterword: error: ") and "is not a web address" in err
    assert err.count("\n") == 1 and table_dump(demo_store) == before
