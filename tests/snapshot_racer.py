"""One of several programs taking the day's backup of one database at once: opens
the database, says "ready", waits for "go" on stdin, then takes the daily snapshot
at the moment given (ISO) and prints its file name, or "none" when one was already
taken that day. The test starts several and sends "go" to all of them together."""

import sys
from datetime import datetime
from pathlib import Path

from afterword.core import backups
from afterword.core.store import Store

db, folder, when = sys.argv[1], Path(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
store = Store.open(db)
print("ready", flush=True)
sys.stdin.readline()
taken = backups.daily_snapshot(store, folder, when)
store.close()
print(taken.name if taken else "none", flush=True)
