"""The one place the window makes API clients: for jobs, the model refresh and Settings' test.

Owns the client factory (tests pass one with a single attempt), the token store (made on first
use, so `keyring`, which scans entry points, loads after the first paint) and the connection
(base URL and read timeout), which worker threads read and the GUI thread replaces (never
mutates) after Settings are saved. `make_client` and `list_models` run on worker threads: the
keyring lookup and the client creation happen there, never on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop_app.settings import Settings, effective_base_url

if TYPE_CHECKING:
    from desktop_app.api.types import ModelInfo
    from desktop_app.jobs import GenerationClient
    from desktop_app.secrets import TokenStore

ClientFactory = Callable[[str, str | None, float], "GenerationClient"]


def default_client_factory(base_url: str, token: str | None, read_timeout: float) -> Any:
    from desktop_app.api.client import NscaleClient  # imported lazily: keeps start-up lean

    return NscaleClient(base_url, token, read_timeout=read_timeout)


class ClientProvider:
    """Makes clients for the window's settings and token store."""

    def __init__(self, settings: Settings, token_store: TokenStore | None,
                 factory: ClientFactory = default_client_factory) -> None:
        self._settings = settings
        self._token_store = token_store
        self.factory = factory
        # Read by worker threads; replaced (never mutated) on the GUI thread.
        self.connection = (effective_base_url(settings)[0], settings.read_timeout)

    @property
    def token_store(self) -> TokenStore:
        if self._token_store is None:
            from desktop_app.secrets import TokenStore

            self._token_store = TokenStore()
        return self._token_store

    @property
    def has_token_store(self) -> bool:
        """Whether the token store (and so `keyring`) was made yet."""
        return self._token_store is not None

    def settings_changed(self) -> None:
        """After Settings > Save (GUI thread): the next client uses the new URL and timeout."""
        self.connection = (effective_base_url(self._settings)[0], self._settings.read_timeout)

    def make_client(self) -> GenerationClient:
        """A client with the stored token (worker thread)."""
        base_url, read_timeout = self.connection
        token = self.token_store.resolve()
        return self.factory(base_url, token.reveal() if token else None, read_timeout)

    def model_infos(self, cancel: threading.Event) -> list[ModelInfo]:
        """GET /models with the stored token (worker thread)."""
        client: Any = self.make_client()
        try:
            infos: list[ModelInfo] = client.list_model_info(cancel)
            return infos
        finally:
            client.close()

    def list_models(self, base_url: str, token: str | None) -> list[str]:
        """Settings' "Test connection": the ids at a URL with a typed token (worker thread)."""
        client: Any = self.factory(base_url, token, self._settings.read_timeout)
        try:
            models: list[str] = client.list_models()
            return models
        finally:
            client.close()
