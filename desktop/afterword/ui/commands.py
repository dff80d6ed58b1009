"""Every change a user makes goes through here: written in one transaction, pushed
on the window's QUndoStack, announced on the hub. A refused write (read-only or
deleted file) is reported where the user is, and nothing already saved is lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from afterword.context import AppContext
from afterword.core.domain import CardPhoto
from afterword.core.errors import AfterwordError
from afterword.core.health import write_problem
from afterword.core.snapshots import Snapshot, restore
from afterword.core.store import TABLES
from afterword.ui.hub import Hub

Report = Callable[[str], None]
Change = tuple[object | None, object | None]


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
        self._changes.attempt(self._do, self._touched, self)

    def undo(self) -> None:
        self._changes.attempt(self._undo, self._touched, self)


class Changes:
    """Undoable writes for one window."""

    def __init__(self, context: AppContext, hub: Hub, stack: QUndoStack, report: Report):
        self.context, self.hub, self.stack, self.report = context, hub, stack, report

    @property
    def store(self):
        return self.context.store

    # -- the public verbs ----------------------------------------------------

    def save(self, before: object | None, after: object, text: str) -> bool:
        """Create (before None) or update one record."""
        return self.apply([(before, after)], text)

    def apply(self, changes: Sequence[Change], text: str) -> bool:
        """Write (before, after) pairs undoably; after None deletes, before None creates."""
        changes = list(changes)
        return self.run(text, self._forward(changes), self._backward(changes), _touched(changes))

    def compute(self, text: str, action: Callable[[], Sequence[Change]]) -> bool:
        """Run a core `action` that writes and returns its (before, after) changes,
        and make what it did undoable."""
        done: list[Change] = []
        if not self.attempt(lambda: done.extend(action()), []):
            return False
        for kind, uid in _touched(done):
            self.hub.notify_record(kind, uid)
        command = _Command(self, text, self._forward(done), self._backward(done), _touched(done))
        self.stack.push(command)
        return True

    def _forward(self, changes: list[Change]) -> Callable[[], None]:
        def do() -> None:
            with self.store.atomic():
                for before, after in changes:
                    self._write(before, after)
        return do

    def _backward(self, changes: list[Change]) -> Callable[[], None]:
        def undo() -> None:
            with self.store.atomic():
                for before, after in reversed(changes):
                    self._write(after, before)
        return undo

    def delete(self, cls: type, uid: str, snapshot: Snapshot, text: str) -> bool:
        def do() -> None:
            self.store.delete(cls, uid)

        return self.run(text, do, lambda: restore(self.store, snapshot), [(TABLES[cls], uid)])

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
                command: QUndoCommand | None = None) -> bool:
        problem = write_problem(self.context.store.path)
        if problem is None:
            try:
                action()
            except AfterwordError as exc:
                problem = str(exc)
        if problem is not None:
            if command is not None:
                command.setObsolete(True)  # cannot be replayed; drop it from the stack
            self.report(problem)
            return False
        for kind, uid in touched:
            self.hub.notify_record(kind, uid)
        return True

    def _write(self, old: object | None, new: object | None) -> None:
        """Make the store hold `new` where it held `old` (either may be None)."""
        if new is not None:
            self.store.put(new)
        elif old is not None:
            self.store.delete(type(old), old.uid)


def _touched(changes: Sequence[Change]) -> list[tuple[str, str]]:
    """(table, uid) of each record a change touches, for the hub."""
    records = [after if after is not None else before for before, after in changes]
    return [(TABLES[type(r)], r.uid) for r in records if r is not None]

