"""Loading Qt for the window, without PySide reading the source of every module.

PySide (6.4 and later) looks at each module imported after it for the name
"PySide6", to know which modules its `from __feature__ import` switches may apply
to. It asks inspect.getsource, which tokenizes the whole file and keeps its lines
in memory: about 0.1 ms a module, some 7 ms of a window's start for its 70-odd
modules. Afterword uses none of those switches; here the same question is answered
from the file's bytes. Where a PySide release has no such function, nothing is
replaced.
"""

from __future__ import annotations

import sys
from types import ModuleType


def load_qt() -> None:
    """Import Qt's core module and make PySide's check of later imports cheap."""
    import PySide6.QtCore  # noqa: F401  # loads shibokensupport.feature

    feature = sys.modules.get("shibokensupport.feature")
    reads_source = getattr(feature, "_mod_uses_pyside", None)
    if reads_source is None or getattr(reads_source, "reads_bytes", False):
        return

    def names_pyside(module: ModuleType) -> bool:
        """As PySide asks: does the module's source say "PySide6"?"""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return reads_source(module)  # built in, compiled, or from a zip: PySide's own answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return reads_source(module)

    names_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = names_pyside
