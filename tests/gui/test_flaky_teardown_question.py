"""A window closed at a test's end with a job still running never waits in a modal question.

On a loaded machine a test can end before the job it started last has finished; pytest-qt then
closes the window, which asked "Quit with unfinished jobs?" in a modal box nobody answers: the
whole suite hung there (seen in a full run).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.api.types import GenerationRequest, ImageSize


def test_closing_a_window_with_a_running_job_shows_no_modal_question(make_window, qtbot):
    window = make_window()
    request = GenerationRequest(prompt="[fault:slow=5] still running at the end",
                                model="black-forest-labs/FLUX.1-schnell",
                                size=ImageSize(256, 256), n=1)
    job = window.jobs_controller.generate(request)
    qtbot.waitUntil(lambda: window.jobs.job(job.id).state.value == "running")
    shown: list[str] = []

    def dismiss() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            shown.append(box.windowTitle())
            box.close()  # "Wait": the close is refused

    watcher = QTimer()
    watcher.timeout.connect(dismiss)
    watcher.start(20)
    try:
        closed = window.close()
    finally:
        watcher.stop()
        window.quit_without_asking()  # without the fix, teardown must not hang here either
    assert shown == []
    assert closed is True
