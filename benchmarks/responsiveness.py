"""Benchmark 2: how long the GUI thread goes unserved while the app works.

A 1 ms precise `QTimer` heartbeat on the GUI thread records the longest gap between its ticks
(a) with nothing else to do (the baseline), (b) while `JobQueue` runs a job of 4 x 1024x1024
images from the local server (a subprocess, so its CPU work does not share our GIL) through the
app's real worker (`GenerationService`: client, library save, thumbnails). The gap while the
real gallery scrolls a 100,000-image library is measured by `library_scale` (it needs that
library) with the same `Heartbeat`. The measuring happens in a child interpreter (`--child`), so
nothing else in the runner competes.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from benchmarks.harness import (
    Goal,
    Row,
    emit_result,
    isolated_env,
    local_server,
    median,
    run_child,
    temporary_home,
)

NAME = "responsiveness"
GOAL = Goal("figure", "<=", 16, "ms")


class Heartbeat:
    """Ticks every millisecond on the GUI thread and remembers the gaps between ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now

    def start(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> dict[str, float]:
        self._timer.stop()
        gaps = sorted(self.gaps) or [0.0]
        return {"max": gaps[-1], "p99": gaps[int(len(gaps) * 0.99) - 1 if len(gaps) > 1 else 0],
                "ticks": float(len(gaps))}



def _child_jobs(base_url: str, token: str, jobs: int) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app import paths
    from desktop_app.api.client import NscaleClient
    from desktop_app.api.types import GenerationRequest, ImageSize
    from desktop_app.jobs import GenerationService, JobQueue
    from desktop_app.library import Library

    app = QApplication(sys.argv[:1])  # noqa: F841 - must outlive the loops below
    library = Library.open(paths.default_library_dir())
    service = GenerationService(lambda: NscaleClient(base_url, token, max_attempts=1), library)
    queue = JobQueue(service, max_running=1)
    heartbeat = Heartbeat()
    idle: list[dict[str, float]] = []
    busy: list[dict[str, float]] = []
    durations: list[float] = []
    outcomes: list[str] = []

    def run_event_loop(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    run_event_loop(0.2)  # settle: first timers, imports done lazily by Qt
    for index in range(jobs):
        request = GenerationRequest(prompt=f"benchmark job {index}", size=ImageSize(1024, 1024),
                                    n=4)
        loop = QEventLoop()
        queue.job_finished.connect(loop.quit)
        queue.job_failed.connect(loop.quit)
        heartbeat.start()
        began = time.perf_counter()
        job = queue.submit(request)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        duration = time.perf_counter() - began
        busy.append(heartbeat.stop())
        queue.job_finished.disconnect(loop.quit)
        queue.job_failed.disconnect(loop.quit)
        outcomes.append(job.state.value + (f": {job.error_message}" if job.error_message else ""))
        durations.append(duration * 1000)
        # The baseline: the same heartbeat for as long as the job took, with nothing to do.
        heartbeat.start()
        run_event_loop(duration)
        idle.append(heartbeat.stop())
    queue.shutdown()
    library.close()
    return {"idle": idle, "busy": busy, "job_ms": durations, "outcomes": outcomes}


def run(quick: bool) -> list[Row]:
    jobs = 2 if quick else 7
    rows: list[Row] = []
    crashes: list[str] = []
    result: dict[str, Any] | None = None
    with local_server() as server:
        for _attempt in range(3):
            with temporary_home() as home:
                try:
                    result = run_child(
                        "benchmarks.responsiveness",
                        ["--child", "jobs", "--base-url", server.base_url, "--token",
                         server.token, "--count", str(jobs)],
                        isolated_env(home),
                    )
                    break
                except RuntimeError as error:
                    # Reported, not hidden: a crash of the app's job machinery is a finding.
                    crashes.append(str(error))
    if result is None:
        raise RuntimeError(f"the job child crashed {len(crashes)} times: {crashes[-1]}")
    failed = [o for o in result["outcomes"] if not o.startswith("done")]
    worst = max(b["max"] for b in result["busy"])
    rows.append(Row(
        NAME, "longest GUI gap during a 4x1024px job (JobQueue)",
        median([b["max"] for b in result["busy"]]), median([i["max"] for i in result["idle"]]),
        baseline_name="idle heartbeat, same duration", goal=GOAL, samples=jobs,
        note=(f"median over jobs of each job's longest gap; worst {worst:.1f} ms, "
              f"job {median(result['job_ms']):.0f} ms"
              + (f"; NOT DONE: {failed[0]}" if failed else "")
              + (f"; CHILD CRASHED {len(crashes)}x before this run ({crashes[0][:120]})"
                 if crashes else "")),
        details={**result, "crashes": crashes},
    ))
    return rows


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=["jobs"], required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--count", type=int, default=3)
    args = parser.parse_args(argv)
    emit_result(_child_jobs(args.base_url, args.token, args.count))
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
