"""The window's pages, in sidebar order. To add a page: one `PageSpec(...)` line
and a builder below (see docs/design.md).

A page is built the first time it is shown, and its module is imported then:
start-up builds and imports only the page the window opens on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow
    from afterword.ui.page import Page


@dataclass(frozen=True)
class PageSpec:
    """A page of the window: its key, sidebar title, shortcut and builder."""

    key: str
    title: str
    shortcut: str
    build: Callable[[MainWindow], Page]


def _today(w: MainWindow) -> Page:
    from afterword.ui.views.today import TodayView

    view = TodayView(w.context, w.hub, w.changes, w.lookahead)
    view.computed.connect(w.notifier.take)  # one computation serves Today and the notifier
    view.reminder_opened.connect(w.follow_through.open_reminder)
    view.brief_requested.connect(w.brief.print_brief)
    view.first_steps.step_chosen.connect(w.first_run.take)
    return view


def _people(w: MainWindow) -> Page:
    from afterword.ui.views.people import PeopleView

    view = PeopleView(w.context, w.hub, w.changes, w.phone_region)
    view.files_dropped.connect(w.contacts_io.import_paths)
    view.image_drop.dropped.connect(w.card_capture.from_path)
    return view


def _companies(w: MainWindow) -> Page:
    from afterword.ui.views.companies import CompaniesView

    return CompaniesView(w.context, w.hub, w.changes)


def _interviews(w: MainWindow) -> Page:
    from afterword.ui.views.interviews import InterviewsView

    return InterviewsView(w.context, w.hub, changes=w.changes)


def _notes(w: MainWindow) -> Page:
    from afterword.ui.views.notes import NotesView

    return NotesView(w.context, w.hub, changes=w.changes)


def _funnel(w: MainWindow) -> Page:
    from afterword.ui.views.funnel import FunnelView

    return FunnelView(w.context, w.hub)


def pages() -> list[PageSpec]:
    """The sidebar, in order."""
    return [
        PageSpec("today", "Today", "Ctrl+1", _today),
        PageSpec("people", "People", "Ctrl+2", _people),
        PageSpec("companies", "Companies & roles", "Ctrl+3", _companies),
        PageSpec("interviews", "Interviews", "Ctrl+4", _interviews),
        PageSpec("notes", "Thank-you notes", "Ctrl+5", _notes),
        PageSpec("funnel", "Funnel", "Ctrl+6", _funnel),
    ]
