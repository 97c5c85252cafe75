"""Workers are deleted on the GUI thread after their thread has ended, never on their own thread.

Deleting a PySide worker on its finishing thread (thread.finished -> worker.deleteLater) runs its
destructor there: it takes a Qt connection lock and waits for the GIL, while the GUI thread can
hold the GIL and wait for a lock from the same pool. The suite once hung exactly so.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, Qt, QThread

from desktop_app.api.types import GenerationRequest
from desktop_app.jobs import JobOutcome, JobQueue, JobState
from desktop_app.ui.tasks import TaskRunner


def record_deleting_thread(qobject, into: list[bool]) -> None:
    gui_thread = QCoreApplication.instance().thread()

    def destroyed(*_args: object) -> None:
        into.append(QThread.currentThread() is gui_thread)

    qobject.destroyed.connect(destroyed, Qt.ConnectionType.DirectConnection)


def test_task_workers_are_deleted_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    on_gui_thread: list[bool] = []
    results: list[int] = []
    for value in range(5):
        runner.run(lambda value=value: value, results.append, name="probe")
    for worker in runner._threads.workers():
        record_deleting_thread(worker, on_gui_thread)
    del worker  # no reference from the test may keep a worker alive
    qtbot.waitUntil(lambda: runner.active_count() == 0 and len(results) == 5, timeout=10000)
    qtbot.waitUntil(lambda: len(on_gui_thread) == 5, timeout=10000)
    assert all(on_gui_thread)
    runner.shutdown()


def test_job_workers_are_deleted_on_the_gui_thread(qtbot):
    release = threading.Event()

    def run(
        job_id: int, request: GenerationRequest, cancel: threading.Event, on_retry: object = None
    ) -> JobOutcome:
        release.wait(10)
        return JobOutcome(entries=(), thumbnails=())

    queue = JobQueue(run, max_running=4)
    on_gui_thread: list[bool] = []
    jobs = [queue.submit(GenerationRequest(f"prompt {i}")) for i in range(4)]
    qtbot.waitUntil(lambda: queue._threads.count() == 4, timeout=10000)
    for worker in queue._threads.workers():
        record_deleting_thread(worker, on_gui_thread)
    del worker  # no reference from the test may keep a worker alive
    release.set()
    qtbot.waitUntil(lambda: all(job.state is JobState.DONE for job in jobs), timeout=10000)
    qtbot.waitUntil(lambda: len(on_gui_thread) == 4, timeout=10000)
    assert all(on_gui_thread)
    queue.shutdown()
