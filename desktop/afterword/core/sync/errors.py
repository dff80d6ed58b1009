"""What can go wrong while syncing, each said in one line a person can act on."""

from __future__ import annotations

from afterword.core.errors import AfterwordError


class SyncError(AfterwordError):
    """Sync stopped; nothing was changed in the database."""


class NotSecure(SyncError):
    """A password would travel unencrypted (plain HTTP to another machine)."""


class AuthFailed(SyncError):
    """The server refused the user name or password."""


class Unreachable(SyncError):
    """No answer: offline, a wrong address, or a server that is down or too slow."""


class NotDav(SyncError):
    """The address answers, but not as a CardDAV/CalDAV server (a web page, say)."""


class Refused(SyncError):
    """The server answered a request with an error (its HTTP status in `status`)."""

    def __init__(self, message: str, status: int = 0):
        super().__init__(message)
        self.status = status

    @property
    def unsupported(self) -> bool:
        """The server does not do this here (rather than failing at it)."""
        return self.status in (400, 403, 404, 405, 409, 415, 501)


class NoPassword(SyncError):
    """No password for the account in the keyring or the environment."""


class NoAccount(SyncError):
    """This database has no sync account yet."""


class PreconditionFailed(SyncError):
    """If-Match / If-None-Match did not hold: the resource changed on the server."""
