"""Running a batch plan: at most K requests in flight, each journalled before it is sent.

Owns the worker threads (each with its own API client: a `requests.Session` is not shared across
threads), the order of events per item (journal `sent`, fsync'd, then the shared
`generation.generate_and_keep`, then journal `done` with the kept paths), and the rules that stop
a batch: a 429 (insufficient credit), a refused or missing token and any failure to keep images
stop it at once (no further request is sent); other failures are recorded per item and the batch
goes on. On a resume, done items are skipped and items sent but never answered are reported as
unknown and resent only with `retry_unknown`. Progress goes to a callback; nothing is printed.
No Qt: the CLI calls `run()` on its main thread; a window can call it from a worker.
The report records live in outcomes.py (issue #13) and are re-exported here.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app import paths
from desktop_app.api.client import NscaleClient
from desktop_app.api.errors import ApiError, CancelledError, ErrorKind
from desktop_app.batch.journal import (
    DONE,
    FAILED,
    NOT_SENT,
    SENT,
    UNKNOWN,
    Journal,
    JournalError,
)
from desktop_app.batch.outcomes import (
    SKIPPED,
    STOPPING_KINDS,
    STORAGE_KIND,
    UNEXPECTED_KIND,
    UNKNOWN_KINDS,
    UNKNOWN_MESSAGE,
    BatchReport,
    ItemOutcome,
    Progress,
    outcomes_by_status,
)
from desktop_app.batch.plan import Plan, PlanItem
from desktop_app.generation import ResultNotSavedError, generate_and_keep
from desktop_app.library import Library
from desktop_app.library.storage_errors import StorageError
from desktop_app.library.store import save_result_to_folder
from desktop_app.usage.recorder import NOT_SENT_KINDS

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 2
MAX_CONCURRENCY = 16


ClientFactory = Callable[[], NscaleClient]


class BatchRunner:
    """Runs `plan` through `generate_and_keep` with at most `concurrency` requests in flight."""

    def __init__(
        self,
        plan: Plan,
        journal: Journal,
        library: Library,
        client_factory: ClientFactory,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        retry_unknown: bool = False,
        export_to: Path | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
        on_interrupt: Callable[[], None] | None = None,
    ) -> None:
        self.plan = plan
        self.journal = journal
        self.library = library
        self.client_factory = client_factory
        self.concurrency = max(1, min(concurrency, MAX_CONCURRENCY))
        self.export_to = export_to
        self.on_progress = on_progress
        self.cancel = cancel if cancel is not None else threading.Event()
        self.on_interrupt = on_interrupt
        self.job_group = uuid.uuid4().hex
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._latencies: list[float] = []
        self._working = 0  # worker threads not yet finished
        self._in_flight = 0  # items taken by a worker and not yet answered and recorded
        self.report = BatchReport([ItemOutcome(item) for item in plan.items])
        self._queue: deque[PlanItem] = deque(self._pending(retry_unknown))

    # -- what to send ---------------------------------------------------------------------

    def _pending(self, retry_unknown: bool) -> list[PlanItem]:
        pending = []
        for item in self.plan.items:
            record = self.journal.records.get(item.index)
            outcome = self.report.outcomes[item.index]
            if record is not None and record.state == DONE:
                outcome.status, outcome.paths, outcome.from_earlier_run = DONE, record.paths, True
            elif record is not None and record.state in (SENT, UNKNOWN) and not retry_unknown:
                outcome.status, outcome.from_earlier_run = UNKNOWN, True
                outcome.kind = record.kind or ErrorKind.CANCELLED.value
                outcome.message = UNKNOWN_MESSAGE
            else:
                pending.append(item)
        return pending

    @property
    def pending(self) -> int:
        return len(self._queue)

    # -- running --------------------------------------------------------------------------

    def run(self) -> BatchReport:
        """Send every pending item; returns when all are answered or the batch stopped.

        A first Ctrl+C stops sending and lets the requests in flight finish (their images are
        paid for and kept); a second one cancels them too.
        """
        workers = [
            threading.Thread(target=self._work, name=f"batch-{i}", daemon=True)
            for i in range(min(self.concurrency, max(1, len(self._queue))))
        ]
        self._working = len(workers)
        try:
            # Started inside the try: `Thread.start()` waits for the new thread to begin, and a
            # Ctrl+C landing there (the first workers already sending) must stop the batch like
            # any other, not escape and drop the replies in flight.
            for worker in workers:
                worker.start()
            self._join(workers)
        except KeyboardInterrupt:
            self.report.interrupted = True
            self._stop.set()
            if self.on_interrupt is not None:
                self.on_interrupt()
            try:
                self._wait_for_in_flight()
            except KeyboardInterrupt:
                self.cancel.set()
                self._wait_for_in_flight()
        return self.report

    def _join(self, workers: Sequence[threading.Thread]) -> None:
        # Polls a counter with sleeps rather than Thread.join(timeout): a Ctrl+C that interrupts
        # join() can leave is_alive() False for a thread that is still running (CPython
        # gh-90882), which would report in-flight items as never sent.
        while True:
            with self._lock:
                if self._working == 0:
                    break
            time.sleep(0.05)
        for worker in workers:
            worker.join()

    def _wait_for_in_flight(self) -> None:
        """After a stop: wait until every item taken has been answered and recorded.

        Counts items, not threads: a worker interrupted while being started may never run, and
        one that starts after the stop takes nothing (`_next` checks the stop under the lock).
        """
        while True:
            with self._lock:
                if self._in_flight == 0:
                    return
            time.sleep(0.05)

    def _next(self) -> PlanItem | None:
        """The next item to send, journalled as sent; None once the batch is over or stopped."""
        with self._lock:
            if self._stop.is_set() or self.cancel.is_set() or not self._queue:
                return None
            item = self._queue.popleft()
            # Under the lock that a stopping failure also takes: once a 429 is known, no
            # worker passes this point again.
            try:
                self.journal.record_sent(item.index)
            except JournalError as error:
                # Not journalled, so not sent: a request a resume could not account for might
                # be paid twice.
                self._queue.appendleft(item)
                self._stop_for_journal(error)
                return None
            self.report.requests_sent += 1
            self._in_flight += 1
            return item

    def _work(self) -> None:
        try:
            self._work_items()
        finally:
            with self._lock:
                self._working -= 1

    def _work_items(self) -> None:
        try:
            client = self.client_factory()
        except Exception:
            # Before anything was journalled or sent: the batch stops, the items stay pending.
            log.exception("could not make an API client for the batch")
            with self._lock:
                self._stop.set()
                self.report.stopped_by = self.report.stopped_by or UNEXPECTED_KIND
                self.report.first_failure = self.report.first_failure or UNEXPECTED_KIND
            return
        with client:
            while (item := self._next()) is not None:
                try:
                    self._send(client, item)
                finally:
                    with self._lock:
                        self._in_flight -= 1

    def _send(self, client: NscaleClient, item: PlanItem) -> None:
        outcome = self.report.outcomes[item.index]
        started = time.monotonic()
        try:
            result, entries = generate_and_keep(
                client,
                self.library,
                item.request(),
                job_id=f"{self.job_group}-{item.index}",
                cancel=self.cancel,
            )
        except ApiError as error:
            self._failed(outcome, error.kind, _message(error))
            return
        except StorageError as error:
            # Checked before sending: nothing went out, and every later item would meet it too.
            self._failed(outcome, None, error.message, state=NOT_SENT, kind_text=STORAGE_KIND)
            return
        except ResultNotSavedError as error:
            # Paid for, but the library could not keep it: the images go to a plain folder.
            self._kept_elsewhere(item, outcome, error)
            return
        except Exception as error:
            # A bug: this item may have been paid for, and later ones would likely meet it too.
            log.exception("batch item %d failed unexpectedly", item.index)
            self._failed(outcome, None, f"unexpected {type(error).__name__}: {error}")
            return
        latency = time.monotonic() - started
        paths = [str(entry.path) for entry in entries]
        exported: list[str] = []
        if self.export_to is not None and entries:
            try:
                self.export_to.mkdir(parents=True, exist_ok=True)
                exported = [str(p) for p in self.library.export([e.id for e in entries],
                                                                self.export_to)]
            except OSError as error:
                log.warning("could not copy batch item %d to %s: %s", item.index,
                            self.export_to, error)
        self._record(self.journal.record_done, item.index, paths)
        with self._lock:
            outcome.status, outcome.paths, outcome.exported = DONE, paths, exported
            outcome.latency_s = latency
            if result.failures:
                outcome.message = "; ".join(
                    f"image {f.index + 1}: {f.error.message}" for f in result.failures
                )
            self._latencies.append(latency)
        self._report_progress()

    def _kept_elsewhere(
        self, item: PlanItem, outcome: ItemOutcome, error: ResultNotSavedError
    ) -> None:
        """Write a paid reply the library could not keep to --out, else the data folder."""
        job_id = f"{self.job_group}-{item.index}"
        folders = [self.export_to] if self.export_to is not None else []
        folders.append(paths.unsaved_images_dir() / self.journal.path.stem)
        for folder in folders:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                kept = [str(p) for p in save_result_to_folder(error.result, folder, job_id)]
            except Exception:
                log.exception("could not write batch item %d's images to %s", item.index, folder)
                continue
            self._record(self.journal.record_done, item.index, kept)
            with self._lock:
                self._stop.set()
                outcome.status, outcome.paths, outcome.kind = DONE, kept, STORAGE_KIND
                outcome.message = f"{error.message} They were written to {folder}."
                self.report.stopped_by = self.report.stopped_by or STORAGE_KIND
                self.report.first_failure = self.report.first_failure or STORAGE_KIND
            self._report_progress()
            return
        self._failed(outcome, None, f"{error.message} Writing them elsewhere failed too.",
                     kind_text=STORAGE_KIND)

    def _failed(
        self,
        outcome: ItemOutcome,
        kind: ErrorKind | None,
        message: str,
        *,
        state: str = UNKNOWN,
        kind_text: str = "",
    ) -> None:
        """Record a failure; `kind` None (storage or a bug) stops the batch as unknown."""
        if kind is None:
            kind_text = kind_text or UNEXPECTED_KIND
        elif kind in NOT_SENT_KINDS:
            state, kind_text = NOT_SENT, kind.value
        elif kind in UNKNOWN_KINDS:
            state, kind_text = UNKNOWN, kind.value
        else:
            state, kind_text = FAILED, kind.value
        stops = kind is None or kind in STOPPING_KINDS
        with self._lock:
            if stops:
                self._stop.set()
                if self.report.stopped_by is None:
                    self.report.stopped_by = kind_text
            if self.report.first_failure is None and kind is not ErrorKind.CANCELLED:
                self.report.first_failure = kind_text
            outcome.status, outcome.kind, outcome.message = state, kind_text, message
        self._record(self.journal.record_outcome, outcome.item.index, state, kind_text, message)
        self._report_progress()

    def _record(self, record: Callable[..., None], *args: object) -> None:
        """Write an outcome to the journal; if it cannot be written, stop the batch.

        The images of a done item are kept in the library already: only the journal's note of
        it is missing, so a resume lists the item as unknown instead of sending it again.
        """
        try:
            record(*args)
        except JournalError as error:
            with self._lock:
                self._stop_for_journal(error)

    def _stop_for_journal(self, error: JournalError) -> None:
        """Stop sending because of `error`; call with the lock held."""
        log.error("batch stopped: %s", error)
        self._stop.set()
        self.report.journal_problem = self.report.journal_problem or str(error)
        self.report.stopped_by = self.report.stopped_by or STORAGE_KIND
        self.report.first_failure = self.report.first_failure or STORAGE_KIND

    def _report_progress(self) -> None:
        if self.on_progress is None:
            return
        with self._lock:
            outcomes = self.report.outcomes
            finished = sum(1 for o in outcomes if o.status != SKIPPED)
            images = sum(len(o.paths) for o in outcomes if o.status == DONE)
            failed = sum(1 for o in outcomes if o.status in (FAILED, UNKNOWN, NOT_SENT))
            remaining = len(self._queue)
            eta = None
            if self._latencies:
                mean = sum(self._latencies) / len(self._latencies)
                eta = remaining * mean / self.concurrency
            progress = Progress(finished, len(outcomes), images, self.report.spent, failed, eta)
        self.on_progress(progress)


def _message(error: ApiError) -> str:
    if isinstance(error, CancelledError):
        return "Cancelled while in flight; it may have been charged."
    if error.detail and error.detail not in error.message:
        return f"{error.message} Server said: {error.detail}"
    return error.message


__all__ = [
    "DEFAULT_CONCURRENCY",
    "MAX_CONCURRENCY",
    "SKIPPED",
    "STOPPING_KINDS",
    "STORAGE_KIND",
    "UNEXPECTED_KIND",
    "UNKNOWN_KINDS",
    "UNKNOWN_MESSAGE",
    "BatchReport",
    "BatchRunner",
    "ClientFactory",
    "ItemOutcome",
    "Progress",
    "outcomes_by_status",
]
