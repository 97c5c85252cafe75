"""The service token: where it comes from, where it is kept, and how it stays secret.

Resolution order: the `NSCALE_SERVICE_TOKEN` environment variable, then a token kept for this
session only (in memory), then the OS keyring (service `nscale-studio`). This module never writes
the token to a file itself; it refuses a plaintext keyring backend unless the caller says the user
agreed. `ServiceToken` masks itself in `repr`/`str` so it cannot slip into logs or messages.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from enum import Enum

import keyring
import keyring.backend
import keyring.errors

from desktop_app import APP_ID, TOKEN_ENV_VAR
from desktop_app.logs import register_secret

log = logging.getLogger(__name__)

KEYRING_SERVICE = APP_ID
KEYRING_USERNAME = "service-token"
MAX_TOKEN_LENGTH = 4096


class TokenSource(Enum):
    ENVIRONMENT = "environment"
    SESSION = "session"
    KEYRING = "keyring"
    NONE = "none"

    @property
    def description(self) -> str:
        return {
            TokenSource.ENVIRONMENT: f"the {TOKEN_ENV_VAR} environment variable",
            TokenSource.SESSION: "this session only (kept in memory)",
            TokenSource.KEYRING: "the system keyring",
            TokenSource.NONE: "nowhere",
        }[self]


class ServiceToken:
    """A service token that never shows itself by accident."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        register_secret(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "ServiceToken(***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ServiceToken) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class KeyringUnavailableError(Exception):
    """The keyring cannot store the token; the message says why and what to do.

    `reason` is the why alone, for front ends that offer their own remedy.
    """

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


class PlaintextKeyringError(KeyringUnavailableError):
    """The only keyring backend writes secrets to a plain file; the user must agree first."""


@dataclass(frozen=True)
class TokenStatus:
    is_set: bool
    source: TokenSource
    backend_name: str
    backend_usable: bool
    backend_is_plaintext: bool
    problem: str | None  # why the keyring cannot be used, in plain words


def validate_token(token: str) -> str:
    """Return the cleaned token, or raise ValueError with a message that never contains it."""
    cleaned = token.strip()
    if not cleaned:
        raise ValueError("The service token is empty.")
    if len(cleaned) > MAX_TOKEN_LENGTH:
        raise ValueError(f"The service token is longer than {MAX_TOKEN_LENGTH} characters.")
    if any(ch.isspace() or not ch.isprintable() for ch in cleaned):
        raise ValueError("The service token contains spaces or control characters.")
    if not cleaned.isascii():
        raise ValueError("The service token contains non-ASCII characters.")
    return cleaned


