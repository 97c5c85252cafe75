"""The one generation sequence the window and the CLI share: send, record usage, keep the images.

`generate_and_keep` is blocking and has no Qt: the CLI calls it directly, the window's job worker
calls it on its own thread. It records every request that reached the server (failures
included) in the usage log before anything else can go wrong, then saves the images into the
library. A request that fails writes no image file.
"""

from __future__ import annotations

import threading
import time

from desktop_app.api.client import NscaleClient
from desktop_app.api.errors import ApiError, CancelledError, InvalidResponseError
from desktop_app.api.types import GenerationRequest, GenerationResult
from desktop_app.library import Library, LibraryEntry
from desktop_app.usage import record_request


def generate_and_keep(
    client: NscaleClient,
    library: Library,
    request: GenerationRequest,
    *,
    job_id: str,
    cancel: threading.Event | None = None,
) -> tuple[GenerationResult, list[LibraryEntry]]:
    """Generate, record the request's usage, and save every valid image into the library."""
    started = time.time()
    try:
        result = client.generate(request, cancel=cancel)
    except ApiError as error:
        record_request(
            library,
            request,
            error=error,
            job_id=job_id,
            started=started,
            latency_s=time.time() - started,
            endpoint_host=client.endpoint_host,
        )
        raise
    if not result.images:
        error = InvalidResponseError("The server returned no usable image.")
        record_request(library, request, result=result, error=error, job_id=job_id, started=started)
        raise error
    # A reply that arrived has been paid for: record it even if the user cancels now.
    record_request(library, request, result=result, job_id=job_id, started=started)
    if cancel is not None and cancel.is_set():
        raise CancelledError()
    return result, library.add_result(result, job_id=job_id)
