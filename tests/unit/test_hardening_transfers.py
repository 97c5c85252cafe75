"""Transfers end when they must: deadlines, cancel in every phase, retries that can be cut short.

Every server here is a hand-made misbehaving one on 127.0.0.1 (a raw socket, or tests/tiny_http.py).
No test measures time: each runs the request on a thread and joins it with a generous limit far
below what the misbehaving server would need (a drip body lasts 10 minutes), so a hang fails the
test instead of stalling the suite.
"""

from __future__ import annotations

import base64
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from PIL import Image

from desktop_app.api import errors
from desktop_app.api.client import NscaleClient
from desktop_app.api.network import RetryNotice
from desktop_app.api.types import GenerationRequest
from tests.tiny_http import TinyServer

REQUEST = GenerationRequest("a test")
DRIP_SECONDS = 600  # a drip body is this many bytes, one a second: 10 minutes
GENEROUS_S = 30.0  # far more than any fixed request here needs, far less than a drip


class RawServer:
    """A listening socket whose accepted connections are handed to `serve` on a thread each.

    Records when a client has hung up, so tests can see that a cancel really closed the socket.
    """

    def __init__(self, serve: Callable[[socket.socket], None]) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.hung_up = threading.Event()
        self._serve = serve
        self._closing = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/v1"

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        with conn:
            try:
                self._serve(conn)
            except OSError:
                pass
        self.hung_up.set()

    def close(self) -> None:
        self._closing.set()
        self.listener.close()


def read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = conn.recv(65536)
        if not piece:
            return
        data += piece
    head, _, rest = data.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n")
         if line.lower().startswith(b"content-length:")),
        0,
    )
    while len(rest) < length:
        piece = conn.recv(65536)
        if not piece:
            return
        rest += piece


def drip_body(conn: socket.socket) -> None:
    """Headers at once, then a 10-minute body, one byte a second, until the client hangs up."""
    read_request(conn)
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % DRIP_SECONDS
    )
    for _ in range(DRIP_SECONDS):
        conn.sendall(b" ")
        time.sleep(1)


def never_answer(conn: socket.socket) -> None:
    """Read the request, then say nothing until the client hangs up."""
    read_request(conn)
    while conn.recv(1024):
        pass


@pytest.fixture
def drip() -> Iterator[RawServer]:
    server = RawServer(drip_body)
    yield server
    server.close()


@pytest.fixture
def silent() -> Iterator[RawServer]:
    server = RawServer(never_answer)
    yield server
    server.close()


def outcome_of(action: Callable[[], object], limit_s: float = GENEROUS_S) -> BaseException | None:
    """Run `action` on a thread; the exception it raised (None if it returned)."""
    caught: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:
            caught.append(error)
        else:
            caught.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(limit_s)
    assert not worker.is_alive(), "the request was still running: it hung"
    return caught[0]


def cancel_soon(delay_s: float = 0.3) -> threading.Event:
    cancel = threading.Event()
    threading.Timer(delay_s, cancel.set).start()
    return cancel


# -- the deadline -----------------------------------------------------------------------------


def test_a_dripping_body_times_out_at_the_read_timeout(drip):
    # Each byte comes well within the 2 s read timeout: only a deadline for the whole reply ends it.
    with NscaleClient(drip.base_url, "tok", read_timeout=2, max_attempts=1) as api:
        error = outcome_of(lambda: api.generate(REQUEST))
    assert isinstance(error, errors.RequestTimeoutError)
    assert drip.hung_up.wait(GENEROUS_S)  # the socket was closed, not left dripping


def test_a_dripping_body_is_not_retried_after_a_post_timed_out(drip):
    with NscaleClient(drip.base_url, "tok", read_timeout=2, max_attempts=3) as api:
        error = outcome_of(lambda: api.generate(REQUEST))
    assert isinstance(error, errors.RequestTimeoutError)


def test_a_silent_server_times_out_at_the_read_timeout(silent):
    with NscaleClient(silent.base_url, "tok", read_timeout=1, max_attempts=1) as api:
        error = outcome_of(lambda: api.generate(REQUEST))
    assert isinstance(error, errors.RequestTimeoutError)


# -- cancel in every phase --------------------------------------------------------------------


def test_cancel_while_waiting_for_headers_ends_the_request_and_hangs_up(silent):
    with NscaleClient(silent.base_url, "tok", read_timeout=DRIP_SECONDS) as api:
        error = outcome_of(lambda: api.generate(REQUEST, cancel=cancel_soon()))
    assert isinstance(error, errors.CancelledError)
    assert silent.hung_up.wait(GENEROUS_S)


