"""A writer for the crash test: opens (creating) the database given, then saves
one contact per transaction, printing each uid once its transaction committed.
The test kills it with SIGKILL at a random moment."""

import sys

from afterword.core.domain import Contact
from afterword.core.store import Store

path, tag = sys.argv[1], sys.argv[2]
print("ready", flush=True)
store = Store.open(path)
for n in range(100_000):
    uid = f"{tag}-{n}"
    store.put(Contact(name=f"Writer {tag} {n}", uid=uid))
    print(uid, flush=True)
