"""Prices per megapixel for each model, where they come from, and the cost of one request.

Owns the default price list (the one place prices are written down in code), the cache of
prices the server published in `GET /models`, the precedence rule (the user's edits win over the
server's prices, which win over the defaults) and the formatting of an amount of money. All
figures are estimates in US dollars: Nscale's bill is the authority. Pure Python: no Qt, no
network (the caller passes the `ModelInfo` list it already fetched).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from desktop_app import paths
from desktop_app.api.types import ModelInfo

log = logging.getLogger(__name__)

# Third-party listings of Nscale's serverless prices (see docs/usage.md); editable data.
DEFAULT_PRICES: Mapping[str, float] = {
    "black-forest-labs/FLUX.1-schnell": 0.0013,
    "stabilityai/stable-diffusion-xl-base-1.0": 0.003,
}
CURRENCY = "USD"
ESTIMATE_NOTICE = (
    "Spend is an estimate: requests made by this app on this computer, times your prices per "
    "megapixel. Your Nscale bill is the authority."
)
_SERVER_PRICES_FILE = "server_prices.json"


class PriceSource(Enum):
    USER = "user"
    SERVER = "server"
    DEFAULT = "default"


@dataclass(frozen=True)
class PriceTable:
    """The three price lists, merged by precedence: user, then server, then defaults."""

    user: Mapping[str, float] = field(default_factory=dict)
    server: Mapping[str, float] = field(default_factory=dict)
    defaults: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_PRICES))

    def lookup(self, model: str) -> tuple[float, PriceSource] | None:
        for source, prices in (
            (PriceSource.USER, self.user),
            (PriceSource.SERVER, self.server),
            (PriceSource.DEFAULT, self.defaults),
        ):
            price = find_price(prices, model)
            if price is not None:
                return price, source
        return None

    def price(self, model: str) -> float | None:
        found = self.lookup(model)
        return found[0] if found is not None else None

    def models(self) -> list[str]:
        return sorted({*self.defaults, *self.server, *self.user}, key=str.casefold)

    def effective(self) -> dict[str, float]:
        """One flat {model: $ per megapixel} with the precedence applied."""
        merged = {**self.defaults, **self.server, **self.user}
        return {model: price for model, price in merged.items() if _is_price(price)}


def _is_price(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def find_price(prices: Mapping[str, float], model: str) -> float | None:
    """The price of `model` in one flat price list (exact id first, then ignoring case)."""
    model = model.strip()
    price = prices.get(model)
    if price is None:
        # Servers and users are not consistent about case ("FLUX.1-schnell" vs "flux.1-schnell").
        folded = model.casefold()
        price = next((p for m, p in prices.items() if m.strip().casefold() == folded), None)
    return float(price) if price is not None and _is_price(price) else None


def effective_prices(
    user: Mapping[str, float] | None = None, server: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Defaults, overridden by the server's prices, overridden by the user's."""
    return PriceTable(user=dict(user or {}), server=dict(server or {})).effective()


def estimate_cost(
    model: str, width: int, height: int, n: int, prices: Mapping[str, float]
) -> float | None:
    """n x W x H / 1e6 x price per megapixel; None when the model has no known price."""
    price = find_price(prices, model)
    if price is None or width <= 0 or height <= 0 or n <= 0:
        return None if price is None else 0.0
    return n * width * height / 1_000_000 * price


def format_cost(value: float | None) -> str:
    """"$0.0013", "$12.35", "<$0.0001" or "price unknown"."""
    if value is None or not math.isfinite(value):
        return "price unknown"
    if value == 0:
        return "$0.00"
    if value >= 1:
        return f"${value:,.2f}"
    if value < 0.0001:
        return "<$0.0001"
    return f"${value:.4f}"


def format_price_amount(value: float) -> str:
    """A price per megapixel without its unit, e.g. "$0.0013" (the window adds a translated
    "/ MP")."""
    return f"${value:.4f}" if value >= 0.0001 or value == 0 else f"${value:.6f}"


def format_price(value: float | None) -> str:
    """A price per megapixel, e.g. "$0.0013 / MP"."""
    if value is None:
        return "price unknown"
    return f"{format_price_amount(value)} / MP"


# --- the server's prices, cached so the usage view and the CLI work offline -----------------


def server_prices_file() -> Path:
    return paths.cache_dir() / _SERVER_PRICES_FILE


def server_prices_from(infos: Iterable[ModelInfo]) -> dict[str, float]:
    return {
        info.id: float(info.price_per_megapixel)
        for info in infos
        if info.price_per_megapixel is not None and _is_price(info.price_per_megapixel)
    }


def load_server_prices(path: Path | None = None) -> dict[str, float]:
    """The prices last seen in `GET /models`; empty when none were ever seen or the file is bad."""
    path = path or server_prices_file()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("Ignoring the cached server prices in %s: %s", path, error)
        return {}
    prices = document.get("prices") if isinstance(document, dict) else None
    if not isinstance(prices, dict):
        return {}
    return {str(model): float(price) for model, price in prices.items() if _is_price(price)}


def save_server_prices(infos: Iterable[ModelInfo], path: Path | None = None) -> dict[str, float]:
    """Remember the prices in a `list_model_info()` reply; returns them. Never raises OSError.

    A reply without any price leaves the cache as it was: a server that stopped publishing
    prices says nothing about what it charges.
    """
    prices = server_prices_from(infos)
    if not prices:
        return prices
    path = path or server_prices_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".prices-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump({"currency": CURRENCY, "prices": prices}, stream, indent=2)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as error:
        log.warning("Could not cache the server's prices in %s: %s", path, error)
    return prices
