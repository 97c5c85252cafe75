"""Whether bytes found on disk are a whole image the library may index, and why not if they are not.

Owns the checks every scan runs before a file gets a row: the container is PNG, JPEG or WebP
(others are named: "GIF is not supported"); a PNG's chunks are complete with good checksums (a
bad text-chunk CRC is named as such, not as "not a PNG"); the pixel count is bounded
(`MAX_PIXELS`), so a decompression bomb is refused before any decoding; the pixels decode to the
end (a file cut in half is "truncated", never an entry with an empty thumbnail). Also cleans the
text that is stored from a file (no NULs, no lone surrogates, at most `MAX_PROMPT_BYTES`). Runs
off the GUI thread only; no database work.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

from PIL import Image

from desktop_app.library.metadata import ImageMetadata, read_metadata_bytes

MAX_PIXELS = 8192 * 8192  # above Pillow's bomb warning would need ~270 MB just to check
MAX_PROMPT_BYTES = 64 * 1024
MAX_MODEL_BYTES = 1024
CUT_MARK = " […cut]"
FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "WEBP": "webp"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OTHER_FORMATS = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"8BPS", "Photoshop (PSD)"),
    (b"\x00\x00\x01\x00", "ICO"),
)


class UnreadableImage(Exception):  # carries a reason for the report
    """The file is not an image the library indexes; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedImage:
    metadata: ImageMetadata
    format: str  # "png" | "jpeg" | "webp"


def _unsupported(data: bytes) -> str | None:
    for magic, name in _OTHER_FORMATS:
        if data.startswith(magic):
            return f"{name} is not supported (only PNG, JPEG and WebP)"
    if data[8:12] == b"ftyp" and data[12:16] in (b"avif", b"avis", b"heic", b"heix", b"mif1"):
        return "AVIF/HEIF is not supported (only PNG, JPEG and WebP)"
    return None


def _png_problem(data: bytes) -> tuple[str | None, tuple[int, int]]:
    """(what is wrong with the chunk structure or None, (width, height) from IHDR)."""
    pos = len(_PNG_SIGNATURE)
    size = (0, 0)
    first = True
    while True:
        if pos + 12 > len(data):
            return "truncated PNG (the file ends before its last chunk)", size
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return "truncated PNG (the file ends inside a chunk)", size
        name = kind.decode("latin-1", "replace")
        if not kind.isalpha():
            return "damaged PNG (a chunk has an invalid type)", size
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(data[pos + 4 : end - 4]) & 0xFFFFFFFF != crc:
            return f"damaged PNG (bad checksum in its {name} chunk)", size
        if first:
            if kind != b"IHDR" or length < 8:
                return "damaged PNG (no IHDR header chunk)", size
            size = struct.unpack(">II", data[pos + 8 : pos + 16])
            first = False
        if kind == b"IEND":
            return None, size
        pos = end


def _decode_reason(error: BaseException) -> str:
    text = str(error).strip()
    if "truncated" in text.lower():
        return "truncated image (the file ends before its pixels do)"
    if "MAX_TEXT_CHUNK" in text or "Too much memory" in text or "Too large" in text:
        return "damaged image (its text metadata is too large to read safely)"
    return f"damaged image ({text[:80]})" if text else "damaged or truncated image"


def check_image(data: bytes) -> CheckedImage:
    """Metadata and format of a whole, bounded-size PNG/JPEG/WebP; raises UnreadableImage."""
    if not data:
        raise UnreadableImage("empty file")
    unsupported = _unsupported(data)
    if unsupported is not None:
        raise UnreadableImage(unsupported)
    if data.startswith(_PNG_SIGNATURE):
        problem, (width, height) = _png_problem(data)
        if problem is not None:
            raise UnreadableImage(problem)
        if width * height > MAX_PIXELS:
            raise UnreadableImage(f"image too large to open safely ({width}x{height} pixels)")
    formats = ["PNG", "JPEG", "WEBP"]  # a JPEG with several frames opens as "MPO"
    try:
        with Image.open(io.BytesIO(data), formats=formats) as image:
            image_format = FORMATS.get(image.format or "")
            if image_format is None:  # pragma: no cover - `formats` allows no other
                raise UnreadableImage(f"{image.format} is not supported")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UnreadableImage(f"image too large to open safely ({width}x{height} pixels)")
        with Image.open(io.BytesIO(data), formats=formats) as image:
            image.verify()  # structure and checksums, without decoding
        with Image.open(io.BytesIO(data), formats=formats) as image:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # whole stream
            image.load()  # every pixel decodes: the file is complete
        metadata = read_metadata_bytes(data)
    except UnreadableImage:
        raise
    except Image.UnidentifiedImageError as error:
        raise UnreadableImage("not a PNG, JPEG or WebP image") from error
    except Image.DecompressionBombError as error:
        raise UnreadableImage("image too large to open safely") from error
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError) as error:
        raise UnreadableImage(_decode_reason(error)) from error
    return CheckedImage(metadata, image_format)


def clean_text(text: str, limit: int) -> tuple[str, bool]:
    """`text` without NULs or lone surrogates, at most `limit` UTF-8 bytes; (text, was_cut)."""
    text = text.replace("\x00", "")
    encoded = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    if len(encoded) <= limit:
        return encoded.decode("utf-8"), False
    keep = limit - len(CUT_MARK.encode("utf-8"))
    return encoded[:keep].decode("utf-8", "ignore") + CUT_MARK, True
