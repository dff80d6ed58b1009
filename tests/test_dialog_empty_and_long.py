"""What a dialog shows when it has nothing to list, or a value longer than its field:
words that say so (not an empty table), and the start of a long value, whole where
it matters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from afterword.core.cardread import CardReading
from afterword.core.cardread.fields import CardFields
from afterword.core.domain import CardPhoto, Contact
from afterword.core.merge import MatchIndex
from afterword.core.merge_people import suggested_pairs
from afterword.ui.dialogs.card_review import CardReviewDialog
from afterword.ui.dialogs.merge_people import MergePeopleDialog
from afterword.ui.dialogs.preferences import PreferencesDialog
from afterword.ui.dialogs.restore_backup import RestoreBackupDialog
from afterword.ui.settings import CLOSING_QUESTION

CARD = Path(__file__).parent / "data" / "cards" / "card-01.jpg"


def test_merge_people_without_likely_duplicates_says_how_to_merge_anyway(qtbot, demo_store):
    assert suggested_pairs(demo_store, "US") == []  # the sample has none
    dialog = MergePeopleDialog([], [], lambda uid: demo_store.get(Contact, uid))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.pairs.isVisible()
    assert "No likely duplicates found" in dialog.intro.text()
    assert "select both on the People page" in dialog.intro.text()


def test_restore_from_backup_without_backups_shows_no_empty_table(qtbot):
    dialog = RestoreBackupDialog([], "/backups/afterword")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.table.isVisible() and not dialog.restore_button.isEnabled()


def test_a_long_email_read_from_a_card_shows_its_start(qtbot, store):
    email = "dana.reyes.director.of.talent@northwind-analytics-international.example"
    reading = CardReading(CardFields(name="Dana Reyes", email=email), [], {}, (1200, 700))
    dialog = CardReviewDialog(reading, CardPhoto(CARD.read_bytes(), "image/jpeg"), store,
                              MatchIndex(region="US"), "US")
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editors["email"]
    assert editor.text() == email and editor.cursorPosition() == 0


def test_the_default_closing_question_is_seen_whole_in_preferences(qtbot, tmp_path):
    dialog = PreferencesDialog(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    question = dialog.closing_question
    assert question.toPlainText() == CLOSING_QUESTION.default()
    # no line hidden below a scroll bar (its range is set once the text is laid out)
    qtbot.waitUntil(lambda: question.verticalScrollBar().maximum() == 0, timeout=3000)
