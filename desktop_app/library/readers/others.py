"""The smaller conventions: Easy Diffusion, Draw Things, Midjourney, Gradio / Hugging Face Spaces,
and the generic fallbacks (JSON in any block searched for prompt keys; plain `prompt` chunks).

Owns each of those readers. The fallbacks never return raw JSON as a prompt: a JSON text found
where a prompt should be is searched for prompt keys instead, or ignored.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from desktop_app.library.readers import safejson
from desktop_app.library.readers.model import UNKNOWN, Found
from desktop_app.library.readers.sources import Sources
from desktop_app.library.readers.xmp import xmp_value

# --- Easy Diffusion ----------------------------------------------------------------------------

_ED_MODEL_KEYS = ("use_stable_diffusion_model", "Stable Diffusion model")
_ED_PROMPT_KEYS = ("prompt", "Prompt")
_ED_NEGATIVE_KEYS = ("negative_prompt", "Negative Prompt")
_ED_SETTINGS = (
    "seed",
    "Seed",
    "num_inference_steps",
    "Steps",
    "guidance_scale",
    "Guidance Scale",
    "sampler_name",
    "Sampler",
    "use_vae_model",
    "use_lora_model",
    "clip_skip",
    "width",
    "height",
    "prompt_strength",
)


def _ed_from(get: Any) -> Found:
    def first(keys: tuple[str, ...]) -> str:
        for key in keys:
            text = safejson.text_of(get(key))
            if text:
                return text
        return ""

    settings = {key: text for key in _ED_SETTINGS if (text := safejson.text_of(get(key)))}
    return Found(
        "easydiffusion",
        first(_ED_PROMPT_KEYS),
        first(_ED_NEGATIVE_KEYS),
        first(_ED_MODEL_KEYS),
        settings,
    )


def read_easydiffusion(sources: Sources) -> Found | None:
    if any(sources.text(key) is not None for key in _ED_MODEL_KEYS):
        return _ed_from(sources.text)
    for name in ("EXIF UserComment", "parameters", "Comment"):
        data = safejson.loads_dict(sources.text(name))
        if data is not None and any(key in data for key in _ED_MODEL_KEYS):
            return _ed_from(data.get)
    return None


# --- Draw Things -------------------------------------------------------------------------------


def read_drawthings(sources: Sources) -> Found | None:
    xmp = sources.text("XMP") or ""
    if "exif:UserComment" not in xmp:
        return None
    data = safejson.loads_dict(xmp_value(xmp, "exif:UserComment"))
    if data is None or "c" not in data:
        return None
    if "draw things" not in xmp.lower() and not ("model" in data or "sampler" in data):
        return None
    settings = safejson.scalar_settings(data, frozenset({"c", "uc"}))
    prompt = safejson.text_of(data.get("c")) or xmp_value(xmp, "dc:description")
    return Found(
        "drawthings",
        prompt,
        safejson.text_of(data.get("uc")),
        safejson.text_of(data.get("model")),
        settings,
    )


# --- Midjourney --------------------------------------------------------------------------------

_JOB_ID = re.compile(r"\s*Job ID:\s*([0-9A-Fa-f-]{8,})\s*$")
_MJ_PARAMETER = re.compile(r"\s--([a-z]+)(?:\s+([^-\s][^\s]*(?:\s+[^-\s][^\s]*)*?))?(?=\s--|\s*$)")


def parse_midjourney(text: str) -> Found | None:
    job = _JOB_ID.search(text)
    if job is None:
        return None
    body = text[: job.start()].strip()
    settings = {"Job ID": job.group(1)}
    first_parameter = re.search(r"\s--[a-z]", body)
    prompt = body[: first_parameter.start()].strip() if first_parameter else body
    if first_parameter:
        for match in _MJ_PARAMETER.finditer(body[first_parameter.start() :]):
            settings[match.group(1)] = (match.group(2) or "").strip()
    if "niji" in settings:
        model = f"niji {settings['niji']}".strip()
    elif settings.get("v"):
        model = f"Midjourney v{settings['v']}"
    else:
        model = "Midjourney"
    return Found("midjourney", prompt, settings.get("no", ""), model, settings)


def read_midjourney(sources: Sources) -> Found | None:
    xmp = sources.text("XMP") or ""
    candidates = (
        sources.text("Description"),
        xmp_value(xmp, "dc:description") if xmp else None,
        sources.text("IPTC Caption"),
        sources.text("EXIF ImageDescription"),
    )
    for text in candidates:
        if text and "Job ID" in text:
            found = parse_midjourney(text)
            if found is not None:
                return found
    return None


# --- Gradio and any JSON -----------------------------------------------------------------------

_PROMPT_KEYS = ("prompt", "positive_prompt", "positive", "text_prompt", "prompt_text", "caption")
_NEGATIVE_KEYS = ("negative_prompt", "negative", "negativeprompt", "uc", "neg_prompt")
_MODEL_KEYS = ("model", "model_name", "checkpoint", "ckpt", "base_model", "sd_model", "model_id")
_MAX_SEARCH = 5000


def search_json(value: Any) -> Found:
    """Breadth-first search for prompt, negative and model keys; nested JSON strings included."""
    found = Found(UNKNOWN)
    queue: deque[tuple[Any, int]] = deque([(value, 0)])
    visited = 0
    while queue and visited < _MAX_SEARCH:
        item, depth = queue.popleft()
        visited += 1
        if isinstance(item, str) and depth < 6:
            nested = safejson.loads(item) if item[:1] in "{[" else None
            if nested is not None:
                queue.append((nested, depth + 1))
            continue
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        if isinstance(item, dict):
            found.prompt = found.prompt or _string_at(item, _PROMPT_KEYS)
            found.negative_prompt = found.negative_prompt or _string_at(item, _NEGATIVE_KEYS)
            found.model = found.model or _string_at(item, _MODEL_KEYS)
            if not found.settings:
                found.settings = safejson.scalar_settings(
                    item, frozenset((*_PROMPT_KEYS, *_NEGATIVE_KEYS))
                )
        if depth < safejson.MAX_DEPTH:
            queue.extend((child, depth + 1) for child in list(children)[:500])
    return found


def _string_at(data: dict[str, Any], keys: tuple[str, ...]) -> str:
    value = safejson.get_key(data, *keys)
    text = safejson.text_of(value) if isinstance(value, str) else ""
    if isinstance(value, dict):  # {"name": ...} style model objects
        text = safejson.first_text(value, "name", "model_name", "title")
    return "" if safejson.is_json_text(text) else text


def read_json(sources: Sources) -> Found | None:
    """Gradio / HF Spaces (`parameters` JSON), then JSON in any other block."""
    for block in sources.blocks:
        data = safejson.loads(block.text)
        if data is None:
            continue
        found = search_json(data)
        if found.prompt or found.model:
            found.generator = "gradio" if block.name == "parameters" else UNKNOWN
            return found
    return None


# --- plain text chunks named after what they hold ----------------------------------------------

_TEXT_PROMPT = ("prompt", "Prompt", "positive", "positive_prompt")
_TEXT_NEGATIVE = ("negative_prompt", "Negative prompt", "negative", "Negative Prompt")
_TEXT_MODEL = ("model", "Model", "model_name", "checkpoint")


def read_named_text(sources: Sources) -> Found | None:
    def plain(names: tuple[str, ...]) -> str:
        text = (sources.text(*names) or "").strip()
        return "" if text[:1] in "{[" else text

    prompt, negative, model = plain(_TEXT_PROMPT), plain(_TEXT_NEGATIVE), plain(_TEXT_MODEL)
    return Found(UNKNOWN, prompt, negative, model) if prompt or model else None


def read_xmp_description(sources: Sources) -> Found | None:
    xmp = sources.text("XMP") or ""
    text = xmp_value(xmp, "dc:description") if "dc:description" in xmp else ""
    text = text or (sources.text("IPTC Caption") or "")
    if not text or safejson.is_json_text(text):
        return None
    return Found(UNKNOWN, text)
