"""Making untrusted text safe to show: visible escapes for control characters, and elision.

Prompts (typed or read from any imported file), model ids, file names and server messages may
hold terminal escapes, NULs, bidi overrides that reorder what is shown, or 100,000 characters.
This module owns the two Qt-free rules every front end applies before showing such text:
`escape_controls` (C0/C1 controls, DEL, bidi marks, overrides and isolates, lone surrogates become
visible `\\x1b` / `\\u202e` escapes) and `elided` (a bounded number of characters and lines).
Markup is not its business: the window shows text as plain text (`desktop_app.ui.plain_text`),
the terminal prints it (`desktop_app.cli.terminal`). Text meant for machines (`--json`) is never
passed through here.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"

# C0 controls, DEL, C1 controls; bidi marks (LRM, RLM, ALM), embeddings and overrides (LRE, RLE,
# PDF, LRO, RLO), isolates (LRI, RLI, FSI, PDI); line and paragraph separators (Qt and some
# terminals break lines on them); lone surrogates (undecodable bytes of a file name).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by "surrogateescape"
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escape_controls(text: str, *, keep: str = "\n\t") -> str:
    """`text` with every control, bidi and separator character as a visible escape.

    Characters in `keep` stay as they are (by default newline and tab, where a field may hold
    several lines; pass `keep=""` for a one-line field). Printable text, including every
    script and emoji, is untouched.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda match: match.group() if match.group() in keep
                       else _escape(match.group()), text)


def elided(text: str, max_chars: int, max_lines: int | None = None) -> str:
    """At most `max_lines` lines and about `max_chars` characters of `text`, "…" where cut.

    The result is never longer than `max_chars + 1`. Cheap on huge input: only the start of
    `text` is looked at.
    """
    head = text[: max_chars + 1]
    cut = len(text) > max_chars
    if max_lines is not None:
        lines = head.split("\n")
        if len(lines) > max_lines:
            head = "\n".join(lines[:max_lines])
            cut = True
    if len(head) > max_chars:
        head = head[:max_chars]
    if cut:
        return head.rstrip() + ELLIPSIS
    return head


def one_line(text: str) -> str:
    """All whitespace runs (newlines included) collapsed to one space, ends trimmed."""
    return " ".join(text.split())


__all__ = ["ELLIPSIS", "elided", "escape_controls", "one_line"]
