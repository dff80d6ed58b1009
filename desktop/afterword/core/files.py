"""Writing the files Afterword makes (exports, calendars, PDFs, letters).

They hold people's names, numbers and addresses, so each is readable by its
owner only, and each is replaced whole or not at all: a crash or a full disk
never leaves half a file where a good one was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from afterword.core.errors import AfterwordError
from afterword.core.output_paths import check_export_path


def create_private_file(path: Path) -> None:
    """Create `path` empty with owner-only permissions, if it does not exist."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def private_file_beside(out: Path) -> Path:
    """A new, empty, owner-only file beside `out` under a name no other writer uses:
    two programs (or threads) writing `out` at once each fill their own, and the
    last one moved into place wins whole."""
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    return Path(name)


def write_private(out: str | os.PathLike[str], data: bytes) -> Path:
    """Replace `out` with `data` via a temporary file beside it.

    Raises AfterwordError with a one-line reason ("cannot write F: …"), and
    DatabaseTarget when `out` is a database (see core.output_paths).
    """
    return _replace_private(out, lambda handle: handle.write(data), "wb")


def write_private_text(out: str | os.PathLike[str], write: Callable[[TextIO], Any]) -> Path:
    """Replace `out` with the UTF-8 text `write(handle)` writes, a piece at a time,
    via a temporary file beside it (for files too large to build in memory first).
    Newlines are written as given, on every system.

    Raises AfterwordError with a one-line reason ("cannot write F: …").
    """
    return _replace_private(out, write, "w")


def _replace_private(out: str | os.PathLike[str], write: Callable[[Any], Any], mode: str) -> Path:
    out = Path(out).expanduser()
    check_export_path(out)
    tmp = None
    text = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    try:
        if out.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        tmp = private_file_beside(out)
        with open(tmp, mode, **text) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        _remove(tmp)
        raise AfterwordError(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        # A failure while producing the content leaves no partial file behind.
        _remove(tmp)
        raise
    return out


def _remove(tmp: Path | None) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
