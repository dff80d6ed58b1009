"""The core must run without Qt: scripts, the command line and tests rely on it."""

import subprocess
import sys
from pathlib import Path

import afterword

CORE = Path(afterword.__file__).parent / "core"


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(f"afterword.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    assert "afterword.core.store" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_headless_commands_do_not_load_qt(tmp_path):
    db = tmp_path / "a.db"
    code = (
        "import sys\n"
        "from afterword.cli import main\n"
        f"main(['demo', '--db', {str(db)!r}])\n"
        f"main(['due', '--db', {str(db)!r}, '--json'])\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT', file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().endswith("NOQT")
