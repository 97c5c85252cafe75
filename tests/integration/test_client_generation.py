"""NscaleClient.generate against the real local server: success, every error status and fault."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop_app import USER_AGENT
from desktop_app.api import errors
from desktop_app.api.client import NscaleClient
from desktop_app.api.types import GenerationRequest, ImageFormat, ImageSize
from tests.conftest import LocalServer
from tests.tiny_http import TinyServer, send_json

REQUEST = GenerationRequest("a lighthouse at dusk", size=ImageSize(128, 96))


@pytest.fixture
def client(server: LocalServer) -> Iterator[NscaleClient]:
    # A tiny backoff keeps retry tests fast; Retry-After handling is tested separately.
    with NscaleClient(server.base_url, server.token, backoff_base=0.01) as api:
        yield api


def cancel_after(seconds: float) -> threading.Event:
    event = threading.Event()
    timer = threading.Timer(seconds, event.set)
    timer.daemon = True
    timer.start()
    return event


# --- success --------------------------------------------------------------------------------


def test_generate_returns_verified_images_of_the_requested_size(server, client):
    result = client.generate(GenerationRequest("two boats", size=ImageSize(128, 96), n=2))
    assert len(result.images) == 2
    assert result.failures == ()
    for index, image in enumerate(result.images):
        assert (image.format, image.width, image.height, image.index) == (
            ImageFormat.PNG,
            128,
            96,
            index,
        )
        assert image.data.startswith(b"\x89PNG")
        # Checked, not decoded: the pipeline (generate_and_keep) decodes and makes the preview.
        assert image.preview is None
    assert result.created > 1_600_000_000
    assert result.latency_s > 0
    assert result.endpoint_host == "127.0.0.1"
    assert result.request_id


def test_generate_sends_the_documented_headers_and_body(server, client):
    client.generate(REQUEST)
    stats = server.stats()
    headers = stats["last_headers"]
    assert headers["authorization"] == f"Bearer {server.token}"
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == USER_AGENT
    assert stats["last_json"] == REQUEST.to_json()
    assert stats["generations"] == 1


def test_invalid_request_is_refused_before_sending(server, client):
    with pytest.raises(errors.InvalidInputError):
        client.generate(GenerationRequest("   "))
    assert server.stats()["generations"] == 0


def test_missing_token_is_refused_before_sending(server):
    with NscaleClient(server.base_url, None) as api, pytest.raises(errors.NoTokenError):
        api.generate(REQUEST)
    assert server.stats()["generations"] == 0


def test_plain_http_to_a_remote_host_is_refused(server):
    with NscaleClient("http://images.example.com/v1", "secret") as api:
        with pytest.raises(errors.InsecureTransportError) as caught:
            api.generate(REQUEST)
    assert "https://" in caught.value.message


# --- error statuses -------------------------------------------------------------------------


def test_wrong_token_is_unauthorized(server):
    with NscaleClient(server.base_url, "wrong-token", backoff_base=0.01) as api:
        with pytest.raises(errors.UnauthorizedError):
            api.generate(REQUEST)
    assert server.stats()["generations"] == 1


def test_unknown_model_names_the_model(server, client):
    with pytest.raises(errors.ModelNotFoundError) as caught:
        client.generate(GenerationRequest("x", model="acme/no-such-model"))
    assert "acme/no-such-model" in caught.value.message
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("style", "message", "expected"),
    [
        ("openai", "Size 100x100 is not supported", "Size 100x100 is not supported"),
        ("fastapi", "n must be at most 4", "n must be at most 4"),
        ("text", "plain words here", "plain words here"),
        ("html", "Bad thing", "Bad thing"),
    ],
)
def test_400_carries_the_servers_message_in_any_body_style(
    server, client, style, message, expected
):
    server.add_faults({"status": 400, "body_style": style, "message": message})
    with pytest.raises(errors.InvalidRequestError) as caught:
        client.generate(REQUEST)
    assert expected in caught.value.message
    assert "<" not in caught.value.message
    assert server.stats()["generations"] == 1


def test_400_with_empty_body_has_a_default_message(server, client):
    server.add_faults({"status": 422, "body_style": "empty"})
    with pytest.raises(errors.InvalidRequestError) as caught:
        client.generate(REQUEST)
    assert caught.value.message == "The server rejected the request."


def test_403_includes_the_servers_message(server, client):
    server.add_faults({"status": 403, "message": "token lacks images:write"})
    with pytest.raises(errors.ForbiddenError) as caught:
        client.generate(REQUEST)
    assert "token lacks images:write" in caught.value.message


def test_429_is_not_retried(server, client):
    server.add_faults({"status": 429, "retry_after": "0"}, {"status": 429})
    with pytest.raises(errors.InsufficientCreditError):
        client.generate(REQUEST)
    assert server.stats()["generations"] == 1


def test_500_is_retried_up_to_three_attempts(server, client):
    server.add_faults(*[{"status": 500}] * 4)
    with pytest.raises(errors.ServerError):
        client.generate(REQUEST)
    assert server.stats()["generations"] == 3


@pytest.mark.parametrize("status", [502, 503, 504])
def test_unavailable_then_success_is_retried(server, client, status):
    server.add_faults({"status": status})
    assert len(client.generate(REQUEST).images) == 1
    assert server.stats()["generations"] == 2


def test_max_attempts_is_configurable(server):
    server.add_faults(*[{"status": 503}] * 3)
    with NscaleClient(server.base_url, server.token, max_attempts=1) as api:
        with pytest.raises(errors.UnavailableError):
            api.generate(REQUEST)
    assert server.stats()["generations"] == 1


def test_503_then_200_waits_for_retry_after(server, client):
    server.add_faults({"status": 503, "retry_after": "1"})
    started = time.monotonic()
    result = client.generate(REQUEST)
    assert time.monotonic() - started >= 0.9
    assert len(result.images) == 1
    assert server.stats()["generations"] == 2


def test_retry_after_is_capped(server):
    server.add_faults({"status": 503, "retry_after": "3600"})
    with NscaleClient(server.base_url, server.token, max_retry_after=0.05) as api:
        started = time.monotonic()
        api.generate(REQUEST)
    assert time.monotonic() - started < 5


def test_waiting_to_retry_can_be_cancelled(server, client):
    server.add_faults({"status": 503, "retry_after": "30"})
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        client.generate(REQUEST, cancel=cancel_after(0.2))
    assert time.monotonic() - started < 5
    assert server.stats()["generations"] == 1


# --- faults ---------------------------------------------------------------------------------


def test_malformed_json_is_an_invalid_response(server, client):
    server.add_faults({"kind": "malformed_json"})
    with pytest.raises(errors.InvalidResponseError):
        client.generate(REQUEST)
    assert server.stats()["generations"] == 1


def test_connection_dropped_mid_body_is_a_network_error_and_not_retried(server, client):
    # The server may already have charged for the images: sending again could charge twice.
    server.add_faults({"kind": "drop"})
    with pytest.raises(errors.NetworkError) as caught:
        client.generate(REQUEST)
    assert "127.0.0.1" in caught.value.message
    assert server.stats()["generations"] == 1


def test_slow_reply_can_be_cancelled_while_waiting(server, client):
    server.add_faults({"kind": "slow", "seconds": 5})
    started = time.monotonic()
    with pytest.raises(errors.CancelledError):
        client.generate(REQUEST, cancel=cancel_after(0.2))
    assert time.monotonic() - started < 2


def test_read_timeout_is_reported_and_not_retried(server):
    server.add_faults({"kind": "slow", "seconds": 3})
    with NscaleClient(server.base_url, server.token, read_timeout=0.3) as api:
        with pytest.raises(errors.RequestTimeoutError):
            api.generate(REQUEST)
    assert server.stats()["generations"] == 1


def test_huge_body_is_abandoned_at_the_size_cap(server):
    # The cap for a generation is the larger of the client's and what REQUEST's images can take
    # (1024x1024, one image: about 5.4 MB), so the body must be larger than both.
    server.add_faults({"kind": "huge_body", "megabytes": 8})
    with NscaleClient(server.base_url, server.token, max_body_bytes=1024 * 1024) as api:
        with pytest.raises(errors.InvalidResponseError, match="larger than"):
            api.generate(REQUEST)


def test_url_images_are_downloaded_and_verified(server, client):
    server.add_faults({"kind": "url_images"})
    result = client.generate(GenerationRequest("x", size=ImageSize(64, 64), n=2))
    assert [(image.width, image.height) for image in result.images] == [(64, 64), (64, 64)]


@pytest.mark.parametrize("kind", ["bad_base64", "not_an_image"])
def test_reply_with_no_valid_image_is_an_invalid_response(server, client, kind):
    server.add_faults({"kind": kind})
    with pytest.raises(errors.InvalidResponseError):
        client.generate(REQUEST)
    assert server.stats()["generations"] == 1


def test_partially_bad_reply_keeps_the_good_image(server, client):
    server.add_faults({"kind": "partial_bad"})
    result = client.generate(GenerationRequest("x", size=ImageSize(64, 64), n=2))
    assert [image.index for image in result.images] == [0]
    assert [failure.index for failure in result.failures] == [1]
    assert isinstance(result.failures[0].error, errors.InvalidResponseError)


def test_redirect_to_another_host_never_carries_the_token(server, client):
    other = TinyServer("localhost", fallback=send_json({}))  # another host name: another origin
    try:
        server.add_faults({"kind": "redirect", "location": f"{other.root}/v1/images/generations"})
        with pytest.raises(errors.InvalidResponseError) as caught:
            client.generate(REQUEST)
        assert "localhost" in caught.value.message
        assert all("authorization" not in headers for _path, headers in other.seen)
        assert other.seen == []  # redirects are not followed at all
    finally:
        other.close()


def closed_port() -> int:
    """A port that was just free: nothing listens there, so a connection is refused."""
    probe = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = probe.server_address[1]
    probe.server_close()
    return port


def test_unreachable_server_is_retried(caplog):
    caplog.set_level(logging.INFO, logger="desktop_app.api")
    with NscaleClient(f"http://127.0.0.1:{closed_port()}/v1", "tok", backoff_base=0.01) as api:
        with pytest.raises(errors.NetworkError):
            api.generate(REQUEST)
    retries = [record for record in caplog.records if "retrying" in record.getMessage()]
    assert len(retries) == 2  # three attempts in all


def test_unreachable_server_is_a_network_error_naming_the_host():
    with NscaleClient(f"http://127.0.0.1:{closed_port()}/v1", "tok", backoff_base=0.01) as api:
        with pytest.raises(errors.NetworkError) as caught:
            api.generate(REQUEST)
    assert "127.0.0.1" in caught.value.message
    assert "Traceback" not in caught.value.message
