"""The notes list sorts by any column as the view's own sorting would: stably,
both ways, keeping the selected note selected and the order across reloads."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from afterword.context import AppContext
from afterword.core.notes import note_rows
from afterword.ui.hub import Hub
from afterword.ui.views.notes import FILTERS, NotesView

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
TO, DUE = 2, 0


def shown_column(view: NotesView, column: int) -> list[str]:
    return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]


def test_sorting_by_recipient_both_ways_is_stable_and_keeps_the_selection(qtbot, demo_store):
    hub = Hub()
    view = NotesView(AppContext(store=demo_store, db_path=demo_store.path, clock=lambda: NOW), hub)
    qtbot.addWidget(view)
    view.filter.setCurrentIndex(next(i for i, (label, _) in enumerate(FILTERS) if label == "All notes"))
    rows = note_rows(demo_store)  # by due date, then name: the order ties keep
    assert len(rows) > 3
    picked = rows[len(rows) // 2]
    # Through the selection model: a view's selectRow() depends on the keyboard
    # modifiers other tests may leave behind.
    source_row = next(i for i, r in enumerate(view.model.rows) if r.uid == picked.uid)
    selection = view.table.selectionModel()
    selection.select(view.proxy.mapFromSource(view.model.index(source_row, 0)),
                     selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
    assert [r.uid for r in view.selected()] == [picked.uid]

    view.table.sortByColumn(TO, Qt.SortOrder.DescendingOrder)
    expected = sorted(rows, key=lambda r: r.recipient, reverse=True)
    assert shown_column(view, TO) == [r.recipient for r in expected]
    assert shown_column(view, DUE) == [r.due.isoformat() for r in expected]
    assert [r.uid for r in view.selected()] == [picked.uid]

    view.table.sortByColumn(TO, Qt.SortOrder.AscendingOrder)
    expected = sorted(rows, key=lambda r: r.recipient)
    assert shown_column(view, DUE) == [r.due.isoformat() for r in expected]

    hub.notify("thank_you_notes")  # a reload keeps the chosen order
    assert shown_column(view, TO) == [r.recipient for r in expected]
    assert [r.uid for r in view.selected()] == [picked.uid]
