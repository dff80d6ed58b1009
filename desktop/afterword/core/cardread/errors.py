"""The one error card reading raises; its message is a line the user can act on."""

from afterword.core.errors import AfterwordError


class CardReadError(AfterwordError):
    """The image cannot be read as a business card (not an image, too large, no text)."""