def _leaf_backends(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    inner = getattr(backend, "backends", None)
    if isinstance(inner, list | tuple) and inner:
        return list(inner)
    return [backend]


def backend_name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


_FRIENDLY_BACKENDS = {
    "keyring.backends.SecretService": "Secret Service (GNOME Keyring, KWallet, KeePassXC…)",
    "keyring.backends.kwallet": "KDE Wallet",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.libsecret": "Secret Service via libsecret",
    "keyring.backends.fail": "none",
    "keyring.backends.null": "none",
    "keyrings.alt.file": "a plain file (keyrings.alt)",
}


def friendly_backend_name(name: str) -> str:
    """A person's name for a backend description from `TokenStatus.backend_name`."""
    parts = []
    for qualified in name.split(", "):
        module = qualified.rsplit(".", 1)[0]
        parts.append(_FRIENDLY_BACKENDS.get(module, qualified))
    friendly = ", ".join(dict.fromkeys(parts))
    return friendly or "none"


def _is_fail_backend(backend: keyring.backend.KeyringBackend) -> bool:
    return type(backend).__module__ in ("keyring.backends.fail", "keyring.backends.null")


def _is_plaintext_backend(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    name = type(backend).__qualname__
    # keyrings.alt's file backends keep secrets in files; only the encrypted one asks for a
    # password, and even that is not a system secret store.
    return module.startswith("keyrings.alt") or "Plaintext" in name


class TokenStore:
    """Finds, keeps and forgets the service token. One instance per process."""

    def __init__(self) -> None:
        self._session_token: ServiceToken | None = None

    # -- inspection -------------------------------------------------------------------------

    @staticmethod
    def _backend() -> keyring.backend.KeyringBackend:
        return keyring.get_keyring()

    def _describe_backend(self) -> tuple[str, bool, bool, str | None]:
        backend = self._backend()
        leaves = _leaf_backends(backend)
        usable = [leaf for leaf in leaves if not _is_fail_backend(leaf)]
        name = ", ".join(backend_name(leaf) for leaf in leaves)
        if not usable:
            return (
                name,
                False,
                False,
                "No system keyring is available (no Secret Service, KWallet, macOS Keychain or "
                "Windows Credential Locker was found).",
            )
        plaintext = all(_is_plaintext_backend(leaf) for leaf in usable)
        return name, True, plaintext, None

    def _read_keyring(self) -> tuple[ServiceToken | None, str | None]:
        try:
            value = keyring.get_password(KEYRING_SERVICE, KEYRING_USERNAME)
        except keyring.errors.KeyringLocked:
            return None, "The system keyring is locked. Unlock it (log in again) and retry."
        except keyring.errors.NoKeyringError:
            return None, None
        except Exception as error:  # D-Bus and backend failures come in many types
            log.warning("Reading the keyring failed: %s", type(error).__name__)
            return None, f"The system keyring could not be read ({type(error).__name__})."
        if not value:
            return None, None
        return ServiceToken(value), None

    def resolve(self) -> ServiceToken | None:
        """The token to use now, or None when there is none."""
        return self._resolve()[0]

    def _resolve(self) -> tuple[ServiceToken | None, TokenSource, str | None]:
        from_env = os.environ.get(TOKEN_ENV_VAR, "").strip()
        if from_env:
            return ServiceToken(from_env), TokenSource.ENVIRONMENT, None
        if self._session_token is not None:
            return self._session_token, TokenSource.SESSION, None
        token, problem = self._read_keyring()
        if token is not None:
            return token, TokenSource.KEYRING, None
        return None, TokenSource.NONE, problem

    def status(self) -> TokenStatus:
        token, source, read_problem = self._resolve()
        name, usable, plaintext, problem = self._describe_backend()
        return TokenStatus(
            is_set=token is not None,
            source=source,
            backend_name=name,
            backend_usable=usable and read_problem is None,
            backend_is_plaintext=plaintext,
            problem=read_problem or problem,
        )

    # -- changes ----------------------------------------------------------------------------

    def save(
        self, token: str, *, session_only: bool = False, allow_plaintext: bool = False
    ) -> TokenSource:
        """Keep the token in the keyring (or in memory for this session); return where it went."""
        cleaned = validate_token(token)
        if session_only:
            self._session_token = ServiceToken(cleaned)
            return TokenSource.SESSION
        _name, usable, plaintext, problem = self._describe_backend()
        if not usable:
            raise KeyringUnavailableError(
                f"{problem} The token can be kept for this session only, or provided through "
                f"the {TOKEN_ENV_VAR} environment variable.",
                reason=problem,
            )
        if plaintext and not allow_plaintext:
            raise PlaintextKeyringError(
                "The only keyring available stores secrets unencrypted in a plain file. "
                "Allow it explicitly, or keep the token for this session only."
            )
        try:
            keyring.set_password(KEYRING_SERVICE, KEYRING_USERNAME, cleaned)
        except keyring.errors.KeyringLocked as error:
            raise KeyringUnavailableError(
                "The system keyring is locked. Unlock it and try again, or keep the token for "
                "this session only."
            ) from error
        except Exception as error:
            log.warning("Writing the keyring failed: %s", type(error).__name__)
            raise KeyringUnavailableError(
                f"The system keyring refused to store the token ({type(error).__name__}). "
                "Keep it for this session only, or use the "
                f"{TOKEN_ENV_VAR} environment variable."
            ) from None
        register_secret(cleaned)
        self._session_token = None
        return TokenSource.KEYRING

    def clear(self) -> bool:
        """Forget the session token and delete the keyring entry; False if there is no keyring.

        Without a usable keyring nothing can have been stored there, so there is nothing to
        remove: that is reported, not raised.
        """
        self._session_token = None
        _name, usable, _plaintext, _problem = self._describe_backend()
        if not usable:
            return False
        try:
            keyring.delete_password(KEYRING_SERVICE, KEYRING_USERNAME)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringLocked as error:
            raise KeyringUnavailableError(
                "The system keyring is locked; unlock it to remove the token."
            ) from error
        except keyring.errors.NoKeyringError:
            return False
        except Exception as error:
            log.warning("Deleting from the keyring failed: %s", type(error).__name__)
            raise KeyringUnavailableError(
                f"The system keyring could not remove the token ({type(error).__name__})."
            ) from None
        return True
