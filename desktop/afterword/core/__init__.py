"""The domain, its store and its rules. Nothing in this package imports Qt."""

import sys


def _import_sqlite_utils_alone() -> None:
    """sqlite-utils imports NumPy and pandas when they are installed, to map their number
    types to columns; Afterword stores none of them, and NumPy (there for card reading)
    would add its import time to every start. So sqlite-utils is imported without them;
    NumPy loads later, when a card is read."""
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" fails quickly
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in hidden:
            sys.modules.pop(name, None)


_import_sqlite_utils_alone()
