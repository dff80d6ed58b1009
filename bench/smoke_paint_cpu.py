"""`afterword --smoke --db DB`, printing the process's CPU time once the first page
has painted with its data, when the check starts to quit: the start without the
exit, to set beside floor_qt.py's same figure. The command itself prints nothing.

    python bench/smoke_paint_cpu.py DB"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import time


class PrintAtFirstPaint(importlib.abc.MetaPathFinder):
    """Wraps the start-up check's quit, as its module loads (loading it earlier
    would change the start being measured)."""

    def find_spec(self, name, path, target=None):
        if name != "afterword.ui.smoke":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run_module = spec.loader.exec_module

        def exec_module(module) -> None:
            run_module(module)
            quit_check = module.QuitOnFirstPaintWithData._quit

            def _quit(check) -> None:
                print(f"first paint CPU {time.process_time():.6f}", flush=True)
                quit_check(check)

            module.QuitOnFirstPaintWithData._quit = _quit

        spec.loader.exec_module = exec_module
        return spec


if __name__ == "__main__":
    sys.meta_path.insert(0, PrintAtFirstPaint())
    from afterword.entry import main

    sys.exit(main(["--smoke", "--db", sys.argv[1]]))
