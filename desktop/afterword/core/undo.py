"""Undoing and redoing a saved change without touching anything else.

A change is a list of (before, after) pairs. Going back or forth writes each
pair so that work saved since by other actions survives:

* taking back a create deletes the record, but first keeps a snapshot of it and
  of everything the delete takes with it (notes, rounds attended, touches…), and
  putting it back restores that whole snapshot;
* taking back an edit writes back only the fields the edit changed, and only
  while they still hold what the edit wrote; otherwise it refuses (ChangedSince)
  and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace

from afterword.core.entities import entity
from afterword.core.errors import AfterwordError
from afterword.core.snapshots import Snapshot, of_record, restore
from afterword.core.store import Store

Change = tuple[object | None, object | None]


class ChangedSince(AfterwordError):
    """The record was changed (or deleted) by a later action, so an older change
    to it can no longer be taken back or redone safely."""


def changed_fields(before: object, after: object) -> list[str]:
    """The names of the fields that differ between two versions of a record."""
    return [f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)]


class Writes:
    """One saved change, replayable in both directions in one transaction."""

    def __init__(self, changes: Sequence[Change], snapshots: dict[int, Snapshot] | None = None):
        self.changes = list(changes)
        # What taking back a create removed, by the pair's position; kept for redo.
        self.snapshots: dict[int, Snapshot] = dict(snapshots or {})

    def forward(self, store: Store) -> None:
        """Make the store hold the afters again (redo)."""
        with store.atomic():
            for i, (before, after) in enumerate(self.changes):
                self._step(store, i, before, after)

    def backward(self, store: Store) -> None:
        """Make the store hold the befores again (undo)."""
        with store.atomic():
            for i in reversed(range(len(self.changes))):
                before, after = self.changes[i]
                self._step(store, i, after, before)

    def _step(self, store: Store, i: int, old: object | None, new: object | None) -> None:
        if old is None and new is not None:
            snapshot = self.snapshots.get(i)
            if snapshot is not None:
                restore(store, snapshot)
            else:
                store.put(new)
        elif old is not None and new is None:
            cls = type(old)
            self.snapshots[i] = of_record(store, cls, old.uid)
            store.delete(cls, old.uid)
        elif old is not None and new is not None:
            _write_fields(store, old, new)


def _write_fields(store: Store, old: object, new: object) -> None:
    names = changed_fields(old, new)
    if not names:
        return
    cls = type(old)
    current = store.get(cls, old.uid)
    what = _describe(old)
    if current is None:
        raise ChangedSince(f"{what} was deleted since")
    moved = [n for n in names if getattr(current, n) != getattr(old, n)]
    if moved:
        words = ", ".join(n.replace("_", " ") for n in moved)
        raise ChangedSince(f"the {words} of {what} changed since; it was left as it is")
    store.put(replace(current, **{n: getattr(new, n) for n in names}))


def _describe(record: object) -> str:
    label = getattr(record, "name", None) or getattr(record, "title", None)
    kind = entity(type(record)).kind
    return f"{kind} “{label[:40]}”" if label else f"this {kind}"
