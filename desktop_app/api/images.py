"""Turning untrusted image bytes from a reply into a verified `GeneratedImage`, in two stages.

This module owns strict base64 decoding, format detection by magic bytes and the Pillow checks.
`check_image` is the cheap, protocol-level stage the API client runs on every item (header
parse, pixel limit against decompression bombs, PNG chunk checksums; no pixel decode);
`decode_and_preview` is the one full decode, which the generation pipeline runs once per image
before saving, and the small preview made from those pixels (`make_preview`, shared with the
library's thumbnail cache so both make the same picture). It never trusts a declared format or
size, never re-encodes the image itself (the bytes are kept exactly as received; only the
separate preview is encoded) and does no I/O. Every failure of the image is an
`InvalidResponseError`; nothing else escapes.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import io
import warnings
from collections.abc import Iterator

from PIL import Image

from desktop_app.api.errors import InvalidResponseError
from desktop_app.api.types import PREVIEW_PIXELS, GeneratedImage, ImageFormat

# About 40 megapixels: far above any size the API accepts (4096x4096 is 16.8 MP), far below
# what would exhaust memory when decoded. Checked by us, not via Pillow's global setting.
DEFAULT_MAX_PIXELS = 40_000_000
MAX_SIDE_PIXELS = 16_384

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_BASE64_WHITESPACE = b" \t\n\r\x0b\x0c"
_JPEG_MAGIC = b"\xff\xd8\xff"

_PILLOW_FORMATS = {ImageFormat.PNG: "PNG", ImageFormat.JPEG: "JPEG", ImageFormat.WEBP: "WEBP"}

PREVIEW_JPEG_QUALITY = 85
# Pillow first shrinks by an integer factor with a box filter while the image stays at least
# this many times the target, then resamples. 1.0 makes 1024 -> 256 a single 4x4 box average:
# ~25 % faster than Pillow's default 2.0, and it differs from an exact resample by about
# 45 dB PSNR, which the JPEG encoding (~40 dB) already hides.
_PREVIEW_REDUCING_GAP = 1.0


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
    # loses nothing, while validate=True still refuses any other stray character. One
    # translate, not split/join: 100 MB of "AB\n" made 28 million strings (2.2 GB, 15 s).
    try:
        compact = text.encode("ascii").translate(None, _BASE64_WHITESPACE)
    except UnicodeEncodeError:
        raise InvalidResponseError("An image in the reply was not valid base64.") from None
    if not compact:
        raise InvalidResponseError("An image in the reply was empty.")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidResponseError("An image in the reply was not valid base64.") from None


def check_image(
    data: bytes, index: int, *, max_pixels: int = DEFAULT_MAX_PIXELS
) -> GeneratedImage:
    """The cheap checks of one reply item, without decoding its pixels: a `GeneratedImage`.

    Checks the magic bytes (PNG, JPEG or WebP), the header as Pillow parses it, the dimensions
    against `max_pixels` and `MAX_SIDE_PIXELS` (a decompression bomb is refused from its header
    alone) and, for PNG, every chunk's CRC. Truncated or corrupt pixel data can still pass: the
    full decode is `decode_and_preview`, which the generation pipeline runs before saving.
    The result has no preview.
    """
    image_format = detect_format(data)
    if image_format is None:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply is not a PNG, JPEG or WebP image."
        )
    try:
        with _opened(data, image_format) as image:
            width, height = image.size
            # Before anything is decoded: a bomb is refused from its header alone.
            _check_dimensions(width, height, index, max_pixels)
            # For PNG this checks every chunk's CRC without decoding (~0.03 ms at 1024 px).
            # Not redundant with the full decode: Pillow never reads the zlib checksum, so
            # about a quarter of single bit flips in the pixel data decode "successfully".
            image.verify()
    except Exception as error:
        raise _image_error(error, index, image_format) from None
    return GeneratedImage(data=data, format=image_format, width=width, height=height, index=index)


def decode_and_preview(
    image: GeneratedImage, preview_size: int | None = PREVIEW_PIXELS
) -> GeneratedImage:
    """Decode `image`'s pixels completely; return a copy with a preview made from them.

    `image` must come from `check_image` (its size is trusted as the pixel limit's verdict).
    A truncated or corrupt pixel stream raises InvalidResponseError. The preview is at most
    `preview_size` px (`make_preview`); None, or a mode Pillow cannot convert, leaves it None.
    """
    try:
        with _opened(image.data, image.format) as opened:
            if opened.size != (image.width, image.height):
                raise InvalidResponseError(
                    f"Item {image.index + 1} of the reply changed size between checks."
                )
            opened.load()
            preview = _preview_or_none(opened, preview_size)
    except Exception as error:
        raise _image_error(error, image.index, image.format) from None
    return dataclasses.replace(image, preview=preview)


def verify_image(
    data: bytes,
    index: int,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    preview_size: int | None = PREVIEW_PIXELS,
    full: bool = True,
) -> GeneratedImage:
    """`check_image`, then (if `full`) `decode_and_preview`: every check in one call.

    For code that holds image bytes outside the generation pipeline, which splits the two.
    """
    image = check_image(data, index, max_pixels=max_pixels)
    return decode_and_preview(image, preview_size) if full else image


def make_preview(image: Image.Image, size: int = PREVIEW_PIXELS) -> bytes:
    """JPEG (or PNG, if the image has alpha) bytes of `image` shrunk to fit `size` x `size`.

    Shrinks `image` in place (Pillow's `thumbnail`); the caller opens and owns it. May raise
    what Pillow raises for a broken image (OSError, ValueError, SyntaxError).
    """
    image.thumbnail((size, size), reducing_gap=_PREVIEW_REDUCING_GAP)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    buffer = io.BytesIO()
    if has_alpha:
        image.convert("RGBA").save(buffer, "PNG", optimize=False)
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=PREVIEW_JPEG_QUALITY)
    return buffer.getvalue()


def _preview_or_none(image: Image.Image, size: int | None) -> bytes | None:
    if size is None:
        return None
    try:
        return make_preview(image, size)
    except (OSError, ValueError):
        # The image itself decoded, so it is valid; a mode Pillow cannot convert only costs the
        # preview, and the library then makes (or gives up on) the thumbnail from the file.
        return None


def _check_dimensions(width: int, height: int, index: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0 or width > MAX_SIDE_PIXELS or height > MAX_SIDE_PIXELS:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply has impossible dimensions ({width}x{height})."
        )
    if width * height > max_pixels:
        raise InvalidResponseError(
            f"Item {index + 1} of the reply is {width}x{height}, too large to open safely."
        )


@contextlib.contextmanager
def _opened(data: bytes, image_format: ImageFormat) -> Iterator[Image.Image]:
    """Pillow's lazy image of `data`, read only as `image_format`, bomb warnings as errors."""
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; make that an error too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[image_format]]) as image:
            yield image


def _image_error(error: Exception, index: int, image_format: ImageFormat) -> InvalidResponseError:
    """The one InvalidResponseError for anything Pillow (or our checks) raised about an item."""
    if isinstance(error, InvalidResponseError):
        return error
    if isinstance(error, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return InvalidResponseError(
            f"Item {index + 1} of the reply is an image too large to open safely."
        )
    return InvalidResponseError(
        f"Item {index + 1} of the reply is a damaged {image_format.value.upper()} image."
    )
