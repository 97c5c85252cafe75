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
from PySide6.QtCore import QObject, QThread, SignalInstance

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


def _is_running(thread: QThread) -> bool:
    try:
        return shiboken6.isValid(thread) and thread.isRunning()
    except RuntimeError:
        return False
