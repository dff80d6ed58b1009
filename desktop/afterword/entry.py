"""The `afterword` command's entry (also `python -m afterword` and the bundles).

A window's start allocates almost nothing but long-lived objects (modules, classes,
Qt's wrappers, the first page), so Python's cyclic garbage collector, run every few
hundred allocations, scans them again and again and frees nothing: about 5 ms of
every start. It is paused from here until the window is up; then the start's
objects are frozen (later collections skip them for the rest of the session) and
collection resumes (app.window_is_up). Every other command resumes it at once.

When the window has closed the process ends: its objects are frozen first, so the
interpreter's last collection does not walk all of them (over a tenth of the
CPU of a short session) to free memory the system takes back anyway. The window
has already closed the database, saved its settings and waited for its workers.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    gc.disable()
    from afterword.cli import main as run_command
    from afterword.cli import window_arguments

    argv = sys.argv[1:] if argv is None else list(argv)
    window = window_arguments(argv) is not None
    if not window:
        gc.enable()
    code = run_command(argv)
    if window:
        gc.freeze()
    return code
