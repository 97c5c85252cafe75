"""HTTP plumbing for the API client: one `requests.Session`, safe transport and bounded reads.

This module owns how bytes move: TLS verification, no automatic redirects while the token is
attached, connect and read timeouts, streamed reads with a size cap, the deadline of each
attempt and cancellation in every phase. Around it, each in its own module: which URLs may carry
the token (`api.security`), stopping an attempt's socket from another thread
(`api.socket_watch`), transport failures as typed errors and whether they may be retried
(`api.failures`), and the backoff announced to an `on_retry` callback (`api.retry`). It never
logs or puts into an error a header, a body or the token. It does not know the API's JSON shapes.

Deadline and cancel: an attempt (connect, send, wait for headers, read the body) runs on a helper
thread while the calling thread watches it every `_WATCH_POLL_S`. The read timeout bounds the whole
attempt once connected (a server dripping one byte a second is cut at the deadline, not after the
last byte), and a cancel ends the call at once in every phase, including the backoff. When either
happens the attempt's socket is shut down from the watching side, so the helper thread's blocked
read returns and the server sees the client hang up (only for sessions whose adapters are the
stock `requests` ones, which `Transport` replaces with `WatchingAdapter`; otherwise the helper
ends by itself within the socket timeouts).

Retry policy: only 500/502/503/504 and failures to connect (nothing reached the server) are
retried. A read timeout, or a connection the server closed after a POST was sent (before or
during its answer), is NOT retried, because
the server may already have generated (and charged for) the images. A 429 is never retried.

A little over 400 lines because `Transport` is one sequence (an attempt on a helper thread,
watched for cancel and the deadline; the send; the bounded read) that reads best in one place.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3
import urllib3.exceptions

from desktop_app import USER_AGENT
from desktop_app.api.errors import (
    CancelledError,
    RequestTimeoutError,
)
from desktop_app.api.failures import (
    TransportFailure,
    redirect_error,
    too_large_error,
    transport_failure,
)
from desktop_app.api.replies import error_for_status
from desktop_app.api.retry import (
    DEFAULT_BACKOFF_BASE,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_RETRY_AFTER,
    MAX_BACKOFF,
    RETRY_STATUSES,
    OnRetry,
    RetryNotice,
    raise_if_cancelled,
    retry_reason,
    wait_before_retry,
)
from desktop_app.api.security import (
    SecretToken,
    base_url_problem,
    check_base_url,
    check_token_transport,
    is_loopback_host,
    origin,
)
from desktop_app.api.socket_watch import Watch, WatchingAdapter, watching

# Names callers import from here (the client, the window, the jobs, the tests).
__all__ = [
    "CHUNK_BYTES",
    "DEFAULT_BACKOFF_BASE",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_ATTEMPTS",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_RETRY_AFTER",
    "DEFAULT_READ_TIMEOUT",
    "MAX_BACKOFF",
    "RETRY_STATUSES",
    "OnRetry",
    "Reply",
    "RetryNotice",
    "SecretToken",
    "Transport",
    "base_url_problem",
    "check_base_url",
    "check_token_transport",
    "is_loopback_host",
    "origin",
    "retry_reason",
]

log = logging.getLogger(__name__)

DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_READ_TIMEOUT = 120.0
DEFAULT_MAX_BODY_BYTES = 128 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
# How often the calling thread looks at the cancel event and the deadline of an attempt.
_WATCH_POLL_S = 0.05


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
                session.mount(prefix, WatchingAdapter())
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
            raise_if_cancelled(cancel)
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
            except TransportFailure as failure:
                if attempt < attempts and failure.is_safe_to_retry:
                    wait_before_retry(
                        attempt, attempts, None, cancel, host, failure.error, on_retry,
                        backoff_base=self.backoff_base, max_retry_after=self.max_retry_after,
                    )
                    continue
                raise failure.error from None
            if 300 <= reply.status < 400:
                raise redirect_error(reply.status, reply.header("location"), host)
            if reply.status >= 400:
                error = error_for_status(
                    reply.status,
                    reply.body,
                    reply.header("content-type"),
                    retry_after=reply.header("retry-after"),
                    model=model,
                )
                if attempt < attempts and reply.status in RETRY_STATUSES:
                    wait_before_retry(
                        attempt, attempts, error.retry_after, cancel, host, error, on_retry,
                        backoff_base=self.backoff_base, max_retry_after=self.max_retry_after,
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
        watch = Watch(started + self.connect_timeout + self.read_timeout, self.read_timeout)
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                with watching(watch):
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
            raise TransportFailure(
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
        watch: Watch,
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
            raise transport_failure(
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
        watch: Watch,
        host: str,
        idempotent: bool,
        max_body: int,
    ) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_body:
            raise too_large_error(max_body)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                if watch.is_stopped:
                    raise CancelledError()  # nobody waits for this reply any more
                size += len(chunk)
                if size > max_body:
                    raise too_large_error(max_body)
                chunks.append(chunk)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise transport_failure(
                exc, host, before_response=False, idempotent=idempotent
            ) from None
        return b"".join(chunks)


def _keep_headers(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """An "auth" that changes nothing, so requests applies no other credentials."""
    return request
