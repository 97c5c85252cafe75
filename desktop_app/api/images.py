"""Turning untrusted image bytes from a reply into a verified `GeneratedImage`.

This module owns strict base64 decoding, format detection by magic bytes and the Pillow checks
(pixel limit against decompression bombs, chunk checksums, one full decode), and the small preview
made from that one decode (`make_preview`, shared with the library's thumbnail cache so both make
the same picture). It never trusts a declared format or size, never re-encodes the image itself
(the bytes are kept exactly as received; only the separate preview is encoded) and does no I/O.
Every failure of the image is an `InvalidResponseError`; nothing else escapes.
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

# Longest side of a preview; the library's thumbnail cache uses the same number, so a preview
# made here is exactly the thumbnail it would otherwise make from the saved file.
PREVIEW_PIXELS = 256
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
    # loses nothing, while validate=True still refuses any other stray character.
    compact = "".join(text.split())
    if not compact:
        raise InvalidResponseError("An image in the reply was empty.")
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidResponseError("An image in the reply was not valid base64.") from None


def verify_image(
    data: bytes,
    index: int,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    preview_size: int | None = PREVIEW_PIXELS,
) -> GeneratedImage:
    """Check that `data` is a PNG, JPEG or WebP image of sane size that decodes completely.

    The pixels are decoded once; while they are at hand, a `make_preview` of at most
    `preview_size` px is made from them (None: no preview), so nobody decodes the image again
    just to show it small.
    """
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
                # Before anything is decoded: a bomb is refused from its header alone.
                _check_dimensions(width, height, index, max_pixels)
                # For PNG this checks every chunk's CRC without decoding (~0.03 ms at 1024 px).
                # Not redundant with the decode below: Pillow never reads the zlib checksum, so
                # about a quarter of single bit flips in the pixel data decode "successfully".
                image.verify()
            # verify() leaves the image unusable and does not decode pixel data: decode fully so
            # a truncated or corrupt stream is caught here rather than in the viewer.
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.load()
                preview = _preview_or_none(image, preview_size)
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
    return GeneratedImage(
        data=data,
        format=image_format,
        width=width,
        height=height,
        index=index,
        preview=preview,
    )


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
