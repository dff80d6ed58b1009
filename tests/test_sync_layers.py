"""Sync is part of the core: it must load without Qt (the command line and the
window's worker thread both drive it)."""

import subprocess
import sys
from pathlib import Path

import afterword

SYNC = Path(afterword.__file__).parent / "core" / "sync"


def test_sync_modules_load_no_qt():
    modules = sorted(f"afterword.core.sync.{p.stem}" for p in SYNC.glob("*.py"))
    assert "afterword.core.sync.run" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r} + ['afterword.cli_sync']: importlib.import_module(m)\n"
        "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_http_client_loads_only_when_a_sync_runs():
    # Every command and the window start without it: start-up time is for everyone.
    code = ("import sys\nimport afterword.cli\nimport afterword.cli_sync\n"
            "print('httpx' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
