"""Defensive JSON for untrusted metadata: bounded size and depth, typed getters that never raise.

Owns `loads` (None instead of an exception, for text too large, too deep or not JSON) and the small
helpers readers use to pull strings out of values of unknown shape.
"""

from __future__ import annotations

import json
from typing import Any

MAX_JSON_CHARS = 8_000_000  # a ComfyUI workflow with many nodes is a few MB at most
MAX_DEPTH = 64


def loads(text: str | None) -> Any:
    """The parsed value, or None when `text` is not (reasonable) JSON."""
    if not text or len(text) > MAX_JSON_CHARS:
        return None
    stripped = text.strip().strip("\x00")
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    return value if _depth_ok(value) else None


def is_json_text(text: str) -> bool:
    """True when `text` is JSON, including JSON too large or too deep for `loads` to accept."""
    stripped = text.strip().strip("\x00")
    if not stripped or stripped[0] not in "{[":
        return False
    if stripped[0] == "{" or len(stripped) > MAX_JSON_CHARS:
        return True
    try:
        json.loads(stripped)
    except RecursionError:
        return True
    except ValueError:
        return False  # "[cat:dog:0.5] ..." is A1111 prompt editing, not JSON
    return True


def loads_dict(text: str | None) -> dict[str, Any] | None:
    value = loads(text)
    return value if isinstance(value, dict) else None


def _depth_ok(value: Any) -> bool:
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > 2_000_000:
            return False
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return True


def text_of(value: Any) -> str:
    """A scalar as text ("" for containers and None); strings stripped."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return ""


def first_text(data: dict[str, Any], *keys: str) -> str:
    """The first non-empty string among `keys` of `data`."""
    for key in keys:
        text = text_of(data.get(key))
        if text:
            return text
    return ""


def get_key(data: dict[str, Any], *names: str) -> Any:
    """data[name] for the first of `names` present, comparing case- and separator-insensitively."""
    wanted = {_norm(name) for name in names}
    for key, value in data.items():
        if isinstance(key, str) and _norm(key) in wanted:
            return value
    return None


def _norm(key: str) -> str:
    return key.lower().replace("_", "").replace(" ", "").replace("-", "")


def scalar_settings(data: dict[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every scalar top-level entry of `data` as text (for `ImageInfo.settings`)."""
    settings: dict[str, str] = {}
    for key, value in list(data.items())[:200]:
        if isinstance(key, str) and key not in skip:
            text = text_of(value)
            if text:
                settings[key] = text[:2000]
    return settings
