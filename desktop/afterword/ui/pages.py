"""The window's pages, in sidebar order. To add a page: one `Page(...)` line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from afterword.ui.views.companies import CompaniesView
from afterword.ui.views.funnel import FunnelView
from afterword.ui.views.interviews import InterviewsView
from afterword.ui.views.notes import NotesView
from afterword.ui.views.people import PeopleView
from afterword.ui.views.today import TodayView

if TYPE_CHECKING:
    from afterword.ui.main_window import MainWindow


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    shortcut: str
    build: Callable[[MainWindow], QWidget]


def pages() -> list[Page]:
    """The sidebar, in order. A page takes the window's context and hub."""
    return [
        Page("today", "Today", "Ctrl+1",
             lambda w: TodayView(w.context, w.hub, w.changes, w.lookahead)),
        Page("people", "People", "Ctrl+2",
             lambda w: PeopleView(w.context, w.hub, w.changes, w.phone_region)),
        Page("companies", "Companies & roles", "Ctrl+3",
             lambda w: CompaniesView(w.context, w.hub, w.changes)),
        Page("interviews", "Interviews", "Ctrl+4",
             lambda w: InterviewsView(w.context, w.hub, changes=w.changes)),
        Page("notes", "Thank-you notes", "Ctrl+5",
             lambda w: NotesView(w.context, w.hub, changes=w.changes)),
        Page("funnel", "Funnel", "Ctrl+6", lambda w: FunnelView(w.context, w.hub)),
    ]
