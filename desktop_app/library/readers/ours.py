"""Our own files: the `nscale-studio` JSON twin chunk, or the same JSON inside our XMP packet.

Owns recognising them (the JSON must name our app) and returning the twin as a dict, so the
library can restore job ids, hashes and timings; our blocks win over any other tool's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from desktop_app import APP_ID
from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import Found, RawBlock
from desktop_app.library.readers.sources import Sources

_XMP_TWIN = re.compile(r"<nscale:metadata>(.*?)</nscale:metadata>", re.S)


def twin(blocks: Iterable[RawBlock]) -> dict[str, Any] | None:
    """Our JSON twin when the blocks of a file carry one."""
    texts: dict[str, str] = {}
    for block in blocks:
        texts.setdefault(block.name, block.text)
    raw = texts.get(APP_ID)
    if raw is None:
        match = _XMP_TWIN.search(texts.get("XMP", ""))
        raw = html.unescape(match.group(1)) if match else None
    value = safejson.loads_dict(raw)
    return value if value is not None and value.get("app") == APP_ID else None


def read(sources: Sources) -> Found | None:
    value = twin(sources.blocks)
    if value is None:
        return None
    settings = safejson.scalar_settings(value, frozenset({"app", "prompt", "model"}))
    prompt = value.get("prompt")
    return Found(
        APP_ID,
        prompt if isinstance(prompt, str) else "",
        "",
        safejson.text_of(value.get("model")),
        settings,
    )
