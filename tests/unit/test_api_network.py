"""Transport rules with tiny in-test HTTP servers: size caps, cancellation, token placement."""

from __future__ import annotations

import base64
import io
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
import requests
from PIL import Image

from desktop_app.api import errors
from desktop_app.api.client import NscaleClient
from desktop_app.api.network import (
    SecretToken,
    check_token_transport,
    is_loopback_host,
    origin,
)
from desktop_app.api.types import GenerationRequest
from tests.tiny_http import Handler, TinyServer, send_json


@pytest.fixture
def tiny() -> Iterator[TinyServer]:
    server = TinyServer()
    yield server
    server.close()


@pytest.fixture
def other_host() -> Iterator[TinyServer]:
    server = TinyServer("localhost")  # same machine, different host name: a different origin
    yield server
    server.close()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def send_png(request: BaseHTTPRequestHandler) -> None:
    body = png_bytes()
    request.send_response(200)
    request.send_header("Content-Type", "image/png")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def send_chunked(chunk: bytes, count: int, pause: float = 0.0) -> Handler:
    """A chunked body with no Content-Length, so only counting while reading can cap it."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Transfer-Encoding", "chunked")
        request.end_headers()
        try:
            for _ in range(count):
                request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                request.wfile.flush()
                if pause:
                    time.sleep(pause)
            request.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client gave up: that is what the test wants

    return handler


REQUEST = GenerationRequest("a test")


def test_body_without_length_is_cut_at_the_size_cap(tiny):
    tiny.routes["/v1/images/generations"] = send_chunked(b"x" * 65536, 200)  # 12.5 MiB
    with NscaleClient(f"{tiny.root}/v1", "tok", max_body_bytes=256 * 1024) as api:
        with pytest.raises(errors.InvalidResponseError, match="larger than"):
            api.generate(REQUEST)


def test_cancel_aborts_between_chunks(tiny):
    tiny.routes["/v1/images/generations"] = send_chunked(b"x" * 1024, 200, pause=0.05)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with NscaleClient(f"{tiny.root}/v1", "tok") as api, pytest.raises(errors.CancelledError):
        api.generate(REQUEST, cancel=cancel)
    assert time.monotonic() - started < 5  # the whole body would take 10 s


def test_cancel_before_sending_sends_nothing(tiny):
    cancel = threading.Event()
    cancel.set()
    with NscaleClient(f"{tiny.root}/v1", "tok") as api, pytest.raises(errors.CancelledError):
        api.generate(REQUEST, cancel=cancel)
    assert tiny.seen == []


def test_url_image_on_another_host_is_fetched_without_the_token(tiny, other_host):
    other_host.routes["/img.png"] = send_png
    tiny.routes["/v1/images/generations"] = send_json(
        {"data": [{"url": f"{other_host.root}/img.png"}]}
    )
    with NscaleClient(f"{tiny.root}/v1", "secret-tok") as api:
        result = api.generate(REQUEST)
    assert len(result.images) == 1
    assert "authorization" in tiny.seen[0][1]
    [(path, headers)] = other_host.seen
    assert path == "/img.png"
    assert "authorization" not in headers


def test_url_image_on_the_api_host_is_fetched_with_the_token(tiny):
    tiny.routes["/files/a.png"] = send_png
    tiny.routes["/v1/images/generations"] = send_json(
        {"data": [{"url": f"{tiny.root}/files/a.png"}]}
    )
    with NscaleClient(f"{tiny.root}/v1", "secret-tok") as api:
        api.generate(REQUEST)
    assert tiny.seen[1][1]["authorization"] == "Bearer secret-tok"


def test_url_image_that_fails_to_download_is_an_item_failure(tiny):
    def not_found(request: BaseHTTPRequestHandler) -> None:
        request.send_response(404)
        request.send_header("Content-Length", "0")
        request.end_headers()

    tiny.routes["/gone.png"] = not_found
    tiny.routes["/v1/images/generations"] = send_json(
        {
            "data": [
                {"b64_json": base64.b64encode(png_bytes()).decode()},
                {"url": f"{tiny.root}/gone.png"},
                {"url": "ftp://example.com/x.png"},
                {"url": "data:image/png;base64," + base64.b64encode(png_bytes()).decode()},
            ]
        }
    )
    with NscaleClient(f"{tiny.root}/v1", "tok") as api:
        result = api.generate(GenerationRequest("a test", n=4))  # n=1 would keep only the first
    assert [image.index for image in result.images] == [0, 3]
    assert [failure.index for failure in result.failures] == [1, 2]
    assert all(isinstance(f.error, errors.InvalidResponseError) for f in result.failures)


def test_tls_verification_is_forced_even_if_the_session_disabled_it(tiny):
    seen_verify: list[object] = []

    class RecordingSession(requests.Session):
        def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
            seen_verify.append(kwargs.get("verify"))
            return super().send(request, **kwargs)

    session = RecordingSession()
    session.verify = False
    tiny.routes["/v1/models"] = send_json({"data": [{"id": "m"}]})
    with NscaleClient(f"{tiny.root}/v1", "tok", session=session) as api:
        assert api.list_models() == ["m"]
    # True, or the CA bundle path from REQUESTS_CA_BUNDLE: verification either way, never False.
    assert len(seen_verify) == 1
    assert seen_verify[0] is True or isinstance(seen_verify[0], str)


def test_client_uses_one_session_and_closes_only_its_own():
    closed: list[bool] = []

    class Session(requests.Session):
        def close(self) -> None:
            closed.append(True)
            super().close()

    given = Session()
    with NscaleClient("https://example.com/v1", "tok", session=given):
        pass
    assert closed == []


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("10.0.0.1", False),
        ("example.com", False),
        ("localhost.example.com", False),
        ("", False),
        (None, False),
    ],
)
def test_loopback_hosts(host, expected):
    assert is_loopback_host(host) is expected


@pytest.mark.parametrize(
    "url", ["http://example.com/v1", "http://10.0.0.5:8080/v1", "ftp://localhost/v1"]
)
def test_token_is_refused_over_insecure_transport(url):
    with pytest.raises(errors.InsecureTransportError):
        check_token_transport(url)


@pytest.mark.parametrize(
    "url",
    ["https://example.com/v1", "http://127.0.0.1:9/v1", "http://[::1]:9/v1", "http://localhost/v1"],
)
def test_token_is_allowed_over_tls_or_loopback(url):
    check_token_transport(url)


def test_origins_fill_in_default_ports():
    assert origin("https://Example.com/v1") == origin("https://example.com:443/x")
    assert origin("http://h:8080/") != origin("http://h:8081/")


def test_secret_token_never_shows_itself():
    token = SecretToken("s3cr3t-value")
    assert "s3cr3t" not in repr(token)
    assert "s3cr3t" not in str(token)
    assert "s3cr3t" not in f"{token}"
    assert token.reveal() == "s3cr3t-value"
    client = NscaleClient("https://example.com/v1", "s3cr3t-value")
    assert "s3cr3t" not in repr(client)
    assert "s3cr3t" not in repr(vars(client))


def test_bad_base_url_is_invalid_input():
    with NscaleClient("example.com/v1", "tok") as api, pytest.raises(errors.InvalidInputError):
        api.generate(REQUEST)


def test_netrc_credentials_never_replace_the_bearer_token(tiny, tmp_path, monkeypatch):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password other-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    tiny.routes["/v1/models"] = send_json({"data": [{"id": "m"}]})
    with NscaleClient(f"{tiny.root}/v1", "tok", max_attempts=1) as api:
        assert api.list_models() == ["m"]
    assert tiny.seen[-1][1]["authorization"] == "Bearer tok"


def test_proxy_from_the_environment_is_used(tiny, monkeypatch):
    # Resolved once per client rather than per request, but still honoured: the request goes
    # to the (closed) proxy port, not to the server.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    tiny.routes["/v1/models"] = send_json({"data": [{"id": "m"}]})
    with NscaleClient(f"{tiny.root}/v1", "tok", max_attempts=1) as api:
        with pytest.raises(errors.NetworkError):
            api.list_models()
    assert tiny.seen == []


def test_ca_bundle_from_the_environment_is_used(tiny, tmp_path, monkeypatch):
    seen_verify: list[object] = []

    class RecordingSession(requests.Session):
        def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
            seen_verify.append(kwargs.get("verify"))
            return super().send(request, **kwargs)

    bundle = tmp_path / "corporate-ca.pem"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    tiny.routes["/v1/models"] = send_json({"data": [{"id": "m"}]})
    with NscaleClient(f"{tiny.root}/v1", "tok", session=RecordingSession()) as api:
        assert api.list_models() == ["m"]
        assert api.list_models() == ["m"]
    assert seen_verify == [str(bundle), str(bundle)]


@pytest.mark.parametrize(
    ("url", "acceptable"),
    [
        ("https://inference.api.nscale.com/v1", True),
        ("http://127.0.0.1:8765/v1", True),
        ("http://localhost:8765/v1", True),
        ("http://[::1]:8765/v1", True),
        ("http://example.com/v1", False),
        ("http://0.0.0.0:8765/v1", False),
        ("ftp://example.com/v1", False),
        ("https:///v1", False),
    ],
)
def test_base_url_problem_applies_the_token_transport_rules(url, acceptable):
    from desktop_app.api.network import base_url_problem

    assert (base_url_problem(url) is None) is acceptable
