"""Errors the core raises. Each message is one line a user can act on."""


class AfterwordError(Exception):
    """Base class: the message is meant for the user as it is."""


class NotAfterwordDatabase(AfterwordError):
    """The file exists but is not an Afterword database (or not SQLite at all)."""


class NewerDatabase(AfterwordError):
    """The file was written by a newer Afterword; this version must not touch it."""


class StoreError(AfterwordError):
    """The database could not be read or written (read-only, deleted, disk full)."""


class InvalidRecord(AfterwordError):
    """A record breaks a rule of the domain; names the record and the field."""

    def __init__(self, kind: str, uid: str | None, field: str, problem: str):
        self.kind, self.uid, self.field, self.problem = kind, uid, field, problem
        where = f"{kind} {uid}" if uid else kind
        super().__init__(f"{where}: field '{field}': {problem}")


class InterchangeError(AfterwordError):
    """An interchange file cannot be read or imported as a whole."""


class ContactsFileError(AfterwordError):
    """A vCard or contacts CSV that cannot be read exactly: names the card or row
    (`where`) and the field as the file calls it."""

    def __init__(self, where: str, field: str | None, problem: str):
        self.where, self.field, self.problem = where, field, problem
        spot = f"{where}: field '{field}'" if field else where
        super().__init__(f"{spot}: {problem}")
