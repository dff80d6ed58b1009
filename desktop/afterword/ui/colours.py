"""The colours that carry meaning (overdue, due, done), readable on the palette in
use: at least 4.5:1 against the list's background (WCAG AA for text), light or dark.
The meaning is always said in words as well; colour only helps the eye."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# Each passes 4.5:1 on white and on the alternate-row grey of a light palette …
_LIGHT = {"overdue": "#c0392b", "due": "#9a5b00", "muted": "#6b6b6b"}
# … and on the near-black rows of a dark one.
_DARK = {"overdue": "#ff7b72", "due": "#f0b04a", "muted": "#a0a0a0"}
OVERDUE, DUE, MUTED = "overdue", "due", "muted"


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette | None = None) -> bool:
    """True when lists are drawn light on dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def status_colour(meaning: str, palette: QPalette | None = None) -> QColor:
    """The colour for `meaning` (OVERDUE, DUE, MUTED) on `palette` (the app's by default)."""
    return QColor((_DARK if is_dark(palette) else _LIGHT)[meaning])


def status_css(meaning: str) -> str:
    """The same colour as a style-sheet value, for labels."""
    return status_colour(meaning).name()
