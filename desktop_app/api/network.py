"""HTTP plumbing for the API client: one `requests.Session`, safe transport and bounded reads.

This module owns how bytes move: TLS verification, the refusal to send the token over plain
http:// to a non-loopback host, no automatic redirects while the token is attached, connect and
read timeouts, streamed reads with a size cap, the deadline of each attempt, cancellation in every
phase, and the retry policy with backoff (announced to an `on_retry` callback, which can cut the
wait short). It maps transport failures to the typed errors and never logs or puts into an error a
header, a body or the token. It does not know the API's JSON shapes.

Deadline and cancel: an attempt (connect, send, wait for headers, read the body) runs on a helper
thread while the calling thread watches it every `_WATCH_POLL_S`. The read timeout bounds the whole
attempt once connected (a server dripping one byte a second is cut at the deadline, not after the
last byte), and a cancel ends the call at once in every phase, including the backoff. When either
happens the attempt's socket is shut down from the watching side, so the helper thread's blocked
read returns and the server sees the client hang up (only for sessions whose adapters are the
stock `requests` ones, which `Transport` replaces with `_WatchingAdapter`; otherwise the helper
ends by itself within the socket timeouts).

Retry policy: only 500/502/503/504 and failures to connect (nothing reached the server) are
retried. A read timeout, or a connection the server closed after a POST was sent (before or
during its answer), is NOT retried, because
the server may already have generated (and charged for) the images. A 429 is never retried.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import logging
import random
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions
import urllib3.poolmanager

from desktop_app import USER_AGENT
from desktop_app.api.errors import (
    ApiError,
    CancelledError,
    ErrorKind,
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
# How often the calling thread looks at the cancel event and the deadline of an attempt.
_WATCH_POLL_S = 0.05
# How often a backoff wait looks at its "retry now" switch (the cancel event wakes it at once).
_SKIP_POLL_S = 0.1


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
class RetryNotice:
    """A retry about to happen: the attempt that comes next, how long until it, and why.

    `retry_now()` (from any thread) ends the wait early; a cancel still ends the request.
    """

    attempt: int  # the attempt about to be made: 2 for the first retry
    attempts: int
    wait_s: float
    reason: str  # short and plain, e.g. "Server busy (503)"
    status: int | None = None
    skip: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)

    def retry_now(self) -> None:
        self.skip.set()


# Called on the thread that runs the request, before each backoff wait.
OnRetry = Callable[[RetryNotice], None]


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
        # Our adapter lets a cancel or a deadline shut the attempt's socket (module docstring).
        for prefix in ("https://", "http://"):
            stock = session.adapters.get(prefix)
            if type(stock) is requests.adapters.HTTPAdapter:
                stock.close()
                session.mount(prefix, _WatchingAdapter())
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
        json_body: Mapping[str, Any] | None = None,
        cancel: threading.Event | None = None,
        model: str | None = None,
        retry: bool = True,
        follow_redirects: bool = False,
        accept: str = "application/json",
        on_retry: OnRetry | None = None,
        max_body_bytes: int | None = None,
    ) -> Reply:
        """One logical request with retries; a reply with status >= 400 becomes its ApiError.

        `max_body_bytes` raises the transport's body cap for this request (never lowers it).

        Each attempt must end within the read timeout once connected (RequestTimeoutError);
        `cancel` ends the call within `_WATCH_POLL_S` in every phase (CancelledError).
        `on_retry` hears of each retry before its wait and may cut the wait short.
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
                    max_body=max(self.max_body_bytes, max_body_bytes or 0),
                )
            except _TransportFailure as failure:
                if attempt < attempts and failure.is_safe_to_retry:
                    self._wait_before_retry(
                        attempt, attempts, None, cancel, host, failure.error, on_retry
                    )
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
                    self._wait_before_retry(
                        attempt, attempts, error.retry_after, cancel, host, error, on_retry
                    )
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
        json_body: Mapping[str, Any] | None,
        cancel: threading.Event | None,
        follow_redirects: bool,
        accept: str,
        idempotent: bool,
        max_body: int,
    ) -> Reply:
        """One exchange on a helper thread, watched here for cancel and the deadline."""
        headers = {"Accept": accept, "User-Agent": USER_AGENT}
        if token is not None:
            headers["Authorization"] = f"Bearer {token.reveal()}"
        host = urlsplit(url).hostname or "?"
        started = time.monotonic()
        watch = _Watch(started + self.connect_timeout + self.read_timeout, self.read_timeout)
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            _current.watch = watch
            try:
                outcome["reply"] = self._exchange(
                    method,
                    url,
                    headers=headers,
                    json_body=json_body,
                    follow_redirects=follow_redirects,
                    host=host,
                    idempotent=idempotent,
                    watch=watch,
                    max_body=max_body,
                )
            except BaseException as exc:
                outcome["error"] = exc
            finally:
                _current.watch = None
                done.set()

        threading.Thread(target=run, name="nscale-http", daemon=True).start()
        while not done.wait(_WATCH_POLL_S):
            cancelled = cancel is not None and cancel.is_set()
            if not cancelled and time.monotonic() < watch.deadline:
                continue
            if done.is_set():
                break  # the reply arrived just now: keep it (it may have been paid for)
            watch.stop()
            if cancelled:
                raise CancelledError()
            raise _TransportFailure(
                RequestTimeoutError(
                    f"{host} did not send its whole reply within {self.read_timeout:g} s."
                ),
                # The request was sent: retrying a POST could generate (and charge) twice.
                is_safe_to_retry=idempotent,
            )
        if "error" in outcome:
            raise outcome["error"]
        reply: Reply = outcome["reply"]
        log.debug(
            "%s %s -> %d (%d bytes, %.2f s)",
            method,
            host,
            reply.status,
            len(reply.body),
            time.monotonic() - started,
        )
        return reply

    def _exchange(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        json_body: Mapping[str, Any] | None,
        follow_redirects: bool,
        host: str,
        idempotent: bool,
        watch: _Watch,
        max_body: int,
    ) -> Reply:
        """Send and read the whole reply (helper thread); stops early once `watch` is stopped."""
        response = self._send(
            method,
            url,
            headers=headers,
            json_body=json_body,
            follow_redirects=follow_redirects,
            host=host,
            idempotent=idempotent,
        )
        try:
            body = self._read_body(response, watch, host, idempotent, max_body)
        finally:
            response.close()
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
        json_body: Mapping[str, Any] | None,
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
            return send()
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
        watch: _Watch,
        host: str,
        idempotent: bool,
        max_body: int,
    ) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_body:
            raise self._too_large_error(max_body)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                if watch.is_stopped:
                    raise CancelledError()  # nobody waits for this reply any more
                size += len(chunk)
                if size > max_body:
                    raise self._too_large_error(max_body)
                chunks.append(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise _transport_failure(
                exc, host, before_response=False, idempotent=idempotent
            ) from None
        return b"".join(chunks)

    @staticmethod
    def _too_large_error(max_body: int) -> InvalidResponseError:
        megabytes = max_body / (1024 * 1024)
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
        attempts: int,
        retry_after: float | None,
        cancel: threading.Event | None,
        host: str,
        error: ApiError,
        on_retry: OnRetry | None,
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
            attempts,
            delay,
        )
        notice = RetryNotice(attempt + 1, attempts, delay, retry_reason(error), error.status)
        if on_retry is not None:
            try:
                on_retry(notice)
            except Exception:  # a listener's bug must not end the request
                log.exception("on_retry callback failed")
        deadline = time.monotonic() + delay
        while not notice.skip.is_set() and (remaining := deadline - time.monotonic()) > 0:
            pause = min(remaining, _SKIP_POLL_S)
            if cancel is None:
                notice.skip.wait(pause)
            elif cancel.wait(pause):
                raise CancelledError()
        _raise_if_cancelled(cancel)


