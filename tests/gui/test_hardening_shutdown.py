"""Shutdown waits a bounded time, cancels what can be cancelled, and never aborts the process.

`threads.stop_threads` is the one bounded wait every owner uses; `end_process_if_threads_linger`
is the last resort for a worker stuck in a call nobody can interrupt. A model refresh hanging on
a silent server ends when the window shuts down, instead of outliving it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.threads import stop_threads, worker_thread
from tests.conftest import PROJECT_ROOT


class Blocked(QObject):
    done = Signal()

    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self._release = release
        self.started = threading.Event()

    @Slot()
    def run(self) -> None:
        self.started.set()
        self._release.wait(60)
        self.done.emit()


def test_stop_threads_waits_a_bounded_time_and_names_the_stuck_ones(qtbot):
    release = threading.Event()
    worker = Blocked(release)
    thread = worker_thread(worker, "stuck", run=worker.run, done=worker.done)
    thread.start()
    assert worker.started.wait(10)
    assert stop_threads([thread], timeout_ms=200) == [thread]
    release.set()
    assert stop_threads([thread], timeout_ms=10_000) == []


STUCK_AT_EXIT = textwrap.dedent(
    """
    import threading
    from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
    from desktop_app.threads import end_process_if_threads_linger, stop_threads, worker_thread

    class Stuck(QObject):
        done = Signal()

        @Slot()
        def run(self):
            started.set()
            threading.Event().wait(600)  # a call nothing can interrupt

    app = QCoreApplication([])
    started = threading.Event()
    worker = Stuck()
    thread = worker_thread(worker, "stuck", run=worker.run, done=worker.done)
    thread.start()
    started.wait(10)
    print("still running:", stop_threads([thread], 200) == [thread], flush=True)
    end_process_if_threads_linger(0)
    print("not reached", flush=True)
    """
)


def test_a_worker_stuck_at_exit_does_not_abort_the_process():
    result = subprocess.run([sys.executable, "-c", STUCK_AT_EXIT], capture_output=True,
                            text=True, timeout=60, cwd=PROJECT_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "still running: True\n"
    assert "QThread: Destroyed" not in result.stderr


@pytest.fixture
def silent_server() -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """A server that reads a request and never answers; events: request seen, client hung up."""
    listener = socket.create_server(("127.0.0.1", 0))
    seen, hung_up = threading.Event(), threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            seen.set()
            while conn.recv(1024):
                pass
        hung_up.set()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1", seen, hung_up
    listener.close()


def test_shutdown_cancels_a_model_refresh_that_hangs(make_window, silent_server):
    url, seen, hung_up = silent_server
    window = make_window()
    window.settings.base_url = url
    window.settings.read_timeout = 600
    window.model_catalog.settings_saved()  # as after Settings > Save: refresh the models from there
    assert seen.wait(10)
    window.shutdown()
    assert window.tasks.active_count() == 0
    assert hung_up.wait(10)
