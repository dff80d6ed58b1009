"""Every command reachable from the keyboard and told to a screen reader: each item
of every menu (the menu bar's, their submenus, and each page's context menu) has
text, an Alt+letter and a status-bar tip, and no letter twice in one menu; in each
dialog, every Alt+letter shown is used once, and every check box, radio button
and own button has one (the standard OK/Cancel/Close/Save answer Enter and Esc)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from afterword.core.domain import Contact, FeedbackCall, Interview, Opportunity
from afterword.ui.menus import mnemonic

CONTACTS = Path(__file__).parent / "data" / "contacts"
CARD = Path(__file__).parent / "data" / "cards" / "card-01.jpg"


def _problems_in(menu: QMenu, where: str) -> list[str]:
    problems, letters = [], {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        text, letter = action.text(), mnemonic(action)
        if not text.strip():
            problems.append(f"{where}: an item without text")
        if letter is None:
            problems.append(f"{where} ▸ {text}: no Alt+letter")
        else:
            letters.setdefault(letter, []).append(text)
        if not action.statusTip():
            problems.append(f"{where} ▸ {text}: no status-bar tip")
        if action.menu() is not None:
            problems += _problems_in(action.menu(), f"{where} ▸ {text}")
    problems += [f"{where}: Alt+{k.upper()} on {texts}" for k, texts in letters.items() if len(texts) > 1]
    return problems


def test_every_menu_item_has_text_an_alt_letter_and_a_tip(demo_window):
    window = demo_window
    bar = [a for a in window.menuBar().actions() if a.isVisible()]
    titles = [mnemonic(a) for a in bar]
    assert None not in titles and len(set(titles)) == len(titles), [a.text() for a in bar]
    problems = []
    for action in bar:
        problems += _problems_in(action.menu(), action.text().replace("&", ""))
    for key in ("today", "people", "companies", "interviews", "notes", "funnel"):
        window.show_page(key)
        menu = window.shown_page().context_menu()
        problems += _problems_in(menu, f"context menu on {key}")
        menu.deleteLater()
    assert problems == []


def _alt_letter(text: str) -> str | None:
    text = text.replace("&&", "")
    at = text.find("&")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else None


def _standard(button: QAbstractButton) -> bool:
    """A dialog's OK, Cancel, Close or Save: Enter and Esc answer them, as on every
    desktop, so they carry no letter (Qt gives standard buttons none on Linux)."""
    box = button.parent()
    if isinstance(box, QDialogButtonBox) and box.standardButton(button) != \
            QDialogButtonBox.StandardButton.NoButton:
        return True
    return button.text() in ("OK", "Cancel", "Close", "Save")


def _dialog_problems(dialog: QWidget, name: str) -> list[str]:
    problems, letters = [], {}
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QAbstractButton):
            text = widget.text()
            if text.strip() and _alt_letter(text) is None and not _standard(widget) \
                    and widget.metaObject().className() != "QToolButton":
                problems.append(f"{name}: {text!r} has no Alt+letter")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if letter := _alt_letter(text):
            letters.setdefault(letter, []).append(text)
    for tabs in dialog.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if letter := _alt_letter(tabs.tabText(i)):
                letters.setdefault(letter, []).append(tabs.tabText(i))
            else:
                problems.append(f"{name}: tab {tabs.tabText(i)!r} has no Alt+letter")
    problems += [f"{name}: Alt+{k.upper()} on {texts}" for k, texts in letters.items() if len(texts) > 1]
    return problems


def _dialogs(window):
    """(name, build) for each dialog a user meets, built on the sample data."""
    from afterword.core.cardread import read_card
    from afterword.core.merge import MatchIndex
    from afterword.ui.card_capture import photo_of
    from afterword.ui.dialogs.cadence import CadenceDialog
    from afterword.ui.dialogs.card_review import CardReviewDialog
    from afterword.ui.dialogs.debrief import DebriefDialog
    from afterword.ui.dialogs.export_reminders import ExportRemindersDialog
    from afterword.ui.dialogs.feedback_call import FeedbackCallDialog
    from afterword.ui.dialogs.follow_up_letter import FollowUpLetterDialog
    from afterword.ui.dialogs.import_contacts import ImportContactsDialog
    from afterword.ui.dialogs.merge_people import MergePeopleDialog
    from afterword.ui.dialogs.new_role import NewRoleDialog
    from afterword.ui.dialogs.preferences import PreferencesDialog
    from afterword.ui.dialogs.print_brief import PrintBriefDialog
    from afterword.ui.dialogs.print_checklist import PrintChecklistDialog
    from afterword.ui.dialogs.restore_backup import RestoreBackupDialog
    from afterword.ui.dialogs.sync_preferences import SyncPage

    context, hub = window.context, window.hub
    store = context.store
    role = next(o for o in store.all(Opportunity) if o.title == "Regional Sales Manager")
    people = sorted(store.all(Contact), key=lambda c: c.name)
    latest = max(store.all(Interview), key=lambda i: i.start)

    def preferences(tab: int):
        dialog = PreferencesDialog(window.settings, window, sync_page=SyncPage(context, window.settings))
        dialog.tabs.setCurrentIndex(tab)
        return dialog

    def card_review():
        return CardReviewDialog(read_card(CARD, region="US"), photo_of(CARD.read_bytes()), store,
                                MatchIndex.load(store, "US"), "US", window)

    return [
        ("Debrief", lambda: DebriefDialog(context, hub, window, opportunity_uid=role.uid)),
        ("Export Reminders", lambda: ExportRemindersDialog(context, hub, window, settings=window.settings)),
        ("Print Checklist", lambda: PrintChecklistDialog(context, hub, window)),
        ("Print Prep Brief", lambda: PrintBriefDialog(context, hub, window, role_uid=role.uid)),
        ("Stay in Touch", lambda: CadenceDialog(context, hub, window, contact_uid=people[0].uid)),
        ("Feedback Call", lambda: FeedbackCallDialog(context, hub, window, call=store.all(FeedbackCall)[0])),
        ("Follow-up Letter", lambda: FollowUpLetterDialog(context, hub, window, interview_uid=latest.uid)),
        ("Add Role", lambda: NewRoleDialog([], window)),
        ("Preferences ▸ General", lambda: preferences(0)),
        ("Preferences ▸ Sync", lambda: preferences(1)),
        ("Import Contacts", lambda: ImportContactsDialog(
            context, [CONTACTS / "apple-contacts.vcf"], "US", window)),
        ("Merge People", lambda: MergePeopleDialog(people[:2], [], lambda uid: store.get(Contact, uid),
                                                   window)),
        ("Restore from Backup", lambda: RestoreBackupDialog([], "/backups", window)),
        ("New Person from Card", card_review),
    ]


@pytest.mark.parametrize("which", range(14))
def test_each_dialog_uses_each_alt_letter_once(qtbot, demo_window, which):
    dialogs = _dialogs(demo_window)
    assert len(dialogs) == 14
    name, build = dialogs[which]
    dialog = build()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if name == "Import Contacts":  # its buttons as they are once the files are read
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=30_000)
    problems = _dialog_problems(dialog, name)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())  # a dialog still reading closes when it stops
    assert problems == []
