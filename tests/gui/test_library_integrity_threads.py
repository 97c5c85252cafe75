"""Library connections opened by QThread workers (the window's jobs, tasks and thumbnails) close
when the worker's thread ends: sixty jobs leave no descriptors behind (issue #11, section 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from desktop_app.library import Library, LibraryQuery
from desktop_app.threads import worker_thread
from tests.library_helpers import make_result

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts /proc/self/fd")


class _SaveJob(QObject):
    done = Signal()

    def __init__(self, library: Library, seed: int) -> None:
        super().__init__()
        self._library = library
        self._seed = seed

    def run(self) -> None:
        self._library.add_result(make_result(f"job {self._seed}", seed=self._seed))
        self._library.count(LibraryQuery())
        self.done.emit()


def _descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_sixty_worker_jobs_leave_no_library_descriptors_open(qtbot, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    try:
        library.count(LibraryQuery())
        before = _descriptors()
        for seed in range(60):
            job = _SaveJob(library, seed)
            thread = worker_thread(job, f"job-{seed}", run=job.run, done=job.done)
            with qtbot.waitSignal(thread.finished, timeout=30_000):
                thread.start()
            assert thread.wait(30_000)
            del job, thread  # dropped on the GUI thread, as threads.py asks
        assert library.count(LibraryQuery()) == 60
        assert _descriptors() - before < 10  # each job used to leave 2-4 behind
    finally:
        library.close()
