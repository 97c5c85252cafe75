"""Error replies: what a server's error body says, which typed error a status is, Retry-After.

Owns the tolerant reading of the error shapes seen in the wild (OpenAI `error`, FastAPI
`detail` with its validation list, plain text, HTML, empty), the mapping of HTTP status to the
typed errors, and `Retry-After` (seconds or an HTTP date). Also the two ways any reply's content
is taken in at all: `clean_text` (one printable line, capped: a raw body never reaches a
person) and `load_json` (only InvalidResponseError escapes). Bytes and header strings only: no
network, no token.
"""

from __future__ import annotations

import email.utils
import html
import json
import math
import re
import time
import unicodedata

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

MAX_MESSAGE_CHARS = 300
# Only the start of an error body is read for a message; the rest is never useful.
_MAX_ERROR_BODY_CHARS = 64 * 1024

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


def load_json(body: bytes, what: str) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidResponseError(f"The server's {what} reply was not valid JSON.") from None
