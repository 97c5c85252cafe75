"""A generation job as plain records: its state, what it produced, and its one-line status.

`Job` is mutated only by `jobs.JobQueue` on the GUI thread; `JobOutcome` is what a worker hands
back (library entries and their thumbnails); `describe` is the status line the jobs panel shows.
Split from jobs.py (issue #13); every name here is still importable from `desktop_app.jobs`.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.api.errors import ApiError, ErrorKind
from desktop_app.api.types import GenerationRequest, GenerationResult

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from desktop_app.api.network import RetryNotice
    from desktop_app.library import LibraryEntry


class JobState(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


@dataclass(frozen=True)
class JobOutcome:
    """What a finished job produced: library entries and their thumbnails, in the same order."""

    entries: tuple[LibraryEntry, ...]
    thumbnails: tuple[QImage, ...]
    failures: int = 0  # images of the reply that could not be used
    note: str = ""  # "3 requested, 1 returned" when the server sent another number than asked


@dataclass(eq=False)
class Job:
    """One generation request and what became of it. Mutated only by `JobQueue` (GUI thread)."""

    id: int
    request: GenerationRequest
    state: JobState = JobState.QUEUED
    submitted_at: float = field(default_factory=time.time)  # wall clock, for display
    started: float | None = None  # time.monotonic()
    ended: float | None = None  # time.monotonic()
    error: ApiError | None = None
    error_message: str = ""  # set with error, or alone for failures that are not ApiErrors
    outcome: JobOutcome | None = None
    attempts: int = 0
    cancel_event: threading.Event = field(default_factory=threading.Event, repr=False)
    # Paid images the library could not keep: held here until saved elsewhere ("Save to…").
    unsaved: GenerationResult | None = field(default=None, repr=False)
    is_saving: bool = False  # a "Save to…" of `unsaved` is being written
    saved_to: Path | None = None  # where "Save to…" wrote them
    group_id: int | None = None  # the batch (job_groups.JobGroup) this job belongs to, if any

    @property
    def has_unsaved_images(self) -> bool:
        return self.unsaved is not None and bool(self.unsaved.images)
    retry: RetryNotice | None = None  # the client's latest retry of this run, if any
    retry_at: float | None = None  # time.monotonic() when that retry's wait ends

    @property
    def error_kind(self) -> ErrorKind | None:
        return self.error.kind if self.error is not None else None

    @property
    def is_waiting_to_retry(self) -> bool:
        """Running, and the client is waiting before it sends the request again."""
        return (
            self.state == JobState.RUNNING
            and self.retry is not None
            and not self.retry.skip.is_set()
            and self.retry_at is not None
            and self.retry_at > time.monotonic()
        )

    @property
    def elapsed_s(self) -> float:
        if self.started is None:
            return 0.0
        end = self.ended if self.ended is not None else time.monotonic()
        return max(0.0, end - self.started)



def describe(job: Job) -> str:
    """A short status line for a job, as the jobs panel shows it."""
    if job.state == JobState.QUEUED:
        return "Queued"
    if job.state == JobState.RUNNING:
        notice = job.retry
        if notice is None:
            return f"Running… {job.elapsed_s:.0f} s"
        attempt = f"attempt {notice.attempt} of {notice.attempts}"
        if job.is_waiting_to_retry and job.retry_at is not None:
            wait = math.ceil(job.retry_at - time.monotonic())
            return f"{notice.reason} — retrying in {wait} s, {attempt}"
        return f"Running… {job.elapsed_s:.0f} s ({attempt})"
    if job.state == JobState.DONE:
        count = len(job.outcome.entries) if job.outcome else 0
        noun = "image" if count == 1 else "images"
        text = f"Done: {count} {noun} in {job.elapsed_s:.1f} s"
        note = job.outcome.note if job.outcome else ""
        return f"{text}. {note}" if note else text
    if job.saved_to is not None:
        return f"Not in the library; the images were saved to {job.saved_to}."
    if job.state == JobState.CANCELLED:
        return "Cancelled"
    return job.error_message or "Failed"

