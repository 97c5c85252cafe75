"""Job latency for `million`: from the last byte of a 4 x 1024 px reply to four thumbnails painted.

The parent (`million._job_row`) puts a byte-forwarding TCP proxy (`ReplyClock`, threads in the
benchmark runner's process) between the window and the local server; it notes, per reply of more
than 100 KB (the generation reply: four 1024x1024 PNGs in base64), the `time.perf_counter()` of its
last chunk. The child (`python -m benchmarks.million_job`) is the real `MainWindow` (offscreen)
on the library in its isolated home, with a token from the environment: it types a prompt,
picks 1024x1024 and 4 images, clicks Generate, and after every paint of the gallery viewport
checks whether the four newest rows are this job's images with their thumbnails in the model's
cache, i.e. drawn by that paint; it reports the `perf_counter()` just after that paint. On Linux
`perf_counter` is CLOCK_MONOTONIC in both processes, so the difference is the latency the user
sees from the last byte arriving to the four thumbnails on screen (decode, checks, durable save,
index row, the gallery's merge and thumbnail load, the paint). It also notes when the job's
entries reach `GalleryModel.add_new_entries`, which splits the latency into the job's share and
the gallery's (model + view, up to the paint).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.harness import emit_result

BIG_REPLY = 100_000  # the devserver's 4 x 1024 px reply is ~400 KB; other replies < 10 KB


class ReplyClock:
    """A TCP proxy to `target` that remembers when each big reply's last byte went through."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.big_reply_ends: list[float] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="reply-clock").start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._target)
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            state = {"reply_bytes": 0, "index": -1}
            threading.Thread(target=self._pump, args=(client, upstream, state, False),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, state, True),
                             daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, state: dict[str, int],
              reply: bool) -> None:
        try:
            while True:
                data = source.recv(1 << 16)
                if not data:
                    break
                sink.sendall(data)
                now = time.perf_counter()
                with self._lock:
                    if not reply:  # a new request: the next reply starts from zero
                        state["reply_bytes"], state["index"] = 0, -1
                        continue
                    state["reply_bytes"] += len(data)
                    if state["reply_bytes"] > BIG_REPLY:
                        if state["index"] < 0:
                            self.big_reply_ends.append(now)
                            state["index"] = len(self.big_reply_ends) - 1
                        else:
                            self.big_reply_ends[state["index"]] = now
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self._closed = True
        self._listener.close()


@contextlib.contextmanager
def reply_clock(base_url: str) -> Iterator[tuple[ReplyClock, str]]:
    """The clock in front of the server at `base_url`, and the base URL that goes through it."""
    host, _, rest = base_url.removeprefix("http://").partition(":")
    port, slash, path = rest.partition("/")
    clock = ReplyClock(host, int(port))
    try:
        yield clock, f"http://127.0.0.1:{clock.port}{slash}{path}"
    finally:
        clock.close()


def latencies(painted: list[float], ends: list[float]) -> list[float]:
    """For each paint time, ms since the last big reply that ended before it."""
    result = []
    for moment in painted:
        before = [end for end in ends if end <= moment]
        if before:
            result.append((moment - max(before)) * 1000)
    return result


def _child(base_url: str, jobs: int, profile: bool = False) -> None:
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app import gui_gc, paths
    from desktop_app.library import Library
    from desktop_app.secrets import TokenStore
    from desktop_app.settings import Settings
    from desktop_app.threads import end_process_if_threads_linger
    from desktop_app.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    gui_gc.install(app)
    settings = Settings.load()
    settings.base_url = base_url
    library = Library.open(paths.default_library_dir())
    window = MainWindow(settings, TokenStore(), library, reconcile_at_start=False)
    window.resize(1240, 800)
    window.show()
    model = window.gallery_model

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    deadline = time.perf_counter() + 120
    while model.is_loading or model.rowCount() == 0:
        spin(0.05)
        if time.perf_counter() > deadline:
            raise RuntimeError("the library did not load")
    spin(1.5)  # first paint, token check, model list

    painted: list[float] = []
    handed: list[float] = []  # when the job's entries reached the gallery model
    failures: list[str] = []
    add_new_entries = model.add_new_entries

    def note_handed(*args: Any, **kwargs: Any) -> None:
        if waiting and len(handed) < len(painted) + 1:
            handed.append(time.perf_counter())
        add_new_entries(*args, **kwargs)

    model.add_new_entries = note_handed  # type: ignore[method-assign]
    known: set[int] = set()

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and waiting:
                QTimer.singleShot(0, check)
            return False

    def newest_four_drawn() -> bool:
        entries = [model.entry_at(row) for row in range(4)]
        if any(entry is None or entry.id in known for entry in entries):
            return False
        return all(model.thumbnail(entry.id, row) is not None
                   for row, entry in enumerate(entries) if entry is not None)

    def check() -> None:
        if waiting and newest_four_drawn():
            painted.append(time.perf_counter())
            waiting.clear()

    waiting: list[bool] = []
    submitted: list[Any] = []
    window.jobs.job_added.connect(submitted.append)
    watch = Watch()
    window.gallery_view.viewport().installEventFilter(watch)
    panel = window.prompt_panel
    profiler = None
    if profile:  # the GUI thread's calls during the jobs (cProfile sees only this thread)
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for number in range(jobs):
        known.update(model.entry_at(row).id for row in range(min(4, model.rowCount()))
                     if model.entry_at(row) is not None)
        panel.set_values(prompt=f"million job latency {number}", size="1024x1024", count=4)
        waiting.append(True)
        panel.generate_button.click()
        deadline = time.perf_counter() + 60
        while waiting and time.perf_counter() < deadline:
            spin(0.005)
        if waiting:
            job = submitted[-1] if submitted else None
            state = f"{job.state.value}: {job.error_message}" if job is not None else "no job"
            failures.append(f"job {number}: four thumbnails not painted within 60 s ({state})")
            waiting.clear()
        spin(0.5)
    window.gallery_view.viewport().removeEventFilter(watch)
    calls = ""
    if profiler is not None:
        import io
        import pstats

        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        calls = out.getvalue()
    # The figures are final: report them before the shutdown. At a million images, workers
    # started by the jobs (the boards' counts) may still be reading when the window closes;
    # a teardown with them running crashed the child (SIGSEGV) and lost the result.
    emit_result({"painted": painted, "handed": handed, "failures": failures, "profile": calls})
    window.quit_without_asking()
    window.close()
    window.shutdown()
    end_process_if_threads_linger(0)  # as the app leaves: never a teardown under a worker
    library.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--jobs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile of the GUI thread")
    args = parser.parse_args(argv)
    os.environ["NSCALE_SERVICE_TOKEN"] = args.token
    _child(args.base_url, args.jobs, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
