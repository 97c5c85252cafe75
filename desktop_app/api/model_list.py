"""The model list reply: which models a server offers, which of them make images, their prices.

Owns reading `{"data": [...]}`, a bare list or `{"models": [...]}` from any OpenAI-compatible
server (Nscale, LiteLLM's /model/info, OpenRouter, Hugging Face-style entries), telling image
generators from the rest by what an entry declares (its mode, task, modalities, capabilities)
or, failing that, by its id, and the price per megapixel where one is given. Ids are cleaned
text; an entry of an unknown shape is skipped, never fatal.
"""

from __future__ import annotations

import math

from desktop_app.api.errors import InvalidResponseError
from desktop_app.api.reply_errors import clean_text, load_json
from desktop_app.api.types import ModelInfo

KNOWN_IMAGE_MODELS = frozenset(
    {"black-forest-labs/FLUX.1-schnell", "stabilityai/stable-diffusion-xl-base-1.0"}
)
# Lower-case fragments of model ids that are image generators on the servers we know.
_IMAGE_ID_HINTS = (
    "flux",
    "stable-diffusion",
    "sdxl",
    "sd3",
    "dall-e",
    "gpt-image",
    "imagen",
    "text-to-image",
)
# Fields in which servers say what a model does: OpenAI-compatible lists, LiteLLM's `mode`
# ("image_generation"), Hugging Face's `pipeline_tag`/`task`, OpenRouter's `architecture`.
_CAPABILITY_FIELDS = (
    "mode",
    "type",
    "task",
    "pipeline_tag",
    "model_type",
    "modality",
    "modalities",
    "output_modalities",
    "capabilities",
    "category",
    "kind",
    "architecture",
)
# Nested objects that carry those fields (LiteLLM's /model/info: `model_info.mode`).
_DESCRIPTION_FIELDS = ("model_info", "info", "metadata", "details")
# Where an entry names its model: OpenAI `id`, LiteLLM /model/info `model_name`, others `name`.
_ID_FIELDS = ("id", "model_name", "name", "model")


def parse_models_reply(body: bytes) -> list[ModelInfo]:
    """Model ids (and prices, if given) from `{"data": [...]}`, a bare list, or `{"models": [...]}`.

    Pricing assumption (no official source): for image models `pricing.output` is USD per
    megapixel, as third-party listings of Nscale show; `price_per_megapixel` at the top level or
    in `pricing` wins when present. Non-numeric or negative prices are ignored.
    """
    value = load_json(body, "model list")
    entries = value.get("data", value.get("models")) if isinstance(value, dict) else value
    if not isinstance(entries, list):
        raise InvalidResponseError("The server's model list has an unknown shape.")
    models: list[ModelInfo] = []
    seen: set[str] = set()
    for entry in entries:
        info = _model_info(entry)
        if info is not None and info.id not in seen:
            seen.add(info.id)
            models.append(info)
    return models


def _model_info(entry: object) -> ModelInfo | None:
    if isinstance(entry, str):
        model_id = clean_text(entry, 200)
        return ModelInfo(model_id, None, _is_image_id(model_id)) if model_id else None
    if not isinstance(entry, dict):
        return None
    raw_id = next((entry[name] for name in _ID_FIELDS if isinstance(entry.get(name), str)), None)
    if not isinstance(raw_id, str) or not clean_text(raw_id, 200):
        return None
    model_id = clean_text(raw_id, 200)
    return ModelInfo(model_id, _price(entry), _is_image_entry(model_id, entry))


def _is_image_id(model_id: str) -> bool | None:
    lowered = model_id.lower()
    if model_id in KNOWN_IMAGE_MODELS or any(hint in lowered for hint in _IMAGE_ID_HINTS):
        return True
    return None


def _is_image_entry(model_id: str, entry: dict[object, object]) -> bool | None:
    """True if the entry says it makes images (or its id is a known one), False if it describes
    itself without mentioning images, None if it says nothing."""
    declared = _declared_capabilities(entry)
    for name in _DESCRIPTION_FIELDS:
        nested = entry.get(name)
        if isinstance(nested, dict):
            declared += _declared_capabilities(nested)
    if any(_names_image_output(text) for text in declared):
        return True
    if _is_image_id(model_id):
        return True
    # The server described the model and never mentioned images: it is not an image model.
    return False if declared else None


def _declared_capabilities(entry: dict[object, object]) -> list[str]:
    declared: list[str] = []
    for name in _CAPABILITY_FIELDS:
        declared += _words(entry.get(name), depth=2)
    return declared


def _words(value: object, depth: int) -> list[str]:
    """Lower-case strings in a field: itself, list items, flagged keys, and nested values."""
    if isinstance(value, str):
        return [value.lower()]
    if depth <= 0:
        return []
    if isinstance(value, list):
        return [word for item in value for word in _words(item, depth - 1)]
    if isinstance(value, dict):
        words: list[str] = []
        for key, item in value.items():
            if str(key).lower().startswith("input"):
                continue  # what a model reads ("input_modalities": ["image"]) is not its output
            if item is True:
                words.append(str(key).lower())
            else:
                words += _words(item, depth - 1)
        return words
    return []


def _names_image_output(text: str) -> bool:
    """Whether a declared capability means "makes images" ("image_generation", "text->image").

    Reading images ("vision", "image_input", "text+image->text") does not count.
    """
    output = text.rsplit("->", 1)[-1]
    return "image" in output and "input" not in output


def _price(entry: dict[object, object]) -> float | None:
    pricing = entry.get("pricing")
    candidates: list[object] = [entry.get("price_per_megapixel")]
    if isinstance(pricing, dict):
        candidates += [
            pricing.get("price_per_megapixel"),
            pricing.get("per_megapixel"),
            pricing.get("image"),
            pricing.get("output"),
        ]
    elif pricing is not None:
        candidates.append(pricing)
    for candidate in candidates:
        if isinstance(candidate, bool):
            continue
        if isinstance(candidate, int | float | str):
            try:
                price = float(candidate)
            except ValueError:
                continue
            if math.isfinite(price) and price >= 0:
                return price
    return None
