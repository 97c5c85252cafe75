"""The one generation sequence the window and the CLI share: send, decode, record usage, keep.

`generate_and_keep` is blocking and has no Qt: the CLI calls it directly, the window's job worker
calls it on its own thread. The client only checks each image cheaply (header, size, checksums);
here every image is decoded completely, once, and its preview made from those pixels, before
anything is written: an image whose pixels do not decode becomes a failure of the result, never
a file. Every request that reached the server (failures included) is recorded in the usage log
before the library is touched. A request that fails writes no image file.
"""

from __future__ import annotations

import dataclasses
import threading
import time

from desktop_app.api.client import NscaleClient
from desktop_app.api.errors import ApiError, CancelledError, InvalidResponseError
from desktop_app.api.images import PREVIEW_PIXELS, decode_and_preview
from desktop_app.api.types import GeneratedImage, GenerationRequest, GenerationResult, ImageFailure
from desktop_app.library import Library, LibraryEntry
from desktop_app.library.history import record_prompt
from desktop_app.usage import record_request

NO_USABLE_IMAGE = "The server returned no usable image."


def generate_and_keep(
    client: NscaleClient,
    library: Library,
    request: GenerationRequest,
    *,
    job_id: str,
    cancel: threading.Event | None = None,
    preview_size: int | None = PREVIEW_PIXELS,
) -> tuple[GenerationResult, list[LibraryEntry]]:
    """Generate, decode, record the request's usage, and save every valid image into the library.

    Returns the result as kept (images that failed to decode moved to its `failures`, each image
    with its preview, which the library caches as the thumbnail) and the new library entries.
    Raises the client's ApiError, InvalidResponseError if no image decodes, or CancelledError.
    """
    started = time.time()
    record_prompt(library.root, request)
    try:
        received = client.generate(request, cancel=cancel)
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
    try:
        result = decode_result(received, cancel=cancel, preview_size=preview_size)
    except BaseException:
        # Cancelled (or broken) while decoding: the reply arrived and was paid for.
        record_request(library, request, result=received, job_id=job_id, started=started)
        raise
    if not result.images:
        first = result.failures[0].error.message if result.failures else ""
        error = InvalidResponseError(f"{NO_USABLE_IMAGE} {first}".strip())
        record_request(library, request, result=result, error=error, job_id=job_id, started=started)
        raise error
    # A reply that arrived has been paid for: record it even if the user cancels now.
    record_request(library, request, result=result, job_id=job_id, started=started)
    if cancel is not None and cancel.is_set():
        raise CancelledError()
    return result, library.add_result(result, job_id=job_id)


def decode_result(
    result: GenerationResult,
    *,
    cancel: threading.Event | None = None,
    preview_size: int | None = PREVIEW_PIXELS,
) -> GenerationResult:
    """`result` with every image fully decoded and previewed; undecodable ones become failures.

    Checks `cancel` between images (a 1024 px decode takes ~10 ms) and raises CancelledError.
    """
    images: list[GeneratedImage] = []
    failures = list(result.failures)
    for image in result.images:
        if cancel is not None and cancel.is_set():
            raise CancelledError()
        try:
            images.append(decode_and_preview(image, preview_size))
        except InvalidResponseError as error:
            failures.append(ImageFailure(image.index, error))
    failures.sort(key=lambda failure: failure.index)
    return dataclasses.replace(result, images=tuple(images), failures=tuple(failures))
