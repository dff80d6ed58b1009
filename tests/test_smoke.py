"""`afterword --smoke`: the window opens, the first page paints with its data, and
the app quits with 0 then — not on a timer, however long the data takes."""

from __future__ import annotations

import time
from datetime import date

import pytest

import afterword.ui.page_loader as page_loader
import afterword.ui.views.today as today_view
from afterword.core.demo import fill_demo
from afterword.core.store import Store


def _seen_at_close(monkeypatch) -> list[dict]:
    """What the Today page held when the window was closed."""
    from afterword.ui.main_window import MainWindow

    seen: list[dict] = []
    real_close = MainWindow.close

    def close(self):
        today = self.page("today")
        seen.append({"loading": today.loading, "items": today.model.reminder_count(),
                     "heading": today.heading.text()})
        return real_close(self)

    monkeypatch.setattr(MainWindow, "close", close)
    return seen


def test_smoke_quits_only_after_today_has_painted_with_its_data(qapp, tmp_path, monkeypatch):
    from afterword.app import run_app

    path = tmp_path / "demo.db"
    store = Store.open(path)
    fill_demo(store, date.today())
    store.close()
    # Today reads on a worker thread, slowly: far longer than any fixed timer would wait.
    monkeypatch.setattr(page_loader, "BACKGROUND_ABOVE", 0)
    real_due = today_view.due_reminders

    def slow_due(store, on):
        time.sleep(0.6)
        return real_due(store, on)

    monkeypatch.setattr(today_view, "due_reminders", slow_due)
    seen = _seen_at_close(monkeypatch)
    started = time.monotonic()
    assert run_app(path, smoke=True) == 0
    assert time.monotonic() - started >= 0.6
    assert seen and seen[0]["loading"] is False
    assert seen[0]["items"] > 0
    assert "to do" in seen[0]["heading"] and "Updating" not in seen[0]["heading"]


def test_smoke_on_an_empty_database_quits_once_today_has_painted(qapp, tmp_path, monkeypatch):
    from afterword.app import run_app

    seen = _seen_at_close(monkeypatch)
    assert run_app(tmp_path / "empty.db", smoke=True) == 0
    assert seen == [{"loading": False, "items": 0, "heading": "Welcome to Afterword"}]


def test_smoke_watches_the_page_shown_not_every_event_of_the_application(qapp, tmp_path, monkeypatch):
    """A filter on the application would call into Python for every event of every
    object: the check would slow the start it checks."""
    import afterword.ui.smoke as smoke
    from afterword.app import run_app

    monkeypatch.setattr(smoke, "GIVE_UP_AFTER_MS", 30_000)  # a check that never quits fails soon
    on_the_application: list[object] = []
    monkeypatch.setattr(qapp, "installEventFilter", on_the_application.append, raising=False)
    seen = _seen_at_close(monkeypatch)
    assert run_app(tmp_path / "empty.db", smoke=True) == 0
    assert seen and on_the_application == []


def test_without_a_display_the_window_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    import afterword.app
    from afterword.cli import main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(afterword.app, "run_app", lambda *a, **k: pytest.fail("Qt was started"))
    for argv in (["--smoke"], ["--db", str(tmp_path / "a.db")]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err == ("afterword: error: no display to open the window on (neither DISPLAY nor "
                       "WAYLAND_DISPLAY is set); the commands in 'afterword --help' work without one\n")
    assert not (tmp_path / "a.db").exists()


def test_a_real_start_and_quit_leaves_the_file_closed_unlocked_and_its_settings_saved(tmp_path):
    """The process ends without collecting the window's objects (afterword/entry.py):
    what their ends used to do must have been done."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "demo.db"
    store = Store.open(path)
    fill_demo(store, date.today())
    store.close()
    desktop = Path(__file__).resolve().parents[1] / "desktop"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(desktop), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "afterword", "--smoke", "--db", str(path)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "demo.db"]  # no lock, -wal, -shm
    settings = (tmp_path / "config" / "Afterword" / "afterword.ini").read_text(encoding="utf-8")
    assert f"last_database={path}" in settings and "page=today" in settings
