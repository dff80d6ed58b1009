"""Open a photo or scan of a card safely: checked before it is decoded, upright by its
EXIF tag, and scaled down so that memory and time stay bounded whatever the camera."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from afterword.core.cardread.errors import CardReadError
from afterword.core.output_paths import DatabaseTarget, check_input_path

MAX_FILE_BYTES = 40 * 2**20
# A 48-megapixel phone photo is fine; a 100-megapixel image is refused before decoding.
MAX_PIXELS = 60_000_000
# The longest side the reader works on: enough for the small print of a card that
# fills half the frame, and memory and time stay bounded.
WORKING_SIDE = 1600


def load_card_bytes(path: str | Path) -> bytes:
    """The file's bytes, refused when missing, unreadable, far too large for a photo, or
    a database (the one open, above all: see output_paths.check_input_path)."""
    path = Path(path)
    try:
        check_input_path(path)
    except DatabaseTarget as exc:
        raise CardReadError(str(exc)) from None
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CardReadError(f"{path.name} is {size / 2**20:.0f} MB; a card photo is at most "
                                f"{MAX_FILE_BYTES // 2**20} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise CardReadError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CardReadError(f"{path} is a folder, not an image") from None
    except OSError as exc:
        raise CardReadError(f"cannot read {path}: {exc.strerror or exc}") from None


def open_card_image(data: bytes, name: str = "the image") -> Any:
    """An upright RGB PIL image at most WORKING_SIDE pixels long."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # the size is checked below, with a clearer message
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise CardReadError(f"{name} has far too many pixels to be a card photo") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise CardReadError(f"{name} is not an image Afterword can read (JPEG, PNG, WebP, "
                            "TIFF, BMP)") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise CardReadError(f"{name} is {width:,} x {height:,} pixels "
                            f"({width * height / 1e6:.0f} megapixels); at most "
                            f"{MAX_PIXELS // 1_000_000} megapixels, please scale it down")
    if width < 32 or height < 32:
        raise CardReadError(f"{name} is only {width} x {height} pixels; too small to read")
    try:
        # draft() lets JPEG decode at a fraction of full size: a large photo never sits
        # in memory at full resolution.
        image.draft("RGB", (WORKING_SIDE, WORKING_SIDE))
        image = ImageOps.exif_transpose(image)
        image = image.convert("RGB")
    except (OSError, ValueError, SyntaxError) as exc:
        raise CardReadError(f"{name} is damaged and cannot be decoded: {exc}") from None
    scale = WORKING_SIDE / max(image.size)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image
