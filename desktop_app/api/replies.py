"""Parsing what an image server sends back: the generation reply, and the doors to the others.

This module owns the tolerant reading of the OpenAI / Nscale success shape of an image request
(`parse_generation_reply`: base64 or URL entries, a bounded number of them). Error bodies, the
status mapping and `Retry-After` are `api.reply_errors`' and the model list `api.model_list`'s;
their names are importable from here as before. Bytes only: no network, no token, no image
decoding. Only `ApiError` subclasses escape it, and messages are cleaned and capped so a raw
body never reaches a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.api.errors import InvalidResponseError
from desktop_app.api.model_list import KNOWN_IMAGE_MODELS, parse_models_reply
from desktop_app.api.reply_errors import (
    MAX_MESSAGE_CHARS,
    clean_text,
    error_detail,
    error_for_status,
    html_to_text,
    load_json,
    parse_retry_after,
)

# Names callers import from here (the client, the transport, the tests).
__all__ = [
    "KNOWN_IMAGE_MODELS",
    "MAX_MESSAGE_CHARS",
    "ParsedReply",
    "ReplyItem",
    "clean_text",
    "error_detail",
    "error_for_status",
    "html_to_text",
    "parse_generation_reply",
    "parse_models_reply",
    "parse_retry_after",
]


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


def parse_generation_reply(body: bytes, limit: int | None = None) -> ParsedReply:
    """Read `{"created": int?, "data": [{"b64_json"|"url": str}, ...]}`, ignoring unknown fields.

    Only the first `limit` entries become items (`returned` counts them all): a server that
    sent 5 million empty entries for n=1 cost 51 s and 3.3 GB when each became an item.
    """
    value = load_json(body, "image")
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


