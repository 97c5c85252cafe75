"""Run one blocking function off the GUI thread, then call success or failure on the GUI thread.

Owns the small "background task" helper the panels use for short one-off work (list models, test
the connection, load a full image, convert and save a copy, export, import, reconcile, keyring
calls). Each task is a plain `QObject` worker moved to its own `QThread`, cleaned up the
documented way; results and exceptions always come back on the GUI thread. `SerialTaskRunner` is
the same for ordered work: one long-lived thread runs its tasks one at a time, in order.
Callbacks must not be called from the worker: that is the whole point. On shutdown
`cancel_event` is set (work that can stop early watches it: pass it as the `cancel` of a request
or an import), late results are dropped, and the threads get a bounded wait (threads.py).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.threads import SHUTDOWN_WAIT_MS, ThreadKeeper

log = logging.getLogger(__name__)


class _TaskWorker(QObject):
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    done = Signal()

    def __init__(self, function: Callable[[], Any], name: str) -> None:
        super().__init__()
        self._function = function
        self.name = name

    @Slot()
    def run(self) -> None:
        try:
            result = self._function()
        except Exception as error:
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
        finally:
            self.done.emit()


class _Task(QObject):
    """GUI-thread end of one task: receives the worker's signals and calls the callbacks."""

    finished = Signal()

    def __init__(
        self,
        runner: TaskRunner | SerialTaskRunner,
        name: str,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[Exception], None] | None,
        context: QObject | None,
    ) -> None:
        # A child of the context: when the dialog or viewer that asked is gone, so is this
        # receiver, and Qt drops the late result instead of calling into deleted widgets.
        super().__init__(context if context is not None else runner)
        self._runner = runner
        self.name = name
        self._on_success = on_success
        self._on_failure = on_failure

    @Slot(object)
    def deliver_success(self, result: object) -> None:
        if self._on_success is not None and not self._runner.is_shutting_down:
            self._on_success(result)

    @Slot(object)
    def deliver_failure(self, error: Exception) -> None:
        if self._runner.is_shutting_down:
            return
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            log.error("Background task %s failed: %r", self.name, error)


class TaskRunner(QObject):
    """Starts background tasks and waits for all of them on shutdown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads = ThreadKeeper("tasks", self)
        # Set on shutdown: long tasks that can stop early (requests, imports) watch it.
        self.cancel_event = threading.Event()

    @property
    def is_shutting_down(self) -> bool:
        return self._threads.is_shutting_down

    def run(
        self,
        function: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        name: str = "task",
        context: QObject | None = None,
    ) -> None:
        """Run `function` on a new thread; call back on the GUI thread while `context` lives."""
        if self.is_shutting_down:
            return
        worker = _TaskWorker(function, name)
        task = _Task(self, name, on_success, on_failure, context)
        worker.succeeded.connect(task.deliver_success)
        worker.failed.connect(task.deliver_failure)

        def retired() -> None:
            if shiboken6.isValid(task):
                task.deleteLater()

        self._threads.start(worker, name, run=worker.run, done=worker.done, on_retired=retired)

    def active_count(self) -> int:
        return self._threads.count()

    def running_names(self) -> list[str]:
        """The names of the tasks not yet retired, oldest first."""
        workers = self._threads.workers()
        return [worker.name for worker in workers if isinstance(worker, _TaskWorker)]

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Cancel what watches `cancel_event`, drop late results, wait `timeout_ms` in all."""
        self.cancel_event.set()
        self._threads.shutdown(timeout_ms)


# --- ordered work on one thread ---------------------------------------------------------------


class _SerialWorker(QObject):
    """Runs the submitted functions one at a time, in the order they were submitted; once
    `stopped` is set, the ones still queued are skipped (quitting the thread's event loop alone
    does not stop it: the loop delivers the events already posted before it looks again)."""

    succeeded = Signal(int, object)  # task id, result
    failed = Signal(int, object)  # task id, exception

    def __init__(self, stopped: threading.Event) -> None:
        super().__init__()
        self._stopped = stopped

    @Slot(int, object)
    def run(self, task_id: int, function: Callable[[], Any]) -> None:
        if self._stopped.is_set():
            return
        try:
            result = function()
        except Exception as error:
            self.failed.emit(task_id, error)
        else:
            self.succeeded.emit(task_id, result)


class SerialTaskRunner(QObject):
    """`TaskRunner` for ordered work: every task runs on one long-lived thread, in submission
    order, so two tasks never race (a query and the export of its rows, two queries in a row).

    Results and exceptions come back on the GUI thread while the task's `context` lives, and not
    after `shutdown`. The thread is started on first use. Shutdown lets the running task finish
    within the bounded wait and skips the tasks not started yet; a task stuck past the wait keeps
    its thread referenced by the keeper (never destroyed while running, see threads.py), and is
    not aborted.
    """

    _submitted = Signal(int, object)  # task id, function: runs on the worker thread

    def __init__(self, name: str = "serial", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._threads = ThreadKeeper(name, self)
        self._worker: _SerialWorker | None = None
        self._pending: dict[int, _Task] = {}
        self._ids = itertools.count(1)
        self.cancel_event = threading.Event()  # as TaskRunner's: set on shutdown

    @property
    def is_shutting_down(self) -> bool:
        return self._threads.is_shutting_down

    def run(
        self,
        function: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        *,
        name: str = "task",
        context: QObject | None = None,
    ) -> None:
        """Queue `function` behind the tasks already submitted; call back on the GUI thread."""
        if self.is_shutting_down:
            return
        if self._worker is None:
            worker = _SerialWorker(self.cancel_event)
            self._submitted.connect(worker.run)  # queued: the worker lives on its thread
            worker.succeeded.connect(self._on_succeeded)
            worker.failed.connect(self._on_failed)
            self._threads.start(worker, self._name)  # long-lived: runs until shutdown
            self._worker = worker
        task_id = next(self._ids)
        self._pending[task_id] = _Task(self, name, on_success, on_failure, context)
        self._submitted.emit(task_id, function)

    def active_count(self) -> int:
        """Tasks submitted whose answer has not come back yet."""
        return len(self._pending)

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Drop late results and queued tasks; wait for the running one `timeout_ms` at most."""
        self.cancel_event.set()
        pending, self._pending = self._pending, {}
        for task in pending.values():
            if shiboken6.isValid(task):
                task.deleteLater()
        self._threads.shutdown(timeout_ms)

    def thread_count(self) -> int:
        """Threads kept: 1 while the worker runs (or is stuck past a shutdown), else 0."""
        return self._threads.count()

    @Slot(int, object)
    def _on_succeeded(self, task_id: int, result: object) -> None:
        task = self._pending.pop(task_id, None)
        if task is not None and shiboken6.isValid(task):
            task.deliver_success(result)
            task.deleteLater()

    @Slot(int, object)
    def _on_failed(self, task_id: int, error: Exception) -> None:
        task = self._pending.pop(task_id, None)
        if task is not None and shiboken6.isValid(task):
            task.deliver_failure(error)
            task.deleteLater()
