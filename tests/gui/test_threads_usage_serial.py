"""Ordered background work on one thread (SerialTaskRunner), and JobQueue on the ThreadKeeper."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread

from desktop_app.api.types import GenerationRequest
from desktop_app.jobs import JobOutcome, JobQueue, JobState
from desktop_app.ui.tasks import SerialTaskRunner


def test_tasks_run_one_at_a_time_in_submission_order_on_one_thread(qtbot) -> None:
    runner = SerialTaskRunner("serial-test")
    gui = QThread.currentThread()
    ran: list[tuple[int, QThread]] = []
    delivered: list[tuple[int, bool]] = []
    active = []
    overlaps: list[int] = []

    def task(value: int) -> int:
        active.append(value)
        if len(active) > 1:
            overlaps.append(value)
        ran.append((value, QThread.currentThread()))
        active.remove(value)
        return value

    for value in range(30):
        runner.run(lambda value=value: task(value),
                   lambda result: delivered.append((result, QThread.currentThread() is gui)),
                   name="ordered")
    qtbot.waitUntil(lambda: len(delivered) == 30, timeout=10000)
    assert [value for value, _ in ran] == list(range(30))
    assert [value for value, _ in delivered] == list(range(30))  # answers in order too
    assert all(on_gui for _, on_gui in delivered)  # callbacks on the GUI thread
    assert len({thread for _, thread in ran}) == 1 and ran[0][1] is not gui
    assert not overlaps
    assert runner.thread_count() == 1  # one long-lived thread, not one per task
    assert runner.active_count() == 0
    runner.shutdown()
    assert runner.thread_count() == 0


def test_a_failure_goes_to_its_own_callback_and_the_next_task_still_runs(qtbot) -> None:
    runner = SerialTaskRunner("serial-test")
    events: list[str] = []

    def boom() -> None:
        raise ValueError("broken")

    runner.run(boom, lambda _r: events.append("ok?"), lambda e: events.append(f"failed {e}"))
    runner.run(lambda: "after", events.append)
    qtbot.waitUntil(lambda: len(events) == 2, timeout=10000)
    assert events == ["failed broken", "after"]
    runner.shutdown()


def test_shutdown_is_bounded_with_a_stuck_task_and_drops_late_and_queued_work(qtbot) -> None:
    runner = SerialTaskRunner("serial-test")
    started = threading.Event()
    release = threading.Event()
    delivered: list[object] = []
    queued_ran = threading.Event()

    def stuck() -> str:
        started.set()
        release.wait(30)  # ignores cancel: a call nobody can interrupt
        return "late"

    runner.run(stuck, delivered.append, delivered.append)
    runner.run(queued_ran.set, delivered.append, delivered.append)
    assert started.wait(10)
    runner.shutdown(timeout_ms=50)  # returns although the task still runs (no abort)
    assert not release.is_set()
    assert runner.is_shutting_down and runner.cancel_event.is_set()
    assert runner.thread_count() == 1  # the stuck thread stays referenced, never destroyed
    runner.run(lambda: "new", delivered.append)  # refused after shutdown
    release.set()
    qtbot.waitUntil(lambda: runner.thread_count() == 0, timeout=10000)  # retired once it ended
    qtbot.wait(50)  # let any late answer arrive, if one were still delivered
    assert delivered == []  # the late answer was dropped
    assert not queued_ran.is_set()  # the queued task never started


def test_an_answer_for_a_deleted_context_is_dropped(qtbot) -> None:
    runner = SerialTaskRunner("serial-test")
    release = threading.Event()
    delivered: list[object] = []
    context = QObject()
    runner.run(lambda: release.wait(10), delivered.append, context=context)
    context.deleteLater()
    qtbot.waitUntil(lambda: not _alive(context), timeout=10000)
    release.set()
    runner.run(lambda: "second", delivered.append)
    qtbot.waitUntil(lambda: delivered == ["second"], timeout=10000)
    runner.shutdown()


def _alive(qobject: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(qobject)


def test_job_queue_shutdown_keeps_a_stuck_job_thread_and_starts_nothing_more(qtbot) -> None:
    release = threading.Event()
    started = threading.Event()

    def run(job_id: int, request: GenerationRequest, cancel: threading.Event,
            on_retry: object = None) -> JobOutcome:
        started.set()
        release.wait(30)  # a call that does not watch `cancel`
        return JobOutcome(entries=(), thumbnails=())

    queue = JobQueue(run, max_running=1)
    running = queue.submit(GenerationRequest("stuck"))
    waiting = queue.submit(GenerationRequest("queued"))
    assert started.wait(10)
    assert queue.running_count() == 1 and queue.is_busy()
    queue.shutdown(timeout_ms=50)
    assert running.cancel_event.is_set()
    assert waiting.state is JobState.CANCELLED  # queued jobs are cancelled, never started
    assert queue._threads.count() == 1  # kept while it runs: destroying it would abort
    assert not queue.is_busy()
    release.set()
    qtbot.waitUntil(lambda: queue._threads.count() == 0, timeout=10000)
    assert waiting.state is JobState.CANCELLED


def test_job_queue_retires_each_job_thread_and_starts_the_next(qtbot) -> None:
    def run(job_id: int, request: GenerationRequest, cancel: threading.Event,
            on_retry: object = None) -> JobOutcome:
        return JobOutcome(entries=(), thumbnails=())

    queue = JobQueue(run, max_running=2)
    jobs = [queue.submit(GenerationRequest(f"prompt {i}")) for i in range(6)]
    qtbot.waitUntil(lambda: all(job.state is JobState.DONE for job in jobs), timeout=10000)
    qtbot.waitUntil(lambda: queue._threads.count() == 0, timeout=10000)
    assert queue.running_count() == 0 and not queue.is_busy()
    queue.shutdown()
