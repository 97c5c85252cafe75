"""A local Nscale-compatible image server for tests, demos and benchmarks.

Owns the imitation of Nscale's serverless image API (`POST /v1/images/generations`,
`GET /v1/models`) on a loopback port, plus the fault injection that lets tests and demos make it
misbehave on purpose (error statuses in several body styles, malformed or truncated replies, slow
or huge replies, redirects, bad images). It is a stand-in, not a product: it must never talk to
the network beyond its own socket, never log the Authorization header, and never import the app's
client, so the client can be tested against it honestly. `docs/devserver.md` documents the
contract; `python -m desktop_app.devserver --help` summarises it.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hmac
import json
import re
import select
import signal
import socket
import sys
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from desktop_app.devserver_images import render_png

DEFAULT_TOKEN = "dev-token"  # a fake token for local use; never a real one
DEFAULT_SIZE = "512x512"
MIN_SIDE, MAX_SIDE = 64, 4096
MAX_N = 10
MAX_REQUEST_BYTES = 1024 * 1024
KEPT_FILES = 64  # images kept for `response_format: url`; older ones 404

# Prices are US dollars per megapixel of output, as quoted by third parties (see nscale-api.md).
DEFAULT_MODELS: dict[str, float] = {
    "black-forest-labs/FLUX.1-schnell": 0.0013,
    "stabilityai/stable-diffusion-xl-base-1.0": 0.003,
}

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

# Faults that change a successful generation reply rather than replacing it.
_REPLY_FAULTS = frozenset({"url_images", "bad_base64", "not_an_image", "partial_bad"})
_KNOWN_KINDS = frozenset(
    {"status", "malformed_json", "drop", "slow", "drip", "huge_body", "redirect"}
)
DRIP_BYTES = 3600  # a drip body: an hour at one byte a second
_KNOWN_KINDS |= _REPLY_FAULTS

_PROMPT_MARKER = re.compile(r"\[fault:([a-z_]+|\d{3})(?:=([0-9.]+))?\]")
_SIZE_PATTERN = re.compile(r"^\s*(\d{1,5})\s*[xX]\s*(\d{1,5})\s*$")

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


class FaultSpecError(ValueError):
    """A fault specification that cannot be understood."""


def parse_fault(spec: str | dict[str, Any]) -> dict[str, Any]:
    """Normalise a fault spec (JSON object, JSON text or shorthand) to a dict with a `kind`."""
    if isinstance(spec, str):
        text = spec.strip()
        if text.startswith("{"):
            try:
                spec = json.loads(text)
            except json.JSONDecodeError as error:
                raise FaultSpecError(f"fault is not valid JSON: {error}") from None
        elif text.isdigit():
            spec = {"status": int(text)}
        else:
            name, _, value = text.partition("=")
            spec = {"kind": name}
            if name.isdigit():
                spec = {"status": int(name), "retry_after": f"{_number(value):g}"}
            elif value and name in ("slow", "drip"):
                spec["seconds"] = _number(value)
            elif value and name == "huge_body":
                spec["megabytes"] = _number(value)
            elif value and name == "redirect":
                spec["location"] = value
    if not isinstance(spec, dict):
        raise FaultSpecError("a fault must be a JSON object")
    fault = dict(spec)
    kind = fault.get("kind")
    if kind is None and "status" in fault:
        kind = "status"
    if kind == "status":
        status = fault.get("status")
        if not isinstance(status, int) or not 100 <= status <= 599:
            raise FaultSpecError(f"fault status must be an HTTP status code, got {status!r}")
    if kind not in _KNOWN_KINDS:
        raise FaultSpecError(f"unknown fault kind {kind!r}")
    fault["kind"] = kind
    return fault


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise FaultSpecError(f"not a number: {text!r}") from None


def _prompt_fault(prompt: str) -> dict[str, Any] | None:
    match = _PROMPT_MARKER.search(prompt)
    if match is None:
        return None
    name, value = match.groups()
    try:
        return parse_fault(f"{name}={value}" if value else name)
    except FaultSpecError:
        return None


@dataclass
class _State:
    """Everything the handler threads share, behind one lock."""

    token: str
    models: dict[str, float]
    latency: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    faults: deque[dict[str, Any]] = field(default_factory=deque)
    generations: int = 0
    models_requests: int = 0
    last_headers: dict[str, str] = field(default_factory=dict)
    last_json: Any = None
    files: OrderedDict[str, bytes] = field(default_factory=OrderedDict)
    stopping: threading.Event = field(default_factory=threading.Event)

    def reset(self) -> None:
        with self.lock:
            self.faults.clear()
            self.generations = 0
            self.models_requests = 0
            self.last_headers = {}
            self.last_json = None

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {
                "generations": self.generations,
                "models": self.models_requests,
                "last_headers": dict(self.last_headers),
                "last_json": self.last_json,
                "queued_faults": len(self.faults),
            }

    def keep_file(self, data: bytes) -> str:
        file_id = uuid.uuid4().hex
        with self.lock:
            self.files[file_id] = data
            while len(self.files) > KEPT_FILES:
                self.files.popitem(last=False)
        return file_id


class _Reply(Exception):
    """Raised inside a handler to send an error reply and stop processing the request."""

    def __init__(self, status: int, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param


class _Hangup(Exception):
    """The client went away or the server is stopping: send nothing more on this connection."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every reply carries a Content-Length
    # TCP_NODELAY: headers and body go out in separate writes, and with Nagle on the body then
    # waits for the client's delayed ACK (~40 ms on Linux) on every keep-alive reply.
    disable_nagle_algorithm = True
    server_version = "NscaleDevServer/1"
    state: _State  # set on the subclass made per server

    # ----- plumbing -----

    def send_response(self, code: int, message: str | None = None) -> None:
        super().send_response(code, message)
        self.send_header("x-request-id", uuid.uuid4().hex)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # Only method, path and status: headers (the token) and bodies never reach the log.
        status = code.value if isinstance(code, HTTPStatus) else code
        sys.stderr.write(f"devserver: {self.command} {self.path} {status}\n")

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write("devserver: " + (format % args) + "\n")

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True  # we do not decode chunked bodies; do not misread them
            raise _Reply(411, "Send the request body with a Content-Length.")
        length_text = self.headers.get("Content-Length", "0") or "0"
        try:
            length = int(length_text)
        except ValueError:
            self.close_connection = True
            raise _Reply(400, "Content-Length is not a number.") from None
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True  # the unread body would poison the connection
            raise _Reply(413, "Request body is too large.")
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status: int, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_json(self, status: int, payload: object, extra: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json", extra)

    def _send_error_body(self, status: int, message: str, *, style: str = "openai",
                         param: str | None = None, extra: dict[str, str] | None = None) -> None:
        if style == "fastapi":
            self._send_json(status, {"detail": message}, extra)
        elif style == "text":
            self._send(status, message.encode(), "text/plain; charset=utf-8", extra)
        elif style == "html":
            page = (f"<html><head><title>{status}</title></head><body><h1>{status}</h1>"
                    f"<p>{message}</p><hr><center>nginx</center></body></html>")
            self._send(status, page.encode(), "text/html; charset=utf-8", extra)
        elif style == "empty":
            self._send(status, b"", "application/json", extra)
        else:
            error_type, code = _ERROR_NAMES.get(
                status, ("server_error" if status >= 500 else "invalid_request_error", "error"))
            error = {"message": message, "type": error_type, "param": param, "code": code}
            self._send_json(status, {"error": error}, extra)

    # ----- routing -----

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        try:
            body = self._read_body()
            route = (self.command, path)
            if route == ("POST", "/v1/images/generations"):
                self._generations(body)
            elif route == ("GET", "/v1/models"):
                self._models()
            elif self.command == "GET" and path.startswith("/files/"):
                self._file(path.removeprefix("/files/"))
            elif route == ("POST", "/_control/faults"):
                self._control_faults(body)
            elif route == ("POST", "/_control/reset"):
                self.state.reset()
                self._send_json(200, {"ok": True})
            elif route == ("GET", "/_control/stats"):
                self._send_json(200, self.state.stats())
            else:
                raise _Reply(404, f"No route for {self.command} {path}.")
        except _Reply as reply:
            self._send_error_body(reply.status, reply.message, param=reply.param)
        except (_Hangup, BrokenPipeError, ConnectionResetError):
            # The client went away (or we are stopping): nothing left to tell it.
            self.close_connection = True
            sys.stderr.write(f"devserver: {self.command} {self.path} client gone\n")

    # ----- control endpoints (no token) -----

    def _control_faults(self, body: bytes) -> None:
        try:
            payload = json.loads(body or b"{}")
            specs = payload["faults"] if isinstance(payload, dict) else None
            if not isinstance(specs, list):
                raise FaultSpecError('body must be {"faults": [spec, ...]}')
            faults = [parse_fault(spec) for spec in specs]
        except (json.JSONDecodeError, KeyError, FaultSpecError) as error:
            raise _Reply(400, f"Invalid fault list: {error}") from None
        with self.state.lock:
            self.state.faults.extend(faults)
            queued = len(self.state.faults)
        self._send_json(200, {"queued": queued})

    def _file(self, name: str) -> None:
        with self.state.lock:
            data = self.state.files.get(name.removesuffix(".png"))
        if data is None:
            raise _Reply(404, "No such file.")
        self._send(200, data, "image/png")

    # ----- the API -----

    def _begin_api_request(self, counter: str, body_json: Any) -> dict[str, Any] | None:
        """Count the request, remember what was sent and take the next queued fault, if any."""
        state = self.state
        with state.lock:
            setattr(state, counter, getattr(state, counter) + 1)
            state.last_headers = {name.lower(): value for name, value in self.headers.items()}
            if counter == "generations":
                state.last_json = body_json
            fault = state.faults.popleft() if state.faults else None
        if state.latency > 0 and not self._wait(state.latency):
            raise _Hangup
        return fault

    def _check_token(self) -> None:
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        expected = self.state.token.encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
            raise _Reply(401, "Invalid or missing service token.")

    def _models(self) -> None:
        fault = self._begin_api_request("models_requests", None)
        if self._apply_fault(fault):
            return
        self._check_token()
        data = [
            {"id": model_id, "object": "model", "owned_by": model_id.split("/")[0],
             "type": "image", "pricing": {"input": 0, "output": price}}
            for model_id, price in self.state.models.items()
        ]
        self._send_json(200, {"object": "list", "data": data})

    def _generations(self, body: bytes) -> None:
        try:
            payload: Any = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            payload = None
            body_is_json = False
        else:
            body_is_json = True
        fault = self._begin_api_request("generations", payload)
        if self._apply_fault(fault):
            return
        self._check_token()
        if not body_is_json or not isinstance(payload, dict):
            raise _Reply(400, "The request body must be a JSON object.")
        model, prompt, width, height, count, response_format = self._validate(payload)
        if fault is None:
            fault = _prompt_fault(prompt)
            if self._apply_fault(fault):
                return
        reply_fault = fault["kind"] if fault is not None else None
        if reply_fault == "url_images":
            response_format = "url"

        images = [render_png(prompt, width, height, index) for index in range(count)]
        items: list[dict[str, str]] = []
        for index, png in enumerate(images):
            if response_format == "url":
                file_id = self.state.keep_file(png)
                items.append({"url": f"{self._own_root()}/files/{file_id}.png"})
                continue
            encoded = base64.b64encode(png).decode("ascii")
            if reply_fault == "bad_base64" or (reply_fault == "partial_bad" and index == 1):
                encoded = "!!not*base64@@" + encoded[:32]
            elif reply_fault == "not_an_image":
                encoded = base64.b64encode(b"this is not an image, just text\n" * 4).decode()
            items.append({"b64_json": encoded})
        del model  # validated; the picture does not depend on it
        self._send_json(200, {"created": int(time.time()), "data": items})

    def _validate(self, payload: dict[str, Any]) -> tuple[str, str, int, int, int, str]:
        model = payload.get("model")
        if not isinstance(model, str) or not model:
            raise _Reply(400, "`model` is required and must be a string.", "model")
        if model not in self.state.models:
            raise _Reply(404, f"The model `{model}` does not exist or is not available.", "model")
        prompt = payload.get("prompt")
        if not isinstance(prompt, str) or not prompt.strip():
            raise _Reply(400, "`prompt` must be a non-empty string.", "prompt")
        size = payload.get("size", DEFAULT_SIZE)
        match = _SIZE_PATTERN.match(size) if isinstance(size, str) else None
        if match is None:
            raise _Reply(400, f"`size` must look like 512x512, got {size!r}.", "size")
        width, height = int(match.group(1)), int(match.group(2))
        if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
            raise _Reply(400, f"`size` sides must be between {MIN_SIDE} and {MAX_SIDE}.", "size")
        count = payload.get("n", 1)
        if count is None:
            count = 1
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_N:
            raise _Reply(400, f"`n` must be an integer from 1 to {MAX_N}.", "n")
        response_format = payload.get("response_format") or "b64_json"
        if response_format not in ("b64_json", "url"):
            raise _Reply(400, "`response_format` must be b64_json or url.", "response_format")
        return model, prompt, width, height, count, response_format

    def _own_root(self) -> str:
        host = self.headers.get("Host")
        if not host:
            address, port = self.server.server_address[:2]
            host = f"{address}:{port}"
        return f"http://{host}"

    # ----- faults -----

    def _apply_fault(self, fault: dict[str, Any] | None) -> bool:
        """Act on a fault before normal processing; True if the reply has been sent."""
        if fault is None:
            return False
        kind = fault["kind"]
        if kind == "status":
            status = int(fault["status"])
            extra = {}
            if fault.get("retry_after") is not None:
                extra["Retry-After"] = str(fault["retry_after"])
            message = str(fault.get("message") or _default_fault_message(status))
            self._send_error_body(status, message, style=str(fault.get("body_style", "openai")),
                                  extra=extra)
            return True
        if kind == "malformed_json":
            self._send(200, b'{"created": 1700000000, "data": [{"b64_json": "iVBORw0KGgo',
                       "application/json")
            return True
        if kind == "drop":
            self._drop()
            return True
        if kind == "slow":
            if not self._wait(float(fault.get("seconds", 2))):
                raise _Hangup
            return False
        if kind == "drip":
            self._drip(float(fault.get("seconds", 1)))
            return True
        if kind == "huge_body":
            self._huge_body(float(fault.get("megabytes", 5)))
            return True
        if kind == "redirect":
            location = str(fault.get("location") or f"{self._own_root()}/v1/models")
            status = int(fault.get("status", 307))
            self._send(status, b"", "application/json", {"Location": location})
            return True
        return False  # a reply fault: applied while building a successful reply

    def _wait(self, seconds: float) -> bool:
        """Wait without blocking other requests; False if the client hung up or we are stopping."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            if self.state.stopping.is_set():
                return False
            readable, _, _ = select.select([self.connection], [], [], min(remaining, 0.1))
            if readable:
                try:
                    peeked = self.connection.recv(1, socket.MSG_PEEK)
                except OSError:
                    return False
                if not peeked:
                    return False  # orderly close from the client
                # A pipelined next request is waiting: keep sleeping without spinning.
                self.state.stopping.wait(min(remaining, 0.1))
        return True

    def _drop(self) -> None:
        body = json.dumps({"created": int(time.time()), "data": [{"b64_json": "A" * 4096}]})
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _drip(self, seconds_per_byte: float) -> None:
        """200 headers at once, then a body of DRIP_BYTES spaces, one every `seconds_per_byte`."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(DRIP_BYTES))
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        for _ in range(DRIP_BYTES):
            self.wfile.write(b" ")  # BrokenPipe when the client gives up: handled by caller
            self.wfile.flush()
            if not self._wait(seconds_per_byte):
                raise _Hangup

    def _huge_body(self, megabytes: float) -> None:
        total = int(megabytes * 1024 * 1024)
        chunk = (b'{"junk": "' + b"x" * 65_000 + b'"}\n')[:65_536]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(total))
        self.end_headers()
        self.close_connection = True
        sent = 0
        while sent < total:
            piece = chunk[: total - sent]
            self.wfile.write(piece)  # BrokenPipe when the client gives up: handled by caller
            sent += len(piece)


