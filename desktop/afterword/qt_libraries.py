"""Which system libraries Qt's X11 (xcb) platform plugin cannot find, and the
Debian/Ubuntu packages that bring them.

A minimal Debian or Ubuntu with X lacks several of them (libxcb-cursor0,
libxcb-icccm4, libxcb-keysyms1, …); Qt then stops with "could not load the Qt
platform plugin xcb" and no hint of what to install. `make run` asks this module
first (`python -m afterword.qt_libraries`), which names the packages. No Qt is
loaded here: the plugin's dependencies are read with ldd."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Sonames whose Debian package is not named by the usual rule (see package_of).
_PACKAGE_OF = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfreetype.so.6": "libfreetype6",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
_SONAME = re.compile(r"^lib(?P<name>.+)\.so\.(?P<version>\d+)")


def package_of(soname: str) -> str:
    """The Debian/Ubuntu package that ships `soname`: libxcb-icccm.so.4 → libxcb-icccm4,
    libxkbcommon-x11.so.0 → libxkbcommon-x11-0 (a hyphen after a name ending in a digit)."""
    if soname in _PACKAGE_OF:
        return _PACKAGE_OF[soname]
    match = _SONAME.match(soname)
    if match is None:
        return soname
    name, version = match["name"].lower(), match["version"]
    return f"lib{name}{'-' if name[-1].isdigit() else ''}{version}"


def not_found(ldd_output: str) -> list[str]:
    """The sonames ldd reported as not found, in order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def xcb_plugin_files() -> list[Path]:
    """Qt's xcb platform plugin and the Qt library it is built on, in this PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return []
    qt = Path(spec.origin).parent / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))]
    return [p for p in candidates if p.exists()][:2]


def missing_packages() -> list[str]:
    """Packages to install before the window can open on X11; [] when none (or not Linux)."""
    ldd = shutil.which("ldd")
    if not sys.platform.startswith("linux") or ldd is None:
        return []
    missing: list[str] = []
    for path in xcb_plugin_files():
        done = subprocess.run([ldd, str(path)], capture_output=True, text=True, check=False)
        missing += not_found(done.stdout)
    return list(dict.fromkeys(package_of(s) for s in missing))


# What a minimal Debian 12 / Ubuntu lacks for the xcb plugin (the README lists these).
USUAL_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                  "libxcb-render-util0", "libxcb-xkb1", "libxkbcommon-x11-0", "libxcb-shape0",
                  "libxcb-randr0", "libxcb-xfixes0", "libxcb-sync1", "libxcb-shm0", "libx11-xcb1")


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM", "xcb")
    if not platform.startswith("xcb"):
        return 0  # Wayland, offscreen, …: the xcb plugin is not used
    packages = missing_packages()
    if not packages:
        return 0
    print("Qt cannot open a window on X11 until these libraries are installed:\n"
          f"    sudo apt-get install {' '.join(packages)}\n"
          "(Debian/Ubuntu package names; the README lists them all.)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
