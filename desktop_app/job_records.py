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

from PySide6.QtCore import QCoreApplication

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



def error_message(error: ApiError) -> str:
    """An API error's message in the window's language: each kind's standard message is
    translated here (api/ holds the CLI's English); a specific message (with a model id, a
    status the server named) stays as the error says it."""
    if error.message != type(error)().message:
        return error.message
    translate = QCoreApplication.translate
    messages = {
        ErrorKind.INVALID_INPUT: translate("errors", "The request is not valid."),
        ErrorKind.NO_TOKEN: translate(
            "errors", "No service token is set. Create one in the Nscale console, then add it "
            "in Settings (or with the command nscale-studio-cli token set, or the "
            "NSCALE_SERVICE_TOKEN environment variable)."),
        ErrorKind.INSECURE_TRANSPORT: translate(
            "errors", "Refusing to send the service token over plain http:// to a non-local "
            "host. Use an https:// base URL (plain http:// is allowed only for 127.0.0.1 / "
            "localhost)."),
        ErrorKind.INVALID_REQUEST: translate("errors", "The server rejected the request."),
        ErrorKind.UNAUTHORIZED: translate(
            "errors", "The service token was not accepted (401). Check or replace it."),
        ErrorKind.FORBIDDEN: translate(
            "errors", "The service token is not allowed to do this (403)."),
        ErrorKind.MODEL_NOT_FOUND: translate(
            "errors", "The model was not found or is unavailable (404)."),
        ErrorKind.INSUFFICIENT_CREDIT: translate(
            "errors", "Insufficient credit (429). Top up your Nscale account; the request was "
            "not retried."),
        ErrorKind.SERVER_ERROR: translate(
            "errors", "The server failed to process the request (500). Try again later."),
        ErrorKind.UNAVAILABLE: translate(
            "errors", "The service is temporarily unavailable. Try again shortly."),
        ErrorKind.NETWORK: translate(
            "errors", "Could not reach the server. Check the network and the base URL."),
        ErrorKind.TIMEOUT: translate("errors", "The server did not answer in time."),
        ErrorKind.INVALID_RESPONSE: translate(
            "errors", "The server sent a reply the app could not understand."),
        ErrorKind.CANCELLED: translate("errors", "Cancelled."),
    }
    return messages.get(error.kind, error.message)


def describe(job: Job) -> str:
    """A short status line for a job, as the jobs panel shows it (translated)."""
    translate = QCoreApplication.translate
    if job.state == JobState.QUEUED:
        return translate("jobs", "Queued")
    if job.state == JobState.RUNNING:
        notice = job.retry
        seconds = f"{job.elapsed_s:.0f}"
        if notice is None:
            return translate("jobs", "Running… {seconds} s").format(seconds=seconds)
        attempt = translate("jobs", "attempt {attempt} of {attempts}").format(
            attempt=notice.attempt, attempts=notice.attempts)
        if job.is_waiting_to_retry and job.retry_at is not None:
            wait = math.ceil(job.retry_at - time.monotonic())
            return translate("jobs", "{reason} — retrying in {wait} s, {attempt}").format(
                reason=notice.reason, wait=wait, attempt=attempt)
        return translate("jobs", "Running… {seconds} s ({attempt})").format(
            seconds=seconds, attempt=attempt)
    if job.state == JobState.DONE:
        count = len(job.outcome.entries) if job.outcome else 0
        text = translate("jobs", "Done: %n image(s) in {seconds} s", "", count).format(
            seconds=f"{job.elapsed_s:.1f}")
        note = job.outcome.note if job.outcome else ""
        return translate("jobs", "{status}. {note}").format(status=text, note=note) if note \
            else text
    if job.saved_to is not None:
        return translate("jobs", "Not in the library; the images were saved to {folder}.").format(
            folder=job.saved_to)
    if job.state == JobState.CANCELLED:
        return translate("jobs", "Cancelled")
    if job.error is not None and job.error_message == job.error.message:
        return error_message(job.error)
    return job.error_message or translate("jobs", "Failed")

