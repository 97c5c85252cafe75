"""HTTP plumbing for the API client: one `requests.Session`, safe transport and bounded reads.

This module owns how bytes move: TLS verification, the refusal to send the token over plain
http:// to a non-loopback host, no automatic redirects while the token is attached, connect and
read timeouts, streamed reads with a size cap, cancellation between chunks and while waiting,
and the retry policy with backoff. It maps transport failures to the typed errors and never logs
or puts into an error a header, a body or the token. It does not know the API's JSON shapes.

Retry policy: only 500/502/503/504 and failures to connect (nothing reached the server) are
retried. A read timeout or a dropped connection after a POST was sent is NOT retried, because
the server may already have generated (and charged for) the images. A 429 is never retried.
"""

from __future__ import annotations

import ipaddress
import logging
import random
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from desktop_app import USER_AGENT
from desktop_app.api.errors import (
    ApiError,
    CancelledError,
    InsecureTransportError,
    InvalidInputError,
    InvalidResponseError,
    NetworkError,
    RequestTimeoutError,
)
from desktop_app.api.replies import clean_text, error_for_status

log = logging.getLogger(__name__)

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 120.0
DEFAULT_MAX_BODY_BYTES = 128 * 1024 * 1024
DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_BACKOFF_BASE = 0.5
MAX_BACKOFF = 8.0
DEFAULT_MAX_RETRY_AFTER = 30.0
CHUNK_BYTES = 64 * 1024
RETRY_STATUSES = frozenset({500, 502, 503, 504})
# How often a wait for response headers looks at the cancel event.
_CANCEL_POLL_S = 0.05


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


