"""`make run` names the X11 libraries Qt's xcb plugin still needs, by Debian package."""

from __future__ import annotations

from pathlib import Path

from afterword import qt_libraries

REPO = Path(__file__).resolve().parents[1]

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
"""


def test_missing_sonames_are_read_from_ldd_and_named_by_package():
    assert qt_libraries.not_found(LDD) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"]
    named = {s: qt_libraries.package_of(s) for s in (
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-image.so.0",
        "libxcb-render-util.so.0", "libxcb-xkb.so.1", "libxkbcommon-x11.so.0", "libxcb-shape.so.0",
        "libxcb-randr.so.0", "libX11-xcb.so.1", "libdbus-1.so.3", "libglib-2.0.so.0")}
    assert list(named.values()) == [
        "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
        "libxcb-xkb1", "libxkbcommon-x11-0", "libxcb-shape0", "libxcb-randr0", "libx11-xcb1",
        "libdbus-1-3", "libglib2.0-0"]


def test_the_check_says_what_to_install_and_stops_make_run(monkeypatch, capsys):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(qt_libraries, "missing_packages", lambda: ["libxcb-cursor0", "libxcb-icccm4"])
    assert qt_libraries.main() == 1
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in capsys.readouterr().err
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland")  # no xcb plugin needed
    assert qt_libraries.main() == 0
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_libraries, "missing_packages", lambda: [])
    assert qt_libraries.main() == 0 and capsys.readouterr().err == ""


def test_the_real_plugin_is_found_and_checked():
    files = qt_libraries.xcb_plugin_files()
    assert [f.name for f in files][:1] == ["libqxcb.so"]
    assert all(p.startswith("lib") for p in qt_libraries.missing_packages())


def test_make_run_checks_first_and_the_readme_names_every_usual_package():
    run = (REPO / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert "afterword.qt_libraries" in run.split("$(BIN)/afterword")[0]
    readme = (REPO / "README.md").read_text()
    assert [p for p in qt_libraries.USUAL_PACKAGES if p not in readme] == []
