"""Is the open database file still there and writable? Checked before each save,
so a deleted or read-only file gives a clear message instead of a lost change."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_problem(path: Path | None) -> str | None:
    """One line saying why changes cannot be saved to `path`, or None if they can."""
    if path is None:
        return None
    if not path.exists():
        return (f"{path} was deleted or moved while Afterword had it open; nothing more can be "
                f"saved there. Use File ▸ Save a Copy… to keep what you have.")
    mode = path.stat().st_mode
    # The permission bits, not os.access: an administrator account can write anything.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        return f"{path} is read-only; the change was not saved"
    return None


def is_read_only(path: Path | None) -> bool:
    """True when `path` exists but cannot be written (its permission bits, or this
    user's access): the window then opens it for reading only."""
    if path is None or not path.exists():
        return False
    mode = path.stat().st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)
