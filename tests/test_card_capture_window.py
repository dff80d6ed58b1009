"""New Person from Card in the window: from a drop on the People list (or the clipboard)
to a saved person with the photo attached, through the review dialog; a card of someone
already stored is offered for merging by the one merge rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from afterword.core.domain import Company, Contact
from window_helpers import close_window, open_window

CARDS = Path(__file__).parent / "data" / "cards"
CARD = CARDS / "card-02.jpg"  # Oliver Bennett, Harbour & Finch Ltd, a photo at an angle


@pytest.fixture
def window(qtbot, db_path):
    window = open_window(qtbot, db_path)
    window.show_page("people")
    yield window
    close_window(window)


def drop_on(widget, path: Path) -> None:
    """What dragging a file from the file manager onto `widget` does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPoint(widget.width() // 2, widget.height() // 2)
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(at.toPointF(), actions, mime, buttons, keys))


def wait_for_dialog(qtbot, window):
    qtbot.waitUntil(lambda: window.card_capture.dialog is not None, timeout=90_000)
    dialog = window.card_capture.dialog
    qtbot.waitExposed(dialog)
    return dialog


def people(window) -> list[Contact]:
    return window.context.store.all(Contact)


def test_a_card_dropped_on_the_people_list_becomes_a_person_with_the_photo(qtbot, window):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    drop_on(window.page("people").table.viewport(), CARD)
    assert window.card_capture._progress is not None and window.card_capture._progress.isVisible()
    dialog = wait_for_dialog(qtbot, window)
    timer.stop()
    assert ticks, "the window's event loop ran while the card was read"

    editors = dialog.editors
    assert editors["name"].text() == "Oliver Bennett"
    assert editors["company"].text() == "Harbour & Finch Ltd"
    assert editors["phone_cell"].text() == "+44 7911 123456"
    assert editors["mailing_address"].toPlainText() == "14 Gresham Street\nLondon EC2V 7NQ\nUnited Kingdom"
    assert dialog.duplicate.isHidden()

    editors["email"].setFocus()  # the words the email came from are marked on the photo
    qtbot.waitUntil(lambda: dialog.marks.marked != [])
    marked = [dialog.reading.lines[i].text for i in dialog.marks.marked]
    assert marked == ["oliver.bennett@harbourfinch.co.uk"]

    editors["title"].setFocus()
    editors["title"].selectAll()
    qtbot.keyClicks(editors["title"], "VP Engineering")  # corrected by the user
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.card_capture.dialog is None)

    (person,) = people(window)
    assert (person.name, person.title, person.phone_direct, person.email) == (
        "Oliver Bennett", "VP Engineering", "+44 20 7946 0958", "oliver.bennett@harbourfinch.co.uk")
    assert window.context.store.get(Company, person.company_uid).name == "Harbour & Finch Ltd"
    assert window.context.store.card_photo(person.uid).data == CARD.read_bytes()
    assert window.page("people").current_uid() == person.uid  # shown on the People page

    window.undo_stack.undo()  # one step takes back the person, the company and the photo
    assert people(window) == [] and window.context.store.all(Company) == []


def test_a_card_of_someone_stored_is_offered_for_merging(qtbot, window):
    stored = Contact("O. Bennett", email="Oliver.Bennett@harbourfinch.co.uk", notes="met at the fair")
    window.changes.save(None, stored, "Add person")
    window.card_capture.from_path(CARD)
    dialog = wait_for_dialog(qtbot, window)
    assert not dialog.duplicate.isHidden()
    assert "matches O. Bennett (same email" in dialog.match_label.text()
    assert dialog.merge_choice.isChecked()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.card_capture.dialog is None)

    (person,) = people(window)  # no second person: the card filled the stored one
    assert person.uid == stored.uid and person.name == "O. Bennett"
    assert person.phone_cell == "+44 7911 123456" and person.title == "Head of Engineering"
    assert window.context.store.card_photo(person.uid) is not None


def test_adding_as_a_new_person_is_the_users_choice(qtbot, window):
    window.changes.save(None, Contact("Oliver Bennett", email="oliver.bennett@harbourfinch.co.uk"), "Add")
    window.card_capture.from_path(CARD)
    dialog = wait_for_dialog(qtbot, window)
    dialog.add_choice.setChecked(True)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.card_capture.dialog is None)
    assert len(people(window)) == 2


def test_a_card_pasted_from_the_clipboard(qtbot, window):
    QGuiApplication.clipboard().setImage(QImage(str(CARDS / "card-21.jpg")))
    window.card_capture.from_clipboard_action.trigger()
    dialog = wait_for_dialog(qtbot, window)
    assert dialog.editors["name"].text() == "Siobhán Kelly"
    dialog.reject()
    qtbot.waitUntil(lambda: window.card_capture.dialog is None)
    assert people(window) == []  # cancelled: nothing stored


def test_a_picture_without_text_says_so_and_stores_nothing(qtbot, window, tmp_path, message_boxes):
    blank = QImage(900, 600, QImage.Format.Format_RGB32)
    blank.fill(0xF4F4F0)
    blank.save(str(tmp_path / "blank.png"))
    with qtbot.waitSignal(window.card_capture.finished, timeout=90_000):
        drop_on(window.page("people").table.viewport(), tmp_path / "blank.png")
    assert any("The card was not read: no text found" in text for text in message_boxes.texts)
    assert people(window) == [] and window.card_capture.dialog is None


def test_a_file_that_is_not_an_image_is_not_taken_for_one(qtbot, window, tmp_path, message_boxes):
    path = tmp_path / "card.jpg"
    path.write_text("not a picture")
    with qtbot.waitSignal(window.card_capture.finished, timeout=90_000):
        window.card_capture.from_path(path)
    assert any("not an image" in text for text in message_boxes.texts)
    assert people(window) == []


def test_a_card_read_while_another_is_still_running_is_refused_not_mixed_up(
        qtbot, window, monkeypatch, message_boxes):
    """Cancelling closes the progress at once, but the recognition runs to its end:
    a second card meanwhile must wait, not receive the first card's fields."""
    import threading

    import afterword.ui.card_capture as card_capture

    real, release = card_capture.recognition, threading.Event()

    def held(data, name, region):
        work = real(data, name, region)
        return lambda store: (release.wait(60), work(store))[1]

    monkeypatch.setattr(card_capture, "recognition", held)
    capture = window.card_capture
    capture.from_path(CARD)
    capture._progress.findChild(QPushButton).click()  # Cancel
    assert capture._progress is None
    capture.from_path(CARDS / "card-21.jpg")
    assert message_boxes.texts == ["The card was not read: a card is being read already; "
                                   "wait for it to finish."]
    release.set()
    qtbot.waitUntil(lambda: not capture._jobs.busy, timeout=90_000)
    qtbot.wait(50)
    assert capture.dialog is None and people(window) == []  # the cancelled read shows nothing


def test_the_open_database_is_refused_as_a_card_photo(qtbot, window, message_boxes):
    """Read with a plain file handle, its closing would drop SQLite's locks on it."""
    window.card_capture.from_path(window.context.db_path)
    assert len(message_boxes.texts) == 1 and "database" in message_boxes.texts[0]
    assert window.card_capture._progress is None and not window.card_capture._jobs.busy
