"""What the CLI prints for people: untrusted text with its control characters made visible.

A prompt, model id, file name or server message printed raw can retitle the terminal
(`\\x1b]0;title\\x07`), clear it (`\\x1b[2J`), ring it, or reorder the line with a bidi override.
Every human-readable print site passes such text through `safe_text`, which turns C0/C1 controls,
DEL, bidi marks and isolates and undecodable file-name bytes into visible escapes
(`\\x1b`, `\\u202e`, `\\xff`). `--json` output never comes here: `json.dumps` already escapes what
JSON needs, and machines must get the exact text.
"""

from __future__ import annotations

from desktop_app.text_safety import escape_controls


def safe_text(value: object, *, one_line: bool = True) -> str:
    """`value` as text fit for a terminal; a one-line field escapes newlines and tabs too."""
    return escape_controls(str(value), keep="" if one_line else "\n\t")


__all__ = ["safe_text"]


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`1 image`, `2 images`: English plurals for the CLI's messages (the CLI stays English)."""
    word = singular if count == 1 else (plural if plural is not None else singular + "s")
    return f"{count:,} {word}"
