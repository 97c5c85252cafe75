"""Recording each request sent to the image server as one row of the library's `requests` table.

Owns what a usage row says (time, model, size, n, images returned, status, latency, host, ids)
and which outcomes are recorded at all: failures the app refused before sending anything
(invalid input, no token, insecure transport) are not requests and are skipped; a cancelled
request is recorded as "cancelled" and is never charged. Recording must never cost the user an
image, so a database problem is logged and swallowed here. No Qt, no network.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from desktop_app.api.errors import ApiError, ErrorKind
from desktop_app.api.types import GenerationRequest, GenerationResult

if TYPE_CHECKING:
    from desktop_app.library import Library

log = logging.getLogger(__name__)

STATUS_OK = "ok"
# Refused locally before a byte was sent: nothing to account for.
NOT_SENT_KINDS = frozenset(
    {ErrorKind.INVALID_INPUT, ErrorKind.NO_TOKEN, ErrorKind.INSECURE_TRANSPORT}
)

_INSERT = (
    "INSERT INTO requests (started, model, width, height, n, images, saved, status, "
    "http_status, latency_s, endpoint_host, job_id, request_id) "
    "VALUES (:started, :model, :width, :height, :n, :images, :saved, :status, :http_status, "
    ":latency_s, :endpoint_host, :job_id, :request_id)"
)


def usage_row(
    request: GenerationRequest,
    *,
    result: GenerationResult | None = None,
    error: ApiError | None = None,
    job_id: str | None = None,
    started: float | None = None,
    latency_s: float | None = None,
    endpoint_host: str = "",
) -> dict[str, object] | None:
    """The row `record_request` would insert, or None when the outcome is not recorded."""
    if error is not None and error.kind in NOT_SENT_KINDS:
        return None
    if result is None and error is None:
        raise ValueError("A usage row needs a result or an error.")
    if result is not None and error is None:
        latency = latency_s if latency_s is not None else result.latency_s
        images = len(result.images) + len(result.failures)  # undecodable items were still made
        saved = len(result.images)
        status = STATUS_OK
        host = endpoint_host or result.endpoint_host
        request_id = result.request_id
        http_status: int | None = 200
    else:
        assert error is not None
        latency = latency_s
        # A reply whose items all failed to decode: counted, but failures are never charged.
        images = len(result.images) + len(result.failures) if result is not None else 0
        saved = len(result.images) if result is not None else 0
        status = error.kind.value
        host = endpoint_host or (result.endpoint_host if result is not None else "")
        request_id = result.request_id if result is not None else None
        http_status = error.status
    if started is None:
        started = time.time() - (latency or 0.0)
    return {
        "started": float(started),
        "model": request.model.strip(),
        "width": request.size.width,
        "height": request.size.height,
        "n": request.n,
        "images": images,
        "saved": saved,
        "status": status,
        "http_status": http_status,
        "latency_s": None if latency is None else round(float(latency), 4),
        "endpoint_host": host or "",
        "job_id": job_id,
        "request_id": request_id,
    }


def record_request(
    library: Library,
    request: GenerationRequest,
    *,
    result: GenerationResult | None = None,
    error: ApiError | None = None,
    job_id: str | None = None,
    started: float | None = None,
    latency_s: float | None = None,
    endpoint_host: str = "",
) -> None:
    """Add one request to the usage log. Never raises: a lost usage row is logged, not fatal.

    Pass `result` for a success, `error` for a failure (both for a reply whose images all failed
    to decode: it is recorded as that failure). `started` is the unix time the request was sent
    (default: now minus the latency); `endpoint_host` is `client.endpoint_host`, needed for
    failures because an `ApiError` does not carry it.
    """
    try:
        row = usage_row(
            request,
            result=result,
            error=error,
            job_id=job_id,
            started=started,
            latency_s=latency_s,
            endpoint_host=endpoint_host,
        )
        if row is None:
            return
        with library._transaction() as connection:
            connection.execute(_INSERT, row)
    except Exception:
        # Any failure here (locked or read-only database, full disk, a closed library, a bug)
        # must not reach the caller, which is about to save or show the user's images.
        log.exception("Could not record a usage row for a %s request", request.model)
