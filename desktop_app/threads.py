"""Workers on threads of their own: the one place that makes such threads, and the deletion rule.

A worker is a plain `QObject` with no parent, moved to a new `QThread`, reporting by signals.
The rule every caller follows: a worker is never deleted on its own thread, so there is no
`thread.finished -> worker.deleteLater`. Run there while the thread finishes, PySide's destructor
takes a Qt connection lock and then waits for the GIL, while the GUI thread, holding the GIL, can
wait for a lock from the same pool in `connect()`: both wait forever (the test suite once hung
so). Callers keep Python references to the thread and the worker until `QThread.wait()` says the
thread has ended, then drop them on the GUI thread, which deletes both there.

Shutdown: owners first cancel their work (a cancel ends a network request within a fraction of a
second in every phase), then `stop_threads` quits their threads and waits for them against one
bounded deadline. A thread still running after that (stuck in a call nobody can interrupt) is
kept referenced, never destroyed: destroying a running QThread aborts the process ("QThread:
Destroyed while thread is still running"). At the very end, `end_process_if_threads_linger`
leaves such a process with the intended exit code instead of letting interpreter teardown destroy
the thread.

`ThreadKeeper` is the one owner of such threads: it starts them, retires one-shot workers when
they are done (waits for the thread to end, then drops both references on the GUI thread), stops
long-lived workers, and shuts everything down against one deadline. The task runner, the job
queue, the gallery loader and the usage queries all keep their threads in one.

Only QtCore: the job queue and the widgets both use it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import weakref
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QObject, QThread, SignalInstance, Slot

log = logging.getLogger(__name__)

# How long each owner's shutdown waits for its threads, in all (not per thread).
SHUTDOWN_WAIT_MS = 3000

# Every thread made here, while Python still knows it: what the final check looks at.
_made: weakref.WeakSet[QThread] = weakref.WeakSet()


def worker_thread(
    worker: QObject,
    name: str,
    *,
    run: Callable[[], None] | None = None,
    done: SignalInstance | None = None,
) -> QThread:
    """A new, not yet started thread named `name` that owns `worker`.

    For a one-shot worker, `run` is called when the thread starts and the thread quits when the
    worker emits `done`. Long-lived workers pass neither and are driven by their signals.
    """
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    if run is not None:
        thread.started.connect(run)
    if done is not None:
        done.connect(thread.quit)
    _made.add(thread)
    return thread


def stop_threads(threads: Iterable[QThread], timeout_ms: int = SHUTDOWN_WAIT_MS) -> list[QThread]:
    """Quit each thread's event loop, then wait for all of them within `timeout_ms` in all.

    Returns the threads still running (the caller keeps its references to them). Threads whose
    C++ object is already gone (deleted by their own `deleteLater`) count as stopped.
    """
    alive = [thread for thread in threads if _is_running(thread)]
    for thread in alive:
        thread.quit()
    deadline = time.monotonic() + timeout_ms / 1000
    still_running: list[QThread] = []
    for thread in alive:
        remaining_ms = max(0, int((deadline - time.monotonic()) * 1000))
        try:
            stopped = thread.wait(remaining_ms)
        except RuntimeError:  # deleted meanwhile: it has ended
            continue
        if not stopped:
            log.warning("Thread %s did not stop within %d ms", thread.objectName(), timeout_ms)
            still_running.append(thread)
    return still_running


def lingering_threads() -> list[str]:
    """Names of the threads made here that are still running."""
    return [thread.objectName() for thread in list(_made) if _is_running(thread)]


def end_process_if_threads_linger(exit_code: int) -> None:
    """If a worker thread still runs, leave now with `exit_code`, skipping interpreter teardown.

    Teardown would destroy the running QThread and abort the process. Everything the app keeps
    (settings, the library) has been written and closed by then; only the stuck call is dropped.
    """
    names = lingering_threads()
    if not names:
        return
    log.warning("Leaving with threads still running: %s", ", ".join(sorted(names)))
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(exit_code)


class ThreadKeeper(QObject):
    """Starts, retires, stops and shuts down the worker threads of one owner.

    Lives on the GUI thread, usually as a child of its owner. A one-shot worker (`run` and `done`
    given) is retired when its thread has finished: the thread is waited for, `on_retired` is
    called, and the references are dropped here, on the GUI thread, so neither the worker nor the
    thread is ever deleted on the worker's own thread (see the module docstring). A long-lived
    worker (neither given) runs until `stop` or `shutdown`. After `shutdown`, `start` refuses.
    """

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._serials = 0
        self._shutting_down = False
        # Thread name -> (thread, worker, on_retired): Python keeps both alive until retired.
        self._kept: dict[str, tuple[QThread, QObject, Callable[[], None] | None]] = {}

    @property
    def is_shutting_down(self) -> bool:
        return self._shutting_down

    def start(
        self,
        worker: QObject,
        name: str,
        *,
        run: Callable[[], None] | None = None,
        done: SignalInstance | None = None,
        on_retired: Callable[[], None] | None = None,
    ) -> QThread:
        """Move `worker` to a new thread named after `name`, start it and keep it.

        Raises RuntimeError after `shutdown`: nothing may start while the owner is going away.
        """
        if self._shutting_down:
            raise RuntimeError(f"{self.objectName()} is shutting down; {name} not started")
        self._serials += 1
        key = f"{name}-{self._serials}"
        thread = worker_thread(worker, key, run=run, done=done)
        thread.finished.connect(self._retire)
        self._kept[key] = (thread, worker, on_retired)
        thread.start()
        return thread

    def count(self) -> int:
        """How many threads are kept (running, or finished and not yet retired)."""
        return len(self._kept)

    def workers(self) -> list[QObject]:
        """The workers whose threads are kept, oldest first."""
        return [worker for _, worker, _ in self._kept.values()]

    def stop(self, worker: QObject, timeout_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Quit the thread that runs `worker` and wait for it; False if it is still running."""
        for key, (thread, kept_worker, _) in list(self._kept.items()):
            if kept_worker is worker:
                if stop_threads([thread], timeout_ms):
                    return False
                self._drop(key)
                return True
        return True

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> list[QThread]:
        """Quit every kept thread and wait for all of them within `timeout_ms` in all.

        Returns the threads still running; they stay referenced here (destroying a running
        QThread aborts the process), the rest are dropped.
        """
        self._shutting_down = True
        entries = list(self._kept.items())
        still_running = stop_threads([thread for _, (thread, _, _) in entries], timeout_ms)
        for key, (thread, _, _) in entries:
            if thread not in still_running:
                self._drop(key)
        return still_running

    @Slot()
    def _retire(self) -> None:
        thread = self.sender()
        if not isinstance(thread, QThread) or not shiboken6.isValid(thread):
            return
        # `finished` is emitted from the thread just before it ends: wait until it really has,
        # then drop the references here, on the GUI thread.
        thread.wait()
        self._drop(thread.objectName())

    def _drop(self, key: str) -> None:
        entry = self._kept.pop(key, None)
        if entry is None:
            return
        thread, _worker, on_retired = entry
        if shiboken6.isValid(thread):
            thread.deleteLater()
        if on_retired is not None:
            on_retired()


def _is_running(thread: QThread) -> bool:
    try:
        return shiboken6.isValid(thread) and thread.isRunning()
    except RuntimeError:
        return False
