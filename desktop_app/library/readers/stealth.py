"""Stealth PNG info: metadata hidden in the least significant bits of the alpha (or RGB) channel.

Owns finding and decoding it. Layout (A1111's stealth-pnginfo extension, NovelAI's exports): bits
run down each column, left to right; a 15-byte signature (`stealth_pnginfo`, `stealth_pngcomp`
for gzip, `stealth_rgbinfo` / `stealth_rgbcomp` in RGB), a 32-bit payload length in bits, then
the payload. This is the one place that decodes pixels, and it is bounded: a PNG's signature is
first checked in the first pixel column, inflated straight from the IDAT stream (a few rows, no
full decode); only a file that carries one (or a lossless WebP, or a tiny PNG) is decoded, up to
`MAX_PIXELS`, and then only the columns the header says hold data, capped at `MAX_PAYLOAD_BYTES`.
"""

from __future__ import annotations

import io
import math
import struct
import zlib

from PIL import Image

MAX_PIXELS = 40_000_000
MAX_PAYLOAD_BYTES = 2_000_000
_SIGNATURES = {
    "alpha": (b"stealth_pnginfo", b"stealth_pngcomp"),
    "rgb": (b"stealth_rgbinfo", b"stealth_rgbcomp"),
}
_SIGNATURE_BITS = 15 * 8
_LENGTH_BITS = 32
_PNG = b"\x89PNG\r\n\x1a\n"
_PIXEL_CHUNKS = frozenset({b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"})
_CHANNELS = {2: 3, 6: 4}  # PNG colour type -> bytes per 8-bit pixel (RGB, RGBA)
_LSB_AS_DIGIT = bytes(0x30 + (value & 1) for value in range(256))  # byte -> b"0" / b"1"


def read_stealth(data: bytes, width: int, height: int) -> str | None:
    """The hidden text, or None when the image carries none (or is too large to check)."""
    if not _may_carry(data) or width * height == 0 or width * height > MAX_PIXELS:
        return None
    if data.startswith(_PNG) and first_column_signature(data) is False:
        return None
    if data.startswith(_PNG):
        data = pixels_only(data)  # Pillow would read (and copy) every text chunk too
    try:
        with Image.open(io.BytesIO(data)) as image:  # MAX_PIXELS is below Pillow's bomb limit
            if image.mode not in ("RGBA", "RGB"):
                return None
            image.load()
            modes = ("alpha", "rgb") if image.mode == "RGBA" else ("rgb",)
            for mode in modes:
                found = _read_mode(image, mode)
                if found is not None:
                    return found
    except (OSError, ValueError, SyntaxError, struct.error, EOFError, MemoryError, zlib.error):
        return None
    return None


def pixels_only(data: bytes) -> bytes:
    """The PNG with only the chunks its pixels need (header, palette, transparency, data).

    A 200 MB text chunk then costs nothing here: opened whole, Pillow reads every chunk it
    meets (about five copies of a large one) before it reaches the image data.
    """
    parts = [data[: len(_PNG)]]
    pos = len(_PNG)
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind in _PIXEL_CHUNKS:
            parts.append(data[pos:end])
        if kind == b"IEND":
            break
        pos = end
    return b"".join(parts)


def _may_carry(data: bytes) -> bool:
    if data.startswith(_PNG):
        return True
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP" and b"VP8L" in data[12:64]


def first_column_signature(data: bytes) -> bool | None:
    """Whether the first pixel column starts with a stealth signature, from a few inflated rows.

    None: the file is not a plain 8-bit RGB(A) PNG tall enough for this shortcut, and the caller
    must decode to know.
    """
    channels = _CHANNELS.get(data[25]) if len(data) > 25 else None
    rows = _SIGNATURE_BITS if channels == 4 else _SIGNATURE_BITS // 3
    pixels = first_column(data, rows)
    if pixels is None:
        return None
    candidates = [(bytes(0x30 + (p[i] & 1) for p in pixels for i in range(3)), "rgb")]
    if channels == 4:
        candidates.append((bytes(0x30 + (p[3] & 1) for p in pixels), "alpha"))
    return any(_to_bytes(bits[:_SIGNATURE_BITS]) in _SIGNATURES[mode] for bits, mode in candidates)


def first_column(data: bytes, rows: int) -> list[bytes] | None:
    """The pixels at x = 0 of the first `rows` rows of a non-interlaced 8-bit RGB(A) PNG.

    For x = 0 every PNG filter reduces to "plus the byte above" (Average: half of it), since the
    left neighbours are zero; so the column comes out without unfiltering whole rows.
    """
    try:
        width, height, depth, color, interlace = struct.unpack(">IIBBxxB", data[16:29])
    except struct.error:
        return None
    channels = _CHANNELS.get(color)
    if channels is None or depth != 8 or interlace != 0 or data[12:16] != b"IHDR":
        return None
    if height < rows or width == 0:
        return None
    row_length = 1 + width * channels
    raw = _inflate_rows(data, row_length * rows)
    if raw is None:
        return None
    column: list[bytes] = []
    above = bytes(channels)
    for row in range(rows):
        start = row * row_length
        kind = raw[start]
        filtered = raw[start + 1 : start + 1 + channels]
        if kind in (2, 4):  # Up, Paeth
            pixel = bytes((f + a) & 0xFF for f, a in zip(filtered, above, strict=True))
        elif kind == 3:  # Average
            pixel = bytes((f + a // 2) & 0xFF for f, a in zip(filtered, above, strict=True))
        else:  # None, Sub (nothing left of x = 0)
            pixel = filtered
        column.append(pixel)
        above = pixel
    return column


def _inflate_rows(data: bytes, wanted: int) -> bytes | None:
    """The first `wanted` bytes of the PNG's inflated image data, or None if it is shorter."""
    inflater = zlib.decompressobj()
    out = bytearray()
    pos = 8
    try:
        while pos + 12 <= len(data) and len(out) < wanted:
            (length,) = struct.unpack(">I", data[pos : pos + 4])
            kind = data[pos + 4 : pos + 8]
            if kind == b"IDAT":
                out += inflater.decompress(data[pos + 8 : pos + 8 + length], wanted - len(out))
                while inflater.unconsumed_tail and len(out) < wanted:
                    out += inflater.decompress(inflater.unconsumed_tail, wanted - len(out))
            elif kind == b"IEND":
                break
            pos += 12 + length
    except zlib.error:
        return None
    return bytes(out) if len(out) >= wanted else None


def _read_mode(image: Image.Image, mode: str) -> str | None:
    header = _bits(image, mode, _SIGNATURE_BITS + _LENGTH_BITS)
    if header is None:
        return None
    signature = _to_bytes(header[:_SIGNATURE_BITS])
    plain, compressed = _SIGNATURES[mode]
    if signature not in (plain, compressed):
        return None
    length = int(header[_SIGNATURE_BITS:], 2)
    if length == 0 or length % 8 or length > MAX_PAYLOAD_BYTES * 8:
        return None
    bits = _bits(image, mode, _SIGNATURE_BITS + _LENGTH_BITS + length)
    if bits is None:
        return None
    payload = _to_bytes(bits[_SIGNATURE_BITS + _LENGTH_BITS :])
    if signature == compressed:
        inflater = zlib.decompressobj(wbits=31)  # gzip
        payload = inflater.decompress(payload, MAX_PAYLOAD_BYTES * 8)
    return payload.decode("utf-8", "replace")


def _bits(image: Image.Image, mode: str, count: int) -> bytes | None:
    """The first `count` LSBs in column order, as b"0"/b"1" digits; None if the image is short."""
    per_pixel = 1 if mode == "alpha" else 3
    width, height = image.size
    pixels = math.ceil(count / per_pixel)
    columns = math.ceil(pixels / height)
    if columns > width:
        return None
    region = image.crop((0, 0, columns, height))
    region = region.getchannel("A") if mode == "alpha" else region.convert("RGB")
    # Transposed, the row-major bytes of the strip are the original's column order.
    raw = region.transpose(Image.Transpose.TRANSPOSE).tobytes()
    return raw[:count].translate(_LSB_AS_DIGIT)


def _to_bytes(digits: bytes) -> bytes:
    if not digits:
        return b""
    return int(digits, 2).to_bytes(len(digits) // 8, "big")
