"""Where things live: the user's data folder and the bundled resources.

No Qt here, so the command line agrees with the window without starting Qt; a
test checks these folders against QStandardPaths.AppDataLocation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from afterword import APP_NAME

DATA_DIR_ENV = "AFTERWORD_DATA_DIR"
DATABASE_NAME = "afterword.db"


def data_dir() -> Path:
    """The per-user data folder (AFTERWORD_DATA_DIR overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME


def default_database() -> Path:
    return data_dir() / DATABASE_NAME


def resources_dir() -> Path:
    """`resources/` in a checkout, inside an installed wheel, or in a bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A bundled file by its path under resources/ (it may be missing)."""
    return resources_dir().joinpath(*parts)
