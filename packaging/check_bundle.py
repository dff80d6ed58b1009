"""Run the PyInstaller bundle from a folder that is not the checkout: --version,
the headless commands, and --smoke (the window on a temporary database), and check
that it finds its resources inside the bundle. It also reads a business card with the
engine and models it carries, with the network off where the system allows
(`unshare -rn`) and nothing of the build's Python on the path.

    python packaging/check_bundle.py [dist/afterword]        (make dist-test)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESOURCE_WARNINGS = ("missing resource", "unreadable resource", "no usable application icon")
CARD = REPO / "tests" / "data" / "cards" / "card-21.jpg"


def offline_prefix() -> list[str]:
    """`unshare -rn` (a network namespace with no interfaces) where the system allows it."""
    tool = shutil.which("unshare")
    if tool and subprocess.run([tool, "-rn", "true"], capture_output=True).returncode == 0:
        return [tool, "-rn"]
    return []


def check_card_reading(exe: Path, work: Path, env: dict[str, str]) -> None:
    """`afterword card read` with the models inside the bundle, on a bare PATH."""
    models = list(exe.parent.rglob("rapidocr/models/*.onnx"))
    if len(models) < 3:
        sys.exit(f"the bundle lacks the text recognition models (found {models})")
    card = work / CARD.name
    shutil.copyfile(CARD, card)
    bare = dict(env, PATH=os.pathsep.join(["/usr/bin", "/bin"]) if os.name != "nt" else env["PATH"],
                HOME=str(work))
    prefix = offline_prefix()
    print("$ afterword card read", card.name, "--json", "(network off)" if prefix else "", flush=True)
    done = subprocess.run([*prefix, str(exe), "card", "read", str(card), "--json", "--region", "US"],
                          cwd=work, env=bare, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        sys.exit(f"card read failed ({done.returncode}): {done.stderr.strip()}")
    truth = json.loads((CARD.parent / "truth.json").read_text(encoding="utf-8"))[CARD.name]
    fields = json.loads(done.stdout)
    wrong = [k for k in ("name", "email", "phone_cell") if fields[k] != truth[k]]
    if wrong:
        sys.exit(f"the bundle read the card wrong ({', '.join(wrong)}): {fields}")
    print(f"ok: card read: {fields['name']}, {fields['email']}, {fields['phone_cell']}")


def main(argv: list[str]) -> int:
    bundle = (Path(argv[0]) if argv else REPO / "dist" / "afterword").resolve()
    exe = bundle / ("afterword.exe" if os.name == "nt" else "afterword")
    if not exe.exists():
        sys.exit(f"no bundle at {bundle}: run 'make dist' first")
    icons = list(bundle.rglob("resources/icons/afterword.svg"))
    if not icons:
        sys.exit(f"the bundle lacks resources/icons/afterword.svg under {bundle}")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    with tempfile.TemporaryDirectory(prefix="afterword-bundle-") as folder:
        work = Path(folder)
        env.update(QT_QPA_PLATFORM="offscreen", AFTERWORD_DATA_DIR=str(work / "data"))

        def run(*args: str | Path) -> subprocess.CompletedProcess:
            print("$ afterword", " ".join(str(a) for a in args), flush=True)
            done = subprocess.run([str(exe), *map(str, args)], cwd=work, env=env,
                                  capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                sys.exit(f"failed ({done.returncode}): {done.stderr.strip()}")
            return done

        print(run("--version").stdout.strip())
        print(run("demo", "--db", work / "x.db").stdout.strip())
        due = json.loads(run("due", "--db", work / "x.db", "--json").stdout)
        print(f"due --json: {len(due)} reminders")
        run("export", "--db", work / "x.db", "--out", work / "x.json")
        smoke = run("--smoke")
        bad = [line for line in smoke.stderr.splitlines() if any(w in line for w in RESOURCE_WARNINGS)]
        if bad:
            sys.exit("the bundle does not find its resources:\n" + "\n".join(bad))
        print(f"ok: --smoke, resources found at {icons[0].parent.parent}")
        check_card_reading(exe, work, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
