"""Fooocus and RuinedFooocus: JSON in the `parameters` chunk (or the JPEG/WebP EXIF UserComment).

Owns both dialects: Fooocus's `fooocus_scheme` JSON (`prompt`, `negative_prompt`, `base_model`...
and the older title-case `Prompt`, `Negative Prompt`, `Base Model`), and RuinedFooocus's
(`software: RuinedFooocus`, `Prompt`, `Negative`, `base_model_name`). Fooocus's A1111-scheme
files are plain `parameters` text and are left to `a1111.py`.
"""

from __future__ import annotations

from typing import Any

from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import Found
from desktop_app.library.readers.sources import Sources

_PROMPT_KEYS = ("prompt", "Prompt", "full_prompt")
_NEGATIVE_KEYS = ("negative_prompt", "Negative Prompt", "Negative", "full_negative_prompt")
_MODEL_KEYS = ("base_model", "Base Model", "base_model_name", "model")


def _text(value: Any) -> str:
    if isinstance(value, list):  # full_prompt is a list of expanded lines
        return "\n".join(safejson.text_of(item) for item in value[:200] if safejson.text_of(item))
    return safejson.text_of(value)


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        text = _text(data.get(key))
        if text:
            return text
    return ""


def read_json(data: dict[str, Any], scheme: str = "") -> Found | None:
    software = safejson.text_of(data.get("software") or data.get("Software"))
    version = safejson.text_of(data.get("version") or data.get("Version"))
    marker = f"{software} {version} {scheme}".lower()
    if "ruinedfooocus" in marker:
        generator = "ruinedfooocus"
    elif "fooocus" in marker or ("Base Model" in data and "Prompt" in data):
        generator = "fooocus"
    else:
        return None
    skip = frozenset((*_PROMPT_KEYS, *_NEGATIVE_KEYS))
    return Found(
        generator,
        _first(data, _PROMPT_KEYS),
        _first(data, _NEGATIVE_KEYS),
        _first(data, _MODEL_KEYS),
        safejson.scalar_settings(data, skip),
    )


def read(sources: Sources) -> Found | None:
    scheme = sources.text("fooocus_scheme") or ""
    for name in ("parameters", "EXIF UserComment", "Comment"):
        data = safejson.loads_dict(sources.text(name))
        if data is not None:
            found = read_json(data, scheme)
            if found is not None:
                return found
    return None
