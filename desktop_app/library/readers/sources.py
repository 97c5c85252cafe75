"""Finding the metadata blocks in a PNG, JPEG or WebP file without decoding its pixels.

Owns `Sources` (the file's format, size and every text block in file order) and `gather`, which
walks PNG chunks itself (text after the image data counts too; compressed text is inflated only up
to a cap) and lets Pillow find JPEG/WebP EXIF, XMP, comments and IPTC. EXIF tags become blocks
named "EXIF <tag>", XMP is "XMP" whatever the container calls it. Nothing here interprets a block.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from desktop_app.library.readers.exif import decode_user_comment, decode_xp_text
from desktop_app.library.readers.model import RawBlock

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BLOCK_CHARS = 8_000_000  # one inflated text chunk; a huge ComfyUI workflow stays below
MAX_TOTAL_CHARS = 32_000_000  # all blocks of one file together
MAX_BLOCKS = 512
_INFLATE_FEED_BYTES = 1 << 20
_PNG_XMP_KEY = "XML:com.adobe.xmp"
_EXIF_IFD = 0x8769
_IFD0_TAGS = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x0131: "Software",
    0x013B: "Artist",
    0x8298: "Copyright",
}
_XP_TAGS = {0x9C9B: "XPTitle", 0x9C9C: "XPComment", 0x9C9F: "XPSubject", 0x9C9E: "XPKeywords"}
_TAG_USER_COMMENT = 0x9286
_IPTC_TAGS = {(2, 120): "IPTC Caption", (2, 5): "IPTC Title", (2, 25): "IPTC Keywords"}


@dataclass
class Sources:
    """One file's blocks, in file order, with its container facts; `data` is kept for stealth."""

    format: str
    width: int
    height: int
    mode: str
    data: bytes
    blocks: list[RawBlock] = field(default_factory=list)
    _total: int = 0
    # Every reader asks for its blocks by name (~30 lookups a file): the first block of each
    # name, exact and case-folded (with its position), indexed once instead of a walk a lookup.
    _exact: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _folded: dict[str, tuple[int, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _indexed: int = field(default=0, init=False, repr=False, compare=False)

    def add(self, name: str, text: str) -> None:
        text = text[:MAX_BLOCK_CHARS]
        if len(self.blocks) >= MAX_BLOCKS or self._total + len(text) > MAX_TOTAL_CHARS:
            return
        self._total += len(text)
        self.blocks.append(RawBlock(name, text))

    def text(self, *names: str) -> str | None:
        """The first block named one of `names` (exact, then case-insensitive), else None."""
        if self._indexed != len(self.blocks):
            self._index()
        for name in names:
            found = self._exact.get(name)
            if found is not None:
                return found
        best: tuple[int, str] | None = None
        for name in names:
            hit = self._folded.get(name.lower())
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit
        return None if best is None else best[1]

    def _index(self) -> None:
        for position in range(self._indexed, len(self.blocks)):
            block = self.blocks[position]
            self._exact.setdefault(block.name, block.text)
            self._folded.setdefault(block.name.lower(), (position, block.text))
        self._indexed = len(self.blocks)


def gather(data: bytes) -> Sources:
    """Blocks, format and size of an image; raises OSError when it is not an image we know."""
    if data.startswith(PNG_SIGNATURE):
        # Our own walk, not Pillow's: it refuses a whole file for one oversized text chunk.
        sources = _png_header(data)
        _gather_png(data, sources)
        return sources
    # No warnings.catch_warnings() here: it swaps process-wide state, and imports run on workers.
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise OSError(str(error)) from error
    except (ValueError, SyntaxError, struct.error, EOFError, IndexError) as error:
        raise OSError(f"not a readable image: {error}") from error
    with image:
        sources = Sources(
            (image.format or "").upper(), image.size[0], image.size[1], image.mode, data
        )
        if sources.format == "MPO":
            sources.format = "JPEG"
        _gather_pillow(image, sources)
    return sources


def sources_from_image(image: Image.Image) -> Sources:
    """Blocks Pillow already parsed, for an image whose file bytes are gone (fallback only)."""
    sources = Sources((image.format or "").upper(), image.size[0], image.size[1], image.mode, b"")
    if sources.format == "MPO":
        sources.format = "JPEG"
    if sources.format == "PNG":
        for key, value in list(image.info.items()):
            if isinstance(key, str) and isinstance(value, str):
                sources.add("XMP" if key == _PNG_XMP_KEY else key, value)
    _gather_pillow(image, sources)
    return sources


# --- PNG ---------------------------------------------------------------------------------------

_PNG_MODES = {0: "L", 2: "RGB", 3: "P", 4: "LA", 6: "RGBA"}


def _png_header(data: bytes) -> Sources:
    start = len(PNG_SIGNATURE)
    if len(data) < start + 8 + 13 or data[start + 4 : start + 8] != b"IHDR":
        raise OSError("not a readable image: PNG without IHDR")
    width, height, depth, color = struct.unpack(">IIBB", data[start + 8 : start + 18])
    if width == 0 or height == 0:
        raise OSError("not a readable image: PNG of size zero")
    mode = _PNG_MODES.get(color, "")
    if depth == 16 and mode in ("RGB", "RGBA"):
        mode += "16"  # not a mode stealth info is read from
    return Sources("PNG", width, height, mode, data)


def _gather_png(data: bytes, sources: Sources) -> None:
    """Text and EXIF chunks in file order. A chunk's bytes are never copied whole: a 200 MB
    text chunk costs what its first MAX_BLOCK_CHARS characters cost, not several copies of it."""
    pos = len(PNG_SIGNATURE)
    count = 0
    while pos + 12 <= len(data) and count < 100_000:
        count += 1
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        start, end = pos + 8, min(pos + 8 + length, len(data))
        pos += 12 + length
        if kind == b"IEND":
            break
        with contextlib.suppress(ValueError, zlib.error, UnicodeDecodeError):
            if kind == b"tEXt":
                text_at = _after_nul(data, start, end)
                if text_at is not None:
                    raw = _text_bytes(data, text_at, end)
                    _add_png_text(sources, data[start : text_at - 1], _decode_loose(raw))
            elif kind == b"zTXt":
                text_at = _after_nul(data, start, end)
                if text_at is not None:
                    inflated = _inflate(memoryview(data)[text_at + 1 : end])
                    _add_png_text(sources, data[start : text_at - 1], _decode_loose(inflated))
            elif kind == b"iTXt":
                _gather_itxt(data, start, end, sources)
            elif kind == b"eXIf":
                gather_exif(data[start:end], sources)


def _gather_itxt(data: bytes, start: int, end: int, sources: Sources) -> None:
    keyword_end = _after_nul(data, start, end)
    if keyword_end is None:
        return
    compressed = data[keyword_end : keyword_end + 1] == b"\x01"
    language_end = _after_nul(data, keyword_end + 2, end)
    translated_end = _after_nul(data, language_end, end) if language_end is not None else None
    keyword = data[start : keyword_end - 1]
    if translated_end is None:
        _add_png_text(sources, keyword, "")
        return
    raw = (
        _inflate(memoryview(data)[translated_end:end])
        if compressed
        else _text_bytes(data, translated_end, end)
    )
    _add_png_text(sources, keyword, raw.decode("utf-8", "replace"))


def _after_nul(data: bytes, start: int, end: int) -> int | None:
    """The offset just after the first NUL in data[start:end], or None if there is none."""
    found = data.find(b"\x00", start, end)
    return None if found < 0 else found + 1


def _text_bytes(data: bytes, start: int, end: int) -> bytes:
    """data[start:end], cut to the bytes MAX_BLOCK_CHARS characters can take (UTF-8: 4 each),
    on a character boundary so a cut never turns valid UTF-8 into Latin-1 guesswork."""
    cut = start + 4 * MAX_BLOCK_CHARS
    if cut >= end:
        return data[start:end]
    back = 0
    while back < 3 and data[cut - back] & 0xC0 == 0x80:  # a continuation byte: mid-character
        back += 1
    return data[start : cut - back]


def _add_png_text(sources: Sources, keyword: bytes, text: str) -> None:
    name = keyword[:79].decode("latin-1")
    sources.add("XMP" if name == _PNG_XMP_KEY else name, text)


def _inflate(raw: memoryview) -> bytes:
    """Inflate at most MAX_BLOCK_CHARS bytes, fed a slice at a time (no copy of the input)."""
    inflater = zlib.decompressobj()
    out = bytearray()
    for offset in range(0, len(raw), _INFLATE_FEED_BYTES):
        out += inflater.decompress(
            raw[offset : offset + _INFLATE_FEED_BYTES], MAX_BLOCK_CHARS + 1 - len(out)
        )
        if len(out) > MAX_BLOCK_CHARS or inflater.unconsumed_tail:
            raise ValueError("text chunk inflates beyond the cap")
        if inflater.eof:
            break
    return bytes(out)


def _decode_loose(raw: bytes) -> str:
    """tEXt is Latin-1 by the book; many tools write UTF-8 there anyway."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


# --- JPEG / WebP (and EXIF anywhere) -------------------------------------------------------------


def _gather_pillow(image: Image.Image, sources: Sources) -> None:
    info = image.info
    exif = info.get("exif")
    if isinstance(exif, bytes):
        gather_exif(exif, sources)
    xmp = info.get("xmp") or info.get(_PNG_XMP_KEY)
    if isinstance(xmp, bytes | str):
        sources.add("XMP", _as_text(xmp))
    comment = info.get("comment")
    if isinstance(comment, bytes | str) and comment:
        sources.add("Comment", _as_text(comment))
    if sources.format == "JPEG":
        _gather_iptc(image, sources)


def _as_text(value: bytes | str) -> str:
    return value if isinstance(value, str) else _decode_loose(value)


def _gather_iptc(image: Image.Image, sources: Sources) -> None:
    from PIL import ImageFile, IptcImagePlugin

    if not isinstance(image, ImageFile.ImageFile):
        return  # only an image read from a file carries IPTC (Pillow returns None for others)
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except (OSError, ValueError, SyntaxError, struct.error, IndexError, KeyError):
        return
    for key, name in _IPTC_TAGS.items():
        value: Any = iptc.get(key)
        values = value if isinstance(value, list) else [value]
        texts = [_decode_loose(v) for v in values if isinstance(v, bytes)]
        if texts:
            sources.add(name, ", ".join(texts) if key == (2, 25) else texts[0])


def gather_exif(raw: bytes, sources: Sources) -> None:
    """EXIF text tags as blocks; UserComment decoded by content (see `exif.py`)."""
    body = raw[6:] if raw.startswith(b"Exif\x00\x00") else raw
    if body[:4] not in (b"II*\x00", b"MM\x00*"):
        return
    big_endian = body[:2] == b"MM"
    exif = Image.Exif()
    try:
        exif.load(body)
        ifd0 = dict(exif.items())
        sub = dict(exif.get_ifd(_EXIF_IFD).items())
    except (OSError, ValueError, SyntaxError, struct.error, IndexError, KeyError, TypeError):
        return
    for tag, name in _IFD0_TAGS.items():
        value = ifd0.get(tag)
        text = _exif_ascii(value)
        if text:
            sources.add(f"EXIF {name}", text)
    comment = sub.get(_TAG_USER_COMMENT)
    if isinstance(comment, bytes | str):
        text = decode_user_comment(comment, big_endian=big_endian)
        if text:
            sources.add("EXIF UserComment", text)
    for tag, name in _XP_TAGS.items():
        value = ifd0.get(tag)
        if isinstance(value, bytes | tuple):
            text = decode_xp_text(value)
            if text:
                sources.add(f"EXIF {name}", text)


def _exif_ascii(value: object) -> str:
    if isinstance(value, bytes):
        return _decode_loose(value).strip("\x00").strip()
    if not isinstance(value, str):
        return ""
    # Pillow decodes ASCII tags as Latin-1; writers put UTF-8 there.
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        value = value.encode("latin-1").decode("utf-8")
    return value.strip("\x00").strip()
