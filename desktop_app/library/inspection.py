"""Whether bytes found on disk are a whole image the library may index, and why not if they are not.

Owns the checks every scan runs before a file gets a row: the container is PNG, JPEG or WebP
(others are named: "GIF is not supported"); the container is whole (`library.image_structure`:
a PNG's chunks complete with good checksums, a bad text-chunk CRC named as such; a JPEG's
markers up to its end-of-image marker), so a file cut in half is "truncated", never an entry;
the pixel count from the header is bounded (`MAX_PIXELS`), so a decompression bomb is refused
before any decoding. A PNG's pixels are not decoded here (#18: that was 69% of an import); its
compressed rows are inflated and counted (`image_structure`). A JPEG is decoded at the reduced
scale its thumbnail is made at (`draft`: the entropy-coded data is read whole, the transform is
an eighth of the work), a WebP in full (`_decode`): a container proves too little of either,
and a file indexed must be one the gallery can draw. Images received from the service are
decoded in full by `api.images` instead.
Also cleans the text that is stored from a file (no NULs, no lone surrogates, at most
`MAX_PROMPT_BYTES`). Runs off the GUI thread only; no database work.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.api.types import PREVIEW_PIXELS as THUMBNAIL_PIXELS

if TYPE_CHECKING:
    from desktop_app.library.metadata import ImageMetadata

MAX_PIXELS = 8192 * 8192  # above Pillow's bomb warning would need ~270 MB just to check
MAX_PROMPT_BYTES = 64 * 1024
MAX_MODEL_BYTES = 1024
CUT_MARK = " […cut]"
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


def _decode_reason(error: BaseException) -> str:
    text = str(error).strip()
    if "truncated" in text.lower():
        return "truncated image (the file ends before its pixels do)"
    if "MAX_TEXT_CHUNK" in text or "Too much memory" in text or "Too large" in text:
        return "damaged image (its text metadata is too large to read safely)"
    return f"damaged image ({text[:80]})" if text else "damaged or truncated image"


def check_image(data: bytes) -> CheckedImage:
    """Metadata and format of a whole, bounded-size PNG/JPEG/WebP; raises UnreadableImage.

    "Whole" is proved from the container (`library.image_structure`: chunks, checksums, markers,
    the end of the file), not by decoding every pixel: a scan of existing files needs no more,
    and the thumbnail, which decodes, copes with the rare file that fails later.
    """
    # Pillow and the readers are imported by the first check, not by the package: a command
    # that only lists rows (`library list`) spent a third of its start importing them (#18).
    from PIL import Image

    from desktop_app.library.image_structure import png_rows_problem, structure
    from desktop_app.library.metadata import read_metadata_bytes

    if not data:
        raise UnreadableImage("empty file")
    unsupported = _unsupported(data)
    if unsupported is not None:
        raise UnreadableImage(unsupported)
    found = structure(data)
    if found.problem is not None:
        raise UnreadableImage(found.problem)
    if found.width * found.height > MAX_PIXELS:
        raise UnreadableImage(
            f"image too large to open safely ({found.width}x{found.height} pixels)"
        )
    try:
        metadata = read_metadata_bytes(data)  # Pillow opens a JPEG/WebP here, once
    except Image.DecompressionBombError as error:  # pragma: no cover - MAX_PIXELS is lower
        raise UnreadableImage("image too large to open safely") from error
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError) as error:
        raise UnreadableImage(_decode_reason(error)) from error
    if metadata.width * metadata.height > MAX_PIXELS:  # Pillow read another size than we did
        raise UnreadableImage(
            f"image too large to open safely ({metadata.width}x{metadata.height} pixels)"
        )
    if found.format == "png":
        rows_problem = png_rows_problem(data)  # after the size check: this inflates the rows
        if rows_problem is not None:
            raise UnreadableImage(rows_problem)
    else:
        _decode(data)
    return CheckedImage(metadata, found.format)


def _decode(data: bytes) -> None:
    """A JPEG decoded as its thumbnail is (at reduced scale), every frame of a WebP in full:
    damaged entropy-coded data, or a bitstream cut under a RIFF header made to fit, passes every
    container check (seen: fuzzed JPEGs, cut WebPs with their sizes fixed up)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG":
                image.draft("RGB", (THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
            for frame in range(getattr(image, "n_frames", 1)):
                image.seek(frame)
                image.load()
    except Image.DecompressionBombError as error:  # pragma: no cover - MAX_PIXELS is lower
        raise UnreadableImage("image too large to open safely") from error
    except (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError) as error:
        raise UnreadableImage(_decode_reason(error)) from error


def clean_text(text: str, limit: int) -> tuple[str, bool]:
    """`text` without NULs or lone surrogates, at most `limit` UTF-8 bytes; (text, was_cut)."""
    text = text.replace("\x00", "")
    encoded = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace").encode("utf-8")
    if len(encoded) <= limit:
        return encoded.decode("utf-8"), False
    keep = limit - len(CUT_MARK.encode("utf-8"))
    return encoded[:keep].decode("utf-8", "ignore") + CUT_MARK, True
