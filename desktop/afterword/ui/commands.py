"""Every change a user makes goes through here: written in one transaction, pushed
on the window's QUndoStack, announced on the hub. A refused write (read-only or
deleted file) is reported where the user is, and nothing already saved is lost.

Undo and redo never destroy work saved since by other actions (see core.undo):
an undo that would is refused, said in the status bar, and dropped from the stack."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from afterword.context import AppContext
from afterword.core.domain import CardPhoto
from afterword.core.errors import AfterwordError
from afterword.core.health import write_problem
from afterword.core.snapshots import Snapshot
from afterword.core.store import TABLES
from afterword.core.undo import Change, ChangedSince, Writes
from afterword.core.validation import changed_text_problem
from afterword.ui.hub import Hub

Report = Callable[[str], None]


class _Command(QUndoCommand):
    def __init__(self, changes: Changes, text: str, do: Callable[[], None],
                 undo: Callable[[], None], touched: list[tuple[str, str]]):
        super().__init__(text)
        self._changes, self._do, self._undo, self._touched = changes, do, undo, touched
        self.first_done = True  # the first write ran before the push

    def redo(self) -> None:
        if self.first_done:
            self.first_done = False
            return
        self._changes.attempt(self._do, self._touched, self, f"Cannot redo “{self.text()}”")

    def undo(self) -> None:
        self._changes.attempt(self._undo, self._touched, self, f"Cannot undo “{self.text()}”")


class Changes:
    """Undoable writes for one window. `report` shows a refused write where the
    user is; `notice` (default: report) says why an undo or redo was refused."""

    def __init__(self, context: AppContext, hub: Hub, stack: QUndoStack, report: Report,
                 notice: Report | None = None):
        self.context, self.hub, self.stack, self.report = context, hub, stack, report
        self.notice = notice or report

    @property
    def store(self):
        return self.context.store

    # -- the public verbs ----------------------------------------------------

    def save(self, before: object | None, after: object, text: str) -> bool:
        """Create (before None) or update one record."""
        return self.apply([(before, after)], text)

    def apply(self, changes: Sequence[Change], text: str) -> bool:
        """Write (before, after) pairs undoably; after None deletes, before None creates."""
        problem = _text_problem(changes)
        if problem is not None:
            self.report(problem)
            return False
        writes = Writes(changes)
        return self.run(text, lambda: writes.forward(self.store), lambda: writes.backward(self.store),
                        _touched(writes.changes))

    def compute(self, text: str, action: Callable[[], Sequence[Change]]) -> bool:
        """Run a core `action` that writes (in one transaction) and returns its
        (before, after) changes, and make what it did undoable."""
        done: list[Change] = []

        def act() -> None:
            with self.store.atomic():
                done.extend(action())
                problem = _text_problem(done)
                if problem is not None:
                    raise AfterwordError(problem)  # rolls the action back

        if not self.attempt(act, []):
            return False
        for kind, uid in _touched(done):
            self.hub.notify_record(kind, uid)
        writes = Writes(done)
        self.stack.push(_Command(self, text, lambda: writes.forward(self.store),
                                 lambda: writes.backward(self.store), _touched(done)))
        return True

    def delete(self, cls: type, uid: str, snapshot: Snapshot, text: str) -> bool:
        """Delete a record with what goes with it. Each delete (the first and every
        redo) snapshots what it takes at that moment, so work added after an undo
        comes back too; `snapshot` is what the caller showed the user."""
        record = self.store.get(cls, uid)
        if record is None:
            return False
        writes = Writes([(record, None)], {0: snapshot})
        return self.run(text, lambda: writes.forward(self.store), lambda: writes.backward(self.store),
                        [(TABLES[cls], uid)])

    def set_photo(self, contact_uid: str, before: CardPhoto | None, after: CardPhoto | None,
                  text: str) -> bool:
        return self.run(
            text, lambda: self.store.set_card_photo(contact_uid, after),
            lambda: self.store.set_card_photo(contact_uid, before), [("card_photos", contact_uid)],
        )

    # -- machinery -------------------------------------------------------------

    def run(self, text: str, do: Callable[[], None], undo: Callable[[], None],
            touched: list[tuple[str, str]]) -> bool:
        """Run `do` now; on success push a command that can undo and redo it."""
        if not self.attempt(do, touched):
            return False
        self.stack.push(_Command(self, text, do, undo, touched))
        return True

    def attempt(self, action: Callable[[], None], touched: list[tuple[str, str]],
                command: QUndoCommand | None = None, refusal: str = "") -> bool:
        problem = write_problem(self.context.store.path)
        refused = False
        if problem is None:
            try:
                action()
            except ChangedSince as exc:
                problem, refused = f"{refusal}: {exc}.", True
            except AfterwordError as exc:
                problem = str(exc)
        if problem is not None:
            if command is not None:
                command.setObsolete(True)  # cannot be replayed; drop it from the stack
            (self.notice if refused else self.report)(problem)
            return False
        for kind, uid in touched:
            self.hub.notify_record(kind, uid)
        return True


def _text_problem(changes: Sequence[Change]) -> str | None:
    """The first text a save would store beyond the limits every import keeps
    (core/validation.py); values already stored are not judged again."""
    for before, after in changes:
        if after is not None and (problem := changed_text_problem(before, after)):
            return f"Not saved: {problem}"
    return None


def _touched(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """(table, uid) of each record a change touches, for the hub."""
    records = [after if after is not None else before for before, after in changes]
    return [(TABLES[type(r)], r.uid) for r in records if r is not None]
