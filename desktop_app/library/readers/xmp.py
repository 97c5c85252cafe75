"""Reading single values out of an XMP packet without an XML parser (packets are untrusted and
often not well-formed): an element's first `rdf:li` or text, or an attribute's value.
"""

from __future__ import annotations

import html
import re

MAX_XMP_CHARS = 4_000_000


def xmp_value(xmp: str, tag: str) -> str:
    """Text of `<tag>` (its rdf:Alt/Seq/Bag's first item, or its text) or of `tag="..."`."""
    xmp = xmp[:MAX_XMP_CHARS]
    escaped = re.escape(tag)
    match = re.search(rf"<{escaped}(?:\s[^>]*)?>(.*?)</{escaped}>", xmp, re.S)
    if match is not None:
        inner = match.group(1)
        item = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", inner, re.S)
        return html.unescape(item.group(1) if item else inner).strip()
    match = re.search(rf'\s{escaped}="([^"]*)"', xmp)
    return html.unescape(match.group(1)).strip() if match else ""
