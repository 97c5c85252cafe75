"""Turning whatever a person types into a safe SQLite FTS5 query.

Owns only the escaping rule: every whitespace-separated word becomes a quoted FTS5 phrase (so
`AND`, `*`, `"`, `NEAR(` and friends are plain text), words are ANDed, and the last word is a
prefix match so results follow the typing. Must never produce a string FTS5 can reject.
"""

from __future__ import annotations


def fts_query(text: str) -> str | None:
    """The MATCH expression for `text`, or None when it holds nothing searchable."""
    # SQLite ends a bound string at NUL ("unterminated string"); control characters never
    # appear in a token anyway, and lone surrogates cannot be encoded.
    text = "".join(
        " " if ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF else char for char in text
    )
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if not words:
        return None
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    phrases[-1] += "*"
    return " ".join(phrases)
