"""Business-card capture: read the text on a photo or scan of a card, then its fields.

    reading = read_card(Path("card.jpg"), region="GB")
    reading.fields.as_json()   # name, title, company, phones, email, linkedin, address, …

No Qt here; the OCR engine is loaded on first use, never at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from afterword.core.cardread.engine import ReadText, TextLine, TextReader, default_reader
from afterword.core.cardread.errors import CardReadError
from afterword.core.cardread.fields import FIELD_NAMES, CardFields, extract_fields
from afterword.core.cardread.image import load_card_bytes, open_card_image

__all__ = ["FIELD_NAMES", "CardFields", "CardReadError", "CardReading", "ReadText", "TextLine",
           "read_card", "read_card_bytes"]


@dataclass
class CardReading:
    """What was read: the fields, the lines of text in reading order with their boxes on
    the working image (`size` pixels, after turning it `turn` degrees clockwise to
    stand upright), and which lines each field came from."""

    fields: CardFields
    lines: list[TextLine]
    sources: dict[str, list[int]]
    size: tuple[int, int]
    turn: int = 0


def read_card(path: str | Path, region: str = "US", reader: TextReader | None = None) -> CardReading:
    """Read a card from an image file. Raises CardReadError with a one-line reason."""
    return read_card_bytes(load_card_bytes(path), region, reader, name=Path(path).name)


def read_card_bytes(data: bytes, region: str = "US", reader: TextReader | None = None,
                    name: str = "the image") -> CardReading:
    import numpy as np

    image = open_card_image(data, name)
    text = (reader or default_reader()).read(np.asarray(image))
    if not any(sum(c.isalnum() for c in line.text) >= 2 for line in text.lines):
        raise CardReadError(f"no text found on {name}: is it a business card, in focus and lit?")
    extraction = extract_fields(text.lines, region)
    size = image.size if text.turn in (0, 180) else (image.height, image.width)
    return CardReading(extraction.fields, extraction.lines, extraction.sources, size, text.turn)
