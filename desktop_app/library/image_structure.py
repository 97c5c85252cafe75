"""Whether a PNG, JPEG or WebP file is whole, read from its container (no pixel unfiltered).

Owns the cheap proof a scan gives that a file on disk is complete (#18: a full decode of every
imported file was 69% of an import): a PNG's chunks all fit the file with good checksums, it has
one valid IHDR, its text chunks stay within Pillow's limits (else no decoder of ours opens it),
and its image data inflates to exactly the rows the header promises, each row with a valid
filter byte (zlib, which releases the GIL, without the unfiltering); a JPEG's marker segments
fit the file, a frame header and its quantization tables come before the first scan, and the
scans end in an EOI marker; a WebP's RIFF chunks fit the file and hold a bitstream (the caller
decodes a WebP in full: a container proves too little of it). Each says the pixel size its
header declares, so a decompression bomb is refused before anything is inflated. What is left
unseen is a JPEG's entropy-coded data damaged under good markers (decoders draw such a file
anyway) and a PNG's rows wrong under a valid stream: such a file is indexed and draws as what
its data says. Images received from the service never rely on this: the generation path
decodes every paid image in full (`api.images`). No I/O, no Pillow.
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
# Pillow's limits on PNG text as the library sets them (`metadata` raises Pillow's per-chunk
# one to this; a test keeps both equal): a PNG over them cannot be opened by Pillow, so it
# would never get a thumbnail.
MAX_TEXT_CHUNK = 16 * 1024 * 1024
_MAX_TEXT_MEMORY = 64 << 20  # PngImagePlugin.MAX_TEXT_MEMORY, Pillow's default
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7: (first column, first row, column step, row step) of each of the seven passes.
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))
_INFLATE_STEP = 1 << 20  # bytes of rows inflated at a time, then thrown away
# A JPEG has tens of segments; a file of millions of tiny ones only costs time to walk.
_JPEG_MAX_SEGMENTS = 10_000
_JPEG_LOSSLESS_FRAMES = frozenset({0xC3, 0xC7, 0xCB, 0xCF})  # no quantization tables


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
    header = b""
    has_data = False
    text_memory = 0
    view = memoryview(data)
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
        if zlib.crc32(view[pos + 4 : end - 4]) & 0xFFFFFFFF != crc:
            name = kind.decode("latin-1", "replace")
            return Structure("png", *size, f"damaged PNG (bad checksum in its {name} chunk)")
        body = view[pos + 8 : end - 4]
        if not header:
            if kind != b"IHDR" or length != 13:
                return Structure("png", problem="damaged PNG (no IHDR header chunk)")
            header = bytes(body)
            size = struct.unpack_from(">II", header)
            if not _valid_ihdr(header):
                return Structure("png", *size, "damaged PNG (its IHDR header is invalid)")
        elif kind == b"IHDR":  # decoders take the last one: a small first one hid a bomb
            return Structure("png", *size, "damaged PNG (a second IHDR header chunk)")
        elif kind == b"IDAT":
            has_data = True
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            text = _text_length(kind, body)
            text_memory += text if text is not None else 0
            if text is None or text_memory > _MAX_TEXT_MEMORY:
                return Structure("png", *size, "damaged image (its text metadata is too large "
                                 "to read safely)")
        elif kind == b"IEND":
            if not has_data:
                return Structure("png", *size, "damaged PNG (it holds no image data)")
            return Structure("png", *size)
        pos = end


def png_rows_problem(data: bytes) -> str | None:
    """For a PNG `structure` found whole (and whose size the caller has bounded: this inflates
    its rows): whether the image data inflates to every row, each with a valid filter byte."""
    view = memoryview(data)
    pos = len(PNG_SIGNATURE)
    header = bytes(view[pos + 8 : pos + 21])
    image_data: list[memoryview] = []
    while pos + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            image_data.append(view[pos + 8 : pos + 8 + length])
        elif kind == b"IEND":
            break
        pos += 12 + length
    return _rows_problem(header, image_data)


def _text_length(kind: bytes, body: memoryview) -> int | None:
    """The length of a text chunk's value as Pillow reads it, or None past its per-chunk limit
    (a compressed value is inflated up to the limit only)."""
    keyword_end = bytes(body[:80]).find(b"\0")
    if kind == b"tEXt" or keyword_end < 0:
        return len(body)
    if kind == b"zTXt":
        compressed = body[keyword_end + 2 :]
    else:  # iTXt: keyword, flag, method, language, translated keyword, then the text
        flag = body[keyword_end + 1] if len(body) > keyword_end + 1 else 0
        if not flag:
            return len(body)
        rest = bytes(body[keyword_end + 3 :])
        language_end = rest.find(b"\0")
        translated_end = rest.find(b"\0", language_end + 1) if language_end >= 0 else -1
        if translated_end < 0:
            return len(body)
        compressed = body[keyword_end + 3 + translated_end + 1 :]
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(compressed, MAX_TEXT_CHUNK)
    except zlib.error:
        return len(body)  # Pillow drops a value it cannot inflate, and opens the image
    return None if inflater.unconsumed_tail else len(text)


def _rows_problem(header: bytes, image_data: list[memoryview]) -> str | None:
    """Whether the IDAT stream inflates to every row the header promises, each starting with a
    filter type 0-4 (inflated a step at a time and thrown away: memory stays small)."""
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    bits = depth * _PNG_CHANNELS[colour]
    regions = []  # (first byte, end, row stride) of each pass's rows in the stream
    start = 0
    for x0, y0, dx, dy in _ADAM7 if interlace else ((0, 0, 1, 1),):
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        if columns > 0 and rows > 0:
            stride = 1 + (columns * bits + 7) // 8
            regions.append((start, start + rows * stride, stride))
            start += rows * stride
    expected = start
    inflater = zlib.decompressobj()
    produced = 0
    try:
        for piece in image_data:
            pending: bytes | memoryview = piece
            while pending and produced < expected:
                out = inflater.decompress(pending, min(_INFLATE_STEP, expected - produced))
                if not _filters_valid(out, produced, regions):
                    return "damaged PNG (its image data has an invalid row filter)"
                produced += len(out)
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
            if produced >= expected or inflater.eof:
                break
        if produced < expected and not inflater.eof:
            out = inflater.flush()[: expected - produced]  # what zlib still held back
            if not _filters_valid(out, produced, regions):
                return "damaged PNG (its image data has an invalid row filter)"
            produced += len(out)
    except zlib.error:
        return "damaged PNG (its image data cannot be inflated)"
    if produced < expected:
        return "truncated PNG (its image data ends before its last row)"
    return None


def _filters_valid(out: bytes, offset: int, regions: list[tuple[int, int, int]]) -> bool:
    """Whether every row's filter byte within `out` (stream bytes offset.. on) is 0-4."""
    stop = offset + len(out)
    for first, end, stride in regions:
        low, high = max(first, offset), min(end, stop)
        if low >= high:
            continue
        row_start = first + -(-(low - first) // stride) * stride  # first row start >= low
        if row_start < high and max(out[row_start - offset : high - offset : stride]) > 4:
            return False
    return True


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
    width = height = scans = segments = 0
    frame = 0
    has_tables = False
    while True:
        segments += 1
        if segments > _JPEG_MAX_SEGMENTS:
            return Structure("jpeg", width, height, "damaged JPEG (too many header segments)")
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
            frame = marker
            if not width or not height:
                return Structure("jpeg", width, height, "damaged JPEG (no image size)")
        elif marker == 0xDB:
            has_tables = True
        elif marker == 0xDA:
            if not width:
                return Structure("jpeg", problem="damaged JPEG (image data before its header)")
            if not has_tables and frame not in _JPEG_LOSSLESS_FRAMES:
                return Structure("jpeg", width, height,
                                 "damaged JPEG (no quantization table before its image data)")
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
