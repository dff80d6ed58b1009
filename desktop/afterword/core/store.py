"""The one SQLite file: open it safely, then read and write typed records.

Every user action runs inside one `atomic()` block, so it is saved whole or not
at all. The file and its backups are readable by the owner only.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar

from afterword.core import codec, contact_facts, opening
from afterword.core.database import Database, json_array
from afterword.core.domain import (
    CardPhoto,
    Concern,
    Interview,
    Question,
)
from afterword.core.entities import tables
from afterword.core.errors import StoreError
from afterword.core.files import create_private_file, private_file_beside
from afterword.core.migrations import SCHEMA_VERSION
from afterword.core.output_paths import (
    check_backup_path,
    forget_open_database,
    remember_open_database,
)
from afterword.core.search_index import deferred_search

R = TypeVar("R")
log = logging.getLogger(__name__)

TABLES: dict[type, str] = tables()  # record class → table (core/entities.py)

# Interview fields kept in their own tables rather than as columns.
_INTERVIEW_CHILDREN = ("participant_uids", "questions", "concerns")

# How long a write waits for another program's write to finish before giving up:
# the command line waits; the window says "busy" sooner rather than freeze.
BUSY_TIMEOUT = 10.0
WINDOW_BUSY_TIMEOUT = 1.5

# Above this many records in one put_many, search rows are rebuilt once at the end.
BULK_ABOVE = 200
BULK_CACHE_KIB = -64 * 1024  # negative: KiB, not pages


@cache
def _columns(cls: type) -> list[str]:
    names = [spec.name for spec in codec.fields_of(cls)]
    return [n for n in names if cls is not Interview or n not in _INTERVIEW_CHILDREN]


def backup_to(db: Database, out: Path, source: Path | None = None) -> None:
    """A consistent copy of the open database at `out` (owner-only), made under a
    name of its own and moved into place whole, so two copies made at once never
    write one file. It is a plain rollback-journal file: it opens later (on a
    read-only medium too) without -wal/-shm files beside it. Never over `source`,
    a database open here or one in use elsewhere (DatabaseTarget)."""
    out = Path(out).expanduser()
    check_backup_path(out, source)
    tmp = None
    try:
        tmp = private_file_beside(out)
        target = sqlite3.connect(tmp)
        try:
            db.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(tmp, out)
    except (OSError, sqlite3.Error) as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write backup {out}: {exc}") from None


class Store:
    """An open Afterword database."""

    def __init__(self, db: Database, path: Path | None, *, read_only: bool = False):
        self.db = db
        self.path = path
        self.read_only = read_only
        self._closed = False
        self._bulk = False

    def facts_day(self) -> date:
        """The day stored contact facts are read for (core/contact_facts.py): any day
        can be asked about and the answer is right; this one is answered fastest."""
        return date.today()

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, busy_timeout: float = BUSY_TIMEOUT,
             read_only: bool = False) -> Store:
        """Open (creating or upgrading) the database at `path`.

        Raises NotAfterwordDatabase / NewerDatabase without touching the file, and
        DamagedDatabase before upgrading a damaged one; backs the file up before
        applying any migration to existing data. A file this user cannot write (a
        read-only medium, permissions) opens read-only (`store.read_only`).
        """
        path = Path(path)
        if path.is_dir():  # SQLite would only say "unable to open database file"
            raise StoreError(f"cannot open {path}: it is a folder; name a database file in it")
        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
            read_only = read_only or opening.is_read_only_place(path)
            if not read_only:
                opening.make_private(path)
                if not path.exists():
                    create_private_file(path)
            conn = opening.connect(path, read_only=read_only, timeout=busy_timeout)
        except OSError as exc:
            raise StoreError(f"cannot open {path}: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}") from None
        store = cls(Database(conn), path, read_only=read_only)
        try:
            store._prepare()
        except BaseException:
            store.db.close()
            raise
        remember_open_database(path)
        store._refresh_facts_on_open()
        return store

    @classmethod
    def memory(cls, *, spill_to_disk: bool = False) -> Store:
        """A throwaway in-memory database, for tests and previews. With
        `spill_to_disk` what outgrows the page cache goes to a temporary file SQLite
        deletes on closing (a dry run of a large import keeps memory bounded)."""
        store = cls(Database(sqlite3.connect("" if spill_to_disk else ":memory:")), None)
        store.db.execute("PRAGMA foreign_keys = ON")
        opening.create_or_upgrade(store.db, Path(":memory:"), None)
        store._refresh_facts_on_open()
        return store

    def _prepare(self) -> None:
        path = self.path
        assert path is not None
        conn = self.db.conn
        try:
            version = opening.inspect(conn, path)
            if self.read_only and version != SCHEMA_VERSION:
                need = "creating" if version is None else "an upgrade"
                raise StoreError(f"{path} cannot be written and needs {need} by this version "
                                 f"of Afterword; copy it to a writable folder to open it")
            if version is not None and version < SCHEMA_VERSION:
                # Before anything writes to an older file: is it sound?
                finding = opening.quick_check(conn)
                if finding is not None:
                    raise opening.DamagedDatabase(opening.damaged_message(path, finding))
            if not self.read_only:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                # FULL: a committed change survives a power cut, not just a crash.
                conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if version is not None and version < SCHEMA_VERSION:
                _backup_before_migrating(self.db, path, version)
            if version != SCHEMA_VERSION:
                opening.create_or_upgrade(self.db, path, version)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot prepare {path}: {explain(exc, path)}") from None

    def _refresh_facts_on_open(self) -> None:
        """Bring the stored contact facts up to date (after an upgrade, an outside
        write, or a scheduled round that has happened since). A file that cannot be
        written is read as it is: the rules then recompute what is stale."""
        if self.read_only:
            return
        try:
            if contact_facts.needs_refresh(self.db, self.facts_day()):
                with self.atomic():
                    pass  # the end of a write transaction refreshes
        except (sqlite3.Error, StoreError) as exc:
            log.info("contact facts of %s not refreshed: %s", self.path or "database", exc)

    def quick_check(self) -> str | None:
        """None when the file is sound, else a message saying it is damaged and
        what to do (SQLite's quick check: seconds for a large file)."""
        finding = opening.quick_check(self.db.conn)
        return None if finding is None else opening.damaged_message(self.path, finding)

    def close(self) -> None:
        if self.path is not None and not self._closed:
            forget_open_database(self.path)
        self._closed = True
        self.db.close()

    # -- transactions --------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """One user action: everything inside is saved together or not at all.
        The outermost block also brings the contact facts of the people it touched
        up to date, in the same transaction.

        Inside bulk() a block joins the bulk's transaction without a savepoint of
        its own: the bulk is saved whole or not at all, and a savepoint per record
        (a contacts import writes three per card) would only cost time."""
        if self._bulk:
            yield self
            return
        outermost = not self.db.conn.in_transaction
        try:
            with opening.write_transaction(self.db):
                yield self
                if outermost:
                    contact_facts.refresh(self.db, self.facts_day())
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, self.path)) from None

    def schema_version(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    # -- generic record access ----------------------------------------------

    def put(self, record: Any) -> None:
        """Insert or update one record by its uid."""
        self.put_many([record])

    def put_many(self, records: Iterable[Any]) -> None:
        """Insert or update records (of any kinds) by uid, in one transaction.

        Many records (an import, a generated database) are written with the search
        rows rebuilt once at the end rather than per record; the result is the same.
        """
        records = records if isinstance(records, list) else list(records)
        with self.bulk() if len(records) > BULK_ABOVE else self.atomic():
            for cls, run in _runs(records):
                self._upsert(cls, run)

    @contextmanager
    def bulk(self, *, everything: bool = False, roomy_cache: bool = True) -> Iterator[Store]:
        """Many writes (an import) as one transaction, with a roomier page cache and
        the search rows rebuilt once at the end instead of per record. Nested, it
        joins the outer one.

        With `everything` (as much written as the database holds, e.g. an import into
        a new one) nothing is noted per record: every search row and every person's
        contact facts are rebuilt at the end, and foreign keys are checked once for
        the whole file before committing instead of on every row (so deleting inside
        does not cascade).

        Without `roomy_cache` the page cache keeps its usual size: memory stays
        bounded by what is written at a time (a contacts import, card by card)."""
        if self._bulk:
            yield self
            return
        check_once = everything and not self.db.conn.in_transaction
        if check_once:
            self.db.execute("PRAGMA foreign_keys = OFF")
        facts = contact_facts.deferred(self.db) if everything else nullcontext()
        cache = _roomy_cache(self.db) if roomy_cache else nullcontext()
        try:
            with self.atomic(), cache, deferred_search(self.db, everything=everything), facts:
                self._bulk = True
                try:
                    yield self
                finally:
                    self._bulk = False
                if check_once and self.db.execute("PRAGMA foreign_key_check").fetchone():
                    raise StoreError("a record refers to another that does not exist; nothing was saved")
        finally:
            if check_once:
                self.db.execute("PRAGMA foreign_keys = ON")

    def put_plain(self, cls: type, plains: list[dict[str, Any]], *, new: bool = False) -> None:
        """Insert or update records of one kind given in their plain form
        (codec.plain_from_item), without building them: the fast path of an import.
        `new`: none of their uids is stored yet, so a plain insert will do."""
        cols = tuple(_columns(cls))
        sql = _insert_sql(TABLES[cls], cols) if new else _upsert_sql(TABLES[cls], cols)
        with self.atomic():
            self.db.conn.executemany(sql, (
                [int(v) if type(v) is bool else v for v in (p[c] for c in cols)] for p in plains))

    def _upsert(self, cls: type, records: list[Any]) -> None:
        """Records of one kind, in order; consecutive ones share one statement."""
        cols = tuple(_columns(cls))
        self.db.conn.executemany(_upsert_sql(TABLES[cls], cols), (_row_values(r, cols) for r in records))
        if cls is Interview:
            self._put_interview_children(records)

    def get(self, cls: type[R], uid: str) -> R | None:
        rows = self.select(cls, "uid = ?", [uid])
        return rows[0] if rows else None

    def select(
        self, cls: type[R], where: str | None = None, params: list[Any] | None = None,
        order_by: str = "id",
    ) -> list[R]:
        """Records of one kind, optionally filtered by an SQL `where` clause."""
        table = TABLES[cls]
        sql = f"SELECT {', '.join(_columns(cls))} FROM {table}"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {order_by}"
        records = [_record(cls, row) for row in self._query(sql, params or [])]
        if cls is Interview and records:
            self._attach_interview_children(records)
        return records

    def select_chunks(self, cls: type[R], order_by: str = "uid", size: int = 2000) -> Iterator[list[R]]:
        """Every record of one kind, `size` at a time, so a caller that streams them
        (an export) never holds them all at once."""
        names = _columns(cls)
        cursor = self.db.execute(
            f"SELECT {', '.join(names)} FROM {TABLES[cls]} ORDER BY {order_by}")
        try:
            while rows := cursor.fetchmany(size):
                records = [_record(cls, dict(zip(names, row, strict=True))) for row in rows]
                if cls is Interview:
                    self._attach_interview_children(records)
                yield records
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, self.path)) from None
        finally:
            cursor.close()

    def select_plain_chunks(self, cls: type, order_by: str = "uid",
                            size: int = 2000) -> Iterator[list[dict[str, Any]]]:
        """Every record of one kind in its plain form (codec.to_plain), `size` at a
        time. Rows are turned into plain values directly, not through records, which
        is many times faster; a row in an unusual form takes the record path."""
        names = _columns(cls)
        cursor = self.db.execute(
            f"SELECT {', '.join(names)} FROM {TABLES[cls]} ORDER BY {order_by}")
        try:
            while rows := cursor.fetchmany(size):
                rows = [dict(zip(names, row, strict=True)) for row in rows]
                if cls is Interview:
                    children = self._plain_interview_children([r["uid"] for r in rows])
                    for row in rows:
                        row.update(children[row["uid"]])
                yield [codec.plain_from_row(cls, row) or self._plain_the_long_way(cls, row)
                       for row in rows]
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, self.path)) from None
        finally:
            cursor.close()

    def _plain_the_long_way(self, cls: type, row: dict[str, Any]) -> dict[str, Any]:
        record = _record(cls, {n: row[n] for n in _columns(cls)})
        if cls is Interview:
            self._attach_interview_children([record])
        return codec.to_plain(record)

    def _plain_interview_children(self, uids: list[str]) -> dict[str, dict[str, list[Any]]]:
        """Participants, questions and concerns of many rounds, as plain lists."""
        children = {u: {"participant_uids": [], "questions": [], "concerns": []} for u in uids}
        question_fields = [spec.name for spec in codec.fields_of(Question)]
        for chunk in _chunks(uids, 500):
            marks = ",".join("?" * len(chunk))
            for uid, contact_uid in self.db.execute(
                f"SELECT interview_uid, contact_uid FROM interview_participants "
                f"WHERE interview_uid IN ({marks}) ORDER BY interview_uid, position", chunk,
            ):
                children[uid]["participant_uids"].append(contact_uid)
            for row in self._query(
                f"SELECT interview_uid, {', '.join(question_fields)} FROM interview_questions "
                f"WHERE interview_uid IN ({marks}) ORDER BY interview_uid, position", chunk,
            ):
                children[row.pop("interview_uid")]["questions"].append(codec.to_plain(Question(**row)))
            for row in self._query(
                f"SELECT interview_uid, text, kind, response, size FROM interview_concerns "
                f"WHERE interview_uid IN ({marks}) ORDER BY interview_uid, position", chunk,
            ):
                uid = row.pop("interview_uid")
                children[uid]["concerns"].append(
                    codec.plain_from_row(Concern, row) or codec.to_plain(codec.from_plain(Concern, row)))
        return children

    def pointing_at(self, cls: type[R], field: str, uid: str) -> list[R]:
        """The records of kind `cls` whose link `field` holds `uid` (for a list
        field such as a round's participants, among its uids)."""
        if cls is Interview and field == "participant_uids":
            return self.select(Interview, "uid IN (SELECT interview_uid FROM "
                               "interview_participants WHERE contact_uid = ?)", [uid])
        if field not in _columns(cls):
            raise ValueError(f"{cls.__name__} has no link column {field!r}")
        return self.select(cls, f"{field} = ?", [uid])

    def all(self, cls: type[R]) -> list[R]:
        return self.select(cls)

    def count(self, cls: type) -> int:
        return self.db.execute(f"SELECT count(*) FROM {TABLES[cls]}").fetchone()[0]

    def delete(self, cls: type, uid: str) -> None:
        """Delete a record; its dependent records go with it (see the schema)."""
        with self.atomic():
            self.db.execute(f"DELETE FROM {TABLES[cls]} WHERE uid = ?", [uid])

    def _query(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        try:
            return list(self.db.query(sql, params))
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, self.path)) from None

    # -- card photos ---------------------------------------------------------

    def set_card_photo(self, contact_uid: str, photo: CardPhoto | None) -> None:
        with self.atomic():
            self.db.execute("DELETE FROM card_photos WHERE contact_uid = ?", [contact_uid])
            if photo is not None:
                self.db.execute(
                    "INSERT INTO card_photos(contact_uid, mime_type, data) VALUES (?, ?, ?)",
                    [contact_uid, photo.mime_type, photo.data],
                )

    def set_card_photos(self, photos: dict[str, CardPhoto | None]) -> None:
        """Set (or, with None, remove) many contacts' card photos in one go."""
        with self.atomic():
            self.db.conn.executemany("DELETE FROM card_photos WHERE contact_uid = ?",
                                     [(uid,) for uid in photos])
            self.db.conn.executemany(
                "INSERT INTO card_photos(contact_uid, mime_type, data) VALUES (?, ?, ?)",
                [(uid, p.mime_type, p.data) for uid, p in photos.items() if p is not None],
            )

    def card_photo(self, contact_uid: str) -> CardPhoto | None:
        rows = self._query(
            "SELECT mime_type, data FROM card_photos WHERE contact_uid = ?", [contact_uid]
        )
        return CardPhoto(data=rows[0]["data"], mime_type=rows[0]["mime_type"]) if rows else None

    # -- interview children --------------------------------------------------

    def _put_interview_children(self, interviews: list[Interview]) -> None:
        """Participants, questions and concerns of many rounds, replacing what they
        had, in a few statements (one per round made an import crawl)."""
        uids = json_array(i.uid for i in interviews)
        for table in ("interview_participants", "interview_questions", "interview_concerns"):
            self.db.execute(f"DELETE FROM {table} WHERE interview_uid IN (SELECT value FROM json_each(?))",
                            [uids])
        self.db.conn.executemany(
            "INSERT INTO interview_participants(interview_uid, contact_uid, position) "
            "VALUES (?, ?, ?)",
            [(r.uid, c, i) for r in interviews for i, c in enumerate(dict.fromkeys(r.participant_uids))],
        )
        self.db.conn.executemany(
            "INSERT INTO interview_questions(interview_uid, position, question, my_answer, "
            "better_answer) VALUES (?, ?, ?, ?, ?)",
            [(r.uid, i, q.question, q.my_answer, q.better_answer)
             for r in interviews for i, q in enumerate(r.questions)],
        )
        self.db.conn.executemany(
            "INSERT INTO interview_concerns(interview_uid, position, text, kind, response, size) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(r.uid, i, *_plain_values(c, ("text", "kind", "response", "size")))
             for r in interviews for i, c in enumerate(r.concerns)],
        )

    def _attach_interview_children(self, interviews: list[Interview]) -> None:
        by_uid = {i.uid: i for i in interviews}
        # Fetch children for many interviews in a few queries, not one per round.
        for chunk in _chunks(list(by_uid), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._query(
                f"SELECT interview_uid, contact_uid FROM interview_participants "
                f"WHERE interview_uid IN ({marks}) ORDER BY interview_uid, position", chunk,
            ):
                by_uid[row["interview_uid"]].participant_uids.append(row["contact_uid"])
            for row in self._query(
                f"SELECT interview_uid, question, my_answer, better_answer FROM "
                f"interview_questions WHERE interview_uid IN ({marks}) "
                f"ORDER BY interview_uid, position", chunk,
            ):
                by_uid[row.pop("interview_uid")].questions.append(Question(**row))
            for row in self._query(
                f"SELECT interview_uid, text, kind, response, size FROM interview_concerns "
                f"WHERE interview_uid IN ({marks}) ORDER BY interview_uid, position", chunk,
            ):
                by_uid[row.pop("interview_uid")].concerns.append(codec.from_plain(Concern, row))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _plain_values(record: Any, names: tuple[str, ...]) -> list[Any]:
    plain = codec.to_plain(record)
    return [plain[n] for n in names]


@contextmanager
def _roomy_cache(db: Database) -> Iterator[None]:
    """A larger page cache while writing many rows: index pages of a large file
    stay in memory instead of being read again for every row."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def _runs(records: list[Any]) -> Iterator[tuple[type, list[Any]]]:
    """Consecutive records of the same kind, keeping their order (references
    point backwards, so order matters)."""
    for cls, run in groupby(records, key=type):
        yield cls, list(run)


def _row_values(record: Any, cols: tuple[str, ...]) -> list[Any]:
    plain = codec.to_plain(record)
    return [int(v) if isinstance(v, bool) else v for v in (plain[c] for c in cols)]


def _record(cls: type[R], row: dict[str, Any]) -> R:
    for spec in codec.fields_of(cls):
        if spec.kind is bool and row.get(spec.name) is not None:
            row[spec.name] = bool(row[spec.name])
    return codec.from_plain(cls, row)


_UPSERT_CACHE: dict[tuple[str, tuple[str, ...]], str] = {}


def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _upsert_sql(table: str, cols: tuple[str, ...]) -> str:
    # ON CONFLICT DO UPDATE keeps the row (and its id); INSERT OR REPLACE would
    # delete it first and cascade the delete to everything that refers to it.
    key = (table, cols)
    if key not in _UPSERT_CACHE:
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "uid")
        _UPSERT_CACHE[key] = (
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(uid) DO UPDATE SET {updates}"
        )
    return _UPSERT_CACHE[key]


def explain(exc: sqlite3.Error, path: Path | None) -> str:
    """One line a user can act on for an SQLite error on `path`."""
    text = str(exc)
    where = str(path) if path else "the database"
    if "readonly" in text:
        return f"{where} is read-only; the change was not saved"
    if "locked" in text or "busy" in text:
        return (f"{where} is busy: another program is writing to it; the change was not saved "
                f"(try again in a moment)")
    if "malformed" in text or "not a database" in text:
        return opening.damaged_message(path, text)
    if "FOREIGN KEY" in text:
        return "a record refers to another that does not exist; nothing was saved"
    if "disk I/O" in text or "no such table" in text:
        return f"{where} can no longer be written ({text}); the change was not saved"
    return f"database error on {where}: {text}"


def _backup_before_migrating(db: Database, path: Path, version: int) -> None:
    """Keep a copy of the file as it was before a schema upgrade touches it."""
    backup = path.with_name(f"{path.name}.schema-{version}.bak")
    if not backup.exists():
        backup_to(db, backup, path)
