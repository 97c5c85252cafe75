"""What the window does around generation jobs: submit, run, deliver, and the error buttons.

Owns submitting a request (past the spend guard, with the choices and the prompt history
remembered), running a job on the `JobQueue`'s worker through the `GenerationService` bound to
the library, putting a finished job's images into the grid, the desktop notifications, what
each button of the error table does, and the paid images the library could not keep: "Save
to…" on a job row, and the fallback folder at quit.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_app import APP_NAME, CONSOLE_URL
from desktop_app.ui.error_actions import ErrorAction
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from desktop_app.api.types import GenerationRequest
    from desktop_app.jobs import GenerationService, Job
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class JobsController(QObject):
    """Generation jobs for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._service: GenerationService | None = None

    def library_opened(self) -> None:
        """The images go to the library now open (before any job is queued: see `generate`)."""
        from desktop_app.jobs import GenerationService

        window = self._window
        self._service = GenerationService(window.clients.make_client, window.library)

    def generate_within_budget(self, request: GenerationRequest) -> None:
        """Generate once the spend guard found `request` within budget (or it was allowed)."""
        self._window.budget_guard.check([request], lambda: self.generate(request))

    def generate(self, request: GenerationRequest) -> Job:
        window = self._window
        window.ensure_library()  # where the images go; normally open since the first paint
        job = window.jobs.submit(request)
        window.prompt_history.note_sent(request)  # recalled at once
        window.remember_choices()
        return job

    def run(self, job_id: int, request: GenerationRequest, cancel: threading.Event,
            on_retry: Any = None) -> Any:
        # Worker thread. `generate` makes sure the service exists before a job is queued.
        assert self._service is not None
        return self._service(job_id, request, cancel, on_retry)

    def job_finished(self, job: Job) -> None:
        if job.outcome is None:
            return
        self._window.gallery_model.add_new_entries(job.outcome.entries, job.outcome.thumbnails)
        if job.group_id is not None:
            return  # a batch item: one notification per batch, from its controller
        self._window.notifier.notify(APP_NAME, self.tr("%n new image(s) ready.", "",
                                                       len(job.outcome.entries)))

    def job_failed(self, job: Job) -> None:
        if job.group_id is not None:
            return  # a batch item: its group row shows it; one notification per batch
        self._window.notifier.notify(
            APP_NAME, self.tr("A job failed: {reason}").format(reason=job.error_message))

    def run_error_action(self, job_id: int, action: ErrorAction) -> None:
        """What each button of the error table does (job_id -1: not a job's button)."""
        window = self._window
        if action == ErrorAction.SET_TOKEN:
            window.dialogs.open_token_settings()
        elif action == ErrorAction.OPEN_CONSOLE:
            from desktop_app.ui.image_actions import open_url

            open_url(CONSOLE_URL)
        elif action == ErrorAction.REFRESH_MODELS:
            window.model_catalog.refresh_models()
        elif action == ErrorAction.RETRY:
            job = window.jobs.job(job_id)  # a retry is sent again, so it is checked too
            if job is not None:
                window.budget_guard.check([job.request], lambda: window.jobs.retry(job_id))
        elif action == ErrorAction.OPEN_SETTINGS:
            window.dialogs.open_settings()

    # -- paid images the library could not keep ---------------------------------------------

    def save_unsaved_images(self, job_id: int) -> None:
        """"Save to…": write a job's paid images the library could not keep into a folder."""
        window = self._window
        commands, jobs = window.library_controller, window.jobs
        job = jobs.job(job_id)
        if job is None or job.unsaved is None or job.is_saving:
            return
        folder = commands.chooser.folder(self.tr("Save the images to"))
        if folder is None:
            return
        result = job.unsaved

        def write() -> list[Path]:  # worker thread
            from desktop_app.library.store import save_result_to_folder

            return save_result_to_folder(result, folder, str(job_id))

        def saved(written: list[Path]) -> None:
            jobs.mark_saved(job_id, folder)
            window.message_bar.show_message(
                self.tr("Saved %n image(s) to {folder}.", "", len(written)).format(
                    folder=folder), Accent.SUCCESS,
                [(self.tr("Show in folder"), lambda: commands.reveal(folder))], timeout_ms=8000,
            )

        def failed(error: Exception) -> None:
            jobs.mark_saving(job_id, False)  # the images stay on the job: try elsewhere
            commands.report_failure(self.tr("The images could not be saved"))(error)

        jobs.mark_saving(job_id, True)
        window.tasks.run(write, saved, failed, name="save-unsaved", context=self)

    def keep_unsaved_images(self) -> None:
        """At quit, paid images the library could not keep go to the fallback folder.

        The one disk write on the GUI thread, and only at shutdown: nothing is left to freeze,
        and the images exist nowhere else.
        """
        jobs = [job for job in self._window.jobs.jobs() if job.has_unsaved_images]
        if not jobs:
            return
        import time

        from desktop_app import paths
        from desktop_app.library.store import save_result_to_folder

        stamp = time.strftime("%Y%m%d-%H%M%S")
        for job in jobs:
            assert job.unsaved is not None
            # The data folder, else the system's temporary folder (as the job row says).
            for folder in paths.quit_fallback_folders(f"{stamp}-job-{job.id}"):
                try:
                    save_result_to_folder(job.unsaved, folder, str(job.id))
                except Exception:
                    log.exception("Could not keep the unsaved images of job %s", job.id)
                    continue
                log.warning("Unsaved images of job %s were written to %s", job.id, folder)
                break
