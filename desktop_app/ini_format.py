"""QSettings' INI dialect without Qt: keys, values and whole files to and from bytes.

Qt 6's `QSettings::IniFormat` rules, ported one to one for everything the app stores, so a file
written by either side reads the same on the other (tests/unit/test_settings_ini_compat.py checks
this against QSettings itself, on hand-written and on generated files):
- the first key segment is the section (`api/base_url` -> `[api]` `base_url=`), a key without one
  is in `[General]`, a group named "General" is written `[%General]`; inside a key `/` is written
  `\\`, and characters other than letters, digits, `_`, `-`, `.` as `%XX` (Latin-1) or `%UXXXX`
  (UTF-16 code units);
- values use C escapes (`\\n`, `\\x1f`, `\\0`, ...) and double quotes around text with `;`, `,`,
  `=` or edge spaces; an unquoted comma makes a string list; `@ByteArray(...)` holds bytes (Latin-1
  characters, escaped above 0x7e), `@@` a leading `@`, `@String(...)` text with NUL and
  `@Invalid()` an empty list;
- `;` starts a comment, a backslash continues a line, a UTF-8 BOM is skipped; files are written
  with sections, and keys in each, sorted as Qt 6 sorts them.
Other typed values (`@Variant(...)`, `@Rect(...)`, ...) decode as missing; `parse` keeps every value
still encoded, so whoever rewrites the file can keep the ones it did not change byte for byte.
"""

from __future__ import annotations

import sys

Value = str | list[str] | bytes

_EOL = b"\r\n" if sys.platform == "win32" else b"\n"
_KEY_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
_HEX = frozenset(b"0123456789abcdefABCDEF")
_OCT = frozenset(b"01234567")
_UNESCAPE = {
    ord("a"): "\a", ord("b"): "\b", ord("f"): "\f", ord("n"): "\n", ord("r"): "\r",
    ord("t"): "\t", ord("v"): "\v", ord('"'): '"', ord("?"): "?", ord("'"): "'", ord("\\"): "\\",
}
_ESCAPE = {0x07: b"\\a", 0x08: b"\\b", 0x0C: b"\\f", 0x0A: b"\\n", 0x0D: b"\\r", 0x09: b"\\t",
           0x0B: b"\\v", 0x22: b'\\"', 0x5C: b"\\\\"}
_UNSUPPORTED = ("@Variant(", "@DateTime(", "@Rect(", "@Size(", "@Point(")


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]


def _join_utf16(text: str) -> str:
    """Pairs of surrogates (escaped one code unit at a time) become the character they encode."""
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# -- keys ------------------------------------------------------------------------------------


def escape_key(key: str) -> bytes:
    out = bytearray()
    for unit in _utf16_units(key):
        if unit == 0x2F:
            out += b"\\"
        elif unit in _KEY_SAFE:
            out.append(unit)
        elif unit <= 0xFF:
            out += b"%%%02X" % unit
        else:
            out += b"%%U%04X" % unit
    return bytes(out)


def _qt_hex(digits: str) -> int | None:
    """QString::toUShort(base 16): surrounding spaces, a `+` and a `0x` prefix are accepted."""
    digits = digits.split("\0", 1)[0].strip()  # Qt parses the digits as a C string
    digits = digits[1:] if digits.startswith("+") else digits
    digits = digits[2:] if digits[:2].lower() == "0x" else digits
    if not digits or any(c not in "0123456789abcdefABCDEF" for c in digits):
        return None
    return int(digits, 16)


