"""Run one blocking function off the GUI thread, then call success or failure on the GUI thread.

Owns the small "background task" helper the panels use for short one-off work (list models, test
the connection, load a full image, convert and save a copy, export, import, reconcile, keyring
calls). Each task is a plain `QObject` worker moved to its own `QThread`, cleaned up the
documented way; results and exceptions always come back on the GUI thread. Callbacks must not be
called from the worker: that is the whole point. On shutdown `cancel_event` is set (work that
can stop early watches it: pass it as the `cancel` of a request or an import), late results are
dropped, and the threads get a bounded wait (threads.py).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop_app.threads import SHUTDOWN_WAIT_MS, stop_threads, worker_thread

log = logging.getLogger(__name__)


class _TaskWorker(QObject):
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    done = Signal()

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self._function = function

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
        self._running: dict[str, tuple[QThread, _TaskWorker, _Task]] = {}
        self._serials = itertools.count(1)
        self.is_shutting_down = False
        # Set on shutdown: long tasks that can stop early (requests, imports) watch it.
        self.cancel_event = threading.Event()

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
        key = f"{name}-{next(self._serials)}"
        worker = _TaskWorker(function)
        thread = worker_thread(worker, key, run=worker.run, done=worker.done)
        task = _Task(self, name, on_success, on_failure, context)
        worker.succeeded.connect(task.deliver_success)
        worker.failed.connect(task.deliver_failure)
        thread.finished.connect(self._on_thread_finished)
        # The worker is dropped on the GUI thread once it has ended (see threads.py).
        thread.finished.connect(thread.deleteLater)
        # Python must keep the thread alive until it has finished; dropped in _on_thread_finished.
        self._running[key] = (thread, worker, task)
        thread.start()

    def active_count(self) -> int:
        return len(self._running)

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Cancel what watches `cancel_event`, drop late results, wait `timeout_ms` in all."""
        self.is_shutting_down = True
        self.cancel_event.set()
        entries = list(self._running.items())
        still_running = set(stop_threads([thread for _, (thread, _, _) in entries], timeout_ms))
        for key, (thread, _worker, _task) in entries:
            # Keep a running thread's references: destroying a running QThread aborts.
            if thread not in still_running:
                self._running.pop(key, None)

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            # `finished` is emitted from the thread just before it ends: wait until it has
            # really ended, then let Python delete the worker here, on the GUI thread.
            thread.wait()
            entry = self._running.pop(thread.objectName(), None)
            if entry is not None and shiboken6.isValid(entry[2]):
                entry[2].deleteLater()


# --- ordered work on one thread ---------------------------------------------------------------


class _SerialWorker(QObject):
    """Runs the submitted functions one at a time, in the order they were submitted."""

    succeeded = Signal(int, object)  # task id, result
    failed = Signal(int, object)  # task id, exception

    @Slot(int, object)
    def run(self, task_id: int, function: Callable[[], Any]) -> None:
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
    within the bounded wait and drops the tasks not started yet; a task stuck past the wait
    keeps the thread referenced here (never destroyed while running, see threads.py).
    """

    _submitted = Signal(int, object)  # task id, function: runs on the worker thread

    def __init__(self, name: str = "serial", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._thread: QThread | None = None
        self._worker: _SerialWorker | None = None
        self._stuck: list[tuple[QThread, _SerialWorker]] = []  # outlived the shutdown wait
        self._pending: dict[int, _Task] = {}
        self._ids = itertools.count(1)
        self.is_shutting_down = False
        self.cancel_event = threading.Event()  # as TaskRunner's: set on shutdown

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
            self._start()
        task_id = next(self._ids)
        self._pending[task_id] = _Task(self, name, on_success, on_failure, context)
        self._submitted.emit(task_id, function)

    def active_count(self) -> int:
        """Tasks submitted whose answer has not come back yet."""
        return len(self._pending)

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> None:
        """Drop late results and queued tasks; wait for the running one `timeout_ms` at most."""
        self.is_shutting_down = True
        self.cancel_event.set()
        self._pending.clear()
        thread, worker = self._thread, self._worker
        if thread is None or worker is None:
            return
        self._thread = self._worker = None
        # quit() ends the thread's event loop after the running task: queued ones never start.
        if stop_threads([thread], timeout_ms):
            self._stuck.append((thread, worker))  # destroying a running QThread aborts
        # Otherwise dropping the references here deletes both on the GUI thread (threads.py).

    def _start(self) -> None:
        worker = _SerialWorker()
        thread = worker_thread(worker, self._name)
        self._submitted.connect(worker.run)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        thread.start()

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
