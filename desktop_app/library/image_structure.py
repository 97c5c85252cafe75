"""Whether a PNG, JPEG or WebP file is whole, read from its container alone (no pixel decoded).

Owns the cheap proof a scan gives that a file on disk is complete (#18: a full decode of every
imported file was 69% of an import): a PNG's chunks all fit the file with good checksums, its
IHDR is valid, image data comes before IEND; a JPEG's marker segments fit the file, a frame
header comes before the first scan, and the scans end in an EOI marker; a WebP's RIFF chunks fit
the file and hold a bitstream. Each says the pixel size its header declares, so a decompression
bomb is refused before anything is decoded. What no container check sees is a compressed stream
damaged under a good checksum: such a file is indexed, and its thumbnail (which decodes) fails
and shows the gallery's placeholder. Images received from the service never rely on this: the
generation path decodes every paid image in full (`api.images`). No I/O, no Pillow.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Bit depths each PNG colour type allows (PNG spec, 11.2.2).
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_MAX_SIDE = 2**31 - 1
# Start-of-frame markers: C0-CF except DHT (C4), JPG (C8) and DAC (CC).
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
# Inside entropy-coded data a 0xFF byte is followed by 0x00 (stuffing), a restart marker
# (D0-D7) or more 0xFF (fill); anything else is the next marker.
_JPEG_MARKER = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")
_SCAN_WINDOW = 1 << 20


@dataclass(frozen=True)
class Structure:
    """What the container says: its format, the declared size, and what is wrong (or None)."""

    format: str  # "png" | "jpeg" | "webp" | "" (none of them)
    width: int = 0
    height: int = 0
    problem: str | None = None


def structure(data: bytes) -> Structure:
    """The container facts of `data`; `problem` names the first defect found."""
    if data.startswith(PNG_SIGNATURE):
        return _png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    return Structure("", problem="not a PNG, JPEG or WebP image")


def _png(data: bytes) -> Structure:
    pos = len(PNG_SIGNATURE)
    size = (0, 0)
    first = True
    has_data = False
    while True:
        if pos + 12 > len(data):
            return Structure("png", *size, "truncated PNG (the file ends before its last chunk)")
        (length,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return Structure("png", *size, "truncated PNG (the file ends inside a chunk)")
        if not kind.isalpha():
            return Structure("png", *size, "damaged PNG (a chunk has an invalid type)")
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(memoryview(data)[pos + 4 : end - 4]) & 0xFFFFFFFF != crc:
            name = kind.decode("latin-1", "replace")
            return Structure("png", *size, f"damaged PNG (bad checksum in its {name} chunk)")
        if first:
            if kind != b"IHDR" or length != 13:
                return Structure("png", problem="damaged PNG (no IHDR header chunk)")
            size = struct.unpack_from(">II", data, pos + 8)
            if not _valid_ihdr(data[pos + 8 : pos + 21]):
                return Structure("png", *size, "damaged PNG (its IHDR header is invalid)")
            first = False
        elif kind == b"IDAT":
            has_data = True
        elif kind == b"IEND":
            if not has_data:
                return Structure("png", *size, "damaged PNG (it holds no image data)")
            return Structure("png", *size)
        pos = end


def _valid_ihdr(header: bytes) -> bool:
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    return (
        0 < width <= _PNG_MAX_SIDE and 0 < height <= _PNG_MAX_SIDE
        and depth in _PNG_DEPTHS.get(colour, ())
        and compression == 0 and filtering == 0 and interlace in (0, 1)
    )


def _jpeg(data: bytes) -> Structure:
    size = len(data)
    pos = 2  # after SOI
    width = height = scans = 0
    while True:
        # The next marker: after a scan, past its entropy-coded data; between headers, past
        # fill bytes and any junk (decoders skip it too, with a warning).
        found = _next_marker(data, pos)
        if found < 0:
            where = "inside its image data" if scans else "before its image data"
            return Structure("jpeg", width, height, f"truncated JPEG (the file ends {where})")
        pos = found
        marker = data[pos + 1]
        if marker == 0xD8:
            return Structure("jpeg", width, height, "damaged JPEG (a second start marker)")
        pos += 2
        if marker == 0xD9:
            if not scans:
                return Structure("jpeg", width, height, "damaged JPEG (it holds no image data)")
            return Structure("jpeg", width, height)
        if marker in _JPEG_STANDALONE:
            continue
        if pos + 2 > size:
            return Structure("jpeg", width, height, "truncated JPEG (the file ends inside a "
                             "header)")
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2:
            return Structure("jpeg", width, height, "damaged JPEG (a header has a bad length)")
        if pos + length > size:
            return Structure("jpeg", width, height, "truncated JPEG (the file ends inside a "
                             "header)")
        if marker in _JPEG_FRAMES and not width:
            if length < 8:
                return Structure("jpeg", problem="damaged JPEG (its frame header is too short)")
            height, width = struct.unpack_from(">HH", data, pos + 3)
            if not width or not height:
                return Structure("jpeg", width, height, "damaged JPEG (no image size)")
        elif marker == 0xDA:
            if not width:
                return Structure("jpeg", problem="damaged JPEG (image data before its header)")
            scans += 1
        pos += length


def _next_marker(data: bytes, pos: int) -> int:
    """Where the next marker at or after `pos` starts, or -1. Searched a window at a time (C
    speed, but the GIL is held for a search: a window, not a 200 MB file)."""
    size = len(data)
    while True:
        stop = min(pos + _SCAN_WINDOW, size)
        found = _JPEG_MARKER.search(data, pos, stop)
        if found is not None:
            return found.start()
        if stop >= size:
            return -1
        pos = stop - 1  # a 0xFF at the window's end pairs with the next window's first byte


def _webp(data: bytes) -> Structure:
    (riff_size,) = struct.unpack_from("<I", data, 4)
    end = 8 + riff_size
    if end > len(data):
        return Structure("webp", problem="truncated WebP (the file ends before its last chunk)")
    pos = 12
    width = height = 0
    has_image = False
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        (length,) = struct.unpack_from("<I", data, pos + 4)
        body = pos + 8
        if body + length > end:
            return Structure("webp", width, height, "truncated WebP (the file ends inside a "
                             "chunk)")
        if kind == b"VP8X" and length >= 10:
            width = 1 + int.from_bytes(data[body + 4 : body + 7], "little")
            height = 1 + int.from_bytes(data[body + 7 : body + 10], "little")
        elif kind == b"VP8 " and length >= 10:
            if data[body + 3 : body + 6] != b"\x9d\x01\x2a":
                return Structure("webp", problem="damaged WebP (its image data has no frame)")
            if not width:
                sides = struct.unpack_from("<HH", data, body + 6)
                width, height = sides[0] & 0x3FFF, sides[1] & 0x3FFF
            has_image = True
        elif kind == b"VP8L" and length >= 5:
            if data[body] != 0x2F:
                return Structure("webp", problem="damaged WebP (its image data has no header)")
            if not width:
                (bits,) = struct.unpack_from("<I", data, body + 1)
                width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            has_image = True
        elif kind == b"ANMF":
            has_image = True
        pos = body + length + (length & 1)
    if not has_image:
        return Structure("webp", width, height, "damaged WebP (it holds no image data)")
    return Structure("webp", width, height)
