"""Transport failures as the typed errors: short, token-free messages, and whether to send again.

Owns the mapping from what `requests`/urllib3 raise to `NetworkError`/`RequestTimeoutError`
with a message a user understands (never a header, a body or the token), and the rule that
keeps a paid request from being sent twice: only a failure before anything reached the server
(connect, DNS, proxy) or of an idempotent GET may be retried; a read timeout or a hang-up after
a POST was sent may have generated (and charged for) images and is not. Also the two refusals
of a reply met on the way: one larger than the body cap, and a redirect while the token is
attached.
"""

from __future__ import annotations

import http.client
import logging
from urllib.parse import urlsplit

import requests
import urllib3
import urllib3.exceptions

from desktop_app.api.errors import (
    ApiError,
    InvalidResponseError,
    NetworkError,
    RequestTimeoutError,
)
from desktop_app.api.replies import clean_text

log = logging.getLogger(__name__)


class TransportFailure(Exception):
    """A transport error plus whether sending again is safe (never leaves the api package)."""

    def __init__(self, error: ApiError, is_safe_to_retry: bool) -> None:
        super().__init__(error.message)
        self.error = error
        self.is_safe_to_retry = is_safe_to_retry


def transport_failure(
    exc: BaseException, host: str, *, before_response: bool, idempotent: bool
) -> TransportFailure:
    """A short, token-free error for a transport failure; marks whether a retry is safe."""
    name = type(exc).__name__
    log.debug("transport failure talking to %s: %s", host, name)
    text = str(exc)
    is_read_timeout = isinstance(exc, requests.ReadTimeout) or "Read timed out" in text
    error: ApiError
    if isinstance(exc, requests.ConnectTimeout):
        error = NetworkError(f"Could not connect to {host}: the connection timed out.")
        retry = True
    elif is_read_timeout:
        error = RequestTimeoutError(f"{host} did not answer in time.")
        # The request was sent: retrying a POST could generate (and charge) twice.
        retry = idempotent
    elif isinstance(exc, requests.exceptions.SSLError):
        error = NetworkError(
            f"Could not connect securely to {host}: its TLS certificate could not be verified."
        )
        retry = False
    elif before_response and (idempotent or _never_sent(exc)):
        error = NetworkError(f"Could not reach {host}: {_reason(text)}.")
        retry = True
    elif before_response:
        # Connected, sent, and then no answer: the server may have generated (and charged).
        what = (
            "sent a reply that is not valid HTTP"
            if _is_garbled_reply(exc)
            else "closed the connection before it answered"
        )
        error = NetworkError(
            f"{host} {what}; the request was not sent again because the server may already "
            "have processed it."
        )
        retry = False
    else:
        error = NetworkError(f"The connection to {host} broke while the reply was being read.")
        retry = idempotent
    return TransportFailure(error, retry)


def _never_sent(exc: BaseException) -> bool:
    """Whether `exc` happened before the request left this machine (connect, DNS, proxy).

    urllib3 wraps those in MaxRetryError(reason=NewConnectionError/ConnectTimeoutError); a
    server that closes the connection after reading the request is a bare ProtocolError.
    """
    if isinstance(exc, requests.exceptions.ProxyError | requests.ConnectTimeout):
        return True
    cause = exc.args[0] if exc.args else None
    reason = getattr(cause, "reason", cause)
    return isinstance(
        reason, urllib3.exceptions.NewConnectionError | urllib3.exceptions.ConnectTimeoutError
    )


def _is_garbled_reply(exc: BaseException) -> bool:
    """A status line or headers http.client refused (not a hang-up without a reply)."""
    cause = exc.args[0] if exc.args else None
    inner = cause.args[1] if isinstance(cause, Exception) and len(cause.args) > 1 else None
    return isinstance(inner, http.client.HTTPException) and not isinstance(
        inner, http.client.RemoteDisconnected
    )


def _reason(text: str) -> str:
    lowered = text.lower()
    if "refused" in lowered:
        return "the connection was refused"
    if any(
        s in lowered
        for s in (
            "name or service not known",
            "getaddrinfo",
            "nodename",
            "name resolution",
            "no address associated",
        )
    ):
        return "the host name could not be resolved"
    if "reset" in lowered or "aborted" in lowered or "remotedisconnected" in lowered:
        return "the connection was closed by the server"
    if "proxy" in lowered:
        return "the proxy could not be reached"
    return "the connection failed"


def too_large_error(max_body: int) -> InvalidResponseError:
    megabytes = max_body / (1024 * 1024)
    return InvalidResponseError(
        f"The server's reply was larger than {megabytes:g} MB; it was abandoned."
    )


def redirect_error(status: int, location: str | None, host: str) -> InvalidResponseError:
    """A redirect met while the token was attached: never followed, named by its target host."""
    target = urlsplit(location or "").hostname
    where = f" to {clean_text(target, 100)}" if target else ""
    return InvalidResponseError(
        f"The server at {host} redirected the request{where}. Redirects are not followed "
        "so the token stays with the API host: check the base URL.",
        status=status,
    )
