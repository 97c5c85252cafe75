"""The official `openai` SDK, unchanged, against the local server.

The SDK is the reference client for OpenAI-compatible servers; if it works against the local
server, the server's wire format (bodies, statuses, error shape) is close enough to the real thing
for the app's own client to be tested against it.
"""

from __future__ import annotations

import base64
import io

import openai
import pytest
from PIL import Image

from tests.conftest import LocalServer

FLUX = "black-forest-labs/FLUX.1-schnell"


def client_for(server: LocalServer, api_key: str | None = None) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key=api_key or server.token, max_retries=0)


def test_generate_two_images_and_decode_them(server: LocalServer) -> None:
    result = client_for(server).images.generate(model=FLUX, prompt="a fox in snow",
                                                size="256x256", n=2)
    assert result.data is not None and len(result.data) == 2
    for item in result.data:
        assert item.b64_json is not None
        image = Image.open(io.BytesIO(base64.b64decode(item.b64_json)))
        assert image.size == (256, 256)
    headers = server.stats()["last_headers"]
    assert isinstance(headers, dict)
    assert headers["user-agent"].startswith("OpenAI/Python")


def test_wrong_key_is_authentication_error(server: LocalServer) -> None:
    with pytest.raises(openai.AuthenticationError):
        client_for(server, "not-the-token").images.generate(model=FLUX, prompt="x", size="256x256")


def test_unknown_model_is_not_found_error(server: LocalServer) -> None:
    with pytest.raises(openai.NotFoundError):
        client_for(server).images.generate(model="acme/none", prompt="x", size="256x256")


def test_empty_prompt_is_bad_request_error(server: LocalServer) -> None:
    with pytest.raises(openai.BadRequestError):
        client_for(server).images.generate(model=FLUX, prompt="", size="256x256")


def test_429_fault_is_rate_limit_error_with_the_message(server: LocalServer) -> None:
    server.add_faults({"status": 429})
    with pytest.raises(openai.RateLimitError) as caught:
        client_for(server).images.generate(model=FLUX, prompt="x", size="256x256")
    assert "Insufficient credit" in str(caught.value)
    assert server.stats()["generations"] == 1  # max_retries=0: exactly one request went out


def test_models_list(server: LocalServer) -> None:
    ids = [model.id for model in client_for(server).models.list()]
    assert ids == [FLUX, "stabilityai/stable-diffusion-xl-base-1.0"]
