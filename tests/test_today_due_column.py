"""Today's due column takes the room its longest text needs, wherever that row is,
and measures again when the list changes (it keeps the width between layouts)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QHeaderView

from afterword.core.rules import Reminder, ReminderKind
from afterword.ui.models.today import TodayModel
from afterword.ui.views.today import TodayTree

ON = date(2026, 11, 30)


def overdue(kind: ReminderKind, n: int, days: int) -> list[Reminder]:
    return [Reminder(kind, f"{kind.value}-{i}", ON - timedelta(days=days), f"Item {i}", None,
                     ON - timedelta(days=days)) for i in range(n)]


def shown_tree(qtbot, model: TodayModel) -> TodayTree:
    tree = TodayTree(lambda: None)
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.resize(900, 300)
    tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    tree.expandAll()
    tree.show()
    qtbot.waitExposed(tree)
    return tree


def needed(tree: TodayTree) -> int:
    return max(tree.sizeHintForIndex(tree.model().index(row, 1, tree.model().index(group, 0))).width()
               for group in range(tree.model().rowCount())
               for row in range(tree.model().rowCount(tree.model().index(group, 0))))


def test_the_longest_due_text_fits_though_it_is_far_below_the_first_rows(qtbot):
    model = TodayModel()
    notes, touches = ReminderKind.THANK_YOU_NOTE, ReminderKind.TOUCH
    model.set_reminders(overdue(notes, 100, 1) + overdue(touches, 2, 5000), ON)
    tree = shown_tree(qtbot, model)
    assert tree.header().sectionSize(1) >= needed(tree)


def test_the_due_column_widens_when_a_longer_text_arrives(qtbot):
    model = TodayModel()
    model.set_reminders(overdue(ReminderKind.THANK_YOU_NOTE, 3, 1), ON)
    tree = shown_tree(qtbot, model)
    before = tree.header().sectionSize(1)
    longer = overdue(ReminderKind.TOUCH, 1, 50_000)
    model.set_reminders(overdue(ReminderKind.THANK_YOU_NOTE, 3, 1) + longer, ON)
    tree.expandAll()
    qtbot.waitUntil(lambda: tree.header().sectionSize(1) > before)
    assert tree.header().sectionSize(1) >= needed(tree)
