"""SwarmUI: `{"sui_image_params": {...}, "sui_extra_data": {...}}` JSON in the PNG `parameters`
chunk, and the same JSON as UTF-16 EXIF UserComment in JPEG/WebP.

Owns reading it: `prompt`, `negativeprompt`, `model` and the scalar settings.
"""

from __future__ import annotations

from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import Found
from desktop_app.library.readers.sources import Sources


def read(sources: Sources) -> Found | None:
    for name in ("parameters", "EXIF UserComment", "Comment", "EXIF ImageDescription"):
        data = safejson.loads_dict(sources.text(name))
        params = data.get("sui_image_params") if data is not None else None
        if not isinstance(params, dict):
            continue
        settings = safejson.scalar_settings(params, frozenset({"prompt", "negativeprompt"}))
        extra = data.get("sui_extra_data") if data is not None else None
        if isinstance(extra, dict):
            for key, value in safejson.scalar_settings(extra).items():
                settings.setdefault(key, value)
        return Found(
            "swarmui",
            safejson.text_of(params.get("prompt")),
            safejson.first_text(params, "negativeprompt", "negative_prompt"),
            safejson.text_of(params.get("model")),
            settings,
        )
    return None
