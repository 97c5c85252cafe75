"""Builders for reader tests: images carrying each tool's metadata, made from the format
descriptions (nothing downloaded). PNG text via Pillow's PngInfo; JPEG/WebP via Pillow with EXIF
built here byte by byte (so the TIFF byte order and the UserComment's UTF-16 order can disagree
the way real writers make them), XMP packets and IPTC; stealth info written into pixel LSBs.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import struct
import zlib
from typing import Any

from PIL import Image, PngImagePlugin

SIZE = (64, 48)
TAG_IMAGE_DESCRIPTION = 0x010E
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_SOFTWARE = 0x0131


def _image(size: tuple[int, int] = SIZE, mode: str = "RGB") -> Image.Image:
    color = (90, 140, 200, 255) if mode == "RGBA" else (90, 140, 200)
    return Image.new(mode, size, color)


def png(
    chunks: dict[str, str],
    *,
    size: tuple[int, int] = SIZE,
    compressed: bool = False,
    image: Image.Image | None = None,
) -> bytes:
    """A PNG with `chunks` as text chunks (iTXt when not Latin-1, zTXt/compressed iTXt if asked)."""
    info = PngImagePlugin.PngInfo()
    for key, value in chunks.items():
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            info.add_itxt(key, value, zip=compressed)
        else:
            info.add_text(key, value, zip=compressed)
    buffer = io.BytesIO()
    (image or _image(size)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_with_exif(exif_bytes: bytes, *, size: tuple[int, int] = SIZE) -> bytes:
    """A PNG whose only metadata is an eXIf chunk."""
    buffer = io.BytesIO()
    _image(size).save(buffer, "PNG", exif=exif_bytes)
    return buffer.getvalue()


def user_comment_utf16(text: str, *, big_endian: bool) -> bytes:
    return b"UNICODE\x00" + text.encode("utf-16-be" if big_endian else "utf-16-le")


def exif(
    *,
    big_endian: bool = False,
    ascii_tags: dict[int, str] | None = None,
    user_comment: bytes | None = None,
) -> bytes:
    """A TIFF/EXIF block ("Exif\\0\\0" + TIFF) with ASCII IFD0 tags and an Exif-IFD UserComment."""
    order = ">" if big_endian else "<"
    entries0: list[tuple[int, int, bytes]] = [
        (tag, 2, text.encode("utf-8") + b"\x00") for tag, text in sorted((ascii_tags or {}).items())
    ]
    sub_entries: list[tuple[int, int, bytes]] = []
    if user_comment is not None:
        sub_entries.append((0x9286, 7, user_comment))
    has_sub = bool(sub_entries)
    ifd0_count = len(entries0) + (1 if has_sub else 0)
    ifd0_offset = 8
    ifd0_size = 2 + 12 * ifd0_count + 4
    data_offset = ifd0_offset + ifd0_size
    values0 = b""
    packed0: list[bytes] = []
    for tag, kind, value in entries0:
        if len(value) <= 4:
            field = value.ljust(4, b"\x00")
        else:
            field = struct.pack(order + "I", data_offset + len(values0))
            values0 += value + (b"\x00" if len(value) % 2 else b"")
        packed0.append(struct.pack(order + "HHI", tag, kind, len(value)) + field)
    sub_offset = data_offset + len(values0)
    if has_sub:
        packed0.append(struct.pack(order + "HHII", 0x8769, 4, 1, sub_offset))
        packed0.sort(key=lambda entry: struct.unpack(order + "H", entry[:2])[0])
    ifd0 = struct.pack(order + "H", ifd0_count) + b"".join(packed0) + b"\x00\x00\x00\x00"
    sub = b""
    if has_sub:
        sub_data_offset = sub_offset + 2 + 12 * len(sub_entries) + 4
        sub_values = b""
        packed: list[bytes] = []
        for tag, kind, value in sub_entries:
            field = struct.pack(order + "I", sub_data_offset + len(sub_values))
            sub_values += value
            packed.append(struct.pack(order + "HHI", tag, kind, len(value)) + field)
        sub = struct.pack(order + "H", len(packed)) + b"".join(packed) + b"\x00" * 4 + sub_values
    header = (b"MM" if big_endian else b"II") + struct.pack(order + "HI", 42, ifd0_offset)
    return b"Exif\x00\x00" + header + ifd0 + values0 + sub


def xmp(fields: dict[str, str], *, creator_tool: str = "", user_comment: str = "") -> str:
    """An XMP packet with dc:description (and others as elements) and exif:UserComment."""
    parts = []
    for name, text in fields.items():
        parts.append(
            f'<{name}><rdf:Alt><rdf:li xml:lang="x-default">{html.escape(text)}</rdf:li>'
            f"</rdf:Alt></{name}>"
        )
    if user_comment:
        parts.append(
            '<exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">'
            f"{html.escape(user_comment)}</rdf:li></rdf:Alt></exif:UserComment>"
        )
    tool = f' xmp:CreatorTool="{html.escape(creator_tool)}"' if creator_tool else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        f"{tool}>{''.join(parts)}</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )


def jpeg(
    *,
    exif_bytes: bytes | None = None,
    xmp_text: str | None = None,
    comment: str | None = None,
    size: tuple[int, int] = SIZE,
) -> bytes:
    options: dict[str, Any] = {}
    if exif_bytes is not None:
        options["exif"] = exif_bytes
    if xmp_text is not None:
        options["xmp"] = xmp_text.encode("utf-8")
    if comment is not None:
        options["comment"] = comment.encode("utf-8")
    buffer = io.BytesIO()
    _image(size).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def webp(
    *,
    exif_bytes: bytes | None = None,
    xmp_text: str | None = None,
    size: tuple[int, int] = SIZE,
    image: Image.Image | None = None,
    lossless: bool = False,
) -> bytes:
    options: dict[str, Any] = {"lossless": lossless}
    if exif_bytes is not None:
        options["exif"] = exif_bytes
    if xmp_text is not None:
        options["xmp"] = xmp_text.encode("utf-8")
    buffer = io.BytesIO()
    (image or _image(size)).save(buffer, "WEBP", **options)
    return buffer.getvalue()


def with_iptc_caption(jpeg_data: bytes, caption: str) -> bytes:
    """`jpeg_data` with an APP13 Photoshop/IPTC segment holding caption 2:120."""
    text = caption.encode("utf-8")
    record = b"\x1c\x02\x78" + struct.pack(">H", len(text)) + text
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record))
    resource += record + (b"\x00" if len(record) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg_data[:2] + segment + jpeg_data[2:]


def stealth_image(
    text: str,
    *,
    compressed: bool,
    mode: str = "alpha",
    size: tuple[int, int] = (96, 80),
    declared_bits: int | None = None,
    payload: bytes | None = None,
) -> Image.Image:
    """An image whose alpha (or RGB) LSBs carry `text` the way stealth-pnginfo writes it."""
    kind = "png" if mode == "alpha" else "rgb"
    signature = f"stealth_{kind}{'comp' if compressed else 'info'}".encode()
    if payload is None:
        payload = gzip.compress(text.encode("utf-8")) if compressed else text.encode("utf-8")
    length = len(payload) * 8 if declared_bits is None else declared_bits
    bits = "".join(f"{byte:08b}" for byte in signature) + f"{length:032b}"
    bits += "".join(f"{byte:08b}" for byte in payload)
    image = _image(size, "RGBA")
    width, height = size
    pixels = image.load()
    assert pixels is not None
    index = 0
    per_pixel = 1 if mode == "alpha" else 3
    for x in range(width):
        for y in range(height):
            if index >= len(bits):
                return image
            r, g, b, a = pixels[x, y]
            if mode == "alpha":
                a = (a & ~1) | int(bits[index])
            else:
                chunk = bits[index : index + 3].ljust(3, "0")
                r, g, b = (
                    (r & ~1) | int(chunk[0]),
                    (g & ~1) | int(chunk[1]),
                    (b & ~1) | int(chunk[2]),
                )
            pixels[x, y] = (r, g, b, a)
            index += per_pixel
    if index < len(bits):
        raise ValueError("image too small for the payload")
    return image


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def png_with_filters(image: Image.Image, filters: tuple[int, ...] = (0, 1, 2, 3, 4)) -> bytes:
    """A PNG of an 8-bit RGB/RGBA `image` whose rows use the PNG `filters` in turn (by hand)."""
    channels = len(image.mode)
    width, height = image.size
    raw = image.tobytes()
    stride = width * channels
    previous = bytes(stride)
    body = bytearray()
    for y in range(height):
        row = raw[y * stride : (y + 1) * stride]
        kind = filters[y % len(filters)]
        out = bytearray()
        for x, value in enumerate(row):
            left = row[x - channels] if x >= channels else 0
            up = previous[x]
            upper_left = previous[x - channels] if x >= channels else 0
            if kind == 1:
                predictor = left
            elif kind == 2:
                predictor = up
            elif kind == 3:
                predictor = (left + up) // 2
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
            else:
                predictor = 0
            out.append((value - predictor) & 0xFF)
        body += bytes((kind,)) + out
        previous = row

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    color = 6 if channels == 4 else 2
    header = struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(body)))
        + chunk(b"IEND", b"")
    )
