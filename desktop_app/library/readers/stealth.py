"""Stealth PNG info: metadata hidden in the least significant bits of the alpha (or RGB) channel.

Owns finding and decoding it. Layout (A1111's stealth-pnginfo extension, NovelAI's exports): bits
run down each column, left to right; a 15-byte signature (`stealth_pnginfo`, `stealth_pngcomp`
for gzip, `stealth_rgbinfo` / `stealth_rgbcomp` in RGB), a 32-bit payload length in bits, then
the payload. This is the one place that decodes pixels: only lossless files up to `MAX_PIXELS`,
and only the columns the header says hold data, with the payload capped at `MAX_PAYLOAD_BYTES`.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
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
_LSB_AS_DIGIT = bytes(0x30 + (value & 1) for value in range(256))  # byte -> b"0" / b"1"


def read_stealth(data: bytes, width: int, height: int) -> str | None:
    """The hidden text, or None when the image carries none (or is too large to check)."""
    if not _may_carry(data) or width * height == 0 or width * height > MAX_PIXELS:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
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


def _may_carry(data: bytes) -> bool:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return True
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP" and b"VP8L" in data[12:64]


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
