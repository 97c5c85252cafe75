"""Prices: user edits win over the server's prices, which win over the defaults; cost formulas."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from desktop_app.api.types import ModelInfo
from desktop_app.usage import (
    DEFAULT_PRICES,
    PriceSource,
    PriceTable,
    effective_prices,
    estimate_cost,
    format_cost,
    load_server_prices,
    save_server_prices,
)
from desktop_app.usage.pricing import server_prices_file

FLUX = "black-forest-labs/FLUX.1-schnell"
SDXL = "stabilityai/stable-diffusion-xl-base-1.0"


def test_defaults_are_the_documented_nscale_prices() -> None:
    assert DEFAULT_PRICES == {FLUX: 0.0013, SDXL: 0.003}


def test_user_beats_server_beats_default() -> None:
    table = PriceTable(user={FLUX: 0.002}, server={FLUX: 0.0015, SDXL: 0.0025, "x/y": 0.1})
    assert table.lookup(FLUX) == (0.002, PriceSource.USER)
    assert table.lookup(SDXL) == (0.0025, PriceSource.SERVER)
    assert table.lookup("x/y") == (0.1, PriceSource.SERVER)
    assert PriceTable().lookup(SDXL) == (0.003, PriceSource.DEFAULT)
    assert table.lookup("nobody/knows") is None
    assert effective_prices({FLUX: 0.002}, {SDXL: 0.0025}) == {FLUX: 0.002, SDXL: 0.0025}


def test_model_ids_match_ignoring_case() -> None:
    assert PriceTable().price("black-forest-labs/flux.1-schnell") == 0.0013


def test_bad_prices_are_ignored() -> None:
    table = PriceTable(user={FLUX: math.nan, SDXL: -1.0})
    assert table.lookup(FLUX) == (0.0013, PriceSource.DEFAULT)
    assert table.lookup(SDXL) == (0.003, PriceSource.DEFAULT)


def test_estimate_is_n_times_megapixels_times_price() -> None:
    assert estimate_cost(FLUX, 1024, 1024, 4, DEFAULT_PRICES) == pytest.approx(
        4 * 1.048576 * 0.0013)
    assert estimate_cost(SDXL, 1000, 1000, 1, DEFAULT_PRICES) == pytest.approx(0.003)
    assert estimate_cost("nobody/knows", 512, 512, 1, DEFAULT_PRICES) is None


@pytest.mark.parametrize(("value", "text"), [
    (0.0013, "$0.0013"), (0.00136, "$0.0014"), (12.345, "$12.35"), (1234.5, "$1,234.50"),
    (0.0, "$0.00"), (0.00001, "<$0.0001"), (None, "price unknown"),
])
def test_format_cost(value: float | None, text: str) -> None:
    assert format_cost(value) == text


def test_server_prices_are_cached_for_offline_use() -> None:
    saved = save_server_prices([ModelInfo(FLUX, 0.0011), ModelInfo("other/model", None)])
    assert saved == {FLUX: 0.0011}
    assert load_server_prices() == {FLUX: 0.0011}
    # A later model list without prices says nothing about prices: keep what we knew.
    save_server_prices([ModelInfo(FLUX, None)])
    assert load_server_prices() == {FLUX: 0.0011}


def test_a_corrupt_price_cache_reads_as_empty() -> None:
    path = server_prices_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_server_prices() == {}


def test_an_unwritable_price_cache_does_not_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert save_server_prices([ModelInfo(FLUX, 0.001)], blocker / "sub" / "p.json") == {
        FLUX: 0.001}


def test_prices_from_the_local_servers_model_list(server) -> None:
    from desktop_app.api.client import NscaleClient

    with NscaleClient(server.base_url, server.token) as client:
        saved = save_server_prices(client.list_model_info())
    assert saved == {FLUX: 0.0013, SDXL: 0.003}
    assert PriceTable(server=load_server_prices()).lookup(SDXL) == (0.003, PriceSource.SERVER)
