"""The account's password: from AFTERWORD_DAV_PASSWORD when set (scripts,
tests), else from the system keyring (the keyring package: Secret Service,
macOS Keychain, Windows Credential Locker). Never stored in the database.

A machine without a keyring (a headless box, a minimal desktop) is normal:
the message says what to do instead.
"""

from __future__ import annotations

import contextlib
import os
from urllib.parse import urlsplit

from afterword.core.sync.errors import NoPassword, SyncError

ENV = "AFTERWORD_DAV_PASSWORD"
SERVICE = "Afterword sync"


def keyring_key(url: str, user: str) -> str:
    """The keyring entry's name: one per user and server (scheme, host and port)."""
    parts = urlsplit(url)
    return f"{user}@{parts.scheme}://{parts.netloc}"


def _keyring():
    """The keyring module, or None when it is not installed or has no backend."""
    try:
        import keyring
        from keyring.backends.fail import Keyring as NoBackend
    except ImportError:
        return None
    try:
        if isinstance(keyring.get_keyring(), NoBackend):
            return None
    except Exception:  # a broken backend configuration is "no keyring" too
        return None
    return keyring


def keyring_available() -> bool:
    return _keyring() is not None


def find_password(url: str, user: str) -> str:
    """The password, or NoPassword saying where to put it."""
    from_env = os.environ.get(ENV)
    if from_env:
        return from_env
    keyring = _keyring()
    if keyring is not None:
        try:
            stored = keyring.get_password(SERVICE, keyring_key(url, user))
        except Exception as exc:  # locked, refused, D-Bus gone: say so, do not crash
            raise NoPassword(f"the system keyring did not give the password ({_one_line(exc)}); "
                             f"unlock it, or set {ENV}") from None
        if stored:
            return stored
        raise NoPassword(f"no password saved for {user} at {urlsplit(url).netloc}; enter it in "
                         f"Preferences ▸ Sync, or set {ENV}")
    raise NoPassword(f"no system keyring on this computer to hold the password; set {ENV} "
                     "(or install a keyring service, e.g. GNOME Keyring or KWallet)")


def save_password(url: str, user: str, password: str) -> None:
    keyring = _keyring()
    if keyring is None:
        raise SyncError(f"no system keyring on this computer to keep the password; set {ENV} "
                        "before syncing instead")
    try:
        keyring.set_password(SERVICE, keyring_key(url, user), password)
    except Exception as exc:
        raise SyncError(f"the system keyring did not keep the password ({_one_line(exc)})") from None


def forget_password(url: str, user: str) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    with contextlib.suppress(Exception):  # nothing saved, or locked: nothing to forget
        keyring.delete_password(SERVICE, keyring_key(url, user))


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
