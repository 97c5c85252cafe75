"""Turning untrusted image bytes from a reply into a verified `GeneratedImage`.

This module owns strict base64 decoding, format detection by magic bytes and the Pillow checks
(pixel limit against decompression bombs, a full decode). It never trusts a declared format or
size, never re-encodes (the bytes are kept exactly as received) and does no I/O. Every failure is
an `InvalidResponseError`; nothing else escapes.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings

from PIL import Image

from desktop_app.api.errors import InvalidResponseError
from desktop_app.api.types import GeneratedImage, ImageFormat

# About 40 megapixels: far above any size the API accepts (4096x4096 is 16.8 MP), far below
# what would exhaust memory when decoded. Checked by us, not via Pillow's global setting.
DEFAULT_MAX_PIXELS = 40_000_000
MAX_SIDE_PIXELS = 16_384

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"

_PILLOW_FORMATS = {ImageFormat.PNG: "PNG", ImageFormat.JPEG: "JPEG", ImageFormat.WEBP: "WEBP"}


def detect_format(data: bytes) -> ImageFormat | None:
    """The image format named by the first bytes, or None if it is none we accept."""
    if data.startswith(_PNG_MAGIC):
        return ImageFormat.PNG
    if data.startswith(_JPEG_MAGIC):
        return ImageFormat.JPEG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ImageFormat.WEBP
    return None


def decode_base64_image(text: object) -> bytes:
    """Strictly decode a base64 image string, tolerating line breaks and a data: URI prefix."""
    if not isinstance(text, str):
        raise InvalidResponseError("An image in the reply was not a base64 string.")
    if text.startswith("data:"):
        header, comma, text = text.partition(",")
        if not comma or not header.endswith(";base64"):
            raise InvalidResponseError("An image in the reply was a data URI without base64 data.")
    # Servers wrap long base64 lines; whitespace is never part of the alphabet, so dropping it
    # loses nothing, while validate=True still refuses any other stray character.
    compact = "".join(text.split())
    if not compact:
        raise InvalidResponseError("An image in the reply was empty.")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidResponseError("An image in the reply was not valid base64.") from None


def verify_image(
    data: bytes, index: int, *, max_pixels: int = DEFAULT_MAX_PIXELS
) -> GeneratedImage:
    """Check that `data` is a PNG, JPEG or WebP image of sane size that decodes completely."""
    image_format = detect_format(data)
    if image_format is None:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply is not a PNG, JPEG or WebP image."
        )
    pillow_format = _PILLOW_FORMATS[image_format]
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; make that an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                width, height = image.size
                _check_dimensions(width, height, index, max_pixels)
                image.verify()
            # verify() leaves the image unusable and does not decode pixel data: decode fully so
            # a truncated or corrupt stream is caught here rather than in the viewer.
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.load()
    except InvalidResponseError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidResponseError(
            f"Item {index + 1} of the reply is an image too large to open safely."
        ) from None
    except Exception:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply is a damaged {image_format.value.upper()} image."
        ) from None
    return GeneratedImage(data=data, format=image_format, width=width, height=height, index=index)


def _check_dimensions(width: int, height: int, index: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0 or width > MAX_SIDE_PIXELS or height > MAX_SIDE_PIXELS:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply has impossible dimensions ({width}x{height})."
        )
    if width * height > max_pixels:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply is {width}x{height}, too large to open safely."
        )
