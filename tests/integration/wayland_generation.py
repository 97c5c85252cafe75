"""The real app (`desktop_app.app.main`) making one generation, for test_wayland.py.

Run as a subprocess with the server and token in the environment: once the window is shown it
types the prompt given as the first argument, clicks Generate, and when the job ends prints
`platform=<Qt platform> state=<job state> images=<count>` and closes the window.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import app
from desktop_app.jobs import Job
from desktop_app.ui.main_window import MainWindow


def main() -> int:
    prompt = sys.argv[1]
    qt_app = QApplication(sys.argv[:1])

    def on_job_changed(window: MainWindow, job: Job) -> None:
        if job.state.is_final:
            images = len(job.outcome.entries) if job.outcome is not None else 0
            print(f"platform={qt_app.platformName()} state={job.state.name} images={images}",
                  flush=True)
            QTimer.singleShot(0, window.close)

    def start() -> None:
        windows = [w for w in qt_app.topLevelWidgets() if isinstance(w, MainWindow)]
        ready = windows and windows[0].isVisible() and windows[0].model_catalog.token_status
        if not ready:
            QTimer.singleShot(50, start)
            return
        window = windows[0]
        window.jobs.job_changed.connect(lambda job: on_job_changed(window, job))
        window.prompt_panel.prompt_edit.setPlainText(prompt)
        window.prompt_panel.generate_button.click()

    QTimer.singleShot(0, start)
    return app.main([])


if __name__ == "__main__":
    raise SystemExit(main())
