"""Qt is loaded for the window with PySide's look at each later import made cheap:
the same answer (does the module's source name PySide6?) without tokenizing it."""

from __future__ import annotations

import importlib.util
import inspect
import json
import sys

import afterword.core.store
import afterword.ui.main_window
from afterword.ui.qt_loading import load_qt


def _module_from(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pysides_question_gets_the_same_answers_from_the_files_bytes(tmp_path):
    load_qt()
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert getattr(check, "reads_bytes", False)
    (tmp_path / "names_it.py").write_text("# needs PySide6 for its widgets\nX = 1\n", encoding="utf-8")
    (tmp_path / "does_not.py").write_text("X = 'PySide2 and PyQt6 only'\n", encoding="utf-8")
    for module in (afterword.ui.main_window, afterword.core.store, json, inspect,
                   _module_from(tmp_path / "names_it.py", "names_it"),
                   _module_from(tmp_path / "does_not.py", "does_not")):
        assert check(module) is ("PySide6" in inspect.getsource(module)), module.__name__
    assert check(sys) is False  # built in: PySide's own answer


def test_loading_twice_keeps_one_check():
    load_qt()
    first = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    load_qt()
    assert sys.modules["shibokensupport.feature"]._mod_uses_pyside is first
