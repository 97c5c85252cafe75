"""Attacks on transfers that broke: a POST is never sent twice once a server has read it, and a
reply as large as the requested images can honestly be is read whole, not abandoned at 128 MB.

The servers are raw sockets on 127.0.0.1 that read the whole request and then hang up without a
status line (what a proxy or a crashing server does after it may have started the paid work).
"""

from __future__ import annotations

import base64
import io
import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from PIL import Image

from desktop_app.api import errors, replies
from desktop_app.api.client import NscaleClient, reply_bytes_bound
from desktop_app.api.types import GenerationRequest, ImageSize
from tests.tiny_http import TinyServer

REQUEST = GenerationRequest("a test")


class HangUpServer:
    """Reads each request (headers and body), sends `answer` (nothing by default) and closes."""

    def __init__(self, answer: bytes = b"") -> None:
        self.answer = answer
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.requests: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/v1"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                self.requests.append(data.split(b"\r\n", 1)[0])
                if self.answer:
                    conn.sendall(self.answer)

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def hang_up_server() -> Iterator[HangUpServer]:
    server = HangUpServer()
    yield server
    server.close()


def test_a_post_the_server_read_and_hung_up_on_is_not_sent_again(hang_up_server):
    client = NscaleClient(hang_up_server.base_url, "dev-token", backoff_base=0.0)
    with pytest.raises(errors.NetworkError) as caught:
        client.generate(REQUEST)
    posts = [line for line in hang_up_server.requests if line.startswith(b"POST")]
    assert len(posts) == 1
    assert "not sent again" in caught.value.message


def test_a_post_answered_with_garbage_is_not_sent_again_and_says_so():
    server = HangUpServer(answer=b"this is not HTTP\r\n\r\n")
    try:
        client = NscaleClient(server.base_url, "dev-token", backoff_base=0.0)
        with pytest.raises(errors.NetworkError) as caught:
            client.generate(REQUEST)
    finally:
        server.close()
    assert [line[:4] for line in server.requests] == [b"POST"]
    assert "not valid HTTP" in caught.value.message


def test_a_get_the_server_hung_up_on_is_still_retried(hang_up_server):
    client = NscaleClient(hang_up_server.base_url, "dev-token", backoff_base=0.0)
    with pytest.raises(errors.NetworkError):
        client.list_model_info()
    assert len(hang_up_server.requests) == 3


def test_a_refused_connection_is_still_retried_for_a_post():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now: every connect is refused
    client = NscaleClient(f"http://127.0.0.1:{port}/v1", "dev-token", backoff_base=0.0)
    notices = []
    with pytest.raises(errors.NetworkError) as caught:
        client.generate(REQUEST, on_retry=notices.append)
    assert len(notices) == 2
    assert "refused" in caught.value.message


def noisy_png(side: int) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((side, side), 90).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_reply_as_large_as_the_requested_images_can_be_is_kept():
    # Ten 4096x4096 images of a detailed scene are ~400 MB of base64: paid for, and once
    # abandoned at the fixed 128 MB cap. Scaled down: a client cap far below the reply.
    images = [noisy_png(256), noisy_png(256)]
    body = json.dumps(
        {"data": [{"b64_json": base64.b64encode(image).decode()} for image in images]}
    ).encode()
    server = TinyServer()
    server.routes["/v1/images/generations"] = send_json_bytes(body)
    try:
        client = NscaleClient(server.root + "/v1", "dev-token", max_body_bytes=len(body) // 4)
        result = client.generate(GenerationRequest("a fox", size=ImageSize(256, 256), n=2))
    finally:
        server.close()
    assert len(result.images) == 2


def test_a_reply_larger_than_the_requested_images_can_be_is_still_abandoned():
    request = GenerationRequest("a fox", size=ImageSize(64, 64), n=1)
    body = b'{"data": [' + b" " * (2 * reply_bytes_bound(request)) + b"]}"
    server = TinyServer()
    server.routes["/v1/images/generations"] = send_json_bytes(body)
    try:
        client = NscaleClient(server.root + "/v1", "dev-token", max_body_bytes=1024)
        with pytest.raises(errors.InvalidResponseError, match="larger than"):
            client.generate(request)
    finally:
        server.close()


def send_json_bytes(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handler


def test_only_the_requested_entries_of_a_huge_data_list_are_read(monkeypatch):
    # 5 million empty entries for n=1 took 51 s and 3.3 GB: each became an item with its error.
    made: list[object] = []
    real_item = replies.ReplyItem

    def counting_item(*args: object, **kwargs: object) -> object:
        made.append(None)
        return real_item(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(replies, "ReplyItem", counting_item)
    image = base64.b64encode(noisy_png(8)).decode()
    body = (f'{{"data": [{{"b64_json": "{image}"}}' + ", {}" * 200_000 + "]}").encode()
    server = TinyServer()
    server.routes["/v1/images/generations"] = send_json_bytes(body)
    try:
        client = NscaleClient(server.root + "/v1", "dev-token")
        result = client.generate(GenerationRequest("a fox", size=ImageSize(64, 64), n=1))
    finally:
        server.close()
    assert len(result.images) == 1
    assert result.items_returned == 200_001
    assert len(made) == 1
