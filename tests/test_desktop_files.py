"""Linux desktop integration: the entry and AppStream metadata validate, the icons
exist at every size, and `make install-desktop` puts them under the user's data folder.

The validators come from Debian's desktop-file-utils and appstream; .ci/run installs
them, so in CI a missing validator fails instead of skipping."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[1]
LINUX = REPO / "packaging" / "linux"
APP_ID = "io.github.afterword.Afterword"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed: .ci/run must install it")
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return path


def validate_desktop(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("desktop-file-validate"), str(path)], capture_output=True, text=True)


def test_the_desktop_entry_validates():
    done = validate_desktop(LINUX / f"{APP_ID}.desktop")
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout + done.stderr


def test_the_appstream_metainfo_validates_with_screenshot_and_release_notes():
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    done = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(metainfo)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    text = metainfo.read_text(encoding="utf-8")
    assert "<screenshot type=\"default\">" in text and "<caption>" in text
    assert "<release version=" in text


def test_the_metainfo_names_the_current_version():
    from afterword import __version__

    assert f'<release version="{__version__}"' in (LINUX / f"{APP_ID}.metainfo.xml").read_text()


def test_a_broken_desktop_entry_is_caught(tmp_path):
    broken = tmp_path / f"{APP_ID}.desktop"
    broken.write_text("[Desktop Entry]\nName=Afterword\nExec=afterword\n")  # no Type
    assert validate_desktop(broken).returncode != 0


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_icon_exists_at_each_size(qapp, size):
    image = QImage(str(REPO / "resources" / "icons" / "png" / f"afterword-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_install_desktop_puts_everything_under_the_users_data_folder(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    share = tmp_path / "share"
    done = subprocess.run(["make", "-s", "-C", str(REPO), "install-desktop", f"XDG_DATA_HOME={share}",
                           "AFTERWORD_EXEC=/opt/Afterword/afterword"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = share / "applications" / f"{APP_ID}.desktop"
    assert 'Exec="/opt/Afterword/afterword"' in entry.read_text()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert validate_desktop(entry).returncode == 0


def test_the_metainfo_screenshots_are_files_in_the_repository():
    text = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    images = [line.split("/main/", 1)[1].split("<", 1)[0] for line in text.splitlines() if "<image>" in line]
    assert images
    for rel in images:
        assert (REPO / rel).is_file(), rel
