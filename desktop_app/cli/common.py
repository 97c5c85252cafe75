"""What several CLI commands share: where the base URL and the token come from, and the client."""

from __future__ import annotations

import argparse

from desktop_app import BASE_URL_ENV_VAR
from desktop_app.api.client import NscaleClient
from desktop_app.secrets import TokenStore
from desktop_app.settings import Settings, effective_base_url


def add_base_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help=f"API base URL (default: ${BASE_URL_ENV_VAR}, else the saved setting, else Nscale's)",
    )


def resolve_base_url(args: argparse.Namespace, settings: Settings) -> str:
    return getattr(args, "base_url", None) or effective_base_url(settings)[0]


def make_client(
    args: argparse.Namespace, settings: Settings, read_timeout: float | None = None
) -> NscaleClient:
    token = TokenStore().resolve()
    return NscaleClient(
        resolve_base_url(args, settings),
        token.reveal() if token is not None else None,
        read_timeout=read_timeout or settings.read_timeout,
    )
