"""NovelAI: `Description` (prompt), `Comment` JSON (`prompt`, `uc` negative, `v4_prompt`
captions, sampler settings), `Source` (the model), `Software`; in JPEG/WebP the same chunks as one
JSON object in the EXIF UserComment (the short prompt in ImageDescription), and in newer PNG
exports the same JSON hidden in the alpha channel (see `stealth.py`, expanded by `reading.py`).

Owns recognising NovelAI's blocks and reading them.
"""

from __future__ import annotations

from typing import Any

from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import Found
from desktop_app.library.readers.sources import Sources
from desktop_app.library.readers.xmp import xmp_value

_SETTINGS = {
    "steps": "Steps",
    "scale": "CFG scale",
    "seed": "Seed",
    "sampler": "Sampler",
    "noise_schedule": "Scheduler",
    "cfg_rescale": "CFG rescale",
    "uncond_scale": "Uncond scale",
    "strength": "Strength",
    "request_type": "Request type",
}


def _caption(value: Any) -> tuple[str, list[str]]:
    """(base caption, character captions) of a v4 prompt object."""
    if not isinstance(value, dict):
        return "", []
    caption = value.get("caption")
    if not isinstance(caption, dict):
        return "", []
    characters = [
        safejson.text_of(item.get("char_caption"))
        for item in _list(caption.get("char_captions"))[:20]
        if isinstance(item, dict)
    ]
    return safejson.text_of(caption.get("base_caption")), [c for c in characters if c]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def is_comment(data: dict[str, Any]) -> bool:
    """True for NovelAI's `Comment` parameters object."""
    return ("uc" in data or "v4_prompt" in data) and (
        "prompt" in data or "v4_prompt" in data or "noise_schedule" in data
    )


def from_comment(comment: dict[str, Any], description: str, source: str) -> Found:
    base, characters = _caption(comment.get("v4_prompt"))
    negative_base, negative_characters = _caption(comment.get("v4_negative_prompt"))
    prompt = safejson.text_of(comment.get("prompt")) or base or description
    negative = safejson.text_of(comment.get("uc")) or negative_base
    settings = {
        label: text
        for key, label in _SETTINGS.items()
        if (text := safejson.text_of(comment.get(key)))
    }
    for index, text in enumerate(characters, 1):
        settings[f"Character {index} prompt"] = text
    for index, text in enumerate(negative_characters, 1):
        settings[f"Character {index} negative prompt"] = text
    if source:
        settings["Source"] = source
    return Found("novelai", prompt, negative, source, settings)


def read_chunks(chunks: dict[str, Any]) -> Found | None:
    """NovelAI's PNG chunk set as a mapping (from PNG blocks or the JPEG/WebP JSON object)."""
    software = safejson.text_of(chunks.get("Software"))
    comment = safejson.loads_dict(safejson.text_of(chunks.get("Comment")))
    if isinstance(chunks.get("Comment"), dict):
        comment = chunks["Comment"]
    title = safejson.text_of(chunks.get("Title"))
    if "novelai" not in f"{software} {title}".lower() and not (comment and is_comment(comment)):
        return None
    description = safejson.text_of(chunks.get("Description"))
    source = safejson.text_of(chunks.get("Source"))
    if comment is None:
        return Found("novelai", description, "", source, {"Source": source} if source else {})
    return from_comment(comment, description, source)


def read(sources: Sources) -> Found | None:
    chunks = {
        name: sources.text(name)
        for name in ("Software", "Comment", "Title", "Description", "Source")
    }
    found = read_chunks({key: value for key, value in chunks.items() if value is not None})
    if found is not None:
        return found
    xmp = sources.text("XMP") or ""
    candidates = [sources.text(name) for name in ("EXIF UserComment", "EXIF ImageDescription")]
    candidates += [xmp_value(xmp, tag) for tag in ("exif:UserComment", "dc:description") if xmp]
    candidates.append(sources.text("parameters"))
    for text in candidates:
        data = safejson.loads_dict(text)
        if data is None:
            continue
        if is_comment(data):
            return from_comment(data, sources.text("EXIF ImageDescription") or "", "")
        if "Comment" not in data and "Software" not in data:
            continue
        found = read_chunks(data)
        if found is not None:
            if not found.prompt:
                found.prompt = sources.text("EXIF ImageDescription") or ""
            return found
    return None
