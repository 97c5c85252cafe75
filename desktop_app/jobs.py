"""The generation job queue and the worker that runs one job off the GUI thread.

Owns the life of a job (queued -> running -> done / failed / cancelled, retry, cancel), how many
run at once, and the worker thread for each running job: a plain `GenerationWorker(QObject)` moved
to its own `QThread` that sends the request, saves the images into the library and makes the
thumbnails, then hands back plain data by signal. The send-decode-record-save sequence itself is
`generation.generate_and_keep` (shared with the CLI), so every request's outcome (success,
failure, cancellation) is recorded for usage on the worker thread, never on the GUI thread. A
job whose reply arrived but could not be saved keeps its paid images in memory (`Job.unsaved`)
until the user saves them elsewhere (`mark_saved`); such a job is never cleared with the others.
The worker must never touch a widget or a `QPixmap`; the `JobQueue` itself lives on the GUI
thread and is the only thing that mutates `Job` objects.
A retry the client is waiting for (after a 503, say) travels from the worker as a `RetryNotice`
(`GenerationWorker.retrying` -> `JobQueue.job_retrying`); `JobQueue.retry_now` cuts the wait short.
Shutdown cancels every job and waits a bounded time for the threads, which a `ThreadKeeper` starts,
retires and keeps while they run (threads.py).
The records live in job_records.py and the worker in job_worker.py (issue #13); their names are
re-exported here, where callers import them.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.api.errors import ApiError, CancelledError
from desktop_app.api.types import GenerationRequest
from desktop_app.job_records import Job, JobOutcome, JobState, describe, error_message
from desktop_app.job_worker import (
    THUMBNAIL_SIZE,
    GenerationClient,
    GenerationService,
    GenerationWorker,
    RunGeneration,
    failure_message,
)
from desktop_app.threads import SHUTDOWN_WAIT_MS, ThreadKeeper

if TYPE_CHECKING:
    from desktop_app.api.network import RetryNotice


class JobQueue(QObject):
    """Keeps every job of this session, starts up to `max_running` of them, reports by signal."""

    job_added = Signal(object)  # Job
    job_changed = Signal(object)  # Job (state, error or timings changed)
    job_finished = Signal(object)  # Job, state DONE, outcome set
    job_failed = Signal(object)  # Job, state FAILED, error/error_message set
    job_removed = Signal(int)  # job id
    job_retrying = Signal(object)  # Job, state RUNNING, retry/retry_at set: waiting to retry

    def __init__(
        self, run: RunGeneration, max_running: int = 2, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._max_running = max(1, max_running)
        self._jobs: dict[int, Job] = {}
        self._waiting: list[int] = []
        # The worker threads, until each has ended (then retired on the GUI thread: threads.py).
        self._threads = ThreadKeeper("jobs", self)
        self._running: set[int] = set()  # jobs whose worker has not answered yet
        self._remove_when_done: set[int] = set()
        self._ids = itertools.count(1)
        self._shutting_down = False

    # -- queries ----------------------------------------------------------------------------

    def job(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def running_count(self) -> int:
        return len(self._running)

    def is_busy(self) -> bool:
        return bool(self._running or self._waiting)

    def free_slots(self) -> int:
        """How many more jobs would start at once if submitted now (none would wait)."""
        if self._shutting_down:
            return 0
        return max(0, self._max_running - len(self._running) - len(self._waiting))

    @property
    def max_running(self) -> int:
        return self._max_running

    # -- commands ---------------------------------------------------------------------------

    def submit(self, request: GenerationRequest, *, group_id: int | None = None) -> Job:
        job = Job(id=next(self._ids), request=request, group_id=group_id)
        self._jobs[job.id] = job
        self._waiting.append(job.id)
        self.job_added.emit(job)
        self._start_waiting()
        return job

    def cancel(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.state.is_final:
            return
        job.cancel_event.set()
        if job.state == JobState.QUEUED:
            self._waiting.remove(job_id)
            job.state = JobState.CANCELLED
            self.job_changed.emit(job)
        # A running job ends when its worker notices the event (the client aborts mid-transfer).

    def retry(self, job_id: int) -> Job | None:
        """Queue a failed or cancelled job again with exactly the same request."""
        job = self._jobs.get(job_id)
        if job is None or job.state not in (JobState.FAILED, JobState.CANCELLED):
            return None
        job.state = JobState.QUEUED
        job.error = None
        job.error_message = ""
        job.saved_to = None
        job.started = job.ended = None
        job.retry = job.retry_at = None
        job.cancel_event = threading.Event()
        self._waiting.append(job_id)
        self.job_changed.emit(job)
        self._start_waiting()
        return job

    def retry_now(self, job_id: int) -> None:
        """End the wait before the client's next attempt of a running job (after a 503, say)."""
        job = self._jobs.get(job_id)
        if job is None or not job.is_waiting_to_retry or job.retry is None:
            return
        job.retry.retry_now()
        job.retry_at = time.monotonic()
        self.job_changed.emit(job)

    def remove(self, job_id: int) -> None:
        """Forget a finished job (the row goes away); running or queued jobs are cancelled."""
        job = self._jobs.get(job_id)
        if job is None:
            return
        if not job.state.is_final:
            self.cancel(job_id)
            if job_id in self._running:
                self._remove_when_done.add(job_id)
                return
        del self._jobs[job_id]
        self.job_removed.emit(job_id)

    def clear_finished(self) -> None:
        """Remove finished jobs, except those holding paid images that are not saved yet."""
        for job in [j for j in self._jobs.values() if j.state.is_final]:
            if not job.has_unsaved_images:
                self.remove(job.id)

    def mark_saving(self, job_id: int, is_saving: bool) -> None:
        job = self._jobs.get(job_id)
        if job is not None:
            job.is_saving = is_saving
            self.job_changed.emit(job)

    def mark_saved(self, job_id: int, folder: Path) -> None:
        """The job's unsaved images were written to `folder`: let them go."""
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.unsaved = None
        job.is_saving = False
        job.saved_to = folder
        self.job_changed.emit(job)

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Cancel everything, then quit every worker thread and wait for them, `timeout_ms` in all.

        A cancel ends a request within a fraction of a second in every phase, so the wait is
        normally short. Threads that still run are kept (see threads.py) and reported.
        """
        self._shutting_down = True
        for job_id in list(self._waiting):
            self.cancel(job_id)
        for job in self._jobs.values():
            job.cancel_event.set()
        self._running.clear()
        # The keeper keeps the threads that still run: destroying a running QThread aborts.
        self._threads.shutdown(timeout_ms)

    # -- internals --------------------------------------------------------------------------

    def _start_waiting(self) -> None:
        while not self._shutting_down and self._waiting and len(self._running) < self._max_running:
            self._start(self._jobs[self._waiting.pop(0)])

    def _start(self, job: Job) -> None:
        job.state = JobState.RUNNING
        job.started = time.monotonic()
        job.attempts += 1
        worker = GenerationWorker(job.id, job.request, job.cancel_event, self._run)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        worker.retrying.connect(self._on_retrying)
        self._running.add(job.id)
        self.job_changed.emit(job)
        self._threads.start(worker, f"job-{job.id}", run=worker.run, done=worker.done)

    def _release(self, job_id: int) -> None:
        # The answer is in; the thread ends on its own and the keeper retires it.
        self._running.discard(job_id)
        if job_id in self._remove_when_done:
            self._remove_when_done.discard(job_id)
            self._jobs.pop(job_id, None)
            self.job_removed.emit(job_id)
        self._start_waiting()

    @Slot(int, object)
    def _on_retrying(self, job_id: int, notice: RetryNotice) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.state != JobState.RUNNING or job.cancel_event.is_set():
            return
        job.retry = notice
        job.retry_at = time.monotonic() + notice.wait_s
        self.job_changed.emit(job)
        self.job_retrying.emit(job)

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, outcome: JobOutcome) -> None:
        self._release(job_id)
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.ended = time.monotonic()
        job.outcome = outcome
        job.state = JobState.DONE
        self.job_changed.emit(job)
        self.job_finished.emit(job)

    @Slot(int, object, str)
    def _on_failed(self, job_id: int, error: Exception | None, message: str) -> None:
        self._release(job_id)
        job = self._jobs.get(job_id)
        if job is None:
            return
        job.ended = time.monotonic()
        from desktop_app.generation import ResultNotSavedError

        if isinstance(error, ResultNotSavedError) and error.result.images:
            # Paid for: kept (and the job shown as failed) even if the user cancelled meanwhile.
            job.unsaved = error.result
            job.saved_to = None
        elif isinstance(error, CancelledError) or job.cancel_event.is_set():
            job.state = JobState.CANCELLED
            self.job_changed.emit(job)
            return
        job.state = JobState.FAILED
        job.error = error if isinstance(error, ApiError) else None
        job.error_message = message
        self.job_changed.emit(job)
        self.job_failed.emit(job)



__all__: Sequence[str] = (
    "THUMBNAIL_SIZE",
    "GenerationClient",
    "GenerationService",
    "GenerationWorker",
    "Job",
    "JobOutcome",
    "JobQueue",
    "JobState",
    "RunGeneration",
    "describe",
    "error_message",
    "failure_message",
)