def retry_reason(error: ApiError) -> str:
    """Why a request is being sent again, in a few plain words ("Server busy (503)")."""
    names = {500: "Server error", 502: "Bad gateway", 503: "Server busy", 504: "Gateway timeout"}
    if error.status is not None:
        return f"{names.get(error.status, 'Server error')} ({error.status})"
    if error.kind == ErrorKind.TIMEOUT:
        return "No answer in time"
    return "Could not connect"


def _keep_headers(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """An "auth" that changes nothing, so requests applies no other credentials."""
    return request


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()


class _Watch:
    """One attempt's sockets and deadline, and the switch that stops it from another thread.

    The deadline starts as connect + read timeout from the start; once a socket is connected it
    becomes the read timeout from then. Stopping shuts every socket down, which wakes a read
    blocked on it (the read then fails, on the helper thread, where nobody waits any more).
    """

    def __init__(self, deadline: float, read_timeout: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._is_connected = False
        self._is_stopped = False
        self._read_timeout = read_timeout
        self.deadline = deadline

    @property
    def is_stopped(self) -> bool:
        return self._is_stopped

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if not self._is_connected:
                self._is_connected = True
                self.deadline = time.monotonic() + self._read_timeout
            if all(known is not sock for known in self._sockets):
                self._sockets.append(sock)
            stopped = self._is_stopped
        if stopped:
            _shut_down(sock)

    def stop(self) -> None:
        with self._lock:
            self._is_stopped = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut_down(sock)


def _shut_down(sock: socket.socket) -> None:
    # The plain socket call, also for an SSLSocket: no TLS close_notify from the wrong thread.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


# The attempt a helper thread is running, so the connection classes below can find its _Watch.
_current = threading.local()


def _watch_socket(sock: socket.socket | None) -> None:
    watch: _Watch | None = getattr(_current, "watch", None)
    if watch is not None:
        watch.add(sock)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self.sock)

    def getresponse(self) -> urllib3.HTTPResponse:  # type: ignore[override]
        _watch_socket(self.sock)  # a kept-alive connection is not connected again
        return super().getresponse()


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self.sock)

    def getresponse(self) -> urllib3.HTTPResponse:  # type: ignore[override]
        _watch_socket(self.sock)
        return super().getresponse()


class _WatchedHTTPConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSConnectionPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPConnectionPool, "https": _WatchedHTTPSConnectionPool}


class _WatchingAdapter(requests.adapters.HTTPAdapter):
    """The stock adapter, with connections that tell the running attempt about their socket."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_WATCHED_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is urllib3.poolmanager.ProxyManager:  # SOCKS keeps its own pools
            manager.pool_classes_by_scheme = dict(_WATCHED_POOLS)
        return manager


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
    return _TransportFailure(error, retry)


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
