"""A contact laid out like a business card. Each field saves when committed and
each save is one undoable step; the card photo is attached by dialog or drop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from afterword.core import validation
from afterword.core.companies import CompanyName
from afterword.core.domain import Contact, Role
from afterword.ui import messages
from afterword.ui.colours import OVERDUE, status_css
from afterword.ui.commands import Changes
from afterword.ui.fields import Field, FieldSet, plain
from afterword.ui.labels import choices
from afterword.ui.views.card_photo import CardPhotoView, PhotoError, read_card_photo

IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.gif *.webp *.bmp);;All files (*)"


def _checked(problem: Callable[[str], str | None]):
    def check(text: str):
        value, _ = plain(text)
        return value, problem(text)
    return check


def _name(text: str):
    return text.strip(), validation.name_problem(text)


class ContactCard(QWidget):
    def __init__(self, changes: Changes, phone_region: Callable[[], str],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._changes = changes
        self._contact: Contact | None = None
        line = _checked(validation.line_problem)
        phone = _checked(lambda t: validation.phone_problem(t, phone_region()))
        self.fields = FieldSet([
            Field("name", "&Name", check=_name, placeholder="Full name, as on the card"),
            Field("title", "&Title", check=line, placeholder="Job title"),
            Field("company_uid", "Compan&y", kind="combo"),
            Field("role", "&Role in the process", kind="combo",
                  choices=[("—", None), *choices(Role)]),
            Field("phone_direct", "&Direct phone", check=phone, placeholder="Direct line"),
            Field("phone_cell", "&Cell", check=phone),
            Field("email", "E&mail", check=_checked(validation.email_problem),
                  placeholder="name@example.com"),
            Field("linkedin", "&LinkedIn / web", check=line, placeholder="https://"),
            Field("mailing_address", "Mailing &address", kind="text",
                  placeholder="For the handwritten thank-you note"),
            Field("helped", "How they &helped", kind="text"),
            Field("notes", "N&otes", kind="text"),
        ], self)
        self.fields.committed.connect(self._save_field)
        self._build()
        self.show_contact(None)

    def _build(self) -> None:
        card = QFrame()
        card.setObjectName("businessCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName("Business card")
        name = self.fields.editors["name"]
        big = QFont(name.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        name.setFont(big)

        self.photo = CardPhotoView()
        self.photo.dropped.connect(self.attach_photo)
        self.attach_button = QPushButton("Attach &Photo…")
        self.attach_button.setAccessibleName("Attach card photo")
        self.attach_button.clicked.connect(self._choose_photo)
        self.remove_button = QPushButton("Remo&ve Photo")
        self.remove_button.setAccessibleName("Remove card photo")
        self.remove_button.clicked.connect(self.remove_photo)
        # One above the other: the card stays whole in a narrow window (1024 wide).
        buttons = QVBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        photo_box = QVBoxLayout()
        photo_box.addWidget(self.photo, 1)
        photo_box.addLayout(buttons)
        self.photo_problem = QLabel()
        self.photo_problem.setTextFormat(Qt.TextFormat.PlainText)  # names the file
        self.photo_problem.setObjectName("problem_photo")
        self.photo_problem.setWordWrap(True)
        self.photo_problem.setStyleSheet(f"color: {status_css(OVERDUE)};")
        self.photo_problem.setAccessibleName("Card photo: problem")
        self.photo_problem.hide()
        photo_box.addWidget(self.photo_problem)

        # Name across the top, the card's lines beside the photo, the address below.
        inner = QVBoxLayout(card)
        inner.addLayout(self.fields.form(["name"]))
        middle = QHBoxLayout()
        middle.addLayout(self.fields.form(
            ["title", "company_uid", "role", "phone_direct", "phone_cell", "email", "linkedin"]), 3)
        middle.addLayout(photo_box, 2)
        self.photo.setMaximumWidth(300)
        self.photo.setMinimumWidth(120)
        inner.addLayout(middle)
        inner.addLayout(self.fields.form(["mailing_address"]))

        outer = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setAccessibleName("Card heading")
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        outer.addWidget(card)
        below = self.fields.form(["helped", "notes"])
        # Line the fields below the card up with those on it (the card's frame and margins).
        m, frame = inner.contentsMargins(), card.frameWidth()
        below.setContentsMargins(m.left() + frame, 0, m.right() + frame, 0)
        outer.addLayout(below)
        outer.addStretch()
        self.fields.align_labels()
        self._chain_tabs()

    # Tab walks the card as it reads, top to bottom, then the photo buttons:
    # the layout would otherwise put the photo buttons between LinkedIn and the address.
    TAB_ORDER = ("name", "title", "company_uid", "role", "phone_direct", "phone_cell", "email",
                 "linkedin", "mailing_address", "helped", "notes")

    def _chain_tabs(self) -> None:
        chain = [*self.fields.editor_order(list(self.TAB_ORDER)), self.attach_button, self.remove_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- showing -----------------------------------------------------------------

    def set_companies(self, companies: list[CompanyName]) -> None:
        combo = self.fields.editors["company_uid"]
        self.fields.fields["company_uid"].choices = [("—", None)] + [(c.name, c.uid) for c in companies]
        combo.blockSignals(True)
        combo.clear()
        for text, value in self.fields.fields["company_uid"].choices:
            combo.addItem(text, value)
        combo.blockSignals(False)
        if self._contact is not None:
            combo.setCurrentIndex(max(combo.findData(self._contact.company_uid), 0))

    def contact(self) -> Contact | None:
        return self._contact

    def confirm_leave(self) -> bool:
        """Before another person (or page) is shown: a value the card refused is
        still only on screen; ask whether to keep editing it or discard it."""
        refused = self.fields.refused()
        if not refused or self._contact is None:
            return True
        name = refused[0]
        label = self.fields.labels[name].text().replace("&", "")
        typed = self.fields.text_of(name)
        if messages.keep_or_discard(
                self, "Unsaved Change",
                f"{label} of {self._contact.name} was not saved: “{typed}” cannot be saved as typed.\n"
                "Keep editing it, or discard it?"):
            for field_name in refused:
                self.fields.revert(field_name)
            return True
        self.fields.editors[name].setFocus()
        return False

    def set_read_only(self, read_only: bool) -> None:
        self.fields.lock(read_only)
        self.show_contact(self._contact)

    def show_contact(self, contact: Contact | None) -> None:
        same = (contact is not None and self._contact is not None
                and contact.uid == self._contact.uid)
        self._contact = contact
        enabled = contact is not None
        self.fields.set_editable(enabled)
        for widget in (self.photo, self.attach_button, self.remove_button):
            widget.setEnabled(enabled and not self.fields.locked)
        self.photo_problem.hide()
        if contact is None:
            self.fields.load({})
            self.photo.show_photo(None)
            self.heading.setText("No one selected. Press Ctrl+N to add a person.")
            return
        self.heading.setText("This file is read-only: the card can be read, not changed."
                             if self.fields.locked else
                             "Changes are saved as you leave each field; Ctrl+Z undoes them.")
        # The same person again (another field saved): keep refused text in place.
        (self.fields.reload if same else self.fields.load)(vars(contact))
        self.photo.show_photo(self._changes.store.card_photo(contact.uid))
        self.remove_button.setEnabled(self.photo.has_photo() and not self.fields.locked)

    # -- saving -------------------------------------------------------------------

    def _save_field(self, name: str, value) -> None:
        before = self._contact
        if before is None:
            return
        after = replace(before, **{name: value})
        label = self.fields.labels[name].text().replace("&", "").lower()
        if self._changes.save(before, after, f"Edit {label} of {_short(after.name)}"):
            self._contact = after
            self.fields.accept(name, value)
        else:
            self.fields.refuse(name, "not saved; see the message")

    def _choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Attach Card Photo", "", IMAGE_FILTER)
        if path:
            self.attach_photo(Path(path))

    def attach_photo(self, path: Path) -> None:
        if self._contact is None:
            return
        try:
            photo = read_card_photo(path)
        except PhotoError as exc:
            self.photo_problem.setText(str(exc))
            self.photo_problem.show()
            return
        self.photo_problem.hide()
        uid = self._contact.uid
        before = self._changes.store.card_photo(uid)
        if self._changes.set_photo(uid, before, photo, f"Attach card photo of {_short(self._contact.name)}"):
            self.photo.show_photo(photo)
            self.remove_button.setEnabled(True)

    def remove_photo(self) -> None:
        if self._contact is None:
            return
        uid = self._contact.uid
        before = self._changes.store.card_photo(uid)
        if before and self._changes.set_photo(uid, before, None,
                                              f"Remove card photo of {_short(self._contact.name)}"):
            self.photo.show_photo(None)
            self.remove_button.setEnabled(False)


def _short(name: str) -> str:
    return name if len(name) <= 40 else name[:39] + "…"


