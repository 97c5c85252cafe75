"""Benchmark 9: how long the GUI thread goes unserved while a batch runs in the window.

A 1,000-item batch (50 with --quick; distinct prompts, 64x64, n=1) is started in a real
`MainWindow` through its Batch controller (`ui.batch_controller`: one `JobGroup` on the
window's `JobQueue`, two requests in flight) against the local server as a subprocess that adds
50 ms to each reply. The `Heartbeat` of `responsiveness` (a 1 ms precise timer on the GUI
thread) records the longest gap and the 99th percentile while the batch runs: every finished
item updates the group row, the library grid and the queue, on the GUI thread. The baseline is
the same heartbeat with nothing to do for as long as the batch took. The window lives in a
child interpreter (`--child`) with its own temporary home.
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
    run_child,
    temporary_home,
)

NAME = "batch_gui"
LATENCY_S = 0.05
CONCURRENCY = 2
GOAL = Goal("figure", "<=", 50, "ms")


def _child(base_url: str, token: str, items: int) -> dict[str, Any]:
    import os

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.responsiveness import Heartbeat
    from desktop_app import gui_gc, paths
    from desktop_app.api.types import ImageSize
    from desktop_app.batch.plan import build_plan, parse_text
    from desktop_app.library import Library
    from desktop_app.secrets import TokenStore
    from desktop_app.settings import Settings
    from desktop_app.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    gui_gc.install(app)
    os.environ["NSCALE_SERVICE_TOKEN"] = token
    library = Library.open(paths.default_library_dir())
    settings = Settings.load()
    settings.base_url = base_url
    settings.library_dir = library.root
    window = MainWindow(settings, TokenStore(), library, max_running=CONCURRENCY,
                        reconcile_at_start=False)
    window.show()

    def run_event_loop(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    deadline = time.monotonic() + 20
    while (window.model_catalog.token_status is None or window.model_catalog.refreshes_running) \
            and time.monotonic() < deadline:
        run_event_loop(0.05)
    run_event_loop(0.3)  # settle: first timers, imports done lazily by Qt
    window.batch.open_dialog().reject()  # builds the controller, as the menu does
    model = window.prompt_panel.current_model()
    text = "".join(f"benchmark prompt {index}\n" for index in range(items))
    plan = build_plan(parse_text(text), models=[model], sizes=[ImageSize(64, 64)], n=1,
                      prices={})
    heartbeat = Heartbeat()
    loop = QEventLoop()
    heartbeat.start()
    began = time.perf_counter()
    group = window.batch.start(plan, CONCURRENCY)
    group.finished.connect(loop.quit)
    QTimer.singleShot(30 * 60 * 1000, loop.quit)
    if not group.is_finished:
        loop.exec()
    duration = time.perf_counter() - began
    busy = heartbeat.stop()
    done, failed = group.done, group.failed
    first_failure = next((item.message for item in group.items if item.message), "")
    heartbeat.start()
    run_event_loop(duration)
    idle = heartbeat.stop()
    window.quit_without_asking()
    window.close()
    window.shutdown()
    library.close()
    return {"busy": busy, "idle": idle, "seconds": duration, "items": items, "done": done,
            "failed": failed, "first_failure": first_failure[:200]}


def run(quick: bool) -> list[Row]:
    items = 50 if quick else 1000
    with local_server("--latency", str(LATENCY_S)) as server, temporary_home() as home:
        result = run_child(
            "benchmarks.batch_gui",
            ["--child", "--base-url", server.base_url, "--token", server.token,
             "--items", str(items)],
            isolated_env(home), timeout=3600,
        )
    busy, idle = result["busy"], result["idle"]
    note = (f"{result['done']} of {items} done in {result['seconds']:.1f} s "
            f"({items / max(result['seconds'], 1e-9):.1f} items/s), K={CONCURRENCY}, "
            f"{busy['ticks']:.0f} ticks")
    if result["done"] != items:
        note += f"; NOT ALL DONE ({result['failed']} failed: {result['first_failure']})"
    return [
        Row(NAME, f"longest GUI gap during a {items}-item batch (window)", busy["max"],
            idle["max"], baseline_name="idle heartbeat, same duration", goal=GOAL, samples=1,
            note=note, details=result),
        Row(NAME, f"p99 GUI gap during a {items}-item batch (window)", busy["p99"],
            idle["p99"], baseline_name="idle heartbeat, same duration", samples=1),
    ]


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args(argv)
    emit_result(_child(args.base_url, args.token, args.items))
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
