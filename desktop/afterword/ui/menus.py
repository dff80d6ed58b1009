"""How commands read in menus: Title Case, and an Alt+letter that no other item of
the same menu uses (two items on one letter make Alt+letter cycle instead of act)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


def make_action(parent: QWidget, text: str, slot: Callable[[], object], shortcut=None,
                tip: str = "") -> QAction:
    """A command: `shortcut` is a key text, a standard key or a list of key sequences;
    the status-bar tip defaults to the text without its mnemonic and ellipsis."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
    action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def title_case(text: str) -> str:
    """'Companies & roles' → 'Companies & Roles'; small words stay small inside."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        small = 0 < i < len(words) - 1 and word.lower() in SMALL_WORDS
        out.append(word if small or not word else word[:1].upper() + word[1:])
    return " ".join(out)


def mnemonic(action: QAction) -> str | None:
    """The Alt+letter of an action's text, lower case, or None."""
    text = action.text().replace("&&", "")
    at = text.find("&")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else None


def menu_text(title: str, taken: Iterable[str] = ()) -> str:
    """A menu item's text for a page or command title: title case, with the
    mnemonic on the first word initial not `taken`, else the first free letter."""
    text = title_case(title)
    used = {t.lower() for t in taken}
    starts = [i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or text[i - 1] == " ")
              and text[i:].split(" ", 1)[0].lower() not in SMALL_WORDS]
    others = [i for i, ch in enumerate(text) if ch.isalnum() and i not in starts]
    at = next((i for i in (*starts, *others) if text[i].lower() not in used), None)
    escaped = text.replace("&", "&&")
    if at is None:
        return escaped
    at += text[:at].count("&")  # each earlier "&" became "&&"
    return escaped[:at] + "&" + escaped[at:]


def clashing_mnemonics(menu: QMenu) -> list[str]:
    """Texts of items in `menu` whose Alt+letter another visible item also uses."""
    seen: dict[str, list[str]] = {}
    for action in menu.actions():
        key = None if action.isSeparator() or not action.isVisible() else mnemonic(action)
        if key:
            seen.setdefault(key, []).append(action.text())
    return [text for texts in seen.values() if len(texts) > 1 for text in texts]
