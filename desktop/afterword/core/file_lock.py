"""An exclusive lock on a lock file, between programs and between threads.

The operating system holds it for an open handle and lets go when the handle is
closed or its program ends, however it ends: a crash never leaves it held. Each
holder opens its own handle, so two threads of one program exclude each other too.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

POLL_SECONDS = 0.02


@contextmanager
def exclusive(path: Path, timeout: float) -> Iterator[bool]:
    """Hold the lock on `path` (created owner-only if missing) for the block.
    Yields True when held, False when another holder kept it past `timeout` seconds
    (the block then runs without it and should do nothing that needs it)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        held = _try_lock(fd)
        while not held and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            held = _try_lock(fd)
        try:
            yield held
        finally:
            if held:
                _unlock(fd)
    finally:
        os.close(fd)
