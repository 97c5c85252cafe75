"""The service token never shows in an error, a repr, a traceback or a log line, whatever fails."""

from __future__ import annotations

import logging
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop_app.api import errors
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import GenerationRequest, ImageSize

REQUEST = GenerationRequest("secrecy", size=ImageSize(64, 64), n=2)

FAULTS = [
    {"status": 400, "message": "bad request for token {token}"},
    {"status": 401, "body_style": "text", "message": "token {token} rejected"},
    {"status": 403, "body_style": "fastapi", "message": "forbidden for {token}"},
    {"status": 404, "body_style": "html", "message": "no model ({token})"},
    {"status": 429, "message": "no credit on {token}"},
    {"status": 500, "message": "crash {token}"},
    {"status": 503, "retry_after": "0", "message": "busy {token}"},
    {"status": 418, "message": "teapot {token}"},
    {"kind": "malformed_json"},
    {"kind": "drop"},
    {"kind": "bad_base64"},
    {"kind": "not_an_image"},
    {"kind": "redirect", "location": "http://localhost:9/{token}"},
]


def closed_port() -> int:
    probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = probe.server_address[1]
    probe.server_close()
    return port


def assert_token_absent(token: str, error: BaseException, log_text: str) -> None:
    shown = [
        str(error),
        repr(error),
        str(error.args),
        log_text,
        "".join(traceback.format_exception(error)),
    ]
    if isinstance(error, errors.ApiError):
        shown += [error.message, error.detail or ""]
    for text in shown:
        assert token not in text


@pytest.mark.parametrize(
    "fault", FAULTS, ids=lambda fault: str(fault.get("status") or fault["kind"])
)
def test_token_is_absent_from_every_error_and_log(server, caplog, fault):
    caplog.set_level(logging.DEBUG)
    spec = {
        key: value.replace("{token}", server.token) if isinstance(value, str) else value
        for key, value in fault.items()
    }
    server.add_faults(*[spec] * 3)
    with NscaleClient(server.base_url, server.token, backoff_base=0.01) as api:
        with pytest.raises(errors.ApiError) as caught:
            api.generate(REQUEST)
        assert_token_absent(server.token, caught.value, caplog.text)
        assert server.token not in repr(api)


def test_token_is_absent_from_partial_failures(server, caplog):
    caplog.set_level(logging.DEBUG)
    server.add_faults({"kind": "partial_bad"})
    with NscaleClient(server.base_url, server.token) as api:
        result = api.generate(REQUEST)
    assert len(result.failures) == 1
    assert_token_absent(server.token, result.failures[0].error, caplog.text)
    assert server.token not in repr(result)


def test_token_is_absent_when_the_server_is_unreachable(caplog):
    caplog.set_level(logging.DEBUG)
    token = "unreachable-secret-123"
    with NscaleClient(f"http://127.0.0.1:{closed_port()}/v1", token, backoff_base=0.01) as api:
        with pytest.raises(errors.NetworkError) as caught:
            api.generate(REQUEST)
    assert_token_absent(token, caught.value, caplog.text)


def test_token_is_absent_from_insecure_transport_refusal(caplog):
    token = "insecure-secret-456"
    with NscaleClient("http://example.com/v1", token) as api:
        with pytest.raises(errors.InsecureTransportError) as caught:
            api.list_models()
    assert_token_absent(token, caught.value, caplog.text)
