"""Python's cycle collector around a window's start and end.

A window's start makes almost nothing but long-lived objects (modules, classes,
Qt's wrappers, the first page), so the collector, run every few hundred
allocations, scanned them again and again and freed nothing: about 5 ms of every
start. The command's entry pauses it (`pause_for_start`); every command but a
window start resumes it at once (`resume`). Once the window is up, the start's
garbage is collected once and what it made that lives on is frozen, so later
collections skip it for the rest of the session (`start_is_over`); collection
itself then goes on on the window's thread, from the timer ui/background.py keeps
(automatic collection stays off there).

When the window has closed the process ends: everything is frozen first
(`ending`), so the interpreter's last collection does not walk all of it (some
18 ms) to free memory the system takes back anyway. What the objects' ends did
that matters (settings saved, the database closed, the file's lock released) the
window has done itself (app.py).
"""

from __future__ import annotations

import gc

_paused_for_start = False


def pause_for_start() -> None:
    global _paused_for_start
    gc.disable()
    _paused_for_start = True


def resume() -> None:
    """Not a window start after all: collect as Python does."""
    global _paused_for_start
    _paused_for_start = False
    gc.enable()


def start_is_over() -> None:
    """The window is up: what the start left as garbage is freed, once, and what it
    made that lives on is never scanned again. (Collection resumes on the window's
    thread, not here: see ui/background.py.)"""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.collect()
        gc.freeze()


def ending() -> None:
    """The window has closed and the process ends now."""
    gc.freeze()
