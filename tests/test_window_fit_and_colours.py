"""The window at its default size and at 1024×640: nothing that matters is cut, the
window can be made short; colours that carry meaning are readable on light and
dark palettes; the toolbar keeps its shape."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QStyleOptionViewItem, QToolBar

from afterword.core.domain import Contact, NoteStatus, ThankYouNote
from afterword.ui.colours import DUE, MUTED, OVERDUE, contrast_ratio, status_colour
from afterword.ui.models.people import HEADERS, LAST_CONTACT, NEXT_TOUCH
from afterword.ui.window_state import PREFERRED_SIZE
from conftest import DEMO_TODAY


def sized(qtbot, window, width: int, height: int):
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    QApplication.processEvents()
    return window


def in_view(table, column: int) -> bool:
    """The whole column is inside the table's viewport, without scrolling."""
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return not header.isSectionHidden(column) and left >= 0 \
        and left + header.sectionSize(column) <= table.viewport().width()


def test_people_at_the_default_size_shows_who_where_and_when(qtbot, demo_window):
    sized(qtbot, demo_window, PREFERRED_SIZE.width(), PREFERRED_SIZE.height())
    demo_window.show_page("people")
    table = demo_window.shown_page().table
    shown = [HEADERS[c] for c in range(len(HEADERS)) if in_view(table, c)]
    assert {"Name", "Company", "Last contact", "Next touch"} <= set(shown)
    assert in_view(table, LAST_CONTACT) and in_view(table, NEXT_TOUCH)


def test_at_1024_by_640_the_pages_fit(qtbot, demo_window):
    window = sized(qtbot, demo_window, 1024, 640)
    window.show_page("people")
    people = window.shown_page()
    people.select_row(0)
    card_scroll = people.card.parentWidget().parentWidget()
    assert not card_scroll.horizontalScrollBar().isVisible()  # the card is whole across
    assert in_view(people.table, 0) and in_view(people.table, 1)

    window.show_page("interviews")
    interviews = window.shown_page().table
    assert all(in_view(interviews, c) for c in range(interviews.model().columnCount() - 1))

    window.show_page("companies")
    companies = window.shown_page()
    assert companies.role_fields.editors["title"].visibleRegion().boundingRect().width() > 100

    window.show_page("funnel")
    funnel = window.shown_page()
    row = funnel.processes_table.verticalHeader().defaultSectionSize()
    assert funnel.processes_table.viewport().height() >= 2 * row
    assert funnel.concerns_table.viewport().height() >= 2 * row
    assert funnel.chart.visibleRegion().boundingRect().height() >= 60

    window.show_page("today")
    tree = window.shown_page().tree
    assert tree.header().sectionSize(1) >= tree.sizeHintForColumn(1)  # "Overdue · … (7 d)" whole


def test_the_window_can_be_made_shorter_than_645(qtbot, demo_window):
    for spec in demo_window.pages:
        demo_window.show_page(spec.key)
        QApplication.processEvents()  # each page's layout settles into the window's
    assert demo_window.minimumSizeHint().height() < 560
    sized(qtbot, demo_window, 1024, 560)


def dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, colour in ((role.Window, "#2b2b2b"), (role.WindowText, "#e6e6e6"), (role.Base, "#1e1e1e"),
                      (role.AlternateBase, "#262626"), (role.Text, "#e6e6e6"), (role.Button, "#353535"),
                      (role.ButtonText, "#e6e6e6")):
        palette.setColor(r, QColor(colour))
    return palette


@pytest.fixture
def dark(qapp):
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield dark_palette()
    qapp.setPalette(before)


def test_the_due_overdue_and_done_colours_read_on_light_rows(qapp):
    light = QPalette(QColor("#efefef"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    for meaning in (DUE, OVERDUE, MUTED):
        colour = status_colour(meaning, light)
        for background in ("#ffffff", "#f7f7f7"):
            assert contrast_ratio(colour, QColor(background)) >= 4.5, (meaning, background)


def test_a_note_due_today_is_readable_in_its_list_light_and_dark(qtbot, demo_window, dark):
    store = demo_window.context.store
    note = next(n for n in store.all(ThankYouNote) if not n.status.is_done)
    store.put(replace(note, due=DEMO_TODAY, status=NoteStatus.TO_WRITE))
    demo_window.show_page("notes")
    notes = demo_window.shown_page()
    notes.reload()
    row = next(i for i, r in enumerate(notes.model.rows) if r.uid == note.uid)
    colour = notes.model.data(notes.model.index(row, 0), Qt.ItemDataRole.ForegroundRole).color()
    for background in ("#1e1e1e", "#262626"):  # the dark palette's rows
        assert contrast_ratio(colour, QColor(background)) >= 4.5
    demo_window.show_page("people")
    people = demo_window.shown_page()
    ellis = next(c for c in store.all(Contact) if c.name == "Ellis Grant")
    cell = people.model.index(people.model.row_of(ellis.uid), NEXT_TOUCH)
    overdue = people.model.data(cell, Qt.ItemDataRole.ForegroundRole)
    assert contrast_ratio(overdue, QColor("#1e1e1e")) >= 4.5


def test_today_tick_boxes_show_on_a_dark_palette(qtbot, demo_window, dark):
    demo_window.show_page("today")
    tree = demo_window.shown_page().tree
    fusion = QStyleFactory.create("Fusion")
    tree.setStyle(fusion)
    tree.setPalette(dark)
    QApplication.processEvents()
    index = tree.model().index(0, 0, tree.model().index(0, 0))
    tree.setCurrentIndex(QModelIndex())  # not the highlighted row
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    tree.itemDelegate().initStyleOption(option, index)
    option.rect = tree.visualRect(index)
    box = fusion.subElementRect(fusion.SubElement.SE_ItemViewItemCheckIndicator, option, tree)
    image = tree.viewport().grab().toImage()
    base = dark.color(QPalette.ColorRole.Base)
    best = max(contrast_ratio(image.pixelColor(x, y), base)
               for x in range(box.left(), box.right() + 1) for y in range(box.top(), box.bottom() + 1))
    assert best >= 3  # a user-interface part: 3:1 against what is around it


def test_the_undo_button_keeps_its_size_and_names_the_step_in_its_tip(qtbot, demo_window):
    bar = demo_window.findChild(QToolBar, "mainToolbar")
    demo_window.show_page("people")
    people = demo_window.shown_page()
    people.select_row(0)
    undo = bar.widgetForAction(demo_window.toolbar_undo)
    width, search_width = undo.width(), demo_window.search_field.width()
    contact = people.card.contact()
    demo_window.changes.save(contact, replace(contact, title="A title long enough to widen any button"),
                             "Edit title of " + contact.name)
    QApplication.processEvents()
    assert undo.text() == "Undo" and undo.width() == width
    assert demo_window.search_field.width() == search_width
    assert demo_window.toolbar_undo.toolTip() == "Undo Edit title of " + contact.name
    assert demo_window.toolbar_undo.isEnabled()
    demo_window.toolbar_undo.trigger()
    assert demo_window.context.store.get(Contact, contact.uid).title == contact.title


def test_stay_in_touch_shows_its_start_date_as_every_other_date(qtbot, demo_window):
    from afterword.ui.dialogs.cadence import CadenceDialog

    ellis = next(c for c in demo_window.context.store.all(Contact) if c.name == "Ellis Grant")
    dialog = CadenceDialog(demo_window.context, demo_window.hub, demo_window, contact_uid=ellis.uid)
    qtbot.addWidget(dialog)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dialog.start.text())
