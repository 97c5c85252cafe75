"""The real app (`desktop_app.app.main`, as `python -m desktop_app` runs it) with one job started.

Used by test_hardening_quit.py as a subprocess: once the window is up it submits a generation
with the prompt given as the first argument, prints "job running" when the job runs, and, with
`--close`, then closes the window as a user would. Nothing else differs from a normal start.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import app
from desktop_app.jobs import Job, JobState
from desktop_app.ui.main_window import MainWindow


def main() -> int:
    prompt = sys.argv[1]
    close = "--close" in sys.argv[2:]
    qt_app = QApplication(sys.argv[:1])

    def on_job_changed(window: MainWindow, job: Job) -> None:
        if job.state == JobState.RUNNING:
            print("job running", flush=True)
            if close:
                QTimer.singleShot(300, window.close)

    def start() -> None:
        windows = [w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(50, start)
            return
        window = windows[0]
        # Closing with a job running asks first; this user answers "Quit anyway".
        window.ask_quit_with_jobs = lambda _unfinished: True  # type: ignore[method-assign]
        window.jobs.job_changed.connect(lambda job: on_job_changed(window, job))
        window.prompt_panel.prompt_edit.setPlainText(prompt)
        window.prompt_panel.generate_button.click()

    QTimer.singleShot(0, start)
    return app.main([])


if __name__ == "__main__":
    raise SystemExit(main())
