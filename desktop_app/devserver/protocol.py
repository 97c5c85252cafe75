"""What the imitation API accepts and how it words a refusal, apart from the socket.

Owns the limits of a generation request (size, `n`, body length), validating its JSON body into a
`GenerationAsk` (or a `Reply` carrying the 400/404 a real server would send), and the error body
in each style real servers use: OpenAI's `{"error": {...}}` (the default), FastAPI's
`{"detail": ...}`, plain text, an nginx HTML page, or nothing at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

DEFAULT_SIZE = "512x512"
MIN_SIDE, MAX_SIDE = 64, 4096
MAX_N = 10
MAX_REQUEST_BYTES = 1024 * 1024

_SIZE_PATTERN = re.compile(r"^\s*(\d{1,5})\s*[xX]\s*(\d{1,5})\s*$")

# OpenAI-shaped `type` and `code` for each status a fault may ask for.
_ERROR_NAMES: dict[int, tuple[str, str]] = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("authentication_error", "invalid_api_key"),
    403: ("permission_error", "forbidden"),
    404: ("not_found_error", "model_not_found"),
    409: ("conflict_error", "conflict"),
    413: ("invalid_request_error", "request_too_large"),
    422: ("invalid_request_error", "unprocessable_entity"),
    429: ("insufficient_quota", "insufficient_credit"),
    500: ("server_error", "internal_error"),
    502: ("server_error", "bad_gateway"),
    503: ("server_error", "service_unavailable"),
    504: ("server_error", "gateway_timeout"),
}


class Reply(Exception):
    """Raised inside a handler to send an error reply and stop processing the request."""

    def __init__(self, status: int, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param


class Hangup(Exception):
    """The client went away or the server is stopping: send nothing more on this connection."""


@dataclass(frozen=True)
class GenerationAsk:
    """A validated generation request body."""

    model: str
    prompt: str
    width: int
    height: int
    count: int
    response_format: str


def validate_generation(payload: dict[str, Any], models: dict[str, float]) -> GenerationAsk:
    """The fields of a generation body, or `Reply` with the 400/404 a real server would send."""
    model = payload.get("model")
    if not isinstance(model, str) or not model:
        raise Reply(400, "`model` is required and must be a string.", "model")
    if model not in models:
        raise Reply(404, f"The model `{model}` does not exist or is not available.", "model")
    prompt = payload.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise Reply(400, "`prompt` must be a non-empty string.", "prompt")
    if not _is_unicode_text(prompt):  # JSON's \ud800 escapes decode to a lone surrogate
        raise Reply(400, "`prompt` must be valid Unicode text (a lone surrogate is not).",
                    "prompt")
    size = payload.get("size", DEFAULT_SIZE)
    match = _SIZE_PATTERN.match(size) if isinstance(size, str) else None
    if match is None:
        raise Reply(400, f"`size` must look like 512x512, got {size!r}.", "size")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise Reply(400, f"`size` sides must be between {MIN_SIDE} and {MAX_SIDE}.", "size")
    count = payload.get("n", 1)
    if count is None:
        count = 1
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_N:
        raise Reply(400, f"`n` must be an integer from 1 to {MAX_N}.", "n")
    response_format = payload.get("response_format") or "b64_json"
    if response_format not in ("b64_json", "url"):
        raise Reply(400, "`response_format` must be b64_json or url.", "response_format")
    return GenerationAsk(model, prompt, width, height, count, response_format)


def error_body(
    status: int, message: str, *, style: str = "openai", param: str | None = None
) -> tuple[bytes, str]:
    """The body and content type of an error reply in one of the styles real servers use."""
    if style == "fastapi":
        return json.dumps({"detail": message}).encode(), "application/json"
    if style == "text":
        return message.encode(), "text/plain; charset=utf-8"
    if style == "html":
        page = (f"<html><head><title>{status}</title></head><body><h1>{status}</h1>"
                f"<p>{message}</p><hr><center>nginx</center></body></html>")
        return page.encode(), "text/html; charset=utf-8"
    if style == "empty":
        return b"", "application/json"
    error_type, code = _ERROR_NAMES.get(
        status, ("server_error" if status >= 500 else "invalid_request_error", "error"))
    error = {"message": message, "type": error_type, "param": param, "code": code}
    return json.dumps({"error": error}).encode(), "application/json"


def _is_unicode_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
