"""A real CardDAV/CalDAV server for tests: Radicale on 127.0.0.1 and a free port,
with its own storage and password file in a temporary folder; plus helpers that
change the server directly, as a phone would (PUT/DELETE/GET straight to it), and
a tiny misbehaving server for the cases Radicale never shows (HTML, 500, silence).
"""

from __future__ import annotations

import http.server
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

_users = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    """One Radicale process. Users are added to its htpasswd file at any time
    (Radicale reads the file on each login), so tests can share one process and
    still never see each other's collections."""

    def __init__(self, folder: Path, *, in_memory: bool = True):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.htpasswd = folder / "users"
        self.htpasswd.write_text("")
        # Radicale syncs every write to disk; a memory-backed folder keeps the tests
        # quick (a benchmark keeps it on disk, as a user's server does).
        memory = ("/dev/shm" if in_memory and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK)
                  else None)
        self.storage = Path(tempfile.mkdtemp(prefix="afterword-radicale-", dir=memory or folder))
        config = folder / "config"
        config.write_text(f"""\
[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {self.htpasswd}
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = {self.storage}
[web]
type = none
[logging]
level = warning
""")
        self.log = open(folder / "radicale.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_up()

    def _wait_until_up(self, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale did not start: {(self.folder / 'radicale.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not open its port in time")

    def add_user(self, name: str | None = None, password: str = "secret") -> DavUser:
        name = name or f"user{next(_users)}"
        with self.htpasswd.open("a") as f:
            f.write(f"{name}:{password}\n")
        return DavUser(self, name, password)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.storage, ignore_errors=True)


@dataclass
class DavUser:
    """An account on the test server, and a phone's-eye view of it."""

    server: Radicale
    name: str
    password: str

    @property
    def principal_url(self) -> str:
        return f"{self.server.url}/{self.name}/"

    def http(self) -> httpx.Client:
        return httpx.Client(auth=(self.name, self.password), timeout=10)

    def make_collection(self, slug: str, kind: str, name: str) -> str:
        """An existing address book or calendar, as another app would have made it."""
        url = f"{self.principal_url}{slug}/"
        resource = "<C:addressbook/>" if kind == "addressbook" else "<C:calendar/>"
        ns = "urn:ietf:params:xml:ns:carddav" if kind == "addressbook" else "urn:ietf:params:xml:ns:caldav"
        body = (f'<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="{ns}"><D:set><D:prop>'
                f"<D:resourcetype><D:collection/>{resource}</D:resourcetype>"
                f"<D:displayname>{name}</D:displayname></D:prop></D:set></D:mkcol>")
        with self.http() as client:
            response = client.request("MKCOL", url, content=body.encode())
        assert response.status_code == 201, response.text
        return url

    def collections(self) -> dict[str, str]:
        """URL → display name of every collection in the user's home."""
        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:displayname/>'
                "</D:prop></D:propfind>")
        with self.http() as client:
            response = client.request("PROPFIND", self.principal_url, headers={"Depth": "1"},
                                      content=body.encode())
        found = {}
        from xml.etree import ElementTree as ET

        for item in ET.fromstring(response.content).findall("{DAV:}response"):
            href = item.findtext("{DAV:}href")
            name = item.findtext(".//{DAV:}displayname")
            if name and href.rstrip("/") != f"/{self.name}":
                found[self.server.url + href] = name
        return found

    def resources(self, collection: str) -> dict[str, str]:
        """href → body of every resource in a collection."""
        with self.http() as client:
            return {h: client.get(self.server.url + h).text for h in self.etags(collection)}

    def etags(self, collection: str) -> dict[str, str]:
        """href → ETag of every resource in a collection."""
        from xml.etree import ElementTree as ET

        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/>'
                "</D:prop></D:propfind>")
        with self.http() as client:
            response = client.request("PROPFIND", collection, headers={"Depth": "1"},
                                      content=body.encode())
        base = collection.split("/", 3)[-1]
        return {r.findtext("{DAV:}href"): r.findtext(".//{DAV:}getetag")
                for r in ET.fromstring(response.content)
                if r.findtext("{DAV:}href") and r.findtext("{DAV:}href").strip("/") != base.strip("/")}

    def properties(self, collection: str) -> dict[str, str]:
        """The collection's own properties (local name → its text, or its children's
        'name' attributes for a set such as the calendar's kinds of entry)."""
        from xml.etree import ElementTree as ET

        body = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>'
        with self.http() as client:
            response = client.request("PROPFIND", collection, headers={"Depth": "0"},
                                      content=body.encode())
        prop = ET.fromstring(response.content).find(".//{DAV:}prop")
        return {e.tag.split("}")[1]: (e.text or "").strip() or ",".join(
            sorted(c.get("name") or c.tag.split("}")[1] for c in e)) for e in prop}

    def put(self, url: str, body: str, content_type: str) -> httpx.Response:
        with self.http() as client:
            response = client.put(url, content=body.encode(), headers={"Content-Type": content_type})
        assert response.status_code in (201, 204), response.text
        return response

    def delete(self, url: str) -> None:
        with self.http() as client:
            response = client.delete(url)
        assert response.status_code in (200, 204), response.text

    def get(self, url: str) -> str:
        with self.http() as client:
            response = client.get(url)
        assert response.status_code == 200, response.text
        return response.text


# -- a server that misbehaves on purpose --------------------------------------------

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


class FakeServer:
    """A tiny HTTP server on 127.0.0.1 whose every answer is `answer(handler)`;
    `requests` lists (method, path) as they came."""

    def __init__(self, answer: Answer):
        self.requests: list[tuple[str, str]] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                owner.requests.append((self.command, self.path))
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                answer(self)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCOL = _any
            do_MKCALENDAR = do_OPTIONS = _any

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def reply(status: int, body: bytes = b"", content_type: str = "text/html") -> Answer:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def silence(seconds: float) -> Answer:
    """Accept the request and say nothing for `seconds` (a hung server)."""
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
    return answer
