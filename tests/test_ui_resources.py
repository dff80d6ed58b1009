"""Resources: found in a checkout, and a missing or broken file never stops the app."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from afterword import paths
from afterword.ui import resources

REPO = Path(__file__).resolve().parents[1]


def test_resources_dir_in_a_checkout_is_the_repo_folder():
    assert paths.resources_dir() == REPO / "resources"
    assert paths.resource("icons", "afterword.svg").is_file()


def test_resources_dir_in_a_bundle_is_under_meipass(monkeypatch, tmp_path):
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"


@pytest.fixture
def resource_root(monkeypatch, tmp_path) -> Path:
    """Point the loaders at an empty resources folder of our own."""
    root = tmp_path / "resources"
    root.mkdir()
    monkeypatch.setattr(resources, "resource", lambda *parts: root.joinpath(*parts))
    return root


def test_the_real_app_icon_loads(qapp, caplog):
    with caplog.at_level(logging.WARNING):
        icon = resources.app_icon()
    assert not icon.isNull()
    assert caplog.records == []


def test_a_deleted_icon_gives_an_empty_icon_and_a_warning(qapp, resource_root, caplog):
    with caplog.at_level(logging.WARNING):
        icon = resources.load_icon("icons", "gone.svg")
    assert icon.isNull()
    assert "missing resource" in caplog.text and "gone.svg" in caplog.text


def test_a_corrupt_icon_gives_an_empty_icon_and_a_warning(qapp, resource_root, caplog):
    (resource_root / "icons").mkdir()
    (resource_root / "icons" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with caplog.at_level(logging.WARNING):
        icon = resources.load_icon("icons", "broken.png")
    assert icon.isNull()
    assert "unreadable resource" in caplog.text


def test_an_app_without_any_icon_file_warns_once(qapp, resource_root, caplog):
    with caplog.at_level(logging.WARNING):
        icon = resources.app_icon()
    assert icon.isNull()
    assert "no usable application icon" in caplog.text


def test_a_good_stylesheet_is_returned(qapp, resource_root):
    (resource_root / "good.qss").write_text("QLabel { color: #1b5a63; }", encoding="utf-8")
    assert resources.load_stylesheet("good.qss") == "QLabel { color: #1b5a63; }"


@pytest.mark.parametrize("content, expected", [
    (None, "missing resource"),
    (b"QLabel { color: \xff\xfe }", "unreadable resource"),
    (b"QLabel { color: red; ;; {{ }", "broken stylesheet"),
])
def test_a_bad_stylesheet_falls_back_to_the_default_style(qapp, resource_root, caplog, content, expected):
    if content is not None:
        (resource_root / "app.qss").write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert resources.load_stylesheet("app.qss") == ""
    assert expected in caplog.text and "app.qss" in caplog.text


def test_the_window_still_opens_with_no_resources_at_all(qapp, resource_root, tmp_path, caplog,
                                                         monkeypatch):
    from afterword.app import run_app
    from afterword.ui.main_window import MainWindow

    shown: list[str] = []
    real_show = MainWindow.show
    monkeypatch.setattr(MainWindow, "show", lambda self: (shown.append(self.windowTitle()),
                                                          real_show(self)))
    with caplog.at_level(logging.WARNING):
        code = run_app(tmp_path / "smoke.db", smoke=True)
    assert code == 0
    assert shown and "smoke.db" in shown[0]
    assert "no usable application icon" in caplog.text
