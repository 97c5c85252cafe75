"""The local Nscale-compatible server, checked over real HTTP with plain `requests`.

These tests pin the contract other tests rely on (docs/devserver.md): endpoints, statuses, error
shapes, fault injection and process behaviour. They deliberately do not use the app's client.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import signal
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests
from PIL import Image

from desktop_app.devserver import DevServer, parse_fault
from tests.conftest import LocalServer, start_local_server

FLUX = "black-forest-labs/FLUX.1-schnell"
SDXL = "stabilityai/stable-diffusion-xl-base-1.0"


def generate(server: LocalServer, token: str | None = None, timeout: float = 10,
             **body: object) -> requests.Response:
    payload: dict[str, object] = {"model": FLUX, "prompt": "a lighthouse at dusk", **body}
    headers = {"Authorization": f"Bearer {token or server.token}"}
    return requests.post(f"{server.base_url}/images/generations", json=payload, headers=headers,
                         timeout=timeout)


def decode(item: dict[str, str]) -> Image.Image:
    image = Image.open(io.BytesIO(base64.b64decode(item["b64_json"], validate=True)))
    image.load()
    return image


def assert_openai_error(reply: requests.Response, status: int) -> dict[str, object]:
    assert reply.status_code == status
    error = reply.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert isinstance(error["message"], str) and error["message"]
    return error


# ----- generation -----


def test_generation_returns_n_pngs_of_exactly_the_requested_size(server: LocalServer) -> None:
    reply = generate(server, size="320x192", n=3)
    assert reply.status_code == 200
    body = reply.json()
    assert isinstance(body["created"], int) and abs(body["created"] - time.time()) < 60
    assert len(body["data"]) == 3
    for item in body["data"]:
        image = decode(item)
        assert image.format == "PNG"
        assert image.size == (320, 192)


def test_defaults_are_one_image_of_512x512(server: LocalServer) -> None:
    reply = generate(server)
    assert reply.status_code == 200
    (item,) = reply.json()["data"]
    assert decode(item).size == (512, 512)


def test_images_are_deterministic_and_differ_by_prompt_and_index(server: LocalServer) -> None:
    first = [item["b64_json"] for item in generate(server, size="128x128", n=2).json()["data"]]
    again = [item["b64_json"] for item in generate(server, size="128x128", n=2).json()["data"]]
    other = generate(server, prompt="a red bicycle", size="128x128").json()["data"][0]["b64_json"]
    assert first == again
    assert first[0] != first[1]
    assert other != first[0]


def test_second_model_is_accepted(server: LocalServer) -> None:
    assert generate(server, model=SDXL, size="64x64").status_code == 200


def test_four_1024_images_are_fast(server: LocalServer) -> None:
    started = time.perf_counter()
    reply = generate(server, prompt=f"speed check {time.time()}", size="1024x1024", n=4)
    assert reply.status_code == 200
    assert time.perf_counter() - started < 2.0  # generous for a loaded 2-core CI machine


def test_url_response_format_serves_files_without_a_token(server: LocalServer) -> None:
    reply = generate(server, size="96x64", n=2, response_format="url")
    assert reply.status_code == 200
    urls = [item["url"] for item in reply.json()["data"]]
    assert len(set(urls)) == 2
    picture = requests.get(urls[0], timeout=10)
    assert picture.status_code == 200
    assert picture.headers["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(picture.content)).size == (96, 64)


def test_unknown_file_is_404(server: LocalServer) -> None:
    assert requests.get(f"{server.root_url}/files/nope.png", timeout=10).status_code == 404


def test_every_reply_has_a_request_id(server: LocalServer) -> None:
    replies = [
        generate(server, size="64x64"),
        generate(server, token="wrong"),
        requests.get(f"{server.base_url}/models", timeout=10),
        requests.get(f"{server.root_url}/_control/stats", timeout=10),
        requests.get(f"{server.root_url}/nowhere", timeout=10),
    ]
    ids = [reply.headers.get("x-request-id") for reply in replies]
    assert all(ids) and len(set(ids)) == len(ids)


# ----- validation and auth -----


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_missing_or_wrong_token_is_401(server: LocalServer, token: str | None) -> None:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    reply = requests.post(f"{server.base_url}/images/generations", headers=headers, timeout=10,
                          json={"model": FLUX, "prompt": "x"})
    error = assert_openai_error(reply, 401)
    assert error["type"] == "authentication_error"
    assert server.token not in reply.text


def test_invalid_json_body_is_400(server: LocalServer) -> None:
    reply = requests.post(f"{server.base_url}/images/generations", data=b"{not json",
                          headers={"Authorization": f"Bearer {server.token}"}, timeout=10)
    assert_openai_error(reply, 400)
    assert server.stats()["last_json"] is None


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"prompt": ""}, "prompt"),
        ({"prompt": "   "}, "prompt"),
        ({"prompt": 5}, "prompt"),
        ({"prompt": "a\ud800b"}, "prompt"),  # a lone surrogate: once a crash of the handler
        ({"size": "512"}, "size"),
        ({"size": "axb"}, "size"),
        ({"size": 512}, "size"),
        ({"size": "63x512"}, "size"),
        ({"size": "512x4097"}, "size"),
        ({"n": 0}, "n"),
        ({"n": 11}, "n"),
        ({"n": "2"}, "n"),
        ({"n": 1.5}, "n"),
        ({"n": True}, "n"),
        ({"response_format": "jpeg"}, "response_format"),
    ],
)
def test_invalid_fields_are_400(server: LocalServer, body: dict[str, object], param: str) -> None:
    error = assert_openai_error(generate(server, **body), 400)
    assert error["param"] == param


def test_side_limits_are_inclusive(server: LocalServer) -> None:
    assert generate(server, size="64x64").status_code == 200
    assert generate(server, size="4096x64").status_code == 200


def test_unknown_model_is_404(server: LocalServer) -> None:
    error = assert_openai_error(generate(server, model="acme/nothing"), 404)
    assert error["code"] == "model_not_found"


def test_unknown_route_is_404_in_openai_shape(server: LocalServer) -> None:
    assert_openai_error(requests.get(f"{server.base_url}/nothing", timeout=10), 404)


# ----- models -----


def test_models_lists_image_models_with_per_megapixel_prices(server: LocalServer) -> None:
    reply = requests.get(f"{server.base_url}/models", timeout=10,
                         headers={"Authorization": f"Bearer {server.token}"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["object"] == "list"
    prices = {model["id"]: model["pricing"]["output"] for model in body["data"]}
    assert prices == {FLUX: 0.0013, SDXL: 0.003}
    for model in body["data"]:
        assert model["object"] == "model" and model["type"] == "image"
        assert model["owned_by"] and model["pricing"]["input"] == 0


def test_models_needs_the_token(server: LocalServer) -> None:
    assert_openai_error(requests.get(f"{server.base_url}/models", timeout=10), 401)


# ----- control endpoints -----


def test_stats_count_requests_and_remember_the_last_one(server: LocalServer) -> None:
    requests.get(f"{server.base_url}/models", timeout=10)
    generate(server, size="64x64", n=1)
    generate(server, token="wrong")
    stats = server.stats()
    assert stats["generations"] == 2
    assert stats["models"] == 1
    assert stats["last_json"] == {"model": FLUX, "prompt": "a lighthouse at dusk"}
    headers = stats["last_headers"]
    assert isinstance(headers, dict)
    # The last /v1 request's headers, names lower-cased, token included (it is a fake).
    assert headers["authorization"] == "Bearer wrong"
    assert headers["content-type"] == "application/json"
    server.reset()
    assert server.stats()["generations"] == 0


def test_reset_clears_queued_faults(server: LocalServer) -> None:
    server.add_faults({"status": 500})
    server.reset()
    assert generate(server, size="64x64").status_code == 200


def test_bad_fault_list_is_400(server: LocalServer) -> None:
    url = f"{server.root_url}/_control/faults"
    assert requests.post(url, json={"faults": [{"kind": "nope"}]}, timeout=10).status_code == 400
    assert requests.post(url, json={"faults": "503"}, timeout=10).status_code == 400
    assert requests.post(url, data=b"{", timeout=10).status_code == 400


def test_parse_fault_shorthands() -> None:
    assert parse_fault("503") == {"status": 503, "kind": "status"}
    assert parse_fault("slow=1.5") == {"kind": "slow", "seconds": 1.5}
    assert parse_fault('{"kind": "drop"}') == {"kind": "drop"}
    assert parse_fault({"kind": "redirect", "status": 302, "location": "x"})["kind"] == "redirect"


# ----- faults -----


def test_faults_are_consumed_in_order_by_either_endpoint(server: LocalServer) -> None:
    server.add_faults({"status": 503}, {"status": 500})
    models = requests.get(f"{server.base_url}/models", timeout=10,
                          headers={"Authorization": f"Bearer {server.token}"})
    assert models.status_code == 503
    assert generate(server).status_code == 500
    assert generate(server, size="64x64").status_code == 200
    assert server.stats()["generations"] == 2


@pytest.mark.parametrize("status", [401, 403, 404, 409, 429, 500, 502, 503])
def test_status_fault_in_openai_shape(server: LocalServer, status: int) -> None:
    server.add_faults({"status": status})
    assert_openai_error(generate(server), status)


def test_status_fault_with_retry_after_and_message(server: LocalServer) -> None:
    server.add_faults({"status": 503, "retry_after": "7", "message": "try later please"})
    reply = generate(server)
    assert reply.headers["Retry-After"] == "7"
    assert reply.json()["error"]["message"] == "try later please"


def test_fault_body_styles(server: LocalServer) -> None:
    server.add_faults(
        {"status": 422, "body_style": "fastapi", "message": "bad thing"},
        {"status": 500, "body_style": "text", "message": "plain failure"},
        {"status": 502, "body_style": "html"},
        {"status": 503, "body_style": "empty"},
    )
    fastapi = generate(server)
    assert fastapi.status_code == 422 and fastapi.json() == {"detail": "bad thing"}
    text = generate(server)
    assert text.headers["Content-Type"].startswith("text/plain") and text.text == "plain failure"
    html = generate(server)
    assert html.headers["Content-Type"].startswith("text/html") and "<html>" in html.text
    empty = generate(server)
    assert empty.status_code == 503 and empty.content == b""


def test_malformed_json_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "malformed_json"})
    reply = generate(server)
    assert reply.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(reply.text)


def test_drop_fault_cuts_the_body_short(server: LocalServer) -> None:
    server.add_faults({"kind": "drop"})
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        generate(server)
    assert generate(server, size="64x64").status_code == 200  # the server carries on


def test_slow_fault_delays_only_that_request(server: LocalServer) -> None:
    server.add_faults({"kind": "slow", "seconds": 1})
    results: dict[str, float] = {}

    def slow_request() -> None:
        started = time.perf_counter()
        assert generate(server, size="64x64").status_code == 200
        results["slow"] = time.perf_counter() - started

    worker = threading.Thread(target=slow_request)
    worker.start()
    # Poll until the slow request has taken its fault, then check another one is served at once.
    deadline = time.monotonic() + 5
    while server.stats()["generations"] == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.perf_counter()
    models = requests.get(f"{server.base_url}/models", timeout=10,
                          headers={"Authorization": f"Bearer {server.token}"})
    fast = time.perf_counter() - started
    worker.join(timeout=10)
    assert models.status_code == 200
    assert results["slow"] >= 1.0
    assert fast < 0.5


def test_slow_fault_times_out_a_patient_client(server: LocalServer) -> None:
    server.add_faults({"kind": "slow", "seconds": 5})
    with pytest.raises(requests.exceptions.ReadTimeout):
        generate(server, timeout=0.3)


def test_url_images_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "url_images"})
    (item,) = generate(server, size="64x64").json()["data"]
    assert set(item) == {"url"}
    assert requests.get(item["url"], timeout=10).status_code == 200


def test_bad_base64_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "bad_base64"})
    (item,) = generate(server, size="64x64").json()["data"]
    with pytest.raises(ValueError):
        base64.b64decode(item["b64_json"], validate=True)


def test_not_an_image_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "not_an_image"})
    (item,) = generate(server, size="64x64").json()["data"]
    raw = base64.b64decode(item["b64_json"], validate=True)
    with pytest.raises(Image.UnidentifiedImageError):
        Image.open(io.BytesIO(raw))


def test_partial_bad_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "partial_bad"})
    first, second = generate(server, size="64x64", n=2).json()["data"]
    assert decode(first).size == (64, 64)
    with pytest.raises(ValueError):
        base64.b64decode(second["b64_json"], validate=True)


def test_huge_body_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "huge_body", "megabytes": 2})
    reply = generate(server)
    assert reply.status_code == 200
    assert len(reply.content) == 2 * 1024 * 1024


def test_redirect_fault(server: LocalServer) -> None:
    server.add_faults({"kind": "redirect", "location": "http://127.0.0.1:9/elsewhere"})
    reply = requests.post(f"{server.base_url}/images/generations", json={}, timeout=10,
                          allow_redirects=False)
    assert reply.status_code == 307
    assert reply.headers["Location"] == "http://127.0.0.1:9/elsewhere"


@pytest.mark.parametrize(("marker", "status"), [("[fault:429]", 429), ("[fault:503]", 503)])
def test_prompt_marker_status(server: LocalServer, marker: str, status: int) -> None:
    assert_openai_error(generate(server, prompt=f"a cat {marker}"), status)


def test_prompt_marker_malformed_json(server: LocalServer) -> None:
    reply = generate(server, prompt="[fault:malformed_json] cat")
    with pytest.raises(json.JSONDecodeError):
        reply.json()


def test_prompt_marker_drop(server: LocalServer) -> None:
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        generate(server, prompt="cat [fault:drop]")


def test_prompt_marker_slow(server: LocalServer) -> None:
    with pytest.raises(requests.exceptions.ReadTimeout):
        generate(server, prompt="cat [fault:slow=3]", timeout=0.3)


def test_prompt_marker_still_needs_the_token(server: LocalServer) -> None:
    assert generate(server, token="wrong", prompt="cat [fault:503]").status_code == 401


# ----- connection and process behaviour -----


def test_keep_alive_reuses_one_connection(server: LocalServer) -> None:
    parts = urlsplit(server.base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        headers = {"Authorization": f"Bearer {server.token}"}
        connection.request("GET", "/v1/models", headers=headers)
        first = connection.getresponse()
        first.read()
        sock = connection.sock
        connection.request("GET", "/v1/models", headers=headers)
        second = connection.getresponse()
        second.read()
        assert (first.status, second.status) == (200, 200)
        assert sock is not None and connection.sock is sock
    finally:
        connection.close()


def test_keep_alive_replies_do_not_wait_for_the_clients_delayed_ack(server: LocalServer) -> None:
    # With Nagle on, a reply's body waits ~40 ms for the delayed ACK of its headers; with
    # TCP_NODELAY a tiny /v1/models reply takes about a millisecond.
    parts = urlsplit(server.base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Authorization": f"Bearer {server.token}"}
    elapsed: list[float] = []
    try:
        for _ in range(7):
            began = time.perf_counter()
            connection.request("GET", "/v1/models", headers=headers)
            reply = connection.getresponse()
            reply.read()
            elapsed.append(time.perf_counter() - began)
            assert reply.status == 200
    finally:
        connection.close()
    assert sorted(elapsed)[len(elapsed) // 2] < 0.02


def test_error_replies_keep_the_connection_usable(server: LocalServer) -> None:
    with requests.Session() as session:
        url = f"{server.base_url}/images/generations"
        assert session.post(url, data=b"{bad", timeout=10).status_code == 401
        reply = session.post(url, json={"model": FLUX, "prompt": "x", "size": "64x64"},
                             headers={"Authorization": f"Bearer {server.token}"}, timeout=10)
        assert reply.status_code == 200


def test_sigterm_and_sigint_exit_cleanly() -> None:
    for signum in (signal.SIGTERM, signal.SIGINT):
        local = start_local_server("another-token")
        assert requests.get(f"{local.base_url}/models", timeout=10,
                            headers={"Authorization": "Bearer another-token"}).status_code == 200
        local.process.send_signal(signum)
        assert local.process.wait(timeout=10) == 0
        assert local.process.stdout is not None
        assert local.process.stdout.read().strip() == "token: another-token"


def test_command_line_faults_are_queued_at_start() -> None:
    local = start_local_server("t", "--fault", "503", "--fault", '{"status": 429}')
    try:
        url = f"{local.base_url}/models"
        statuses = [requests.get(url, headers={"Authorization": "Bearer t"}, timeout=10).status_code
                    for _ in range(3)]
        assert statuses == [503, 429, 200]
    finally:
        local.process.terminate()
        local.process.wait(timeout=10)


def test_python_api_starts_and_stops_in_process() -> None:
    with DevServer(token="in-process") as dev:
        assert dev.base_url.startswith("http://127.0.0.1:")
        dev.add_faults("429")
        auth = {"Authorization": "Bearer in-process"}
        assert requests.get(f"{dev.base_url}/models", headers=auth, timeout=10).status_code == 429
        assert requests.get(f"{dev.base_url}/models", headers=auth, timeout=10).status_code == 200
        assert dev.stats()["models"] == 2
        dev.reset()
        assert dev.stats()["models"] == 0
        port = int(urlsplit(dev.base_url).port or 0)
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        pass


def test_latency_delays_api_replies_but_not_control_ones() -> None:
    with DevServer(token="t", latency=0.3) as dev:
        started = time.perf_counter()
        requests.get(f"{dev.root_url}/_control/stats", timeout=10)
        control = time.perf_counter() - started
        started = time.perf_counter()
        reply = requests.get(f"{dev.base_url}/models", headers={"Authorization": "Bearer t"},
                             timeout=10)
        api = time.perf_counter() - started
    assert reply.status_code == 200
    assert api >= 0.3 > control
