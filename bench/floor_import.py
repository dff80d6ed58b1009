"""The import floor: json.load of an interchange file and executemany of its rows
into the same tables and indexes (no triggers, no search index), in one
transaction. `afterword import` of the same file is compared with it.

    python bench/floor_import.py F.json EMPTY.db TARGET.db
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys

CHILDREN = {"participant_uids", "questions", "concerns", "card_photo"}


def main(source: str, empty: str, target: str) -> None:
    shutil.copyfile(empty, target)
    with open(source, "rb") as handle:
        doc = json.load(handle)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA foreign_keys = OFF")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    with conn:
        for section, items in doc.items():
            if not isinstance(items, list) or not items:
                continue
            columns = [c for c in items[0] if c not in CHILDREN]
            conn.executemany(
                f"INSERT INTO {section} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [tuple(item.get(c) for c in columns) for item in items])
            if section == "interviews":
                conn.executemany(
                    "INSERT INTO interview_participants(interview_uid, contact_uid, position) "
                    "VALUES (?, ?, ?)",
                    [(i["uid"], c, n) for i in items for n, c in enumerate(i["participant_uids"])])
                conn.executemany(
                    "INSERT INTO interview_questions(interview_uid, position, question, my_answer, "
                    "better_answer) VALUES (?, ?, ?, ?, ?)",
                    [(i["uid"], n, q["question"], q.get("my_answer"), q.get("better_answer"))
                     for i in items for n, q in enumerate(i["questions"])])
                conn.executemany(
                    "INSERT INTO interview_concerns(interview_uid, position, text, kind, response, size) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(i["uid"], n, c["text"], c.get("kind"), c.get("response"), c.get("size"))
                     for i in items for n, c in enumerate(i["concerns"])])
    conn.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
