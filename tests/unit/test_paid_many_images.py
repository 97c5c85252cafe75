"""A reply with more images than `n`: only the first `n` are decoded, checked or kept."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import pytest
from PIL import Image

from desktop_app.api.client import NscaleClient
from desktop_app.api.types import GenerationRequest, ImageSize
from tests.tiny_http import TinyServer, send_json


def png() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture
def tiny() -> Iterator[TinyServer]:
    server = TinyServer()
    yield server
    server.close()


def test_ten_thousand_items_for_n1_decode_only_the_first(tiny):
    # The extras are not even base64: had they been decoded, each would be a failure.
    data = [{"b64_json": png()}] + [{"b64_json": "%%% not base64 %%%"}] * 9_999
    tiny.routes["/v1/images/generations"] = send_json({"data": data})
    request = GenerationRequest("a fox", size=ImageSize(64, 64), n=1)
    with NscaleClient(f"{tiny.root}/v1", "fake-token") as client:
        result = client.generate(request)
    assert len(result.images) == 1
    assert result.failures == ()
    assert result.items_returned == 10_000


def test_fewer_items_than_asked_are_counted(tiny):
    tiny.routes["/v1/images/generations"] = send_json({"data": [{"b64_json": png()}]})
    request = GenerationRequest("a fox", size=ImageSize(64, 64), n=3)
    with NscaleClient(f"{tiny.root}/v1", "fake-token") as client:
        result = client.generate(request)
    assert len(result.images) == 1 and result.items_returned == 1
