"""The window's one client provider (#13): the token is read where the client is made, and a
saved URL or timeout applies to the next client."""

from __future__ import annotations

from typing import Any

from desktop_app.settings import Settings
from desktop_app.ui.client_provider import ClientProvider


class _Token:
    def reveal(self) -> str:
        return "secret"


class _Store:
    def __init__(self, token: Any) -> None:
        self.token = token
        self.resolved = 0

    def resolve(self) -> Any:
        self.resolved += 1
        return self.token


class _Client:
    def __init__(self, made: list[tuple[str, str | None, float]], args: tuple[Any, ...]) -> None:
        made.append(args)
        self.closed = False

    def list_models(self) -> list[str]:
        return ["m/a"]

    def close(self) -> None:
        self.closed = True


def _provider(settings: Settings, store: _Store) -> tuple[ClientProvider, list[Any]]:
    made: list[Any] = []
    provider = ClientProvider(settings, store, lambda *args: _Client(made, args))
    return provider, made


def test_clients_use_the_stored_token_and_the_saved_connection(monkeypatch) -> None:
    monkeypatch.delenv("NSCALE_BASE_URL", raising=False)
    settings = Settings(base_url="http://127.0.0.1:1/v1", read_timeout=12.0)
    store = _Store(_Token())
    provider, made = _provider(settings, store)
    provider.make_client()
    assert made == [("http://127.0.0.1:1/v1", "secret", 12.0)] and store.resolved == 1
    settings.base_url, settings.read_timeout = "http://127.0.0.1:2/v1", 5.0
    provider.make_client()
    assert made[-1] == ("http://127.0.0.1:1/v1", "secret", 12.0)  # not until saved
    provider.settings_changed()
    provider.make_client()
    assert made[-1] == ("http://127.0.0.1:2/v1", "secret", 5.0)


def test_no_token_makes_an_anonymous_client_and_the_test_uses_the_typed_one(monkeypatch) -> None:
    monkeypatch.delenv("NSCALE_BASE_URL", raising=False)
    provider, made = _provider(Settings(base_url="http://127.0.0.1:1/v1"), _Store(None))
    provider.make_client()
    assert made[-1][1] is None
    assert provider.list_models("http://127.0.0.1:3/v1", "typed") == ["m/a"]
    assert made[-1][:2] == ("http://127.0.0.1:3/v1", "typed")
    assert provider.has_token_store
