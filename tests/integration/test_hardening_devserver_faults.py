"""The local server's faults for transfer tests: `drip` and a status with a Retry-After."""

from __future__ import annotations

import json
import socket
import urllib.request

from desktop_app.devserver import DRIP_BYTES, parse_fault
from tests.conftest import LocalServer


def test_shorthands_parse():
    assert parse_fault("drip=2") == {"kind": "drip", "seconds": 2.0}
    assert parse_fault("503=20") == {"kind": "status", "status": 503, "retry_after": "20"}


def test_a_status_marker_can_carry_a_retry_after(server: LocalServer):
    body = json.dumps({"model": "black-forest-labs/FLUX.1-schnell",
                       "prompt": "busy [fault:503=7]"}).encode()
    request = urllib.request.Request(
        f"{server.base_url}/images/generations", data=body, method="POST",
        headers={"Authorization": f"Bearer {server.token}", "Content-Type": "application/json"},
    )
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 503
        assert error.headers["Retry-After"] == "7"
    else:
        raise AssertionError("expected a 503")


def test_drip_sends_headers_then_one_byte_at_a_time(server: LocalServer):
    server.add_faults({"kind": "drip", "seconds": 0.05})
    host, port = server.root_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
        received = b""
        while b"\r\n\r\n" not in received:
            received += conn.recv(4096)
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        assert f"Content-Length: {DRIP_BYTES}".encode() in head
        while len(body) < 3:
            piece = conn.recv(4096)
            assert piece
            body += piece
