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
        runner: TaskRunner,
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
