"""Pages reload only on changes that affect them, wait while hidden until shown,
and on a large database read on a worker thread while saying they are updating."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from afterword.context import AppContext
from afterword.core.domain import Interview, NoteStatus, Opportunity, ThankYouNote
from afterword.core.notes import note_counts, note_rows
from afterword.ui.hub import Hub
from afterword.ui.page_loader import UPDATING
from afterword.ui.views.funnel import FunnelView
from afterword.ui.views.interviews import InterviewsView
from afterword.ui.views.notes import FILTERS, NotesView
from conftest import DEMO_TODAY
from window_helpers import close_window, open_window

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def context_for(store) -> AppContext:
    return AppContext(store=store, db_path=store.path, clock=lambda: NOW)


def another_round(store) -> Interview:
    first = store.all(Interview)[0]
    later = Interview(first.opportunity_uid, 9, first.start, first.timezone)
    store.put(later)
    return later


def test_a_hidden_page_reloads_when_shown_not_on_each_change(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    window = open_window(qtbot, path)
    try:
        window.show_page("today")
        interviews = window.page("interviews")
        listed = interviews.model.rowCount()
        another_round(window.context.store)
        window.hub.notify("interviews")
        assert interviews.loader.stale and interviews.model.rowCount() == listed
        window.show_page("interviews")
        assert not interviews.loader.stale and interviews.model.rowCount() == listed + 1
    finally:
        close_window(window)


def test_a_shown_page_ignores_changes_that_do_not_affect_it(qtbot, demo_store):
    view = InterviewsView(context_for(demo_store), hub := Hub())
    qtbot.addWidget(view)
    view.show()
    listed = view.model.rowCount()
    another_round(demo_store)
    hub.notify("touches")
    assert view.model.rowCount() == listed
    hub.notify("interviews")
    assert view.model.rowCount() == listed + 1


def test_a_large_page_reads_in_the_background_and_says_it_is_updating(qtbot, demo_store):
    view = InterviewsView(context_for(demo_store), hub := Hub())
    qtbot.addWidget(view)
    view.show()
    view.loader.background_above = 0  # as if the database were large
    listed = view.model.rowCount()
    another_round(demo_store)
    hub.notify("interviews")
    assert view.loading and view.count_label.text().endswith(UPDATING)
    qtbot.waitUntil(lambda: not view.loading)
    assert view.model.rowCount() == listed + 1
    assert view.count_label.text() == f"{listed + 1} rounds"
    view.finish_loading()


def test_the_funnel_reads_in_the_background_the_same_as_at_once(qtbot, demo_store):
    hub = Hub()
    at_once = FunnelView(context_for(demo_store), hub)
    qtbot.addWidget(at_once)
    later = FunnelView(context_for(demo_store), hub)
    qtbot.addWidget(later)
    later.show()
    later.loader.background_above = 0
    role = demo_store.all(Opportunity)[0]
    demo_store.put(replace(role, target="A brand new target"))
    hub.notify("opportunities")
    qtbot.waitUntil(lambda: not later.loading)
    assert "A brand new target" in [f.target for f in later.chart.funnels]
    assert at_once.chart.funnels == later.chart.funnels
    assert at_once.processes.rows == later.processes.rows


def test_notes_are_filtered_by_status_in_sql(demo_store):
    every = note_rows(demo_store)
    for _label, statuses in FILTERS:
        assert note_rows(demo_store, statuses=statuses) == [r for r in every if r.status in statuses]
    assert note_rows(demo_store, open_only=True) == [r for r in every if not r.status.is_done]
    counts = note_counts(demo_store, DEMO_TODAY)
    open_rows = [r for r in every if not r.status.is_done]
    assert counts.open == len(open_rows)
    assert counts.overdue == sum(r.is_overdue(DEMO_TODAY) for r in open_rows)
    assert counts.due_today == sum(r.due == DEMO_TODAY for r in open_rows)


def test_notes_page_lists_open_notes_then_all_of_them_in_the_background(qtbot, demo_store):
    view = NotesView(context_for(demo_store), Hub())
    qtbot.addWidget(view)
    view.show()
    every = note_rows(demo_store)
    assert {r.uid for r in view.model.rows} == {r.uid for r in every if not r.status.is_done}
    view.loader.background_above = 0
    view.filter.setCurrentIndex(next(i for i, (label, _) in enumerate(FILTERS) if label == "All notes"))
    qtbot.waitUntil(lambda: not view.loading)
    assert [r.uid for r in view.model.rows] == [r.uid for r in every]
    assert view.summary.text().startswith(f"{sum(not r.status.is_done for r in every)} open")
    sent = next(i for i, (label, _) in enumerate(FILTERS) if label == "Sent")
    view.filter.setCurrentIndex(sent)
    qtbot.waitUntil(lambda: not view.loading)
    assert {r.status for r in view.model.rows} <= {NoteStatus.SENT}
    assert len(view.model.rows) == demo_store.db.execute(
        "SELECT count(*) FROM thank_you_notes WHERE status = 'sent'").fetchone()[0]
    assert demo_store.count(ThankYouNote) == len(every)
    view.finish_loading()


def test_the_people_list_waits_while_hidden_after_everything_changed(qtbot, tmp_path):
    from afterword.core.domain import Contact
    from afterword.core.store import Store
    from window_helpers import close_window, open_window

    path = tmp_path / "p.db"
    Store.open(path).close()
    window = open_window(qtbot, path)
    try:
        window.show_page("today")
        people = window.page("people")
        window.context.store.put(Contact("Written elsewhere"))
        window.hub.notify("*")
        assert people.model.rowCount() == 0  # not read while hidden
        window.show_page("people")
        assert people.model.rowCount() == 1
    finally:
        close_window(window)


def test_a_read_at_once_is_not_replaced_by_an_older_read_arriving_later(qtbot, demo_store):
    path = demo_store.path
    demo_store.close()
    window = open_window(qtbot, path)
    try:
        window.show_page("people")
        people = window.page("people")
        everyone = people.model.rowCount()
        people.loader.background_above = 0  # a large file: its list is read on the worker
        people.loader.reload()
        assert people.loading
        people.loader.background_above = 10**9  # now a small one, read at once
        people.set_search("Priya")
        matches = people.model.rowCount()
        assert 0 < matches < everyone
        qtbot.waitUntil(lambda: not people.loading)
        qtbot.wait(50)
        assert people.model.rowCount() == matches
    finally:
        close_window(window)


def test_note_cells_are_drawn_as_of_the_day_the_list_was_read_without_asking_the_clock(qtbot, demo_store):
    asked: list[datetime] = []
    later = NOW + timedelta(days=60)  # every open note is overdue by then

    def clock() -> datetime:
        asked.append(later)
        return later

    view = NotesView(AppContext(store=demo_store, db_path=demo_store.path, clock=clock), Hub())
    qtbot.addWidget(view)
    view.show()
    before = len(asked)
    statuses = [view.proxy.index(row, 1).data() for row in range(view.proxy.rowCount())]
    colours = [view.proxy.index(row, 1).data(Qt.ItemDataRole.ForegroundRole)
               for row in range(view.proxy.rowCount())]
    assert len(asked) == before
    assert any("overdue" in text for text in statuses) and any(colours)
