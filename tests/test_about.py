"""Help ▸ About: what it shows, and the data file link revealing its folder."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QUrl, qVersion

from afterword import __version__
from afterword.context import AppContext
from afterword.ui.dialogs.about import AboutDialog
from afterword.ui.hub import Hub


def make_dialog(qtbot, store, db_path) -> AboutDialog:
    dialog = AboutDialog(AppContext(store=store, db_path=db_path), Hub())
    qtbot.addWidget(dialog)
    return dialog


def test_about_shows_version_data_file_runtimes_and_licence(qtbot, store, tmp_path):
    db_path = tmp_path / "jobs 2026" / "afterword.db"
    dialog = make_dialog(qtbot, store, db_path)
    assert __version__ in dialog.version_label.text()
    assert str(db_path) in dialog.data_file_label.text()
    runtimes = dialog.runtime_label.text()
    assert f"Qt {qVersion()}" in runtimes
    assert f"PySide {PySide6.__version__}" in runtimes
    assert f"Python {platform.python_version()}" in runtimes
    assert "MIT" in dialog.licence_label.text()
    assert all(w.accessibleName() for w in (dialog.data_file_label, dialog.runtime_label,
                                            dialog.licence_label, dialog.version_label))


def test_clicking_the_data_file_reveals_its_folder(qtbot, store, tmp_path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr("afterword.ui.dialogs.about.QDesktopServices.openUrl",
                        lambda url: opened.append(url) or True)
    db_path = tmp_path / "afterword.db"
    dialog = make_dialog(qtbot, store, db_path)
    dialog.data_file_label.linkActivated.emit(dialog.data_file_label.text())
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_escape_closes_about(qtbot, store, tmp_path):
    from PySide6.QtCore import Qt

    dialog = make_dialog(qtbot, store, tmp_path / "afterword.db")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_help_menu_opens_about(qtbot, db_path, monkeypatch):
    from afterword.ui.dialogs.about import AboutDialog
    from window_helpers import close_window, open_window

    shown: list = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window = open_window(qtbot, db_path)
    try:
        help_menu = window.menuBar().actions()[-1].menu()
        texts = [a.text().replace("&", "") for a in help_menu.actions()]
        assert "About Afterword" in texts
        help_menu.actions()[texts.index("About Afterword")].trigger()
        assert len(shown) == 1
    finally:
        close_window(window)
