"""Workers on threads of their own: the one place that makes such threads, and the deletion rule.

A worker is a plain `QObject` with no parent, moved to a new `QThread`, reporting by signals.
The rule every caller follows: a worker is never deleted on its own thread, so there is no
`thread.finished -> worker.deleteLater`. Run there while the thread finishes, PySide's destructor
takes a Qt connection lock and then waits for the GIL, while the GUI thread, holding the GIL, can
wait for a lock from the same pool in `connect()`: both wait forever (the test suite once hung
so). Callers keep Python references to the thread and the worker until `QThread.wait()` says the
thread has ended, then drop them on the GUI thread, which deletes both there.

Only QtCore: the job queue and the widgets both use it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, SignalInstance


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
    return thread
