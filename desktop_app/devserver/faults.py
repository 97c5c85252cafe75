"""The local server's fault specifications: what a fault may say, and reading one.

Owns the fault vocabulary (`FAULT_HELP`), turning a spec (a JSON object, JSON text or command-line
shorthand such as `503=2` or `slow=3`) into a normalised dict with a `kind`, the `[fault:...]`
markers a prompt may carry, the body of `POST /_control/faults`, and the default message of an
injected error status. Applying a fault to a connection is the handler's job (`handler.py`).
"""

from __future__ import annotations

import json
import re
from typing import Any

Fault = dict[str, Any]  # normalised by `parse_fault`: always has a known "kind"

# Faults that change a successful generation reply rather than replacing it.
REPLY_FAULTS = frozenset({"url_images", "bad_base64", "not_an_image", "partial_bad"})
KNOWN_KINDS = frozenset(
    {"status", "malformed_json", "drop", "slow", "drip", "huge_body", "redirect"}
) | REPLY_FAULTS
DRIP_BYTES = 3600  # a drip body: an hour at one byte a second

_PROMPT_MARKER = re.compile(r"\[fault:([a-z_]+|\d{3})(?:=([0-9.]+))?\]")

FAULT_HELP = """\
fault specs (JSON objects, or shorthand on the command line):
  {"status": 503, "retry_after": "1", "body_style": "openai", "message": "..."}
      reply with that status; body_style is openai (default) | fastapi | text | html | empty
      shorthand: 503, or 503=SECONDS for a Retry-After
  {"kind": "malformed_json"}        200 with a truncated JSON body     (shorthand: malformed_json)
  {"kind": "drop"}                  headers + half the body, then close (shorthand: drop)
  {"kind": "slow", "seconds": 2}    wait (others go on), then reply    (shorthand: slow=2)
  {"kind": "drip", "seconds": 1}    headers, then one body byte per 1 s (shorthand: drip=1)
  {"kind": "url_images"}            data[].url instead of b64_json     (shorthand: url_images)
  {"kind": "bad_base64"}            b64_json that is not base64        (shorthand: bad_base64)
  {"kind": "not_an_image"}          valid base64 of non-image bytes    (shorthand: not_an_image)
  {"kind": "partial_bad"}           item 1 fine, item 2 bad base64     (shorthand: partial_bad)
  {"kind": "huge_body", "megabytes": 5}  200 with that many MB of junk (shorthand: huge_body=5)
  {"kind": "redirect", "location": "http://...", "status": 307}       (shorthand: redirect=URL)
Each /v1 request (either endpoint) consumes the next queued fault. Queue more with
POST /_control/faults {"faults": [...]}; clear with POST /_control/reset; read counters with
GET /_control/stats. A prompt containing [fault:429], [fault:503], [fault:slow=3], [fault:drop]
or [fault:malformed_json] triggers that fault for that request only.
"""

_DEFAULT_MESSAGES = {
    401: "Invalid service token.",
    403: "Your token is not allowed to perform inference:create on this project.",
    404: "Model not found or unavailable.",
    409: "Conflict.",
    429: "Insufficient credit. Please top up your account.",
    500: "Internal server error.",
    502: "Bad gateway.",
    503: "Service temporarily unavailable. Please retry.",
}


class FaultSpecError(ValueError):
    """A fault specification that cannot be understood."""


def parse_fault(spec: str | dict[str, Any]) -> Fault:
    """Normalise a fault spec (JSON object, JSON text or shorthand) to a dict with a `kind`."""
    parsed: object = _from_text(spec) if isinstance(spec, str) else spec
    if not isinstance(parsed, dict):
        raise FaultSpecError("a fault must be a JSON object")
    fault = dict(parsed)
    kind = fault.get("kind")
    if kind is None and "status" in fault:
        kind = "status"
    if kind == "status":
        status = fault.get("status")
        if not isinstance(status, int) or not 100 <= status <= 599:
            raise FaultSpecError(f"fault status must be an HTTP status code, got {status!r}")
    if kind not in KNOWN_KINDS:
        raise FaultSpecError(f"unknown fault kind {kind!r}")
    fault["kind"] = kind
    return fault


def _from_text(text: str) -> object:
    """JSON text, a bare status (`503`) or shorthand (`503=2`, `slow=3`, `redirect=URL`)."""
    text = text.strip()
    if text.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise FaultSpecError(f"fault is not valid JSON: {error}") from None
    if text.isdigit():
        return {"status": int(text)}
    name, _, value = text.partition("=")
    if name.isdigit():
        return {"status": int(name), "retry_after": f"{_number(value):g}"}
    spec: Fault = {"kind": name}
    if value and name in ("slow", "drip"):
        spec["seconds"] = _number(value)
    elif value and name == "huge_body":
        spec["megabytes"] = _number(value)
    elif value and name == "redirect":
        spec["location"] = value
    return spec


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise FaultSpecError(f"not a number: {text!r}") from None


def prompt_fault(prompt: str) -> Fault | None:
    """The fault a `[fault:...]` marker in a prompt asks for; None without a valid marker."""
    match = _PROMPT_MARKER.search(prompt)
    if match is None:
        return None
    name, value = match.groups()
    try:
        return parse_fault(f"{name}={value}" if value else name)
    except FaultSpecError:
        return None


def parse_fault_list(body: bytes) -> list[Fault]:
    """The faults of a `POST /_control/faults` body, `{"faults": [spec, ...]}`."""
    try:
        payload = json.loads(body or b"{}")
        specs = payload["faults"] if isinstance(payload, dict) else None
        if not isinstance(specs, list):
            raise FaultSpecError('body must be {"faults": [spec, ...]}')
        return [parse_fault(spec) for spec in specs]
    except (json.JSONDecodeError, KeyError) as error:
        raise FaultSpecError(str(error)) from None


def default_fault_message(status: int) -> str:
    """The error message of an injected status when the fault names none."""
    return _DEFAULT_MESSAGES.get(status, f"Injected fault {status}.")
