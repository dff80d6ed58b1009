"""The data folder the command line uses is the one Qt would pick for the window."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

from afterword import paths


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is a Linux setting")
def test_data_dir_matches_qstandardpaths(qapp, tmp_path, monkeypatch):
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    names = QCoreApplication.applicationName(), QCoreApplication.organizationName()
    QCoreApplication.setApplicationName("Afterword")
    QCoreApplication.setOrganizationName("")
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        assert paths.data_dir() == Path(qt)
        assert paths.default_database() == Path(qt) / "afterword.db"
    finally:
        QCoreApplication.setApplicationName(names[0])
        QCoreApplication.setOrganizationName(names[1])