def test_cancel_during_a_dripping_body_ends_the_request_and_hangs_up(drip):
    with NscaleClient(drip.base_url, "tok", read_timeout=DRIP_SECONDS) as api:
        error = outcome_of(lambda: api.generate(REQUEST, cancel=cancel_soon(1.5)))
    assert isinstance(error, errors.CancelledError)
    assert drip.hung_up.wait(GENEROUS_S)


@pytest.fixture
def full_backlog() -> Iterator[str]:
    """A listening socket that never accepts, its backlog filled: new connects hang in SYN."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    probe = socket.socket()
    probe.settimeout(0.5)
    try:
        probe.connect(("127.0.0.1", port))
    except TimeoutError:
        pass  # what the test needs: a connect that does not complete
    else:
        pytest.fail("the backlog did not fill: connects still complete on this system")
    finally:
        probe.close()
    yield f"http://127.0.0.1:{port}/v1"
    for filler in fillers:
        filler.close()
    listener.close()


def test_cancel_while_connecting_ends_the_request(full_backlog):
    with NscaleClient(full_backlog, "tok", connect_timeout=DRIP_SECONDS) as api:
        error = outcome_of(lambda: api.generate(REQUEST, cancel=cancel_soon()))
    assert isinstance(error, errors.CancelledError)


def busy_then(handler_after: Callable[[BaseHTTPRequestHandler], None] | None, busy: int = 1):
    """A handler that answers 503 with Retry-After: 600 `busy` times, then calls `handler_after`."""
    calls = {"n": 0}

    def handler(request: BaseHTTPRequestHandler) -> None:
        calls["n"] += 1
        if calls["n"] <= busy or handler_after is None:
            body = b'{"error": {"message": "busy"}}'
            request.send_response(503)
            request.send_header("Retry-After", str(DRIP_SECONDS))
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
            return
        handler_after(request)

    return handler


def png_b64() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def send_images(request: BaseHTTPRequestHandler) -> None:
    body = json.dumps({"created": 1, "data": [{"b64_json": png_b64()}]}).encode()
    request.send_response(200)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


@pytest.fixture
def tiny() -> Iterator[TinyServer]:
    server = TinyServer()
    yield server
    server.close()


def test_cancel_during_the_backoff_ends_the_request(tiny):
    tiny.routes["/v1/images/generations"] = busy_then(None)
    with NscaleClient(f"{tiny.root}/v1", "tok", max_retry_after=DRIP_SECONDS) as api:
        error = outcome_of(lambda: api.generate(REQUEST, cancel=cancel_soon(0.5)))
    assert isinstance(error, errors.CancelledError)
    assert len(tiny.seen) == 1


# -- retries are announced and can be cut short -------------------------------------------------


def test_each_retry_is_announced_with_attempt_wait_and_reason(tiny):
    tiny.routes["/v1/images/generations"] = busy_then(None)
    notices: list[RetryNotice] = []

    def on_retry(notice: RetryNotice) -> None:
        notices.append(notice)
        notice.retry_now()

    with NscaleClient(f"{tiny.root}/v1", "tok", max_retry_after=DRIP_SECONDS) as api:
        error = outcome_of(lambda: api.generate(REQUEST, on_retry=on_retry))
    assert isinstance(error, errors.UnavailableError)
    assert [(n.attempt, n.attempts) for n in notices] == [(2, 3), (3, 3)]
    assert all(n.wait_s == DRIP_SECONDS and n.reason == "Server busy (503)" for n in notices)
    assert len(tiny.seen) == 3


def test_retry_now_skips_the_wait_and_the_retry_succeeds(tiny):
    tiny.routes["/v1/images/generations"] = busy_then(send_images)
    with NscaleClient(f"{tiny.root}/v1", "tok", max_retry_after=DRIP_SECONDS) as api:
        results: list[object] = []
        error = outcome_of(
            lambda: results.append(
                api.generate(REQUEST, on_retry=lambda notice: notice.retry_now())
            )
        )
    assert error is None
    assert len(results) == 1 and len(tiny.seen) == 2


def test_a_failing_retry_listener_does_not_end_the_request(tiny):
    tiny.routes["/v1/images/generations"] = busy_then(send_images)

    def broken(notice: RetryNotice) -> None:
        notice.retry_now()
        raise RuntimeError("listener bug")

    with NscaleClient(f"{tiny.root}/v1", "tok", max_retry_after=DRIP_SECONDS) as api:
        assert outcome_of(lambda: api.generate(REQUEST, on_retry=broken)) is None


# -- the CLI ----------------------------------------------------------------------------------


def test_cli_generate_against_a_dripping_server_exits_with_the_timeout_code(drip):
    env = {**os.environ, "NSCALE_BASE_URL": drip.base_url, "NSCALE_SERVICE_TOKEN": "tok"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "generate", "--timeout", "2", "a cat"],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert result.returncode == 7, result.stderr
    assert "2 s" in result.stderr