def unescape_key(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        ch = text[i]
        if ch == "\\":
            out.append("/")
            i += 1
            continue
        if ch != "%" or i == size - 1:
            out.append(ch)
            i += 1
            continue
        first, digits = (i + 2, 4) if text[i + 1] == "U" else (i + 1, 2)
        code = _qt_hex(text[first:first + digits]) if first + digits <= size else None
        if code is None:
            out.append("%")
            i += 1
            continue
        out.append(chr(code))
        i = first + digits
    return _join_utf16("".join(out))


# -- values ----------------------------------------------------------------------------------


def _escape_string(text: str) -> bytes:
    """Qt's iniEscapedString: C escapes, UTF-8 text, Latin-1 bytes inside @ByteArray."""
    use_utf8 = not text.startswith(("@ByteArray(", "@Variant(", "@DateTime("))
    out = bytearray()
    needs_quotes = False
    escape_next_if_hex = False
    for ch in text:
        code = ord(ch)
        if ch in ";,=":
            needs_quotes = True
        if escape_next_if_hex and code in _HEX:
            out += b"\\x%x" % code
            continue
        escape_next_if_hex = False
        if code == 0:
            out += b"\\0"
            escape_next_if_hex = True
        elif code in _ESCAPE:
            out += _ESCAPE[code]
        elif code <= 0x1F or (code >= 0x7F and not use_utf8):
            out += b"\\x%x" % code
            escape_next_if_hex = True
        elif use_utf8:
            out += ch.encode("utf-8", "surrogatepass")
        else:
            out.append(code)
    if needs_quotes or (out and (out[0] == 0x20 or out[-1] == 0x20)):
        return b'"' + bytes(out) + b'"'
    return bytes(out)


def _as_text(value: str) -> str:
    """Qt's variantToString for text."""
    if "\0" in value:
        return f"@String({value})"
    return "@" + value if value.startswith("@") else value


def encode_value(value: Value) -> bytes:
    if isinstance(value, bytes):
        return _escape_string(f"@ByteArray({value.decode('latin-1')})")
    if isinstance(value, list):
        if not value:
            return b"@Invalid()"
        return b", ".join(_escape_string(_as_text(item)) for item in value)
    return _escape_string(_as_text(value))


def _chop_trailing_spaces(parts: list[str], limit: int) -> None:
    text = "".join(parts)
    end = len(text)
    while end > limit and text[end - 1] in " \t":
        end -= 1
    parts[:] = [text[:end]] if end < len(text) else [text]


def _unescape_string_list(raw: bytes) -> tuple[str, list[str] | None]:
    """Qt's iniUnescapedStringList: the text, and the items when an unquoted comma split it."""
    parts: list[str] = []
    items: list[str] | None = None
    in_quotes = quoted = False
    i, size = 0, len(raw)

    def length() -> int:
        return sum(len(part) for part in parts)

    state = "skip"
    chop_limit = 0
    while True:
        if state == "skip":
            while i < size and raw[i] in b" \t":
                i += 1
            state = "normal"
        if state == "normal":
            chop_limit = length()
            state = ""
        if i >= size:
            if not quoted:
                _chop_trailing_spaces(parts, chop_limit)
            break
        byte = raw[i]
        if byte == 0x5C:  # backslash
            i += 1
            if i >= size:
                break
            escaped = raw[i]
            i += 1
            if escaped in _UNESCAPE:
                parts.append(_UNESCAPE[escaped])
                state = "normal"
                continue
            if escaped in b"x01234567":
                is_hex = escaped == 0x78
                if is_hex and (i >= size or raw[i] not in _HEX):
                    if i >= size:
                        break
                    chop_limit = length()
                    continue
                value = 0 if is_hex else escaped - 0x30
                digits = _HEX if is_hex else _OCT
                while i < size and raw[i] in digits:
                    value = ((value << (4 if is_hex else 3)) + int(chr(raw[i]), 16)) & 0xFFFF
                    i += 1
                parts.append(chr(value))
                if i >= size:
                    break
                state = "normal"
                continue
            if escaped in b"\n\r" and i < size and raw[i] in b"\n\r" and raw[i] != escaped:
                i += 1
            chop_limit = length()
        elif byte == 0x22:  # double quote
            i += 1
            quoted = True
            in_quotes = not in_quotes
            if not in_quotes:
                state = "skip"
        elif byte == 0x2C and not in_quotes:  # comma
            if not quoted:
                _chop_trailing_spaces(parts, chop_limit)
            items = [] if items is None else items
            items.append("".join(parts))
            parts = []
            quoted = False
            i += 1
            state = "skip"
        else:
            end = i + 1
            while end < size and raw[end] not in b'\\",':
                end += 1
            parts.append(raw[i:end].decode("utf-8", "replace"))
            i = end
    text = "".join(parts)
    if items is not None:
        items.append(text)
    return text, items


def _typed(text: str) -> Value | None:
    """Qt's stringToVariant for the types the app stores; anything else reads as missing."""
    if text.startswith("@"):
        if text.endswith(")"):
            if text.startswith("@ByteArray("):
                # QString::toLatin1: one "?" per UTF-16 code unit above 0xff.
                return "".join(c if ord(c) <= 0xFFFF else "??" for c in text[11:-1]).encode(
                    "latin-1", "replace"
                )
            if text.startswith("@String("):
                return _join_utf16(text[8:-1])
            if text.startswith(_UNSUPPORTED) or text == "@Invalid()":
                return None
        if text.startswith("@@"):
            return _join_utf16(text[1:])
    return _join_utf16(text)


def decode_value(raw: bytes) -> Value | None:
    text, items = _unescape_string_list(raw)
    if items is None:
        return _typed(text)
    return [value for value in map(_typed, items) if isinstance(value, str)]


# -- the file --------------------------------------------------------------------------------


def _lines(data: bytes) -> list[tuple[bytes, int]]:
    """Qt's readIniLine: logical lines (quotes and backslashes may span ends) and the `=` offset."""
    result: list[tuple[bytes, int]] = []
    size = len(data)
    pos = 0
    while True:
        start = pos
        while start < size and data[start] in b" \t\r\n":
            start += 1
        i = start
        equals = -1
        in_quotes = False
        while i < size:
            ch = data[i]
            i += 1
            if ch == 0x3D:  # =
                if not in_quotes and equals == -1:
                    equals = i - 1
            elif ch in (0x0A, 0x0D):
                if i == start + 1:
                    start += 1
                elif not in_quotes:
                    i -= 1
                    break
            elif ch == 0x5C:  # backslash: the next character is part of the line
                if i < size:
                    first = data[i]
                    i += 1
                    if i < size and {first, data[i]} == {0x0A, 0x0D}:
                        i += 1
            elif ch == 0x22:
                in_quotes = not in_quotes
            elif ch == 0x3B:  # ; starts a comment at the start of a line, ends the line elsewhere
                if i == start + 1:
                    while i < size and data[i] not in b"\r\n":
                        i += 1
                    while i < size and data[i] in b" \t\r\n":
                        i += 1
                    start = i
                elif not in_quotes:
                    i -= 1
                    break
        pos = i
        if i - start <= 0:
            return result
        result.append((data[start:i], equals - start if equals >= 0 else -1))


def parse(data: bytes) -> dict[str, bytes]:
    """Every key of an INI file (full `section/key` names) with its still-encoded value."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    entries: dict[str, bytes] = {}
    prefix = ""
    for line, equals in _lines(data):
        if line.startswith(b"["):
            end = line.find(b"]")
            name = line[1:end if end >= 0 else len(line)].strip()
            if name.lower() == b"general":
                prefix = ""
            elif name.lower() == b"%general":
                prefix = name[1:].decode("latin-1") + "/"
            else:
                prefix = unescape_key(name) + "/"
        elif equals >= 0:
            entries[prefix + unescape_key(line[:equals].strip())] = line[equals + 1:]
    return entries


def _qt_order(text: str) -> bytes:
    # QString's operator<: UTF-16 code units compared one by one.
    return text.encode("utf-16-be", "surrogatepass")


def render(entries: dict[str, bytes]) -> bytes:
    """The file QSettings writes for these entries: sections, then keys, in QString order."""
    sections: dict[str, list[tuple[str, bytes]]] = {}
    for key, raw in entries.items():
        section, _, name = key.partition("/") if "/" in key else ("", "", key)
        sections.setdefault(section, []).append((name, raw))
    blocks: list[bytes] = []
    for section in sorted(sections, key=_qt_order):
        keys = sorted(sections[section], key=lambda entry: _qt_order(entry[0]))
        header = escape_key(section)
        if not header:
            header = b"General"
        elif header.lower() == b"general":
            header = b"%General"
        lines = [b"[" + header + b"]"]
        lines += [escape_key(name) + b"=" + raw for name, raw in keys]
        blocks.append(_EOL.join(lines) + _EOL)
    return _EOL.join(blocks)
