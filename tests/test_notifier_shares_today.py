"""What is due is computed once for Today and the notification banner: a window that
opens on Today announces from Today's result, and only a window showing another
page has the notifier read for itself."""

from __future__ import annotations

import pytest

import afterword.ui.notifier as notifier_module
import afterword.ui.views.today as today_module


@pytest.fixture
def computations(monkeypatch) -> list[str]:
    """Who computed what is due, in order."""
    seen: list[str] = []
    for name, module in (("today", today_module), ("notifier", notifier_module)):
        real = module.due_reminders

        def counted(store, on, real=real, name=name):
            seen.append(name)
            return real(store, on)

        monkeypatch.setattr(module, "due_reminders", counted)
    return seen


def test_a_window_opening_on_today_computes_once_and_still_announces(qtbot, demo_store, computations):
    from window_helpers import close_window, open_window

    path = demo_store.path
    demo_store.close()
    window = open_window(qtbot, path)
    try:
        banner = window.notifier.banner
        qtbot.waitUntil(lambda: not banner.isHidden())
        assert "8 items due (4 overdue)" in banner.text()
        qtbot.wait(50)  # the notifier's own start has run by now
        assert computations == ["today"]
        # The minute's check while Today is shown reads Today again, once.
        window.notifier.check_soon()
        qtbot.waitUntil(lambda: len(computations) == 2)
        assert computations == ["today", "today"]
    finally:
        close_window(window)


def test_a_window_opening_on_another_page_has_the_notifier_read(qtbot, demo_store, computations):
    from afterword.ui import settings as keys
    from window_helpers import close_window, open_window

    settings = keys.open_settings()
    keys.PAGE.write(settings, "people")
    settings.sync()
    path = demo_store.path
    demo_store.close()
    window = open_window(qtbot, path)
    try:
        assert window.current_page() == "people"
        qtbot.waitUntil(lambda: not window.notifier.banner.isHidden())
        assert computations == ["notifier"]
    finally:
        close_window(window)
