"""Opening the window loads only what its first page needs: the calendar writer,
phone numbers, printing, contact files, backups, the dialogs and the other pages
are loaded when first used; sqlite-utils when a file needs upgrading; Qt's network
module once the window is up (to answer a second launch). Nor does it read the source
of its modules (PySide's look at each import, see ui/qt_loading.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from afterword.core.demo import fill_demo
from afterword.core.store import Store
from tests.conftest import DEMO_TODAY

LATER = ["icalendar", "phonenumbers", "PySide6.QtPrintSupport", "afterword.core.calendar",
         "afterword.core.contact_files", "afterword.core.interchange", "afterword.core.demo",
         "afterword.ui.views.people", "afterword.ui.views.companies", "afterword.ui.views.notes",
         "afterword.ui.dialogs.debrief", "afterword.ui.dialogs.print_checklist",
         "afterword.ui.dialogs.schedule", "httpx",
         "afterword.core.brief", "afterword.core.backups", "sqlite_utils", "click", "uuid",
         "dateutil", "afterword.cli_brief", "afterword.cli_card", "afterword.cli_contacts",
         "afterword.cli_sync", "importlib.resources", "PySide6.QtNetwork", "getpass", "json"]

PROBE = """
import linecache, sys
from afterword.cli import main
code = main(["--smoke", "--db", sys.argv[1]])
read = [f for f in linecache.cache if "afterword" in f]  # sources read while starting
print(code, len(read), *sorted(m for m in sys.argv[2].split(",") if m in sys.modules))
"""


def test_the_window_opens_without_loading_what_later_pages_and_commands_need(tmp_path):
    path = tmp_path / "demo.db"
    store = Store.open(path)
    fill_demo(store, DEMO_TODAY)
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", PROBE, str(path), ",".join(LATER)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    code, sources_read, *loaded = out.stdout.strip().splitlines()[-1].split()
    assert (code, sources_read, loaded) == ("0", "0", [])
