"""Recognising a picture by its first bytes, without decoding it (no Qt in the core)."""

from __future__ import annotations

from afterword.core.validation import MAX_PHOTO_BYTES

__all__ = ["MAX_PHOTO_BYTES", "image_mime"]

_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def image_mime(data: bytes) -> str | None:
    """The media type of a JPEG, PNG, GIF, WebP, BMP, TIFF or HEIC picture; None otherwise."""
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif"):
        return "image/heic"
    return None