@dataclass(frozen=True)
class Reply:
    """A complete HTTP reply read within the limits."""

    status: int
    headers: Mapping[str, str] = field(repr=False)
    body: bytes = field(repr=False)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class Transport:
    """Sends requests on one session with the project's security, timeout and retry rules."""

    def __init__(
        self,
        session: requests.Session,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        backoff_base: float = DEFAULT_BACKOFF_BASE,
        max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
    ) -> None:
        self.session = session
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_attempts = max(1, max_attempts)
        self.max_body_bytes = max_body_bytes
        self.backoff_base = backoff_base
        self.max_retry_after = max_retry_after
        # Proxy and CA-bundle settings from the environment, resolved once per origin: requests
        # would otherwise scan os.environ (~0.5 ms) on every request. See `_settings_for`.
        self._settings: dict[tuple[str, str, int | None], dict[str, Any]] = {}

    # -- public ---------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        token: SecretToken | None,
        json_body: object | None = None,
        cancel: threading.Event | None = None,
        model: str | None = None,
        retry: bool = True,
        follow_redirects: bool = False,
        accept: str = "application/json",
    ) -> Reply:
        """One logical request with retries; a reply with status >= 400 becomes its ApiError.

        A redirect is never followed while the token is attached: it becomes an
        InvalidResponseError naming the host it pointed to, so the token never leaves the API host.
        """
        if token is not None:
            check_token_transport(url)
        host = urlsplit(url).hostname or "?"
        attempts = self.max_attempts if retry else 1
        for attempt in range(1, attempts + 1):
            _raise_if_cancelled(cancel)
            try:
                reply = self._attempt(
                    method,
                    url,
                    token=token,
                    json_body=json_body,
                    cancel=cancel,
                    follow_redirects=follow_redirects and token is None,
                    accept=accept,
                    idempotent=method.upper() == "GET",
                )
            except _TransportFailure as failure:
                if attempt < attempts and failure.is_safe_to_retry:
                    self._wait_before_retry(attempt, None, cancel, host, failure.error)
                    continue
                raise failure.error from None
            if 300 <= reply.status < 400:
                raise self._redirect_error(reply, host)
            if reply.status >= 400:
                error = error_for_status(
                    reply.status,
                    reply.body,
                    reply.header("content-type"),
                    retry_after=reply.header("retry-after"),
                    model=model,
                )
                if attempt < attempts and reply.status in RETRY_STATUSES:
                    self._wait_before_retry(attempt, error.retry_after, cancel, host, error)
                    continue
                raise error
            return reply
        raise AssertionError("unreachable: the last attempt always returns or raises")

    # -- one attempt ----------------------------------------------------------------------

    def _attempt(
        self,
        method: str,
        url: str,
        *,
        token: SecretToken | None,
        json_body: object | None,
        cancel: threading.Event | None,
        follow_redirects: bool,
        accept: str,
        idempotent: bool,
    ) -> Reply:
        headers = {"Accept": accept, "User-Agent": USER_AGENT}
        if token is not None:
            headers["Authorization"] = f"Bearer {token.reveal()}"
        host = urlsplit(url).hostname or "?"
        started = time.monotonic()
        response = self._send(
            method,
            url,
            headers=headers,
            json_body=json_body,
            cancel=cancel,
            follow_redirects=follow_redirects,
            host=host,
            idempotent=idempotent,
        )
        try:
            body = self._read_body(response, cancel, host, idempotent)
        finally:
            response.close()
        log.debug(
            "%s %s -> %d (%d bytes, %.2f s)",
            method,
            host,
            response.status_code,
            len(body),
            time.monotonic() - started,
        )
        return Reply(
            status=response.status_code,
            headers={key.lower(): value for key, value in response.headers.items()},
            body=body,
        )

    def _send(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        json_body: object | None,
        cancel: threading.Event | None,
        follow_redirects: bool,
        host: str,
        idempotent: bool,
    ) -> requests.Response:
        def send() -> requests.Response:
            # What session.request() does, minus its per-request environment scan.
            prepared = self.session.prepare_request(
                requests.Request(
                    method.upper(),
                    url,
                    headers=headers,
                    json=json_body,
                    # Our own Authorization header must win: without this, requests would
                    # replace the Bearer token by ~/.netrc or session.auth credentials.
                    auth=_keep_headers if "Authorization" in headers else None,
                )
            )
            return self.session.send(
                prepared,
                timeout=(self.connect_timeout, self.read_timeout),
                allow_redirects=follow_redirects,
                **self._settings_for(url),
            )

        try:
            if cancel is None:
                return send()
            return _run_cancellable(send, cancel)
        except requests.RequestException as exc:
            raise _transport_failure(
                exc, host, before_response=True, idempotent=idempotent
            ) from None

    def _settings_for(self, url: str) -> dict[str, Any]:
        """stream/verify/proxies/cert for `url`, from the session and the environment, cached.

        Exactly what requests merges on each request (HTTPS_PROXY/NO_PROXY and friends,
        REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE when the session trusts the environment, the
        session's own proxies and cert), computed once per origin: a client lives for one job
        or one command, far shorter than anyone's proxy configuration.
        """
        key = origin(url)
        settings = self._settings.get(key)
        if settings is None:
            # verify=True: TLS is always verified, even if a caller's session turned it off;
            # the environment may only name another CA bundle.
            settings = self.session.merge_environment_settings(url, {}, True, True, None)
            if settings["verify"] is not True and not isinstance(settings["verify"], str):
                settings["verify"] = True
            self._settings[key] = settings
        return settings

    def _read_body(
        self,
        response: requests.Response,
        cancel: threading.Event | None,
        host: str,
        idempotent: bool,
    ) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            raise self._too_large_error()
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                _raise_if_cancelled(cancel)
                size += len(chunk)
                if size > self.max_body_bytes:
                    raise self._too_large_error()
                chunks.append(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise _transport_failure(
                exc, host, before_response=False, idempotent=idempotent
            ) from None
        _raise_if_cancelled(cancel)
        return b"".join(chunks)

    def _too_large_error(self) -> InvalidResponseError:
        megabytes = self.max_body_bytes / (1024 * 1024)
        return InvalidResponseError(
            f"The server's reply was larger than {megabytes:g} MB; it was abandoned."
        )

    @staticmethod
    def _redirect_error(reply: Reply, host: str) -> InvalidResponseError:
        target = urlsplit(reply.header("location") or "").hostname
        where = f" to {clean_text(target, 100)}" if target else ""
        return InvalidResponseError(
            f"The server at {host} redirected the request{where}. Redirects are not followed "
            "so the token stays with the API host: check the base URL.",
            status=reply.status,
        )

    # -- retries --------------------------------------------------------------------------

    def _wait_before_retry(
        self,
        attempt: int,
        retry_after: float | None,
        cancel: threading.Event | None,
        host: str,
        error: ApiError,
    ) -> None:
        backoff = min(MAX_BACKOFF, self.backoff_base * 2 ** (attempt - 1))
        # Jitter spreads retries from many clients; 75-100 % of the backoff, as the openai SDK.
        delay = backoff * random.uniform(0.75, 1.0)
        if retry_after is not None:
            delay = min(retry_after, self.max_retry_after)
        log.info(
            "%s from %s (attempt %d of %d); retrying in %.2f s",
            error.kind.value,
            host,
            attempt,
            self.max_attempts,
            delay,
        )
        waiter = cancel if cancel is not None else threading.Event()
        if waiter.wait(delay):
            raise CancelledError()


def _keep_headers(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """An "auth" that changes nothing, so requests applies no other credentials."""
    return request


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()


def _run_cancellable(send: Any, cancel: threading.Event) -> requests.Response:
    """Wait for response headers on a helper thread so a cancel takes effect at once.

    requests cannot interrupt a blocked socket read; the helper thread finishes on its own (within
    the read timeout) and closes whatever response it gets after we have given up on it.
    """
    outcome: dict[str, Any] = {}
    done = threading.Event()
    lock = threading.Lock()
    abandoned = False

    def run() -> None:
        try:
            result = send()
        except BaseException as exc:
            outcome["error"] = exc
        else:
            with lock:
                if abandoned:
                    result.close()
                    return
                outcome["response"] = result
        done.set()

    threading.Thread(target=run, name="nscale-http", daemon=True).start()
    while not done.wait(_CANCEL_POLL_S):
        if cancel.is_set():
            with lock:
                if not done.is_set() and "response" not in outcome:
                    abandoned = True
                    raise CancelledError()
    if "error" in outcome:
        raise outcome["error"]
    response: requests.Response = outcome["response"]
    return response


class _TransportFailure(Exception):
    """Internal: a transport error plus whether sending again is safe (never leaves this module)."""

    def __init__(self, error: ApiError, is_safe_to_retry: bool) -> None:
        super().__init__(error.message)
        self.error = error
        self.is_safe_to_retry = is_safe_to_retry


def _transport_failure(
    exc: BaseException, host: str, *, before_response: bool, idempotent: bool
) -> _TransportFailure:
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
    elif before_response:
        error = NetworkError(f"Could not reach {host}: {_reason(text)}.")
        retry = True
    else:
        error = NetworkError(f"The connection to {host} broke while the reply was being read.")
        retry = idempotent
    return _TransportFailure(error, retry)


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
