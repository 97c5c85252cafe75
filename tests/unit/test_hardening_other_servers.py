"""Other OpenAI-compatible servers: model lists that label image models, no `response_format`.

Replies are modelled on LiteLLM's proxy (`/models`, `/model/info`, its 400 for an unsupported
parameter) and on OpenAI's published model list, served from 127.0.0.1 by tests/tiny_http.py.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from PIL import Image

from desktop_app.api import errors
from desktop_app.api.client import NscaleClient
from desktop_app.api.replies import parse_models_reply
from desktop_app.api.types import GenerationRequest
from tests.tiny_http import TinyServer, send_json

REQUEST = GenerationRequest("a test")
LITELLM_REJECTION = (
    "litellm.UnsupportedParamsError: openai does not support parameters: "
    "['response_format'], for model=my-painter. To drop these, set `litellm.drop_params=True`."
)


@pytest.fixture
def tiny() -> Iterator[TinyServer]:
    server = TinyServer()
    yield server
    server.close()


def reply(models: object) -> bytes:
    return json.dumps(models).encode()


def image_ids(body: bytes) -> list[str]:
    return [info.id for info in parse_models_reply(body) if info.is_image]


# -- models -----------------------------------------------------------------------------------


def test_models_labelled_image_generation_are_listed_beside_known_ids():
    body = reply({"object": "list", "data": [
        {"id": "black-forest-labs/FLUX.1-schnell", "object": "model"},
        {"id": "my-painter", "object": "model", "mode": "image_generation"},
        {"id": "house-style", "object": "model", "type": "image"},
        {"id": "poster-maker", "object": "model", "capabilities": {"image_generation": True}},
        {"id": "sketcher", "object": "model", "modality": "text->image"},
        {"id": "diffuser", "object": "model", "task": "text-to-image"},
        {"id": "chatty", "object": "model", "mode": "chat"},
    ]})
    assert image_ids(body) == [
        "black-forest-labs/FLUX.1-schnell", "my-painter", "house-style", "poster-maker",
        "sketcher", "diffuser",
    ]


def test_litellm_model_info_reply_is_read():
    body = reply({"data": [
        {"model_name": "my-painter", "litellm_params": {"model": "openai/dall-e-3"},
         "model_info": {"mode": "image_generation"}},
        {"model_name": "chatty", "litellm_params": {"model": "openai/gpt-4o"},
         "model_info": {"mode": "chat"}},
    ]})
    infos = parse_models_reply(body)
    assert [(info.id, info.is_image) for info in infos] == [("my-painter", True), ("chatty", False)]


def test_openai_style_reply_lists_dall_e_and_gpt_image():
    body = reply({"object": "list", "data": [
        {"id": "gpt-4o", "object": "model", "owned_by": "system"},
        {"id": "dall-e-3", "object": "model", "owned_by": "system"},
        {"id": "gpt-image-1", "object": "model", "owned_by": "system"},
    ]})
    assert image_ids(body) == ["dall-e-3", "gpt-image-1"]


def test_models_that_only_read_images_are_not_image_models():
    body = reply({"data": [
        {"id": "black-forest-labs/FLUX.1-schnell"},
        {"id": "looker", "architecture": {"modality": "text+image->text",
                                          "input_modalities": ["text", "image"],
                                          "output_modalities": ["text"]}},
        {"id": "vision", "capabilities": ["vision", "image_input"]},
    ]})
    assert image_ids(body) == ["black-forest-labs/FLUX.1-schnell"]


def test_list_models_keeps_every_labelled_image_model(tiny):
    tiny.routes["/v1/models"] = send_json({"data": [
        {"id": "stabilityai/stable-diffusion-xl-base-1.0"},
        {"id": "my-painter", "mode": "image_generation"},
        {"id": "chatty", "mode": "chat"},
    ]})
    with NscaleClient(f"{tiny.root}/v1", "tok") as api:
        assert api.list_models() == ["stabilityai/stable-diffusion-xl-base-1.0", "my-painter"]


# -- response_format --------------------------------------------------------------------------


def png_b64() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def json_reply(request: BaseHTTPRequestHandler, status: int, payload: object) -> None:
    body = json.dumps(payload).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def litellm_like(tiny: TinyServer, item: dict[str, str] | None = None) -> list[dict[str, object]]:
    """400 naming `response_format` when it is sent, an image otherwise; keeps the bodies."""
    bodies: list[dict[str, object]] = []

    def handler(request: BaseHTTPRequestHandler) -> None:
        body = json.loads(request.body)  # type: ignore[attr-defined]
        bodies.append(body)
        if "response_format" in body:
            json_reply(request, 400, {"error": {"message": LITELLM_REJECTION, "type": "None",
                                                "param": None, "code": "400"}})
        else:
            json_reply(request, 200, {"created": 1, "data": [item or {"b64_json": png_b64()}]})

    tiny.routes["/v1/images/generations"] = handler
    return bodies


def test_a_server_that_refuses_response_format_gets_the_request_again_without_it(tiny):
    bodies = litellm_like(tiny)
    with NscaleClient(f"{tiny.root}/v1", "tok") as api:
        result = api.generate(REQUEST)
    assert len(result.images) == 1
    assert ["response_format" in body for body in bodies] == [True, False]


def test_the_refusal_is_remembered_for_that_endpoint(tiny):
    bodies = litellm_like(tiny)
    with NscaleClient(f"{tiny.root}/v1", "tok") as api:
        api.generate(REQUEST)
    with NscaleClient(f"{tiny.root}/v1", "tok") as api:  # the window makes one client per job
        api.generate(REQUEST)
    assert ["response_format" in body for body in bodies] == [True, False, False]


def test_without_response_format_a_data_url_reply_is_still_decoded(tiny):
    bodies = litellm_like(tiny, {"url": "data:image/png;base64," + png_b64()})
    with NscaleClient(f"{tiny.root}/v1", "tok") as api:
        assert len(api.generate(REQUEST).images) == 1
    assert len(bodies) == 2


def test_without_response_format_b64_that_is_not_an_image_is_still_refused(tiny):
    text = base64.b64encode(b"just some text, not a picture" * 4).decode()
    litellm_like(tiny, {"b64_json": text})
    with NscaleClient(f"{tiny.root}/v1", "tok") as api, pytest.raises(
        errors.InvalidResponseError
    ):
        api.generate(REQUEST)


def test_another_400_is_not_sent_again(tiny):
    calls: list[int] = []

    def refuse(request: BaseHTTPRequestHandler) -> None:
        calls.append(1)
        json_reply(request, 400, {"error": {"message": "`size` must look like 512x512",
                                            "param": "size"}})

    tiny.routes["/v1/images/generations"] = refuse
    with NscaleClient(f"{tiny.root}/v1", "tok") as api, pytest.raises(
        errors.InvalidRequestError
    ):
        api.generate(REQUEST)
    assert len(calls) == 1


def test_a_refusal_that_repeats_without_response_format_is_not_sent_a_third_time(tiny):
    calls: list[int] = []

    def refuse(request: BaseHTTPRequestHandler) -> None:
        calls.append(1)
        json_reply(request, 400, {"error": {"message": LITELLM_REJECTION}})

    tiny.routes["/v1/images/generations"] = refuse
    with NscaleClient(f"{tiny.root}/v1", "tok") as api, pytest.raises(
        errors.InvalidRequestError
    ):
        api.generate(REQUEST)
    assert len(calls) == 2


def test_an_empty_data_list_still_exits_7(tiny):
    import os
    import subprocess
    import sys

    tiny.routes["/v1/images/generations"] = send_json({"created": 1, "data": []})
    env = {**os.environ, "NSCALE_BASE_URL": f"{tiny.root}/v1", "NSCALE_SERVICE_TOKEN": "tok"}
    result = subprocess.run([sys.executable, "-m", "desktop_app.cli", "generate", "a cat"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 7, result.stderr
