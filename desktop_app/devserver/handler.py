"""The local server's HTTP handler: routing, the two /v1 endpoints, control endpoints, faults.

Owns what goes over the wire: one small method per route (`POST /v1/images/generations`,
`GET /v1/models`, `GET /files/<id>.png`, `/_control/*`), the token check, and applying a fault to
the connection (a status, a truncated or dropped reply, a slow or dripping one, a huge body, a
redirect). Headers (the token) and bodies never reach the log: only method, path and status. The
shared state lives in `state.py`, fault parsing in `faults.py`, validation and error bodies in
`protocol.py`.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import select
import socket
import sys
import time
import uuid
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from desktop_app.devserver.faults import (
    DRIP_BYTES,
    Fault,
    FaultSpecError,
    default_fault_message,
    parse_fault_list,
    prompt_fault,
)
from desktop_app.devserver.images import render_png
from desktop_app.devserver.protocol import (
    MAX_REQUEST_BYTES,
    GenerationAsk,
    Hangup,
    Reply,
    error_body,
    validate_generation,
)
from desktop_app.devserver.state import Endpoint, ServerState


def handler_for(state: ServerState) -> type[Handler]:
    """A handler class bound to one server's state (http.server makes one instance a request)."""
    return type("Handler", (Handler,), {"state": state})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive; every reply carries a Content-Length
    # TCP_NODELAY: headers and body go out in separate writes, and with Nagle on the body then
    # waits for the client's delayed ACK (~40 ms on Linux) on every keep-alive reply.
    disable_nagle_algorithm = True
    server_version = "NscaleDevServer/1"
    state: ServerState  # set on the subclass made per server (`handler_for`)

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
            raise Reply(411, "Send the request body with a Content-Length.")
        length_text = self.headers.get("Content-Length", "0") or "0"
        try:
            length = int(length_text)
        except ValueError:
            self.close_connection = True
            raise Reply(400, "Content-Length is not a number.") from None
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True  # the unread body would poison the connection
            raise Reply(413, "Request body is too large.")
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
        body, content_type = error_body(status, message, style=style, param=param)
        self._send(status, body, content_type, extra)

    def _own_root(self) -> str:
        host = self.headers.get("Host")
        if not host:
            address = self.server.server_address
            assert isinstance(address, tuple)  # an AF_INET(6) server
            host = f"{address[0]}:{address[1]}"
        return f"http://{host}"

    # ----- routing -----

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def _routes(self) -> dict[tuple[str, str], Callable[[bytes], None]]:
        return {
            ("POST", "/v1/images/generations"): self._generations,
            ("GET", "/v1/models"): self._models,
            ("POST", "/_control/faults"): self._control_faults,
            ("POST", "/_control/reset"): self._control_reset,
            ("GET", "/_control/stats"): self._control_stats,
        }

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path.rstrip("/") or "/"
        try:
            body = self._read_body()
            route = self._routes().get((self.command, path))
            if route is not None:
                route(body)
            elif self.command == "GET" and path.startswith("/files/"):
                self._file(path.removeprefix("/files/"))
            else:
                raise Reply(404, f"No route for {self.command} {path}.")
        except Reply as reply:
            self._send_error_body(reply.status, reply.message, param=reply.param)
        except (Hangup, BrokenPipeError, ConnectionResetError):
            # The client went away (or we are stopping): nothing left to tell it.
            self.close_connection = True
            sys.stderr.write(f"devserver: {self.command} {self.path} client gone\n")

    # ----- control endpoints and files (no token) -----

    def _control_faults(self, body: bytes) -> None:
        try:
            faults = parse_fault_list(body)
        except FaultSpecError as error:
            raise Reply(400, f"Invalid fault list: {error}") from None
        self._send_json(200, {"queued": self.state.queue_faults(faults)})

    def _control_reset(self, body: bytes) -> None:
        self.state.reset()
        self._send_json(200, {"ok": True})

    def _control_stats(self, body: bytes) -> None:
        self._send_json(200, self.state.stats())

    def _file(self, name: str) -> None:
        data = self.state.file(name.removesuffix(".png"))
        if data is None:
            raise Reply(404, "No such file.")
        self._send(200, data, "image/png")

    # ----- the API -----

    def _begin_api_request(self, endpoint: Endpoint, body_json: Any = None) -> Fault | None:
        """Count the request, remember what was sent and take the next queued fault, if any."""
        headers = {name.lower(): value for name, value in self.headers.items()}
        fault = self.state.begin_request(endpoint, headers, body_json)
        if self.state.latency > 0 and not self._wait(self.state.latency):
            raise Hangup
        return fault

    def _check_token(self) -> None:
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        expected = self.state.token.encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
            raise Reply(401, "Invalid or missing service token.")

    def _models(self, body: bytes) -> None:
        if self._apply_fault(self._begin_api_request("models")):
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
            raise Reply(400, "The request body must be a JSON object.")
        ask = validate_generation(payload, self.state.models)
        if fault is None:
            fault = prompt_fault(ask.prompt)
            if self._apply_fault(fault):
                return
        reply_fault = fault["kind"] if fault is not None else None
        items = self._generated_items(ask, reply_fault)
        self._send_json(200, {"created": int(time.time()), "data": items})

    def _generated_items(self, ask: GenerationAsk, reply_fault: str | None) -> list[dict[str, str]]:
        """The `data` items of a successful reply, spoilt as a reply fault asks."""
        url = ask.response_format == "url" or reply_fault == "url_images"
        items: list[dict[str, str]] = []
        for index in range(ask.count):
            png = render_png(ask.prompt, ask.width, ask.height, index)
            if url:
                file_id = self.state.keep_file(png)
                items.append({"url": f"{self._own_root()}/files/{file_id}.png"})
                continue
            encoded = base64.b64encode(png).decode("ascii")
            if reply_fault == "bad_base64" or (reply_fault == "partial_bad" and index == 1):
                encoded = "!!not*base64@@" + encoded[:32]
            elif reply_fault == "not_an_image":
                encoded = base64.b64encode(b"this is not an image, just text\n" * 4).decode()
            items.append({"b64_json": encoded})
        return items

    # ----- faults -----

    def _apply_fault(self, fault: Fault | None) -> bool:
        """Act on a fault before normal processing; True if the reply has been sent."""
        if fault is None:
            return False
        apply = {
            "status": self._fault_status,
            "malformed_json": self._fault_malformed_json,
            "drop": self._fault_drop,
            "slow": self._fault_slow,
            "drip": self._fault_drip,
            "huge_body": self._fault_huge_body,
            "redirect": self._fault_redirect,
        }.get(fault["kind"])
        # Reply faults (url_images, bad_base64, ...) are applied while building a good reply.
        return apply(fault) if apply is not None else False

    def _fault_status(self, fault: Fault) -> bool:
        status = int(fault["status"])
        extra = {}
        if fault.get("retry_after") is not None:
            extra["Retry-After"] = str(fault["retry_after"])
        message = str(fault.get("message") or default_fault_message(status))
        self._send_error_body(status, message, style=str(fault.get("body_style", "openai")),
                              extra=extra)
        return True

    def _fault_malformed_json(self, fault: Fault) -> bool:
        self._send(200, b'{"created": 1700000000, "data": [{"b64_json": "iVBORw0KGgo',
                   "application/json")
        return True

    def _fault_slow(self, fault: Fault) -> bool:
        if not self._wait(float(fault.get("seconds", 2))):
            raise Hangup
        return False  # then reply as usual

    def _fault_redirect(self, fault: Fault) -> bool:
        location = str(fault.get("location") or f"{self._own_root()}/v1/models")
        status = int(fault.get("status", 307))
        self._send(status, b"", "application/json", {"Location": location})
        return True

    def _fault_drop(self, fault: Fault) -> bool:
        """Headers and half the promised body, then close the connection."""
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
        return True

    def _fault_drip(self, fault: Fault) -> bool:
        """200 headers at once, then a body of DRIP_BYTES spaces, one every `seconds`."""
        seconds_per_byte = float(fault.get("seconds", 1))
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
                raise Hangup
        return True

    def _fault_huge_body(self, fault: Fault) -> bool:
        total = int(float(fault.get("megabytes", 5)) * 1024 * 1024)
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
        return True

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
