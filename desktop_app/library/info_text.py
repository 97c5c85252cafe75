"""What an image-info view shows, as plain data: the same fields and blocks for the window and CLI.

Owns the order and labels of an `ImageInfo`'s parsed fields, the pretty-printing of raw blocks
(JSON such as ComfyUI graphs indented; everything else exactly as found) and the JSON document
`nscale-studio-cli library info --json` prints. Returns text only: escaping for a terminal and
plain-text display are the caller's job (untrusted text, all of it). No Qt, no file reading.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop_app.library.readers import GENERATOR_NAMES, ImageInfo, RawBlock

_MAX_PRETTY_CHARS = 4_000_000  # a bigger "graph" is shown as found rather than parsed


@dataclass(frozen=True)
class InfoField:
    key: str  # stable, for tests and JSON: "prompt", "negative_prompt", ...
    label: str
    value: str


def generator_name(generator: str) -> str:
    """A person's name for a generator id (the id itself for one this version does not know)."""
    return GENERATOR_NAMES.get(generator, generator or "Unknown")


def info_fields(info: ImageInfo) -> list[InfoField]:
    """The parsed fields, in display order; empty values are kept (shown as such)."""
    size = f"{info.width}x{info.height}" if info.width and info.height else ""
    return [
        InfoField("prompt", "Prompt", info.prompt),
        InfoField("negative_prompt", "Negative prompt", info.negative_prompt),
        InfoField("model", "Model", info.model),
        InfoField("size", "Size", size),
        InfoField("generator", "Tool", generator_name(info.generator)),
        InfoField("format", "Format", info.format),
    ]


def settings_text(info: ImageInfo) -> str:
    """One `name: value` line per setting, in the order the file gave them."""
    return "\n".join(f"{name}: {value}" for name, value in info.settings.items())


def pretty_block(block: RawBlock) -> str:
    """The block's text; JSON objects and arrays (graphs, NovelAI comments) indented."""
    text = block.text
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and len(stripped) <= _MAX_PRETTY_CHARS:
        try:
            return json.dumps(json.loads(stripped), indent=2, ensure_ascii=False)
        except (ValueError, RecursionError):
            pass  # not JSON after all, or nested too deep to be worth it: as found
    return text


def info_document(info: ImageInfo, **context: Any) -> dict[str, Any]:
    """The JSON form: `context` first (id, path, in_library...), then fields, settings, blocks."""
    return {
        **context,
        "prompt": info.prompt,
        "negative_prompt": info.negative_prompt,
        "model": info.model,
        "width": info.width,
        "height": info.height,
        "generator": info.generator,
        "generator_name": generator_name(info.generator),
        "format": info.format,
        "settings": dict(info.settings),
        "blocks": [{"name": block.name, "text": block.text} for block in info.blocks],
    }
