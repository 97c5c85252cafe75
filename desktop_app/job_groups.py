"""Job groups: a batch plan run through the window's `JobQueue` as one unit.

Owns the life of a batch in the window: which plan items are waiting, submitted, done, failed,
cancelled or never sent; keeping at most K of its jobs in flight; the spend so far (the plan's
estimate of each item that came back); the stops and the commands (Cancel all, Retry failed).
A group submits an item only into a free slot of the queue (`JobQueue.free_slots`), so none of
its jobs ever waits inside the queue: when a 429 (insufficient credit), 401/403 or another
stopping failure arrives, no request of the group is left that the queue could still start on
its own, and the group sends nothing further. Requests already in flight when the stop is known
are allowed to finish (they were sent, may be charged, and their images are kept).
Finished jobs are removed from the queue once handled (their thumbnails are not kept in memory
for a thousand items); failed jobs stay until retried. Lives on the GUI thread; never touches a
widget. The shared rules (which kinds stop a batch) come from `batch.runner`, as in the CLI.
"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.api.errors import ErrorKind
from desktop_app.batch.plan import Plan, PlanItem
from desktop_app.batch.runner import STOPPING_KINDS
from desktop_app.jobs import Job, JobQueue, JobState

DEFAULT_CONCURRENCY = 2


class ItemState(Enum):
    PENDING = "pending"  # not submitted yet
    SUBMITTED = "submitted"  # a job of the queue is running it
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"  # cancelled while in flight (it may have been charged)
    NOT_SENT = "not_sent"  # the group stopped or was cancelled before this one was sent

    @property
    def is_final(self) -> bool:
        return self not in (ItemState.PENDING, ItemState.SUBMITTED)


RETRIABLE_STATES = frozenset({ItemState.FAILED, ItemState.CANCELLED, ItemState.NOT_SENT})


@dataclass
class GroupItem:
    """One plan item and what became of it. Mutated only by its `JobGroup` (GUI thread)."""

    item: PlanItem
    state: ItemState = ItemState.PENDING
    job_id: int | None = None
    entry_ids: tuple[int, ...] = ()
    message: str = ""  # why it failed, as the job said
    kind: ErrorKind | None = None


class StopReason(Enum):
    CANCELLED = "cancelled"  # Cancel all
    FAILURE = "failure"  # a stopping failure: see `JobGroup.stopped_kind` / `stopped_message`


class JobGroup(QObject):
    """One batch: its items, at most `concurrency` of them in the queue at once."""

    changed = Signal()  # counts, spend or state changed
    item_changed = Signal(int)  # plan index
    finished = Signal()  # nothing in flight, and nothing more will be sent

    def __init__(
        self,
        group_id: int,
        plan: Plan,
        queue: JobQueue,
        concurrency: int = DEFAULT_CONCURRENCY,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.id = group_id
        self.plan = plan
        self.concurrency = max(1, concurrency)
        self._queue = queue
        self.items = [GroupItem(item) for item in plan.items]
        # Kept with every change of state: the group row asks for them after each item.
        self._counts: Counter[ItemState] = Counter({ItemState.PENDING: len(self.items)})
        self._spent = 0.0
        self._pending: deque[int] = deque()
        self._by_job: dict[int, int] = {}  # job id -> plan index, for jobs in flight
        self.stop_reason: StopReason | None = None
        self.stopped_kind: ErrorKind | None = None
        self.stopped_message = ""
        self.stopped_job_id: int | None = None  # the job whose failure stopped the group
        self.max_in_flight_seen = 0
        self._is_started = False
        self._feed_scheduled = False
        self._told_finished = False
        # Asked before "Retry failed" sends again (the window's spend guard; JobGroups sets it).
        self.spend_check: Callable[[float], bool] = lambda _estimate: True
        queue.job_finished.connect(self._on_job_finished)
        queue.job_failed.connect(self._on_job_failed)
        queue.job_changed.connect(self._on_job_changed)
        queue.job_removed.connect(self._on_job_removed)

    # -- queries ----------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.items)

    def count(self, *states: ItemState) -> int:
        return sum(self._counts[state] for state in states)

    @property
    def done(self) -> int:
        return self.count(ItemState.DONE)

    @property
    def failed(self) -> int:
        return self.count(ItemState.FAILED, ItemState.CANCELLED)

    @property
    def in_flight(self) -> int:
        return len(self._by_job)

    @property
    def images(self) -> int:
        return sum(len(group_item.entry_ids) for group_item in self.items)  # O(items): rarely

    @property
    def spent(self) -> float:
        """The estimate of every item that came back (unpriced models count as zero)."""
        return self._spent

    @property
    def is_running(self) -> bool:
        return self._is_started and (bool(self._by_job) or (
            bool(self._pending) and self.stop_reason is None))

    @property
    def is_finished(self) -> bool:
        return self._is_started and not self.is_running

    @property
    def can_retry(self) -> bool:
        return not self.is_running and self.count(*RETRIABLE_STATES) > 0

    def item(self, index: int) -> GroupItem:
        return self.items[index]

    def job_ids(self) -> list[int]:
        return list(self._by_job)

    def waiting_cost(self) -> float:
        """The plan's estimate of the items this group will still submit (for the spend
        guard's "in flight"; unpriced models count as zero). A sum of floats: cheap enough
        for every job change even with 10,000 items waiting."""
        if self.stop_reason is not None:
            return 0.0
        return sum(self.items[index].item.estimated_cost or 0.0 for index in self._pending)

    # -- commands ---------------------------------------------------------------------------

    def start(self) -> None:
        if self._is_started:
            return
        self._is_started = True
        self._pending.extend(range(len(self.items)))
        self._feed()
        self._after_change()

    def cancel_all(self) -> None:
        """Send nothing more; cancel what is in flight (its replies may still be charged)."""
        if not self.is_running:
            return
        self.stop_reason = StopReason.CANCELLED
        self._drop_pending()
        for job_id in list(self._by_job):
            self._queue.cancel(job_id)
        self._after_change()

    def retry_failed(self) -> int:
        """Queue again the items that failed, were cancelled or never sent; returns how many.

        Done items are never sent again.
        """
        if self.is_running:
            return 0
        again = [index for index, group_item in enumerate(self.items)
                 if group_item.state in RETRIABLE_STATES]
        if not again:
            return 0
        cost = sum(self.items[index].item.estimated_cost or 0.0 for index in again)
        if not self.spend_check(cost):
            return 0  # the spend guard refused (and said why)
        for index in again:
            group_item = self.items[index]
            old_job = group_item.job_id
            self._set_state(group_item, ItemState.PENDING)
            group_item.job_id = None
            group_item.message, group_item.kind = "", None
            if old_job is not None:
                job = self._queue.job(old_job)
                if job is not None and not job.has_unsaved_images:
                    self._queue.remove(old_job)
            self.item_changed.emit(index)
        self.stop_reason = None
        self.stopped_kind, self.stopped_message, self.stopped_job_id = None, "", None
        self._pending.extend(again)
        self._feed()
        self._after_change()
        return len(again)

    # -- internals --------------------------------------------------------------------------

    def _set_state(self, group_item: GroupItem, state: ItemState) -> None:
        self._counts[group_item.state] -= 1
        self._counts[state] += 1
        cost = group_item.item.estimated_cost or 0.0
        if group_item.state == ItemState.DONE:
            self._spent -= cost
        if state == ItemState.DONE:
            self._spent += cost
        group_item.state = state

    def _drop_pending(self) -> None:
        while self._pending:
            index = self._pending.popleft()
            self._set_state(self.items[index], ItemState.NOT_SENT)
            self.item_changed.emit(index)

    def _feed(self) -> None:
        """Submit pending items into free slots of the queue, up to `concurrency` in flight."""
        self._feed_scheduled = False
        while (self._pending and self.stop_reason is None
               and len(self._by_job) < self.concurrency and self._queue.free_slots() > 0):
            index = self._pending.popleft()
            group_item = self.items[index]
            self._set_state(group_item, ItemState.SUBMITTED)
            job = self._queue.submit(group_item.item.request(), group_id=self.id)
            group_item.job_id = job.id
            self._by_job[job.id] = index
            self.max_in_flight_seen = max(self.max_in_flight_seen, len(self._by_job))
            self.item_changed.emit(index)

    def _schedule_feed(self) -> None:
        # Not from inside the queue's own signal: it is still finishing the job that freed
        # the slot. The next turn of the event loop sees the queue settled.
        if not self._feed_scheduled and self._pending and self.stop_reason is None:
            self._feed_scheduled = True
            QTimer.singleShot(0, self, self._feed_and_report)

    def _feed_and_report(self) -> None:
        self._feed()
        self._after_change()

    def _after_change(self) -> None:
        self.changed.emit()
        if self.is_finished and not self._told_finished:
            self._told_finished = True
            self.finished.emit()
        elif self.is_running:
            self._told_finished = False

    def _finish(self, job: Job, state: ItemState) -> GroupItem | None:
        index = self._by_job.pop(job.id, None)
        if index is None:
            return None
        group_item = self.items[index]
        self._set_state(group_item, state)
        self.item_changed.emit(index)
        return group_item

    def _stop(self, job: Job, kind: ErrorKind | None, message: str) -> None:
        if self.stop_reason is not None:
            return
        self.stop_reason = StopReason.FAILURE
        self.stopped_kind, self.stopped_message, self.stopped_job_id = kind, message, job.id
        self._drop_pending()

    @Slot(object)
    def _on_job_finished(self, job: Job) -> None:
        if job.group_id != self.id:
            return
        group_item = self._finish(job, ItemState.DONE)
        if group_item is None:
            return
        outcome = job.outcome
        group_item.entry_ids = tuple(entry.id for entry in outcome.entries) if outcome else ()
        group_item.message = outcome.note if outcome else ""
        # Let the other listeners (the library grid) have the job first, then forget it: a
        # thousand finished jobs would otherwise keep a thousand thumbnails in memory.
        QTimer.singleShot(0, self, lambda job_id=job.id: self._queue.remove(job_id))
        self._schedule_feed()
        self._after_change()

    @Slot(object)
    def _on_job_failed(self, job: Job) -> None:
        if job.group_id != self.id:
            return
        group_item = self._finish(job, ItemState.FAILED)
        if group_item is None:
            return
        group_item.kind, group_item.message = job.error_kind, job.error_message
        # A refused token or credit, or a failure that is not the server's (the library
        # cannot be written, a bug): every later item would meet it too.
        if job.error is None or job.error_kind in STOPPING_KINDS or job.has_unsaved_images:
            self._stop(job, job.error_kind, job.error_message)
        else:
            self._schedule_feed()
        self._after_change()

    @Slot(object)
    def _on_job_changed(self, job: Job) -> None:
        if job.group_id != self.id:
            if job.state.is_final:
                self._schedule_feed()  # another job's slot is free now
            return
        if job.state != JobState.CANCELLED:
            return
        # Cancelled from its own row or by Cancel all: the group goes on only if it was not
        # the group that cancelled it.
        group_item = self._finish(job, ItemState.CANCELLED)
        if group_item is None:
            return
        group_item.message = ""
        self._schedule_feed()
        self._after_change()

    @Slot(int)
    def _on_job_removed(self, job_id: int) -> None:
        # Removed from the queue while in flight (Clear finished, Dismiss): counted as cancelled.
        index = self._by_job.pop(job_id, None)
        if index is None:
            return
        self._set_state(self.items[index], ItemState.CANCELLED)
        self.item_changed.emit(index)
        self._schedule_feed()
        self._after_change()


class JobGroups(QObject):
    """Every batch of this session, in the order they were started."""

    group_added = Signal(object)  # JobGroup
    group_removed = Signal(int)  # group id

    def __init__(self, queue: JobQueue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self._groups: dict[int, JobGroup] = {}
        self._ids = itertools.count(1)
        self.spend_check: Callable[[float], bool] = lambda _estimate: True  # for retries

    def __iter__(self) -> Iterator[JobGroup]:
        return iter(list(self._groups.values()))

    def group(self, group_id: int) -> JobGroup | None:
        return self._groups.get(group_id)

    def waiting_cost(self) -> float:
        """Every group's items not submitted yet: spend that is coming, not in the queue."""
        return sum(group.waiting_cost() for group in self._groups.values())

    def start(self, plan: Plan, concurrency: int = DEFAULT_CONCURRENCY) -> JobGroup:
        group = JobGroup(next(self._ids), plan, self.queue, concurrency, self)
        group.spend_check = lambda estimate: self.spend_check(estimate)
        self._groups[group.id] = group
        self.group_added.emit(group)
        group.start()
        return group

    def remove(self, group_id: int) -> None:
        """Forget a finished group (its row goes away); a running one is left alone."""
        group = self._groups.get(group_id)
        if group is None or group.is_running:
            return
        del self._groups[group_id]
        for job_id in [item.job_id for item in group.items if item.job_id is not None]:
            job = self.queue.job(job_id)
            if job is not None and job.state.is_final and not job.has_unsaved_images:
                self.queue.remove(job_id)
        self.group_removed.emit(group_id)
        group.deleteLater()


__all__: Sequence[str] = ("GroupItem", "ItemState", "JobGroup", "JobGroups", "StopReason")
