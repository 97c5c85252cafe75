"""NscaleClient model listing against the real local server, with the built-in fallback."""

from __future__ import annotations

import pytest

from desktop_app.api import errors
from desktop_app.api.client import FALLBACK_MODELS, NscaleClient
from desktop_app.api.types import ModelInfo


def test_list_models_returns_the_servers_image_models(server):
    with NscaleClient(server.base_url, server.token) as api:
        assert api.list_models() == list(FALLBACK_MODELS)
    stats = server.stats()
    assert stats["models"] == 1
    assert stats["last_headers"]["authorization"] == f"Bearer {server.token}"


def test_list_model_info_reads_prices_per_megapixel(server):
    with NscaleClient(server.base_url, server.token) as api:
        infos = api.list_model_info()
    assert infos == [
        ModelInfo("black-forest-labs/FLUX.1-schnell", 0.0013, True),
        ModelInfo("stabilityai/stable-diffusion-xl-base-1.0", 0.003, True),
    ]


def test_list_models_needs_a_token(server):
    with NscaleClient(server.base_url, None) as api, pytest.raises(errors.NoTokenError):
        api.list_models()
    assert server.stats()["models"] == 0


def test_wrong_token_falls_back_with_the_reason(server):
    with NscaleClient(server.base_url, "wrong") as api:
        models, error = api.list_models_or_fallback()
    assert models == list(FALLBACK_MODELS)
    assert isinstance(error, errors.UnauthorizedError)


def test_model_list_is_retried_when_unavailable(server):
    server.add_faults({"status": 503})
    with NscaleClient(server.base_url, server.token, backoff_base=0.01) as api:
        models, error = api.list_models_or_fallback()
    assert error is None
    assert models == list(FALLBACK_MODELS)
    assert server.stats()["models"] == 2


def test_malformed_model_list_falls_back(server):
    server.add_faults({"kind": "malformed_json"})
    with NscaleClient(server.base_url, server.token) as api:
        models, error = api.list_models_or_fallback()
    assert models == list(FALLBACK_MODELS)
    assert isinstance(error, errors.InvalidResponseError)


def test_model_list_read_timeout_is_retried_because_get_is_safe_to_repeat(server):
    server.add_faults({"kind": "slow", "seconds": 3})
    with NscaleClient(server.base_url, server.token, read_timeout=0.3, backoff_base=0.01) as api:
        assert api.list_models() == list(FALLBACK_MODELS)
    assert server.stats()["models"] == 2
