"""Generating from the window: jobs run on worker threads, results land in the library grid."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.api.types import GenerationRequest, ImageSize
from desktop_app.jobs import JobState


def generate(window, qtbot, prompt: str = "a lighthouse at dusk", count: int = 1, size="512x512"):
    panel = window.prompt_panel
    panel.set_values(prompt=prompt, size=size, count=count)
    with qtbot.waitSignal(window.jobs.job_added, timeout=2000) as added:
        panel.generate_button.click()
    return added.args[0]


def wait_final(qtbot, job, timeout=20000):
    qtbot.waitUntil(lambda: job.state.is_final, timeout=timeout)


def test_window_title_and_prompt_focus(make_window, qtbot):
    window = make_window()
    assert window.windowTitle() == "Nscale Image Studio"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.prompt_panel.prompt_edit)


def test_generate_two_images_shows_two_thumbnails(make_window, qtbot):
    window = make_window()
    job = generate(window, qtbot, count=2)
    wait_final(qtbot, job)
    assert job.state == JobState.DONE, job.error_message
    model = window.gallery_model
    assert model.rowCount() == 2
    for row in range(2):
        entry = model.entry_at(row)
        assert entry is not None and entry.path.is_file()
        image = model.thumbnail(entry.id)
        assert image is not None and not image.isNull()
    row = window.jobs_panel.row(job.id)
    assert row is not None and row.status_label.text().startswith("Done: 2 images")


def test_ctrl_return_in_the_prompt_generates(make_window, qtbot):
    window = make_window()
    edit = window.prompt_panel.prompt_edit
    edit.setPlainText("a quiet harbour")
    with qtbot.waitSignal(window.jobs.job_added, timeout=2000) as added:
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert added.args[0].request.prompt == "a quiet harbour"
    wait_final(qtbot, added.args[0])


def test_worker_runs_off_the_gui_thread(make_window, qtbot):
    window = make_window()
    seen: list[object] = []
    real_run = window.jobs._run

    def spy(job_id, request, cancel, on_retry=None):
        seen.append(QThread.currentThread())
        return real_run(job_id, request, cancel, on_retry)

    window.jobs._run = spy
    job = generate(window, qtbot)
    wait_final(qtbot, job)
    assert job.state == JobState.DONE
    assert seen and seen[0] is not QApplication.instance().thread()
    assert seen[0] is not QThread.currentThread()


def test_cancel_a_running_job_aborts_it(make_window, qtbot, server):
    window = make_window()
    server.add_faults({"kind": "slow", "seconds": 8})
    job = generate(window, qtbot)
    qtbot.waitUntil(lambda: job.state == JobState.RUNNING)
    started = time.monotonic()
    window.jobs_panel.row(job.id).cancel_button.click()
    wait_final(qtbot, job, timeout=6000)
    assert job.state == JobState.CANCELLED
    assert time.monotonic() - started < 6
    assert window.jobs_panel.row(job.id).status_label.text() == "Cancelled"
    assert window.gallery_model.rowCount() == 0


def test_a_queue_of_three_runs_one_at_a_time_and_a_queued_job_can_be_cancelled(
    make_window, qtbot, server
):
    window = make_window(max_running=1)
    server.add_faults({"kind": "slow", "seconds": 1})
    running_counts: list[int] = []
    window.jobs.job_changed.connect(lambda _job: running_counts.append(window.jobs.running_count()))
    first = generate(window, qtbot, "first")
    second = generate(window, qtbot, "second")
    third = generate(window, qtbot, "third")
    assert second.state == JobState.QUEUED and third.state == JobState.QUEUED
    assert window.jobs_panel.row(second.id).status_label.text() == "Queued"
    window.jobs_panel.row(third.id).cancel_button.click()
    assert third.state == JobState.CANCELLED
    wait_final(qtbot, first)
    wait_final(qtbot, second)
    assert (first.state, second.state) == (JobState.DONE, JobState.DONE)
    assert max(running_counts) == 1
    # The cancelled one can be sent again with the same settings.
    window.jobs_panel.row(third.id).retry_button.click()  # sent once the budget is read
    qtbot.waitUntil(lambda: third.state == JobState.DONE, timeout=10000)
    assert window.gallery_model.rowCount() == 3


def test_running_job_shows_elapsed_seconds(make_window, qtbot, server):
    window = make_window()
    server.add_faults({"kind": "slow", "seconds": 1.5})
    job = generate(window, qtbot)
    row = window.jobs_panel.row(job.id)
    qtbot.waitUntil(lambda: row.status_label.text().startswith("Running… 1 s"), timeout=4000)
    wait_final(qtbot, job)


def test_gui_thread_keeps_turning_while_a_big_generation_requests_decodes_and_saves(
    make_window, qtbot, monkeypatch, library
):
    """Each heavy phase (the request, every decode, the save) runs on a worker, and before it
    returns the GUI thread must have turned its event loop (a heartbeat timer fired) while that
    worker waited: work done on the GUI thread, or a GUI thread blocked meanwhile, fails here.
    How long anything took is the benchmark's business, not this test's."""
    from desktop_app import generation
    from desktop_app.api.client import NscaleClient

    window = make_window()
    gui_thread = QApplication.instance().thread()
    beats = [0]
    turned = threading.Condition()

    def beat() -> None:
        with turned:
            beats[0] += 1
            turned.notify_all()

    phases: list[tuple[str, bool, bool]] = []  # (phase, ran on the GUI thread, GUI turned)

    def gated(phase, function):
        def run(*args, **kwargs):
            result = function(*args, **kwargs)
            if QThread.currentThread() is gui_thread:
                phases.append((phase, True, False))  # waiting here for a beat would deadlock
                return result
            with turned:
                seen = beats[0]
                ok = turned.wait_for(lambda: beats[0] >= seen + 3, timeout=30)
            phases.append((phase, False, ok))
            return result

        return run

    monkeypatch.setattr(NscaleClient, "generate", gated("request", NscaleClient.generate))
    monkeypatch.setattr(generation, "decode_and_preview",
                        gated("decode", generation.decode_and_preview))
    monkeypatch.setattr(library, "add_result", gated("save", library.add_result))
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(beat)
    window.prompt_panel.set_values(prompt="four big squares", size="1024x1024", count=4)
    timer.start()
    with qtbot.waitSignal(window.jobs.job_added) as added:
        window.prompt_panel.generate_button.click()
    job = added.args[0]
    wait_final(qtbot, job, timeout=60000)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 4)
    timer.stop()
    assert job.state == JobState.DONE, job.error_message
    assert [phase for phase, _, _ in phases] == ["request", *["decode"] * 4, "save"]
    assert not [phase for phase, on_gui, _ in phases if on_gui], "heavy work on the GUI thread"
    assert all(ok for _, _, ok in phases), "the GUI thread stopped turning during the job"


def test_job_queue_shutdown_waits_for_running_workers(qtbot):
    from desktop_app.jobs import JobOutcome, JobQueue

    release = threading.Event()

    def slow_run(job_id, request, cancel, on_retry=None):
        release.wait(5)
        return JobOutcome(entries=(), thumbnails=())

    queue = JobQueue(slow_run, max_running=2)
    job = queue.submit(GenerationRequest(prompt="x", size=ImageSize(64, 64)))
    qtbot.waitUntil(lambda: job.state == JobState.RUNNING)
    threading.Timer(0.2, release.set).start()
    queue.shutdown()
    assert queue.running_count() == 0
