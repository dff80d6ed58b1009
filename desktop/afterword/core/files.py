"""Writing the files Afterword makes (exports, calendars, PDFs, letters).

They hold people's names, numbers and addresses, so each is readable by its
owner only, and each is replaced whole or not at all: a crash or a full disk
never leaves half a file where a good one was."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from afterword.core.errors import AfterwordError


def create_private_file(path: Path) -> None:
    """Create `path` empty with owner-only permissions, if it does not exist."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def write_private(out: str | os.PathLike[str], data: bytes) -> Path:
    """Replace `out` with `data` via a temporary file beside it.

    Raises AfterwordError with a one-line reason ("cannot write F: …").
    """
    out = Path(out).expanduser()
    tmp = out.with_name(f".{out.name}.partial")
    try:
        if out.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        tmp.unlink(missing_ok=True)
        create_private_file(tmp)
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise AfterwordError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out
