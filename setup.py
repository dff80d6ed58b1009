"""Carry the top-level resources/ folder into the wheel as afterword/resources.

Everything else is declared in pyproject.toml. resources/ stays at the top of the
checkout (the PyInstaller spec and the desktop files read it from there); an
editable install reads it in place, so only a real build copies it.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"
NOT_SHIPPED = ("screenshots",)  # for the README and AppStream, not used at run time
NOT_SHIPPED_PART = set(NOT_SHIPPED)


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "afterword" / "resources"
        shutil.copytree(RESOURCES, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*", *NOT_SHIPPED))

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        if getattr(self, "editable_mode", False):
            return outputs
        target = Path(self.build_lib) / "afterword" / "resources"
        return outputs + [str(target / p.relative_to(RESOURCES))
                          for p in RESOURCES.rglob("*")
                          if p.is_file() and not NOT_SHIPPED_PART.intersection(p.parts)]


setup(cmdclass={"build_py": BuildWithResources})
