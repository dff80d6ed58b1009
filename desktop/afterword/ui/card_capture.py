"""New Person from Card: an image from a file, a drop on the People list or the
clipboard is read on a worker thread (the window stays responsive, a progress dialog
says so), then reviewed field by field and saved by the one merge rule, with the
photo attached — one step on the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from afterword.core.domain import CardPhoto
from afterword.core.images import image_mime
from afterword.core.store import Store
from afterword.core.undo import Writes
from afterword.ui import messages
from afterword.ui.background import BackgroundJobs

# Card reading and the merge rule (phone numbers, OCR) load on first use, not at start.
if TYPE_CHECKING:
    from afterword.core.cardread import CardReading
    from afterword.core.merge import ContactPlan, MatchIndex
    from afterword.ui.dialogs.card_review import CardReviewDialog
    from afterword.ui.main_window import MainWindow

IMAGE_FILTER = "Card photos (*.jpg *.jpeg *.png *.webp *.tif *.tiff *.bmp);;All files (*)"
TITLE = "New Person from Card"


def recognition(data: bytes, name: str, region: str) -> Callable[[Store], object]:
    """The work done off the window thread: read the card, and index the people it may
    match (on the worker's own connection)."""
    def work(store: Store) -> tuple[CardReading, MatchIndex]:
        from afterword.core.cardread import read_card_bytes
        from afterword.core.merge import MatchIndex

        return read_card_bytes(data, region, name=name), MatchIndex.load(store, region)
    return work


def photo_of(data: bytes) -> CardPhoto:
    """The image as kept with the person, with its type from its content."""
    return CardPhoto(data=data, mime_type=image_mime(data) or "image/jpeg")


class CardCapture(QObject):
    """The window's card commands and the one recognition that may be under way."""

    finished = Signal()  # a card was read and its dialog closed, or reading failed

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.from_file_action = window.make_action(
            "New Person &from Card…", self.from_file, "Ctrl+Shift+B",
            "Read a business card photo or scan and add the person on it")
        self.from_clipboard_action = window.make_action(
            "New Person fro&m Pasted Card", self.from_clipboard, "Ctrl+Shift+V",
            "Read the card image on the clipboard and add the person on it")
        self._jobs = BackgroundJobs(self)
        self._jobs.done.connect(self._read)
        self._jobs.failed.connect(self._failed)
        self._progress: QProgressDialog | None = None
        self._pending: tuple[bytes, str] | None = None
        self.dialog: CardReviewDialog | None = None

    def actions(self) -> list:
        return [self.from_file_action, self.from_clipboard_action]

    # -- where the image comes from ---------------------------------------------------

    def from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, TITLE, "", IMAGE_FILTER)
        if path:
            self.from_path(Path(path))

    def from_path(self, path: Path) -> None:
        from afterword.core.cardread.errors import CardReadError
        from afterword.core.cardread.image import load_card_bytes

        if self.window.read_only.refused(TITLE):
            return
        try:
            data = load_card_bytes(path)
        except CardReadError as exc:
            self._failed(str(exc))
            return
        self.read(data, path.name)

    def from_clipboard(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasUrls():
            local = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if local:
                self.from_path(Path(local[0]))
                return
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self._failed("the clipboard holds no image: copy a card photo first")
            return
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        self.read(bytes(QByteArray(buffer.data()).data()), "the pasted image")

    # -- reading ------------------------------------------------------------------------

    def read(self, data: bytes, name: str) -> None:
        """Read the card off the window thread; the review dialog follows."""
        if self.window.read_only.refused(TITLE):
            return
        # One read at a time, a cancelled one included: its result would otherwise
        # arrive in this one's place (and closing this one's progress would drop it).
        if self._progress is not None or self._jobs.busy:
            messages.warn(self.window, TITLE,
                          "The card was not read: a card is being read already; wait for it to finish.")
            return
        self._pending = (data, name)
        self._progress = QProgressDialog("Reading the card…", "Cancel", 0, 0, self.window)
        self._progress.setWindowTitle(TITLE)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(0)
        self._progress.canceled.connect(self._cancel)
        self._progress.show()
        self._jobs.submit(self.window.context.store.path,
                          recognition(data, name, self.window.phone_region()))

    def _cancel(self) -> None:
        self._pending = None  # the result is dropped when it arrives
        self._close_progress()

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self._cancel)
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _failed(self, reason: str) -> None:
        cancelled = self._progress is not None and self._pending is None
        self._close_progress()
        self._pending = None
        if not cancelled:
            messages.warn(self.window, TITLE, f"The card was not read: {reason}.")
        self.finished.emit()

    def _read(self, result: tuple[CardReading, MatchIndex]) -> None:
        pending, self._pending = self._pending, None
        self._close_progress()
        if pending is None:  # cancelled meanwhile
            return
        from afterword.ui.dialogs.card_review import CardReviewDialog

        reading, index = result
        data, _ = pending
        self.dialog = CardReviewDialog(reading, photo_of(data), self.window.context.store, index,
                                       self.window.phone_region(), self.window)
        self.dialog.finished.connect(self._reviewed)
        self.dialog.open()

    def _reviewed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            plan = dialog.plan() if result else None
            dialog.deleteLater()
            if plan is not None:
                self.save(plan)
        self.finished.emit()

    # -- saving ---------------------------------------------------------------------------

    def save(self, plan: ContactPlan) -> bool:
        """Add or merge the person, company and photo in one transaction, one undo step."""
        if plan.contact is None:
            return False
        store, contact = self.window.context.store, plan.contact
        changes: list[tuple[object | None, object]] = []
        if plan.company is not None:
            changes.append((None, plan.company))
        changes.append((plan.before, contact))
        writes = Writes(changes)
        from afterword.core.merge import MatchIndex, apply_plan

        old_photo = store.card_photo(contact.uid) if plan.before is not None else None
        index = MatchIndex(region=None)  # apply_plan teaches it; nothing reads it here

        def do() -> None:
            with store.atomic():
                apply_plan(store, plan, index)

        def undo() -> None:
            with store.atomic():
                if plan.photo is not None:
                    store.set_card_photo(contact.uid, old_photo)
                writes.backward(store)

        verb = "Merge card into" if plan.action == "merge" else "Add"
        touched = [("contacts", contact.uid), ("card_photos", contact.uid)]
        if plan.company is not None:
            touched.insert(0, ("companies", plan.company.uid))
        if not self.window.changes.run(f"{verb} {contact.name[:40]}", do, undo, touched):
            return False
        self.window.show_page("people")
        self.window.page("people").select("contacts", contact.uid)
        return True

