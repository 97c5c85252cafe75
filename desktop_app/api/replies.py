"""Parsing what an image server sends back: success bodies, error bodies and retry hints.

This module owns the tolerant reading of replies: the OpenAI / Nscale success shape, the error
shapes seen in the wild (OpenAI `error`, FastAPI `detail`, plain text, HTML, empty), the mapping
of HTTP status to the typed errors and `Retry-After`. It works on bytes and header strings only:
no network, no token, no image decoding. Only `ApiError` subclasses escape it, and messages
are cleaned and capped so a raw body never reaches a person.
"""

from __future__ import annotations

import email.utils
import html
import json
import math
import re
import time
import unicodedata
from dataclasses import dataclass

from desktop_app.api.errors import (
    ApiError,
    ForbiddenError,
    InsufficientCreditError,
    InvalidRequestError,
    InvalidResponseError,
    ModelNotFoundError,
    ServerError,
    UnauthorizedError,
    UnavailableError,
)
from desktop_app.api.types import ModelInfo

MAX_MESSAGE_CHARS = 300
# Only the start of an error body is read for a message; the rest is never useful.
_MAX_ERROR_BODY_CHARS = 64 * 1024

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

# A tag starts with a letter, "/", "!" or "?" right after "<": "size < 1024 and > 64" is no tag.
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_INVISIBLE = re.compile(r"<(script|style|head)[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)


def clean_text(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """One line of printable text: control characters dropped, whitespace collapsed, capped."""
    kept = "".join(
        " " if char.isspace() else char
        for char in text[:_MAX_ERROR_BODY_CHARS]
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    collapsed = " ".join(kept.split())
    if len(collapsed) > limit:
        collapsed = collapsed[: limit - 1].rstrip() + "…"
    return collapsed


def html_to_text(text: str) -> str:
    """The visible text of a page (with its title if the text lacks it): never markup."""
    title_match = _TITLE.search(text)
    title = (
        " ".join(html.unescape(_TAG.sub(" ", title_match.group(1))).split()) if title_match else ""
    )
    visible = " ".join(html.unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", text))).split())
    if title and title not in visible:
        return f"{title}: {visible}" if visible else title
    return visible


def error_detail(body: bytes, content_type: str | None = None) -> str | None:
    """The server's own message from an error body of any known shape, cleaned; None if none."""
    text = body[:_MAX_ERROR_BODY_CHARS].decode("utf-8", errors="replace").strip()
    if not text:
        return None
    message: str | None
    try:
        message = _message_from_json(json.loads(text))
    except (ValueError, RecursionError):
        looks_like_html = "html" in (content_type or "").lower() or text.startswith("<")
        message = html_to_text(text) if looks_like_html else text
    if message is None:
        return None
    if _TAG.search(message):  # markup inside a JSON message: its visible text, never the tags
        message = html_to_text(message)
    cleaned = clean_text(message)
    return cleaned or None


def _message_from_json(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return None
    error = value.get("error")
    if isinstance(error, dict):
        inner = error.get("message")
        if isinstance(inner, str):
            return inner
    if isinstance(error, str):
        return error
    invalid = _invalid_fields(value)
    if invalid:
        # Problem details (RFC 9457) and validation replies: the title says "invalid", the
        # list says what; the list is what the user needs, so it is kept whole.
        head = next((value[key] for key in ("title", "detail", "message")
                     if isinstance(value.get(key), str) and value[key].strip()), None)
        return f"{head.rstrip(' .:')}: {invalid}" if head else invalid
    detail = value.get("detail")
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        parts = [_fastapi_item(item) for item in detail[:5]]
        joined = "; ".join(part for part in parts if part)
        return joined or None
    message = value.get("message")
    return message if isinstance(message, str) else None


# Where validation replies list what was invalid: Prism / problem+json `validation`, many
# frameworks' `errors` (a list, or a mapping of field to messages), RFC 7807's `invalid_params`.
_INVALID_LISTS = ("validation", "errors", "invalid_params", "invalid-params", "violations")
_FIELD_KEYS = ("location", "loc", "field", "name", "param", "parameter", "path", "pointer",
               "property", "propertyPath")
_REASON_KEYS = ("message", "msg", "reason", "detail", "description", "title")
_MAX_INVALID_ITEMS = 5


def _invalid_fields(value: dict[object, object]) -> str:
    """ "size: must be WxH; n: must be at most 4" from a validation reply; "" if it has none."""
    for key in _INVALID_LISTS:
        items = value.get(key)
        parts: list[str] = []
        if isinstance(items, list):
            parts = [_invalid_item(item) for item in items[:_MAX_INVALID_ITEMS]]
        elif isinstance(items, dict):
            for field, reasons in list(items.items())[:_MAX_INVALID_ITEMS]:
                reason = _reason_text(reasons)
                if reason:
                    parts.append(f"{_field_name(field)}: {reason}" if _field_name(field)
                                 else reason)
        joined = "; ".join(part for part in parts if part)
        if joined:
            return joined
    return ""


def _invalid_item(item: object) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    reason = next((text for key in _REASON_KEYS if (text := _reason_text(item.get(key)))), "")
    field = next((name for key in _FIELD_KEYS if (name := _field_name(item.get(key)))), "")
    if field and reason:
        return f"{field}: {reason}"
    return reason or (f"{field} is invalid" if field else "")


def _reason_text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return "; ".join(item.strip() for item in value[:3] if isinstance(item, str))
    return ""


def _field_name(value: object) -> str:
    """`size` from "size", ["body", "size"], "/size" or "#/body/size"."""
    parts: list[object]
    if isinstance(value, str):
        pointer = value.strip().startswith(("/", "#/"))
        parts = list(value.strip().lstrip("#").strip("/").split("/")) if pointer else [value]
    elif isinstance(value, list):
        parts = list(value)
    else:
        return ""
    return ".".join(str(part).strip() for part in parts if part not in ("body", "query", ""))


def _fastapi_item(item: object) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict) or not isinstance(item.get("msg"), str):
        return ""
    location = item.get("loc")
    if isinstance(location, list) and location:
        field = ".".join(str(part) for part in location if part != "body")
        if field:
            return f"{field}: {item['msg']}"
    return str(item["msg"])


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or HTTP date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        try:
            seconds = moment.timestamp() - (time.time() if now is None else now)
        except (OverflowError, ValueError, OSError):
            return None
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def error_for_status(
    status: int,
    body: bytes,
    content_type: str | None = None,
    *,
    retry_after: str | None = None,
    model: str | None = None,
) -> ApiError:
    """The typed error for an HTTP error reply, carrying the server's cleaned message."""
    detail = error_detail(body, content_type)
    wait = parse_retry_after(retry_after)

    def suffix(prefix: str) -> str:
        return f"{prefix} Server says: {detail}" if detail else prefix

    error: ApiError
    if status in (400, 422):
        error = InvalidRequestError(
            f"The server rejected the request: {detail}" if detail else None, detail=detail
        )
    elif status == 401:
        error = UnauthorizedError(detail=detail)
    elif status == 403:
        error = ForbiddenError(
            suffix("The service token is not allowed to do this (403).") if detail else None,
            detail=detail,
        )
    elif status == 404:
        name = clean_text(model, 120) if model else None
        base = (
            f"The model {name!r} was not found or is unavailable (404)."
            if name
            else "The address was not found on the server (404). Check the base URL."
        )
        error = ModelNotFoundError(base, detail=detail)
    elif status == 429:
        error = InsufficientCreditError(detail=detail)
    elif status in (502, 503, 504):
        error = UnavailableError(
            f"The service is temporarily unavailable ({status}). Try again shortly.",
            detail=detail,
        )
    elif status == 500:
        error = ServerError(detail=detail)
    elif 500 <= status <= 599:
        error = ServerError(
            f"The server failed to process the request ({status}). Try again later.",
            detail=detail,
        )
    elif 400 <= status <= 499:
        error = InvalidRequestError(
            suffix(f"The server rejected the request ({status})."), detail=detail
        )
    else:
        error = InvalidResponseError(
            f"The server answered with an unexpected status ({status}).", detail=detail
        )
    error.status = status
    error.retry_after = wait
    return error


@dataclass(frozen=True)
class ReplyItem:
    """One entry of a reply's data[]: base64 text, a URL, or why it is unusable."""

    index: int
    b64_json: str | None = None
    url: str | None = None
    error: InvalidResponseError | None = None


@dataclass(frozen=True)
class ParsedReply:
    created: int | None
    items: tuple[ReplyItem, ...]
    returned: int = 0  # entries in data[], also those beyond `limit` that were not read


def _load_json(body: bytes, what: str) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidResponseError(f"The server's {what} reply was not valid JSON.") from None


def parse_generation_reply(body: bytes, limit: int | None = None) -> ParsedReply:
    """Read `{"created": int?, "data": [{"b64_json"|"url": str}, ...]}`, ignoring unknown fields.

    Only the first `limit` entries become items (`returned` counts them all): a server that
    sent 5 million empty entries for n=1 cost 51 s and 3.3 GB when each became an item.
    """
    value = _load_json(body, "image")
    if not isinstance(value, dict):
        raise InvalidResponseError("The server's image reply was not a JSON object.")
    data = value.get("data")
    if not isinstance(data, list):
        raise InvalidResponseError("The server's image reply has no list of images.")
    if not data:
        raise InvalidResponseError("The server's image reply contained no images.")
    created = value.get("created")
    # bool is an int in Python; a boolean or absurd timestamp is as good as none.
    if isinstance(created, bool) or not isinstance(created, int) or not 0 < created < 2**40:
        created = None
    items: list[ReplyItem] = []
    for index, entry in enumerate(data[:limit]):
        b64 = entry.get("b64_json") if isinstance(entry, dict) else None
        url = entry.get("url") if isinstance(entry, dict) else None
        if isinstance(b64, str) and b64:
            items.append(ReplyItem(index, b64_json=b64))
        elif isinstance(url, str) and url:
            items.append(ReplyItem(index, url=url))
        else:
            items.append(
                ReplyItem(
                    index,
                    error=InvalidResponseError(
                        f"Item {index + 1} of the reply has neither image data nor a URL."
                    ),
                )
            )
    return ParsedReply(created=created, items=tuple(items), returned=len(data))


def parse_models_reply(body: bytes) -> list[ModelInfo]:
    """Model ids (and prices, if given) from `{"data": [...]}`, a bare list, or `{"models": [...]}`.

    Pricing assumption (no official source): for image models `pricing.output` is USD per
    megapixel, as third-party listings of Nscale show; `price_per_megapixel` at the top level or
    in `pricing` wins when present. Non-numeric or negative prices are ignored.
    """
    value = _load_json(body, "model list")
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
