"""EXIF text the generating tools write: UserComment with its charset prefix, XP* UTF-16 tags.

Owns the decoding only. A1111, SwarmUI and others write `UNICODE\\0` + UTF-16; the EXIF byte order
says which UTF-16, but writers get it wrong often enough that the byte order is decided by content
(zero bytes of ASCII text, then which decoding reads as text), with the EXIF order as tie-break.
"""

from __future__ import annotations

_PREFIX_LENGTH = 8


def decode_user_comment(value: bytes | str, *, big_endian: bool) -> str:
    """The text of an EXIF UserComment, whatever charset prefix (or none) it carries."""
    if isinstance(value, str):
        return value.strip("\x00").strip()
    prefix, body = value[:_PREFIX_LENGTH], value[_PREFIX_LENGTH:]
    if prefix == b"UNICODE\x00":
        text = decode_utf16(body, big_endian=big_endian)
    elif prefix in (b"ASCII\x00\x00\x00", b"\x00" * 8, b"JIS\x00\x00\x00\x00\x00"):
        text = _utf8_or_latin1(body)
    elif len(value) >= 2 and value[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = decode_utf16(value, big_endian=big_endian)
    else:
        # No (known) prefix: some writers store plain UTF-8 or UTF-16 without one.
        text = (
            decode_utf16(value, big_endian=big_endian)
            if _looks_utf16(value)
            else (_utf8_or_latin1(value))
        )
    return text.strip("\x00").strip()


def decode_xp_text(value: bytes | tuple[int, ...]) -> str:
    """Windows XP* tags: UTF-16LE by definition (Pillow may hand them over as a byte tuple)."""
    raw = bytes(value) if isinstance(value, tuple) else value
    if len(raw) % 2:
        raw = raw[:-1]
    return raw.decode("utf-16-le", "replace").strip("\x00").strip()


def decode_utf16(body: bytes, *, big_endian: bool) -> str:
    """UTF-16 in whichever byte order reads as text; a BOM, when present, decides."""
    if body[:2] == b"\xfe\xff":
        return body[2:].decode("utf-16-be", "replace")
    if body[:2] == b"\xff\xfe":
        return body[2:].decode("utf-16-le", "replace")
    if len(body) % 2:
        body = body[:-1]
    even_zeros = body[0::2].count(0)
    odd_zeros = body[1::2].count(0)
    if even_zeros != odd_zeros and max(even_zeros, odd_zeros) >= len(body) // 8:
        # Mostly-ASCII text: the zero byte of each unit sits first in big-endian order.
        return body.decode("utf-16-be" if even_zeros > odd_zeros else "utf-16-le", "replace")
    as_be = body.decode("utf-16-be", "replace")
    as_le = body.decode("utf-16-le", "replace")
    score_be, score_le = _text_score(as_be), _text_score(as_le)
    if score_be == score_le:
        return as_be if big_endian else as_le
    return as_be if score_be > score_le else as_le


def _text_score(text: str) -> int:
    """How much `text` looks like real writing: common scripts score, oddities cost."""
    score = 0
    for char in text[:4000]:
        code = ord(char)
        if code == 0xFFFD or 0xD800 <= code <= 0xDFFF or 0xE000 <= code <= 0xF8FF:
            score -= 4
        elif code < 0x20 and char not in "\n\r\t":
            score -= 2
        elif (
            code < 0x250  # Latin
            or 0x370 <= code < 0x530  # Greek, Cyrillic
            or 0x3000 <= code < 0x30FF  # CJK punctuation, kana
            or 0x4E00 <= code < 0x9FFF  # CJK ideographs
            or 0xAC00 <= code < 0xD7A4  # Hangul
            or 0xFF00 <= code < 0xFFEF  # full-width forms
        ):
            score += 1
    return score


def _looks_utf16(raw: bytes) -> bool:
    sample = raw[:400]
    return len(sample) >= 4 and sample.count(0) >= len(sample) // 4


def _utf8_or_latin1(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
