"""Star ratings written into exported copies: `xmp:Rating` in the file's XMP packet (issue #16).

Owns setting the rating in an existing packet (PNG iTXt, compressed or not; JPEG APP1; WebP
`XMP ` chunk) or adding a minimal packet where a PNG or JPEG has none, without touching the
pixels. Anything unreadable comes back unchanged: an export never fails over a rating.
"""

from __future__ import annotations

import re
import struct
import zlib

from desktop_app.library.containers import (
    PNG_SIGNATURE,
    XMP_JPEG_HEADER,
    XMP_KEY,
    iter_png_chunks,
    itxt,
    jpeg_segment,
    png_text_keyword,
    riff_chunk,
)

_XMP_RATING = re.compile(r'\s*xmp:Rating="[^"]*"')
_XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/"
_RDF_DESCRIPTION = '<rdf:Description rdf:about=""'


def _rated_packet(packet: str | None, stars: int) -> str:
    """An XMP packet with `xmp:Rating` set to `stars` (a new minimal packet if there is none)."""
    if packet is None or _RDF_DESCRIPTION not in packet:
        packet = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            f'  {_RDF_DESCRIPTION}/>\n'
            " </rdf:RDF>\n"
            "</x:xmpmeta>\n"
            '<?xpacket end="w"?>'
        )
    packet = _XMP_RATING.sub("", packet)  # attribute values are escaped: no false match
    extra = f' xmp:Rating="{int(stars)}"'
    if f'xmlns:xmp="{_XMP_NAMESPACE}"' not in packet:
        extra = f' xmlns:xmp="{_XMP_NAMESPACE}"' + extra
    return packet.replace(_RDF_DESCRIPTION, _RDF_DESCRIPTION + extra, 1)


def with_xmp_rating(data: bytes, stars: int) -> bytes:
    """`data` with `xmp:Rating` (1-5 stars) in its XMP packet, for exported copies. PNG and
    JPEG get a packet if they have none; a WebP without one, or anything unreadable, comes
    back unchanged (the pixels are never touched)."""
    if not 1 <= stars <= 5:
        return data
    try:
        if data.startswith(PNG_SIGNATURE):
            return _rate_png(data, stars)
        if data.startswith(b"\xff\xd8"):
            return _rate_jpeg(data, stars)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _rate_webp(data, stars)
    except (ValueError, struct.error, zlib.error, UnicodeDecodeError):
        return data
    return data


def _rate_png(data: bytes, stars: int) -> bytes:
    chunks = iter_png_chunks(data)
    if not chunks or chunks[0][0] != b"IHDR":
        raise ValueError("PNG without IHDR")
    for kind, start, end in chunks:
        if kind == b"iTXt" and png_text_keyword(data, start) == XMP_KEY:
            payload = data[start + 8 : end - 4]
            head = len(XMP_KEY) + 1
            compressed = payload[head] == 1
            rest = payload[head + 2 :]
            language_end = rest.index(b"\x00")
            translated_end = rest.index(b"\x00", language_end + 1)
            text = rest[translated_end + 1 :]
            packet = (zlib.decompress(text) if compressed else text).decode("utf-8")
            chunk = itxt(XMP_KEY, _rated_packet(packet, stars))
            return data[:start] + chunk + data[end:]
    after_header = chunks[0][2]
    return data[:after_header] + itxt(XMP_KEY, _rated_packet(None, stars)) + data[after_header:]


def _rate_jpeg(data: bytes, stars: int) -> bytes:
    pos = 2
    insert_at = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF and 0xE0 <= data[pos + 1] <= 0xEF:
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        payload = data[pos + 4 : pos + 2 + length]
        if data[pos + 1] == 0xE1 and payload.startswith(XMP_JPEG_HEADER):
            packet = payload[len(XMP_JPEG_HEADER) :].decode("utf-8")
            segment = jpeg_segment(0xE1, XMP_JPEG_HEADER
                                    + _rated_packet(packet, stars).encode("utf-8"))
            if not segment:
                return data
            return data[:pos] + segment + data[pos + 2 + length :]
        if data[pos + 1] == 0xE0 and insert_at == pos:
            insert_at = pos + 2 + length  # after JFIF, which must stay first
        pos += 2 + length
    segment = jpeg_segment(0xE1, XMP_JPEG_HEADER + _rated_packet(None, stars).encode("utf-8"))
    return data[:insert_at] + segment + data[insert_at:]


def _rate_webp(data: bytes, stars: int) -> bytes:
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        end = pos + 8 + length + (length % 2)
        if kind == b"XMP ":
            packet = data[pos + 8 : pos + 8 + length].decode("utf-8")
            chunk = riff_chunk(b"XMP ", _rated_packet(packet, stars).encode("utf-8"))
            body = data[12:pos] + chunk + data[end:]
            return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body
        pos = end
    return data
