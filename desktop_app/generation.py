"""The one generation sequence the window and the CLI share: check, send, decode, record, keep.

`generate_and_keep` is blocking and has no Qt: the CLI calls it directly, the window's job worker
calls it on its own thread. Before anything is sent it checks that the library can take the
result (`Library.check_room_for`): a request whose images could not be kept is never paid for.
The client only checks each image cheaply (header, size, checksums) and keeps at most `n` of
them; here every image is decoded completely, once, and its preview made from those pixels,
before anything is written: an image whose pixels do not decode becomes a failure of the
result, never a file. Every request that reached the server (failures included) is recorded in
the usage log before the library is touched, with `saved` raised only in the transaction that
adds the images. If saving fails after the reply arrived, `ResultNotSavedError` hands the
decoded images back to the caller, which keeps them elsewhere: a paid image is never dropped.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from pathlib import Path

from desktop_app.api.client import NscaleClient
from desktop_app.api.errors import ApiError, CancelledError, InvalidResponseError
from desktop_app.api.images import decode_and_preview
from desktop_app.api.network import OnRetry
from desktop_app.api.types import (
    PREVIEW_PIXELS,
    GeneratedImage,
    GenerationRequest,
    GenerationResult,
    ImageFailure,
)
from desktop_app.library import Library, LibraryEntry
from desktop_app.library.history import record_prompt
from desktop_app.library.storage_errors import StorageError, storage_error
from desktop_app.usage import record_request, record_sent, set_saved

log = logging.getLogger(__name__)

NO_USABLE_IMAGE = "The server returned no usable image."
# Upper bound of a saved image per pixel: 4 bytes (RGBA, what an incompressible PNG costs) plus
# room for the embedded metadata and the thumbnail.
BYTES_PER_PIXEL = 4
BYTES_PER_IMAGE_OVERHEAD = 256 * 1024


class ResultNotSavedError(Exception):
    """The reply arrived (and was paid for) but the library could not keep its images.

    `result` holds the decoded images, ready for `save_result_to_folder`; `storage` is the disk
    or index condition in plain words, or None when the cause was a bug (then see the log).
    """

    def __init__(
        self, result: GenerationResult, cause: BaseException, near: Path | None = None
    ) -> None:
        self.result = result
        self.cause = cause
        # `near`: the library folder, so an I/O error on a full disk reads "no space left".
        self.storage: StorageError | None = storage_error(cause, near=near)
        reason = (
            self.storage.message
            if self.storage is not None
            else f"unexpected {type(cause).__name__}; details are in the log"
        )
        count = len(result.images)
        noun = "image" if count == 1 else "images"
        self.message = f"The {count} {noun} could not be saved in the library. {reason}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


def expected_bytes(request: GenerationRequest) -> int:
    """A generous estimate of the disk space the images of `request` take once saved."""
    pixels = request.size.width * request.size.height
    return request.n * (pixels * BYTES_PER_PIXEL + BYTES_PER_IMAGE_OVERHEAD)


def count_note(result: GenerationResult) -> str | None:
    """"3 requested, 1 returned" when the server sent another number of images than asked."""
    requested = result.request.n
    returned = result.items_returned or len(result.images) + len(result.failures)
    if returned == requested:
        return None
    if returned > requested:
        return f"{requested} requested, {returned:,} returned: kept the first {requested}."
    return f"{requested} requested, {returned} returned."


def generate_and_keep(
    client: NscaleClient,
    library: Library,
    request: GenerationRequest,
    *,
    job_id: str,
    cancel: threading.Event | None = None,
    preview_size: int | None = PREVIEW_PIXELS,
    on_retry: OnRetry | None = None,
) -> tuple[GenerationResult, list[LibraryEntry]]:
    """Check there is room, generate, decode, record usage, and save every valid image.

    Returns the result as kept (at most `request.n` images; those that failed to decode moved
    to its `failures`, each image with its preview, which the library caches as the thumbnail)
    and the new library entries. Raises StorageError before sending when the library cannot
    take the result, the client's ApiError, InvalidResponseError if no image decodes,
    CancelledError, or ResultNotSavedError (with the images) when saving failed.
    `on_retry` is passed to the client: it hears of each retry (and can cut its wait short).
    """
    request.validate()
    try:
        library.check_room_for(expected_bytes(request))
    except StorageError as error:
        raise error.with_message(
            f"Nothing was sent: the library cannot keep new images. {error.message}"
        ) from error
    started = time.time()
    record_prompt(library.root, request)
    # Written before sending: a process killed while the server generates leaves this row
    # ("interrupted") rather than none; each outcome below replaces it.
    sent_id = record_sent(
        library, request, job_id=job_id, started=started, endpoint_host=client.endpoint_host
    )
    try:
        received = client.generate(request, cancel=cancel, on_retry=on_retry)
    except ApiError as error:
        record_request(
            library,
            request,
            error=error,
            job_id=job_id,
            started=started,
            latency_s=time.time() - started,
            endpoint_host=client.endpoint_host,
            row_id=sent_id,
        )
        raise
    received = _at_most_requested(received)
    try:
        result = decode_result(received, cancel=cancel, preview_size=preview_size)
    except BaseException:
        # Cancelled (or broken) while decoding: the reply arrived and was paid for.
        record_request(
            library, request, result=received, job_id=job_id, started=started, saved=0,
            row_id=sent_id,
        )
        raise
    if not result.images:
        first = result.failures[0].error.message if result.failures else ""
        unusable = InvalidResponseError(f"{NO_USABLE_IMAGE} {first}".strip())
        record_request(
            library, request, result=result, error=unusable, job_id=job_id, started=started,
            row_id=sent_id,
        )
        raise unusable
    # A reply that arrived has been paid for: record it even if the user cancels now; `saved`
    # follows in the transaction that adds the images.
    row_id = record_request(
        library, request, result=result, job_id=job_id, started=started, saved=0,
        row_id=sent_id,
    )
    if cancel is not None and cancel.is_set():
        raise CancelledError()
    try:
        entries = library.add_result(
            result,
            job_id=job_id,
            cancel=cancel,
            in_transaction=lambda connection, saved: set_saved(connection, row_id, saved),
        )
    except CancelledError:
        raise
    except Exception as error:
        if storage_error(error) is None:
            log.exception("Saving the images of job %s failed unexpectedly", job_id)
        raise ResultNotSavedError(result, error, getattr(library, "root", None)) from error
    return result, entries


def _at_most_requested(result: GenerationResult) -> GenerationResult:
    """`result` with no more than `request.n` items (a client that did not cap them already)."""
    limit = result.request.n
    if len(result.images) + len(result.failures) <= limit:
        return result
    items: list[GeneratedImage | ImageFailure] = [*result.images, *result.failures]
    items = sorted(items, key=lambda item: item.index)[:limit]
    return dataclasses.replace(
        result,
        images=tuple(i for i in items if isinstance(i, GeneratedImage)),
        failures=tuple(i for i in items if isinstance(i, ImageFailure)),
        items_returned=result.items_returned or len(result.images) + len(result.failures),
    )


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
