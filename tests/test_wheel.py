"""The wheel and sdist carry resources/, and the installed package runs with no
checkout on the path. (`make dist-test` does the same into a clean venv with all
dependencies, and checks the PyInstaller bundle.)"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(importlib.util.find_spec("build") is None,
                                reason="needs the 'build' package (the test extra)")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel built from it: a wheel with resources proves the sdist has them
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return next(out.glob("afterword-*.whl")), next(out.glob("afterword-*.tar.gz"))


def test_the_wheel_and_sdist_carry_the_resources(built):
    wheel, sdist = built
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    assert "afterword/resources/icons/afterword.svg" in in_wheel
    assert "afterword/resources/icons/png/afterword-16.png" in in_wheel
    assert "afterword/resources/templates/follow_up/letter.txt" in in_wheel
    with tarfile.open(sdist) as tar:
        in_sdist = {name.split("/", 1)[-1] for name in tar.getnames()}
    assert {"resources/icons/afterword.svg", "setup.py", "MANIFEST.in"} <= in_sdist


def test_the_installed_wheel_runs_without_the_checkout(built, tmp_path):
    wheel, _ = built
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--target", str(site), str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen")

    def afterword(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "afterword", *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    where = subprocess.run(
        [sys.executable, "-c", "import afterword.paths as p; print(p.__file__); print(p.resources_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True).stdout.split()
    assert where == [str(site / "afterword" / "paths.py"), str(site / "afterword" / "resources")]

    from afterword import __version__
    assert afterword("--version").strip() == f"afterword {__version__}"
    assert "sample records" in afterword("demo", "--db", "x.db", "--today", "2026-11-23")
    due = json.loads(afterword("due", "--db", "x.db", "--on", "2026-11-23", "--json"))
    assert due and {"uid", "kind", "due", "overdue"} <= set(due[0])


def test_the_screenshots_stay_out_of_the_wheel(built):
    wheel, _ = built
    assert not [n for n in zipfile.ZipFile(wheel).namelist() if "screenshots" in n]
