"""The worker that runs one generation job off the GUI thread, and the blocking work it does.

`GenerationService` is the blocking work of one job (send, decode, record usage, save, make the
thumbnails: `generation.generate_and_keep`, shared with the CLI); `GenerationWorker` is a plain
`QObject` moved to its own `QThread` that runs it and hands back plain data by signal; it never
touches a widget or a `QPixmap`. `failure_message` is what a job row says about a failure that is
not an `ApiError`. Split from jobs.py (issue #13); every name is still importable from there.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from desktop_app.api.errors import ApiError
from desktop_app.api.types import GenerationRequest
from desktop_app.job_records import JobOutcome

if TYPE_CHECKING:
    from desktop_app.api.network import OnRetry, RetryNotice
    from desktop_app.library import Library

# The logger keeps the name it had when this code lived in jobs.py.
log = logging.getLogger("desktop_app.jobs")

THUMBNAIL_SIZE = 256


class GenerationClient(Protocol):
    def generate(
        self,
        request: GenerationRequest,
        cancel: threading.Event | None = ...,
        *,
        on_retry: OnRetry | None = ...,
    ) -> Any: ...

    def close(self) -> None: ...


class RunGeneration(Protocol):
    """The blocking work of one job: (job id, request, cancel, on_retry=...) -> JobOutcome."""

    def __call__(
        self,
        job_id: int,
        request: GenerationRequest,
        cancel: threading.Event,
        on_retry: OnRetry | None = None,
    ) -> JobOutcome: ...


class GenerationService:
    """The blocking work of one job; called on a worker thread, never on the GUI thread."""

    def __init__(
        self,
        client_factory: Callable[[], GenerationClient],
        library: Library,
        thumbnail_size: int = THUMBNAIL_SIZE,
    ) -> None:
        self._client_factory = client_factory
        self._library = library
        self._thumbnail_size = thumbnail_size

    def __call__(
        self,
        job_id: int,
        request: GenerationRequest,
        cancel: threading.Event,
        on_retry: OnRetry | None = None,
    ) -> JobOutcome:
        # The sequence the CLI uses too: send, decode every image once, record the request's
        # usage (success, failure or cancellation) and save. Imported here, on the worker: the
        # API client and usage are not needed to show the window.
        from desktop_app.generation import generate_and_keep

        client: Any = self._client_factory()
        try:
            result, entries = generate_and_keep(
                client, self._library, request, job_id=str(job_id), cancel=cancel,
                on_retry=on_retry,
            )
        finally:
            client.close()
        from desktop_app.generation import count_note

        thumbnails = tuple(self.thumbnail(entry.id) for entry in entries)
        return JobOutcome(
            entries=tuple(entries),
            thumbnails=thumbnails,
            failures=len(result.failures),
            note=count_note(result) or "",
        )

    def thumbnail(self, entry_id: int) -> QImage:
        data = self._library.thumbnail(entry_id, size=self._thumbnail_size)
        image = QImage()
        if data:
            image.loadFromData(data)
        return image


class GenerationWorker(QObject):
    """Runs one job in its thread. Plain QObject with no parent, so it can be moved."""

    succeeded = Signal(int, object)  # job id, JobOutcome
    failed = Signal(int, object, str)  # job id, the exception, message
    retrying = Signal(int, object)  # job id, RetryNotice (the client is waiting to retry)
    done = Signal()  # always emitted last: the thread may quit

    def __init__(
        self, job_id: int, request: GenerationRequest, cancel: threading.Event, run: RunGeneration
    ) -> None:
        super().__init__()
        self._job_id = job_id
        self._request = request
        self._cancel = cancel
        self._run = run

    @Slot()
    def run(self) -> None:
        try:
            outcome = self._run(
                self._job_id, self._request, self._cancel, on_retry=self._report_retry
            )
        except ApiError as error:
            self.failed.emit(self._job_id, error, error.message)
        except Exception as error:
            self.failed.emit(self._job_id, error, failure_message(error, self._job_id))
        else:
            self.succeeded.emit(self._job_id, outcome)
        finally:
            self.done.emit()

    def _report_retry(self, notice: RetryNotice) -> None:
        # Worker thread; the queue hears it on the GUI thread (a queued connection).
        self.retrying.emit(self._job_id, notice)


def failure_message(error: Exception, job_id: int | str = "?") -> str:
    """What a job row says about a failure that is not an ApiError (worker thread)."""
    from desktop_app import paths
    from desktop_app.generation import ResultNotSavedError, count_note
    from desktop_app.library.storage_errors import storage_error

    if isinstance(error, ResultNotSavedError):
        # The very folders the window's quit path tries, in its order.
        places = [str(folder.parent) for folder in paths.quit_fallback_folders("job")]
        where = places[0] + "".join(f" (or {place} if that cannot be written)"
                                    for place in places[1:])
        keep = f"Use Save to… to keep them (at quit they are written to {where})."
        return " ".join(part for part in (error.message, keep, count_note(error.result)) if part)
    mapped = storage_error(error)
    if mapped is not None:
        return mapped.message
    # A bug: the user gets a calm message, the log gets the detail.
    log.error("Job %s failed unexpectedly", job_id, exc_info=error)
    return f"Unexpected {type(error).__name__}; details are in the log."

