"""New Person from Card: the photo beside each field read from it, every field editable,
the words a field came from outlined on the photo, and the person already stored
that the card matches (by the one merge rule) offered for merging."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from afterword.core import validation
from afterword.core.cardread import CardFields, CardReading
from afterword.core.cardread.contact import incoming_from_card, without_people
from afterword.core.domain import CardPhoto
from afterword.core.merge import ContactPlan, MatchIndex, plan_contact
from afterword.core.store import Store

FIELDS = (("name", "&Name"), ("title", "&Title"), ("company", "&Company"),
          ("phone_direct", "&Direct phone"), ("phone_cell", "C&ell"), ("email", "E&mail"),
          ("linkedin", "&LinkedIn/web"), ("mailing_address", "Mailing &address"),
          ("other_lines", "Also on the card (&kept in notes)"))
MULTI_LINE = ("mailing_address", "other_lines")


def upright_image(photo: CardPhoto, reading: CardReading) -> QImage:
    """The photo as the reader saw it: EXIF-upright, turned upright, at the working size."""
    # The reader applied the EXIF orientation: Qt does the same when it reads with autoTransform.
    buffer = QBuffer()
    buffer.setData(QByteArray(photo.data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        return image
    if reading.turn:
        image = image.transformed(QTransform().rotate(reading.turn))
    return image.scaled(QSize(*reading.size), Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


class CardPhotoMarks(QWidget):
    """The card photo, with every line read outlined faintly and the lines of the
    field being edited marked."""

    def __init__(self, image: QImage, reading: CardReading, parent: QWidget | None = None):
        super().__init__(parent)
        self.image, self.reading = image, reading
        self.shown = self._card_area()
        self.marked: list[int] = []
        self.setMinimumSize(360, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Card photo with the words read")

    def mark(self, indexes: list[int], what: str = "") -> None:
        self.marked = list(indexes)
        words = "; ".join(self.reading.lines[i].text for i in self.marked)
        self.setAccessibleDescription(f"{what}: read from “{words}”" if words else "")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 400)

    def _card_area(self) -> QRectF:
        """The part of the photo with the text on it and a margin: the card, not the table."""
        whole = QRectF(0, 0, self.image.width(), self.image.height())
        points = [p for line in self.reading.lines for p in line.quad]
        if not points or self.image.isNull():
            return whole
        xs, ys = [x for x, _ in points], [y for _, y in points]
        area = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        margin = 0.12 * max(area.width(), area.height())
        return area.adjusted(-margin, -margin, margin, margin).intersected(whole)

    def _frame(self) -> tuple[QRectF, float]:
        """Where the shown part of the photo lands in the widget, and its scale."""
        if self.image.isNull() or self.shown.isEmpty():
            return QRectF(), 1.0
        scale = min(self.width() / self.shown.width(), self.height() / self.shown.height())
        w, h = self.shown.width() * scale, self.shown.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h), scale

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame, scale = self._frame()
        if frame.isNull():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "The photo cannot be shown.")
            return
        painter.drawImage(frame, self.image, self.shown)
        faint = QPen(QColor(40, 120, 255, 110), 1)
        strong = QPen(QColor(255, 140, 0), 2.5)
        for i, line in enumerate(self.reading.lines):
            polygon = QPolygonF([QPointF(frame.x() + (x - self.shown.x()) * scale,
                                         frame.y() + (y - self.shown.y()) * scale) for x, y in line.quad])
            if i in self.marked:
                painter.setPen(strong)
                painter.setBrush(QColor(255, 200, 0, 90))
            else:
                painter.setPen(faint)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(polygon)


class CardReviewDialog(QDialog):
    """Accepting gives `plan()`: add the person, or merge the card into the one it matches."""

    def __init__(self, reading: CardReading, photo: CardPhoto, store: Store, index: MatchIndex,
                 region: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New Person from Card")
        self.reading, self.photo, self.store, self.index, self.region = reading, photo, store, index, region
        self.marks = CardPhotoMarks(upright_image(photo, reading), reading)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        fields = reading.fields.as_json()
        for key, label in FIELDS:
            value = fields[key]
            if key in MULTI_LINE:
                editor = QPlainTextEdit("\n".join(value) if isinstance(value, list) else (value or ""))
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
            else:
                editor = QLineEdit(value or "")
                editor.setCursorPosition(0)  # a long email shows its start, not its end
            editor.setObjectName(f"card_{key}")
            editor.setAccessibleName(label.replace("&", ""))
            editor.installEventFilter(self)
            self.editors[key] = editor
            form.addRow(label, editor)
        for key in ("name", "company", "email", "phone_direct", "phone_cell", "linkedin"):
            self.editors[key].editingFinished.connect(self._replan)

        self.duplicate = QGroupBox("Already in Afterword")
        self.match_label = QLabel()
        self.match_label.setWordWrap(True)
        self.merge_choice = QRadioButton()
        self.merge_choice.setChecked(True)
        self.add_choice = QRadioButton("Add as a ne&w person")
        box = QVBoxLayout(self.duplicate)
        box.addWidget(self.match_label)
        box.addWidget(self.merge_choice)
        box.addWidget(self.add_choice)

        self.problem = QLabel()
        self.problem.setObjectName("cardProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(highlight)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.duplicate)
        right.addWidget(self.problem)
        right.addStretch(1)
        right.addWidget(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.marks, 3)
        layout.addLayout(right, 2)
        self.resize(1000, 560)
        self._plan: ContactPlan | None = None
        self._replan()
        self.editors["name"].setFocus()

    # -- what the fields say ------------------------------------------------------

    def fields(self) -> CardFields:
        def text(key: str) -> str | None:
            editor = self.editors[key]
            value = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            value = "\n".join(line.strip() for line in value.strip().splitlines() if line.strip())
            return value or None

        other = text("other_lines")
        return CardFields(**{key: text(key) for key, _ in FIELDS if key != "other_lines"},
                          other_lines=other.splitlines() if other else [])

    def _matching(self) -> ContactPlan:
        return plan_contact(incoming_from_card(self.fields(), self.photo), self.index, self.store)

    def _replan(self) -> None:
        plan = self._matching()
        if plan.action == "merge" and plan.before is not None:
            self.match_label.setText(f"This card matches {plan.before.name} ({plan.reason}).")
            name = plan.before.name[:60].replace("&", "&&")  # a name's "&" is no shortcut
            self.merge_choice.setText(f"Merge &into {name}: fill empty fields, "
                                      "keep differing values in the notes")
            self.merge_choice.setEnabled(True)
            self.duplicate.show()
        elif plan.action == "skip" and "several" in plan.reason:
            self.match_label.setText(f"This card {plan.reason}.")
            self.merge_choice.setText("Merge (not possible)")
            self.merge_choice.setEnabled(False)
            self.add_choice.setChecked(True)
            self.duplicate.show()
        else:
            self.duplicate.hide()

    def plan(self) -> ContactPlan | None:
        """What Save does, by the merge rule (None before the dialog is accepted)."""
        return self._plan

    def accept(self) -> None:
        fields = self.fields()
        problem = (validation.name_problem(fields.name or "")
                   or validation.email_problem(fields.email or "")
                   or validation.phone_problem(fields.phone_direct or "", self.region)
                   or validation.phone_problem(fields.phone_cell or "", self.region))
        if problem:
            self.problem.setText(f"Cannot save yet: {problem}.")
            return
        plan = self._matching()
        if plan.action != "add" and (self.add_choice.isChecked() or plan.action == "skip"):
            plan = plan_contact(incoming_from_card(fields, self.photo), without_people(self.index),
                                self.store)
        self._plan = plan
        super().accept()

    # -- the words on the photo -------------------------------------------------------

    def _lines_of(self, key: str) -> list[int]:
        sources = self.reading.sources
        if key == "other_lines":  # what no field took
            taken = {i for lines in sources.values() for i in lines}
            return [i for i in range(len(self.reading.lines)) if i not in taken]
        return sources.get(key, [])

    def show_source(self, key: str) -> None:
        """Mark on the photo the words field `key` was read from."""
        self.marks.mark(self._lines_of(key), dict(FIELDS).get(key, "").replace("&", ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.show_source(watched.objectName().removeprefix("card_"))
        return super().eventFilter(watched, event)
