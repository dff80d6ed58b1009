"""Build the sdist and the wheel, install the wheel into a clean venv in a
temporary folder, and run it there with no checkout on the path.

    python packaging/check_wheel.py        (make dist-test)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MUST_CARRY = ("resources/icons/afterword.svg", "resources/icons/png/afterword-512.png",
              "resources/templates/follow_up/letter.txt")


def run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def check_archives(wheel: Path, sdist: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    with tarfile.open(sdist) as tar:
        sdist_names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for rel in MUST_CARRY:
        if f"afterword/{rel}" not in names:
            sys.exit(f"the wheel lacks afterword/{rel}")
        if rel not in sdist_names:
            sys.exit(f"the sdist lacks {rel}")
    print(f"ok: {wheel.name} and {sdist.name} carry resources/")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="afterword-wheel-") as folder:
        work = Path(folder)
        # Build the sdist, then the wheel from the sdist: proves the sdist is complete.
        run(sys.executable, "-m", "build", "--outdir", work / "dist", REPO, cwd=work)
        wheel = next((work / "dist").glob("afterword-*.whl"))
        sdist = next((work / "dist").glob("afterword-*.tar.gz"))
        check_archives(wheel, sdist)

        venv.EnvBuilder(with_pip=True, clear=True).create(work / "venv")
        bindir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        env.update(QT_QPA_PLATFORM="offscreen", AFTERWORD_DATA_DIR=str(work / "data"))
        run(bindir / "python", "-m", "pip", "install", "--quiet", wheel, cwd=work, env=env)

        elsewhere = work / "elsewhere"  # not the checkout, so nothing can come from it
        elsewhere.mkdir()
        exe = bindir / "afterword"
        db = elsewhere / "x.db"
        print(run(exe, "--version", cwd=elsewhere, env=env).strip())
        print(run(exe, "demo", "--db", db, cwd=elsewhere, env=env).strip())
        due = json.loads(run(exe, "due", "--db", db, "--json", cwd=elsewhere, env=env))
        print(f"due --json: {len(due)} reminders")
        if not due:
            sys.exit("the demo database has nothing due")
        where = run(bindir / "python", "-c",
                    "import afterword, afterword.paths as p; print(afterword.__file__); "
                    "print(p.resources_dir()); print(p.resource('icons', 'afterword.svg').is_file())",
                    cwd=elsewhere, env=env).split()
        if str(REPO) in " ".join(where) or where[-1] != "True":
            sys.exit(f"the installed app does not find its own resources: {where}")
        print(f"ok: installed resources at {where[1]}")
        run(exe, "--smoke", cwd=elsewhere, env=env)
        print("ok: --smoke")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
