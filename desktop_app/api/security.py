"""What may carry the service token, and to where: the token wrapper and the URL rules.

Owns `SecretToken` (repr, str, logs, tracebacks and pickling never show the token), what counts
as this machine (`is_loopback_host`), what counts as the same server (`origin`: scheme, host and
port with default ports filled in), and the refusals: a base URL that is not http(s) with a host,
and a token sent over plain http:// to anything but this machine (InsecureTransportError).
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from desktop_app.api.errors import ApiError, InsecureTransportError, InvalidInputError


class SecretToken:
    """Holds the service token so that repr, str, logs and tracebacks never show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "SecretToken(<hidden>)"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("SecretToken cannot be pickled")


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with default ports filled in: what decides "same server"."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def check_base_url(url: str) -> None:
    """Refuse base URLs that are not http(s) with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(
            "The base URL must start with https:// and name a host, "
            "e.g. https://inference.api.nscale.com/v1."
        )


def check_token_transport(url: str) -> None:
    """Refuse to attach the token to a plain http:// URL unless it points at this machine."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "https":
        return
    if parts.scheme.lower() == "http" and is_loopback_host(parts.hostname):
        return
    raise InsecureTransportError()


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be used as an API base URL with a token, or None if it can."""
    try:
        check_base_url(url)
        check_token_transport(url)
    except ApiError as error:
        return error.message
    return None
