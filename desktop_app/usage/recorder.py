"""Recording each request sent to the image server as one row of the library's `requests` table.

Owns what a usage row says (time, model, size, `n` requested, `images` the server returned,
`saved` into the library, status, latency, host, ids) and which outcomes are recorded at all:
failures the app refused before sending anything (invalid input, no token, insecure transport)
are not requests and are skipped; a cancelled request is recorded as "cancelled" and is never
charged. Before a request is sent, `record_sent` writes its row as "interrupted" (sent, outcome
never learned): a process killed while the server generates leaves that truthful row instead of
none; the outcome then replaces it (`record_request(row_id=...)`). A reply is recorded as soon as
it arrives with `saved=0`; `set_saved` raises that count inside the transaction that adds the
images to the library, so the row never claims an image the library does not hold. Recording
must never cost the user an image, so a database problem is logged and swallowed here. No Qt, no
network.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from desktop_app.api.errors import ApiError, ErrorKind
from desktop_app.api.types import GenerationRequest, GenerationResult

if TYPE_CHECKING:
    from desktop_app.library import Library
    from desktop_app.library.database import ThreadConnection

log = logging.getLogger(__name__)

STATUS_OK = "ok"
# Written before sending and replaced by the outcome: left only when the app was stopped
# (killed, crashed, powered off) while the request was out.
STATUS_INTERRUPTED = "interrupted"
# Refused locally before a byte was sent: nothing to account for.
NOT_SENT_KINDS = frozenset(
    {ErrorKind.INVALID_INPUT, ErrorKind.NO_TOKEN, ErrorKind.INSECURE_TRANSPORT}
)

_UPDATE = (
    "UPDATE requests SET started = :started, model = :model, width = :width, height = :height, "
    "n = :n, images = :images, saved = :saved, status = :status, http_status = :http_status, "
    "latency_s = :latency_s, endpoint_host = :endpoint_host, job_id = :job_id, "
    "request_id = :request_id WHERE id = :id"
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
    saved: int | None = None,
) -> dict[str, object] | None:
    """The row `record_request` would insert, or None when the outcome is not recorded.

    `images` is what the server sent (`result.items_returned`, which may exceed `n`); `saved`
    defaults to the images that decoded. Spend is estimated from at most `n` images per row.
    """
    if error is not None and error.kind in NOT_SENT_KINDS:
        return None
    if result is None and error is None:
        raise ValueError("A usage row needs a result or an error.")
    if result is not None and error is None:
        latency: float | None = latency_s if latency_s is not None else result.latency_s
        images = _returned(result)  # undecodable items were still made
        kept = len(result.images)
        status = STATUS_OK
        host = endpoint_host or result.endpoint_host
        request_id = result.request_id
        http_status: int | None = 200
    else:
        assert error is not None
        latency = latency_s
        # A reply whose items all failed to decode: counted, but failures are never charged.
        images = _returned(result) if result is not None else 0
        kept = len(result.images) if result is not None else 0
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
        "saved": kept if saved is None else saved,
        "status": status,
        "http_status": http_status,
        "latency_s": None if latency is None else round(float(latency), 4),
        "endpoint_host": host or "",
        "job_id": job_id,
        "request_id": request_id,
    }


def _returned(result: GenerationResult) -> int:
    if result.items_returned:
        return result.items_returned
    return len(result.images) + len(result.failures)


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
    saved: int | None = None,
    row_id: int | None = None,
) -> int | None:
    """Add one request to the usage log; its row id, or None if not recorded. Never raises:
    a lost usage row is logged, not fatal. With `row_id` (from `record_sent`) that row is
    replaced by the outcome (or deleted, for an outcome that is not a request).

    Pass `result` for a success, `error` for a failure (both for a reply whose images all failed
    to decode: it is recorded as that failure). `started` is the unix time the request was sent
    (default: now minus the latency); `endpoint_host` is `client.endpoint_host`, needed for
    failures because an `ApiError` does not carry it. Pass `saved=0` before the images are
    in the library, then `set_saved` in the transaction that puts them there.
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
            saved=saved,
        )
        with library.transaction() as connection:
            if row_id is not None:
                if row is None:
                    connection.execute("DELETE FROM requests WHERE id = ?", (row_id,))
                    return None
                updated = connection.execute(_UPDATE, {**row, "id": row_id}).rowcount
                if updated:
                    return row_id
            if row is None:
                return None
            return connection.execute(_INSERT, row).lastrowid
    except Exception:
        # Any failure here (locked or read-only database, full disk, a closed library, a bug)
        # must not reach the caller, which is about to save or show the user's images.
        log.exception("Could not record a usage row for a %s request", request.model)
        return None


def record_sent(
    library: Library,
    request: GenerationRequest,
    *,
    job_id: str | None = None,
    started: float | None = None,
    endpoint_host: str = "",
) -> int | None:
    """Write the row of a request about to be sent as "interrupted"; its id, or None. Never
    raises. Pass the id to `record_request`, which replaces the row by the outcome."""
    row = {
        "started": float(time.time() if started is None else started),
        "model": request.model.strip(),
        "width": request.size.width,
        "height": request.size.height,
        "n": request.n,
        "images": 0,
        "saved": 0,
        "status": STATUS_INTERRUPTED,
        "http_status": None,
        "latency_s": None,
        "endpoint_host": endpoint_host,
        "job_id": job_id,
        "request_id": None,
    }
    try:
        with library.transaction() as connection:
            return connection.execute(_INSERT, row).lastrowid
    except Exception:
        log.exception("Could not record a usage row for a %s request", request.model)
        return None


def set_saved(connection: ThreadConnection, row_id: int | None, saved: int) -> None:
    """Set how many images of the request `row_id` the library kept, inside the caller's
    transaction (`Library.add_result(in_transaction=...)`): both commit or neither does."""
    if row_id is not None:
        connection.execute("UPDATE requests SET saved = ? WHERE id = ?", (saved, row_id))