def _default_fault_message(status: int) -> str:
    messages = {
        401: "Invalid service token.",
        403: "Your token is not allowed to perform inference:create on this project.",
        404: "Model not found or unavailable.",
        409: "Conflict.",
        429: "Insufficient credit. Please top up your account.",
        500: "Internal server error.",
        502: "Bad gateway.",
        503: "Service temporarily unavailable. Please retry.",
    }
    return messages.get(status, f"Injected fault {status}.")


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a slow or kept-alive connection never holds up exit
    allow_reuse_address = True


class DevServer:
    """The local server as a Python object: `start()` serves on a background thread."""

    def __init__(self, token: str = DEFAULT_TOKEN, host: str = "127.0.0.1", port: int = 0,
                 *, latency: float = 0.0, models: dict[str, float] | None = None,
                 faults: Sequence[str | dict[str, Any]] = ()) -> None:
        self._state = _State(token=token, models=dict(models or DEFAULT_MODELS), latency=latency)
        handler = type("Handler", (_Handler,), {"state": self._state})
        self._server = _Server((host, port), handler)
        self._thread: threading.Thread | None = None
        self.token = token
        self.add_faults(*faults)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        host = str(host)
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/v1"

    @property
    def root_url(self) -> str:
        return self.base_url.removesuffix("/v1")

    def start(self) -> DevServer:
        self._thread = threading.Thread(target=self._server.serve_forever, name="devserver",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._state.stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def add_faults(self, *specs: str | dict[str, Any]) -> None:
        """Queue faults; each later /v1 request consumes the next one."""
        faults = [parse_fault(spec) for spec in specs]
        with self._state.lock:
            self._state.faults.extend(faults)

    def reset(self) -> None:
        """Clear queued faults and counters."""
        self._state.reset()

    def stats(self) -> dict[str, Any]:
        return self._state.stats()


def _parse_models(values: Sequence[str]) -> dict[str, float]:
    models: dict[str, float] = {}
    for value in values:
        for item in value.split(","):
            model_id, _, price = item.strip().partition("=")
            if model_id:
                models[model_id] = float(price) if price else 0.002
    return models


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_app.devserver",
        description=("A local Nscale-compatible image server for tests and demos. Prints its base "
                     "URL as the first line of stdout, then serves until SIGINT/SIGTERM."),
        epilog=FAULT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, loopback only)")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0 = any free port)")
    parser.add_argument("--token", default=DEFAULT_TOKEN,
                        help=f"the bearer token the server accepts (default: {DEFAULT_TOKEN})")
    parser.add_argument("--latency", type=float, default=0.0, metavar="S",
                        help="extra seconds before every /v1 reply (default: 0)")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC",
                        help="queue a fault at start (JSON or shorthand such as 503); repeatable")
    parser.add_argument("--models", action="append", default=[], metavar="ID[=PRICE]",
                        help="replace the model list (comma-separated; price per megapixel)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        models = _parse_models(args.models) if args.models else None
        server = DevServer(token=args.token, host=args.host, port=args.port,
                           latency=args.latency, models=models, faults=args.fault)
    except (FaultSpecError, ValueError) as error:
        parser.error(str(error))
    except OSError as error:
        print(f"devserver: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1

    finished = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        finished.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    # The base URL must be the first line: test fixtures and scripts read exactly that.
    print(server.base_url, flush=True)
    print(f"token: {args.token}", flush=True)
    finished.wait()
    server.stop()
    print("devserver: stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
