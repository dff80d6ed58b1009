"""The `afterword` command's entry (also `python -m afterword` and the bundles):
the command line, with Python's cycle collector paused through a window's start
(see cycle_collection.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from afterword import cycle_collection


def main(argv: Sequence[str] | None = None) -> int:
    cycle_collection.pause_for_start()
    from afterword.cli import main as run_command
    from afterword.cli import window_arguments

    argv = sys.argv[1:] if argv is None else list(argv)
    window = window_arguments(argv) is not None
    if not window:
        cycle_collection.resume()
    code = run_command(argv)
    if window:
        cycle_collection.ending()
    return code
