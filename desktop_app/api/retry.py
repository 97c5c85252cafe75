"""The retry policy: which failures are sent again, how long to wait, and who hears of it.

Owns the backoff (exponential from `DEFAULT_BACKOFF_BASE`, capped at `MAX_BACKOFF`, with 75-100 %
jitter; a server's Retry-After wins, capped at `max_retry_after`), the `RetryNotice` announced to
an `on_retry` callback before each wait (which can cut the wait short with `retry_now()`), the
plain words for why (`retry_reason`), and cancellation during the wait. Which failures are safe
to send again is decided where they are met: `RETRY_STATUSES` for replies, `api.failures` for
transport failures (never a POST that may have reached the server).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop_app.api.errors import ApiError, CancelledError, ErrorKind

log = logging.getLogger(__name__)

DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_BACKOFF_BASE = 0.5
MAX_BACKOFF = 8.0
DEFAULT_MAX_RETRY_AFTER = 30.0
RETRY_STATUSES = frozenset({500, 502, 503, 504})
# How often a backoff wait looks at its "retry now" switch (the cancel event wakes it at once).
_SKIP_POLL_S = 0.1


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


def wait_before_retry(
    attempt: int,
    attempts: int,
    retry_after: float | None,
    cancel: threading.Event | None,
    host: str,
    error: ApiError,
    on_retry: OnRetry | None,
    *,
    backoff_base: float = DEFAULT_BACKOFF_BASE,
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER,
) -> None:
    """Announce the retry after `attempt` (of `attempts`) to `on_retry`, then wait its backoff
    (or the server's Retry-After, capped); `cancel` ends the wait at once (CancelledError), the
    notice's `retry_now()` ends it early."""
    backoff = min(MAX_BACKOFF, backoff_base * 2 ** (attempt - 1))
    # Jitter spreads retries from many clients; 75-100 % of the backoff, as the openai SDK.
    delay = backoff * random.uniform(0.75, 1.0)
    if retry_after is not None:
        delay = min(retry_after, max_retry_after)
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
    raise_if_cancelled(cancel)


def retry_reason(error: ApiError) -> str:
    """Why a request is being sent again, in a few plain words ("Server busy (503)")."""
    names = {500: "Server error", 502: "Bad gateway", 503: "Server busy", 504: "Gateway timeout"}
    if error.status is not None:
        return f"{names.get(error.status, 'Server error')} ({error.status})"
    if error.kind == ErrorKind.TIMEOUT:
        return "No answer in time"
    return "Could not connect"


def raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise CancelledError()
