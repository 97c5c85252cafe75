"""The token store: resolution order, masking, and clear failures without a usable keyring."""

from __future__ import annotations

import logging

import keyring
import keyring.backend
import keyring.errors
import pytest

from desktop_app.logs import RedactionFilter, redact
from desktop_app.secrets import (
    KeyringUnavailableError,
    PlaintextKeyringError,
    ServiceToken,
    TokenSource,
    TokenStore,
    validate_token,
)
from tests.keyring_fakes import LockedKeyring, MemoryKeyring, PlaintextKeyring

SECRET = "tok-unit-7f3e9b2a"


def test_service_token_never_shows_itself() -> None:
    token = ServiceToken(SECRET)
    assert SECRET not in repr(token)
    assert SECRET not in str(token)
    assert SECRET not in f"{token}"
    assert token.reveal() == SECRET


def test_environment_wins_over_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    store = TokenStore()
    store.save("from-keyring-123")
    monkeypatch.setenv("NSCALE_SERVICE_TOKEN", "from-env-456")
    status = store.status()
    assert status.source is TokenSource.ENVIRONMENT
    assert store.resolve() == ServiceToken("from-env-456")
    monkeypatch.delenv("NSCALE_SERVICE_TOKEN")
    assert store.resolve() == ServiceToken("from-keyring-123")
    assert store.status().source is TokenSource.KEYRING


def test_fail_backend_is_explained_and_session_only_works() -> None:
    store = TokenStore()  # conftest installs the "fail" backend
    status = store.status()
    assert not status.is_set
    assert not status.backend_usable
    assert status.problem and "keyring" in status.problem.lower()
    with pytest.raises(KeyringUnavailableError, match="session only"):
        store.save(SECRET)
    assert store.save(SECRET, session_only=True) is TokenSource.SESSION
    assert store.resolve() == ServiceToken(SECRET)
    assert store.status().source is TokenSource.SESSION
    store.clear()
    assert store.resolve() is None


def test_plaintext_backend_needs_consent() -> None:
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    store = TokenStore()
    assert store.status().backend_is_plaintext
    with pytest.raises(PlaintextKeyringError):
        store.save(SECRET)
    assert backend.items == {}
    assert store.save(SECRET, allow_plaintext=True) is TokenSource.KEYRING
    assert backend.items


def test_locked_keyring_is_explained() -> None:
    keyring.set_keyring(LockedKeyring())
    store = TokenStore()
    status = store.status()
    assert not status.is_set
    assert not status.backend_usable
    assert status.problem and "locked" in status.problem
    with pytest.raises(KeyringUnavailableError, match="locked"):
        store.save(SECRET)


def test_clear_removes_the_keyring_entry() -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    store = TokenStore()
    store.save(SECRET)
    store.clear()
    assert backend.items == {}
    store.clear()  # clearing twice is fine


@pytest.mark.parametrize("bad", ["", "   ", "has space", "line\nbreak", "ünïcode", "x" * 5000])
def test_invalid_tokens_are_refused_without_echoing_them(bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_token(bad)
    if bad.strip():
        assert bad.strip() not in str(caught.value)


def test_log_records_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    ServiceToken(SECRET)  # registering happens when a token is created
    logger = logging.getLogger("desktop_app.test")
    handler_filter = RedactionFilter()
    record = logger.makeRecord(
        "x", logging.INFO, __file__, 1, "sent %s with Authorization: Bearer %s", ("req", SECRET),
        None,
    )
    handler_filter.filter(record)
    assert SECRET not in record.getMessage()
    assert "Bearer ***" in record.getMessage()
    assert redact(f"token={SECRET}") == "token=***"


@pytest.mark.parametrize(
    ("name", "friendly"),
    [
        ("keyring.backends.SecretService.Keyring", "Secret Service"),
        ("keyring.backends.fail.Keyring", "none"),
        ("keyring.backends.macOS.Keyring", "macOS Keychain"),
        ("keyring.backends.Windows.WinVaultKeyring", "Windows Credential Locker"),
        ("keyrings.alt.file.PlaintextKeyring", "plain file"),
        ("some.other.Backend", "some.other.Backend"),
    ],
)
def test_backends_have_friendly_names(name: str, friendly: str) -> None:
    from desktop_app.secrets import friendly_backend_name

    assert friendly in friendly_backend_name(name)
