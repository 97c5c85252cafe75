"""The byte-level containers metadata is spliced into: PNG chunks, JPEG APP segments, RIFF chunks.

Owns building and walking them without re-encoding anything (the pixels stay exactly as
received): a PNG chunk with its CRC, an uncompressed UTF-8 iTXt, the chunk list of a PNG (a
truncated one raises ValueError), a JPEG segment (none when the payload is too large for one)
and a RIFF chunk with its padding. What goes into them is `library.metadata`'s and
`library.xmp_rating`'s.
"""

from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_JPEG_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
MAX_JPEG_SEGMENT = 65533
XMP_KEY = "XML:com.adobe.xmp"  # the PNG keyword of an XMP packet


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


def itxt(keyword: str, text: str) -> bytes:
    # Uncompressed UTF-8 iTXt: keyword, flag 0, method 0, empty language and translated keyword.
    payload = keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")
    return png_chunk(b"iTXt", payload)


def iter_png_chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of every chunk; raises ValueError on a truncated file."""
    chunks = []
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 12 > len(data):
            raise ValueError("truncated PNG chunk")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG chunk")
        chunks.append((kind, pos, end))
        pos = end
        if kind == b"IEND":
            break
    return chunks


def png_text_keyword(data: bytes, start: int) -> str:
    payload_start = start + 8
    keyword_end = data.find(b"\x00", payload_start, payload_start + 80)
    return data[payload_start:keyword_end].decode("latin-1") if keyword_end > 0 else ""


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    if len(payload) > MAX_JPEG_SEGMENT:
        return b""  # too large for one segment (extended XMP is not worth it here)
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def riff_chunk(kind: bytes, payload: bytes) -> bytes:
    pad = b"\x00" if len(payload) % 2 else b""
    return kind + struct.pack("<I", len(payload)) + payload + pad
