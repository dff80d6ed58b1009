"""Today on a large database: reminders are computed on a worker thread while the
list stays usable, and a ticked item leaves the list at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from afterword.context import AppContext
from afterword.core.domain import NoteStatus, ThankYouNote
from afterword.core.rules import ReminderKind, due_reminders
from afterword.ui.commands import Changes
from afterword.ui.hub import Hub
from afterword.ui.views.today import TodayView
from window_helpers import NOW, close_window, open_window


def titles(view) -> list[str]:
    model = view.model
    return [model.reminder(model.index(r, 0, model.index(g, 0))).title
            for g in range(model.rowCount()) for r in range(model.rowCount(model.index(g, 0)))]


def in_background(qtbot, window) -> TodayView:
    today = window.page("today")
    today.loader.background_above = 0  # as on a large database
    return today


def test_a_change_recomputes_in_the_background_with_an_updating_heading(qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    today = in_background(qtbot, window)
    window.hub.notify("*")
    assert today.loading and "Updating…" in today.heading.text()
    qtbot.waitUntil(lambda: not today.loading)
    qtbot.waitUntil(lambda: "Updating" not in today.heading.text())
    expected = due_reminders(window.context.store, NOW.date()).items
    assert sorted(titles(today)) == sorted(r.title for r in expected)
    assert f"{len(expected)} to do" in today.heading.text()
    close_window(window)


def test_ticking_removes_the_row_at_once_then_the_background_result_agrees(
        qtbot, demo_store, db_path):
    demo_store.close()
    window = open_window(qtbot, db_path)
    today = in_background(qtbot, window)
    before = titles(today)
    reminder = next(today.model.reminder(today.model.index(r, 0, today.model.index(0, 0)))
                    for r in range(today.model.rowCount(today.model.index(0, 0))))
    assert reminder.kind is ReminderKind.THANK_YOU_NOTE
    today.tree.setCurrentIndex(today.model.index_of(reminder.uid))
    today.tree.setFocus()
    qtbot.keyClick(today.tree, Qt.Key.Key_Space)
    # At once, before any worker result: the row is gone and the count is one less.
    assert today.loading
    assert reminder.title not in titles(today)
    assert len(titles(today)) == len(before) - 1
    assert f"{len(before) - 1} to do" in today.heading.text()
    note = window.context.store.get(ThankYouNote, reminder.source_uid)
    assert note.status == NoteStatus.SENT
    qtbot.waitUntil(lambda: not today.loading)
    assert sorted(titles(today)) == sorted(t for t in before if t != reminder.title)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not today.loading and reminder.title in titles(today))
    close_window(window)


def test_an_in_memory_store_is_computed_at_once(qtbot, demo_store):
    from afterword.core import interchange
    from afterword.core.store import Store

    memory = Store.memory()
    interchange.import_document(memory, interchange.export_document(demo_store))
    context = AppContext(store=memory, db_path=demo_store.path, clock=lambda: NOW)
    hub = Hub()
    view = TodayView(context, hub, Changes(context, hub, None, lambda _t: None), lambda: 0)
    qtbot.addWidget(view)
    view.loader.background_above = 0
    hub.notify("*")
    view.refresh()
    assert not view.loading
    assert len(titles(view)) == len(due_reminders(memory, NOW.date()).items) > 0
    view.close()
    memory.close()
