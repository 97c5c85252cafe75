"""A tiny real HTTP server on 127.0.0.1 for tests that need replies the local server can't give.

Routes map a path to a handler function; every request's headers are recorded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


class TinyServer:
    """Serves one handler function per path and records the headers of every request."""

    def __init__(self, host_name: str = "127.0.0.1", fallback: Handler | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.fallback = fallback  # answers paths with no route of their own
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.host_name = host_name
        tiny = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.body = self.rfile.read(length) if length else b""  # for handlers to read
                tiny.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                handler = tiny.routes.get(self.path, tiny.fallback)
                if handler is None:
                    raise KeyError(self.path)
                handler(self)

            do_GET = do_POST = handle_any

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    @property
    def root(self) -> str:
        return f"http://{self.host_name}:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def send_json(payload: object) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        body = json.dumps(payload).encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler
