"""Benchmark: the window following a library that two CLI processes write to at the same time.

The real `MainWindow` is open (offscreen) on a library of a few thousand images while two
`python -m desktop_app.cli generate -n 4 --size 1024x1024` writers run one after another in two
lanes against the local server (a subprocess). A 1 ms precise `QTimer` heartbeat on the GUI
thread records the longest gap between its ticks while they write and until the grid shows
every new image (the live refresh: `Library.data_version()` polled on the gallery's reader,
ids re-read and merged there); the baseline is the same heartbeat with nothing to do, for as
long. Also reported: how long after the last writer ended the grid showed its images. The
measuring happens in a child interpreter (`--child`), so nothing else in the runner competes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any

from benchmarks.harness import (
    PROJECT_ROOT,
    Goal,
    Row,
    emit_result,
    isolated_env,
    local_server,
    run_child,
    temporary_home,
)
from benchmarks.responsiveness import Heartbeat

NAME = "live_library"
GOAL = Goal("figure", "<=", 16, "ms")
WRITERS = 2


def _child(base_url: str, token: str, library_size: int, rounds: int) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.synthetic import write_images
    from desktop_app import paths
    from desktop_app.library import Library
    from desktop_app.secrets import TokenStore
    from desktop_app.settings import Settings
    from desktop_app.ui.main_window import MainWindow

    # The default library of the isolated home: the one the CLI writers open too.
    library_root = paths.default_library_dir()
    library = Library.open(library_root)
    source = library_root.parent / "bench-source"
    write_images(source, library_size)
    report = library.import_folder(source)
    if report.added != library_size:
        raise RuntimeError(f"built a library of {report.added} images, wanted {library_size}")
    app = QApplication(sys.argv[:1])  # noqa: F841 - must outlive the loops below
    settings = Settings.load()
    settings.base_url = base_url
    window = MainWindow(settings, TokenStore(), library, reconcile_at_start=False)
    window.resize(1240, 800)
    window.show()
    model = window.gallery_model

    def run_event_loop(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    deadline = time.perf_counter() + 30
    while model.is_loading or model.rowCount() < library_size:
        run_event_loop(0.05)
        if time.perf_counter() > deadline:
            raise RuntimeError(f"the window showed {model.rowCount()} of {library_size}")
    run_event_loop(1.0)  # settle: first paint, token check, model refresh

    env = {**os.environ, "NSCALE_BASE_URL": base_url, "NSCALE_SERVICE_TOKEN": token}
    command = [sys.executable, "-m", "desktop_app.cli", "generate", "--size", "1024x1024",
               "-n", "4"]
    lanes: list[list[subprocess.Popen[bytes]]] = [[] for _ in range(WRITERS)]
    started: list[int] = [0] * WRITERS
    failures: list[str] = []
    expected = library_size + WRITERS * rounds * 4
    heartbeat = Heartbeat()
    heartbeat.start()
    began = time.perf_counter()
    last_exit = 0.0

    def start(lane: int) -> None:
        prompt = f"live benchmark writer {lane} round {started[lane]}"
        lanes[lane].append(subprocess.Popen([*command, prompt], env=env, cwd=PROJECT_ROOT,
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.PIPE))
        started[lane] += 1

    for lane in range(WRITERS):
        start(lane)
    deadline = time.perf_counter() + 300
    while time.perf_counter() < deadline:
        run_event_loop(0.02)  # the heartbeat ticks meanwhile; poll() never blocks
        running = False
        for lane, processes in enumerate(lanes):
            current = processes[-1]
            code = current.poll()
            if code is None:
                running = True
                continue
            if current.returncode is not None and not getattr(current, "_seen", False):
                current._seen = True  # type: ignore[attr-defined]
                last_exit = time.perf_counter()
                if code != 0:
                    assert current.stderr is not None
                    failures.append(current.stderr.read().decode(errors="replace")[-200:])
                if started[lane] < rounds:
                    start(lane)
                    running = True
        if not running and model.rowCount() >= expected:
            break
    shown = time.perf_counter()
    busy = heartbeat.stop()
    duration = shown - began
    heartbeat.start()
    run_event_loop(duration)
    idle = heartbeat.stop()
    rows = model.rowCount()
    window.close()
    library.close()
    return {"busy": busy, "idle": idle, "duration_ms": duration * 1000,
            "shown_after_last_write_ms": (shown - last_exit) * 1000 if last_exit else None,
            "rows": rows, "expected": expected, "failures": failures}


def run(quick: bool) -> list[Row]:
    library_size, rounds = (500, 1) if quick else (3000, 3)
    with local_server() as server, temporary_home() as home:
        result = run_child(
            "benchmarks.live_library",
            ["--child", "--base-url", server.base_url, "--token", server.token,
             "--library-size", str(library_size), "--rounds", str(rounds)],
            isolated_env(home),
        )
    lag = result["shown_after_last_write_ms"]
    problems = []
    if result["rows"] < result["expected"]:
        problems.append(f"NOT DONE: the grid showed {result['rows']} of {result['expected']}")
    if result["failures"]:
        problems.append(f"a writer failed: {result['failures'][0]}")
    return [Row(
        NAME, f"longest GUI gap while {WRITERS} CLI processes write ({library_size:,} images)",
        result["busy"]["max"], result["idle"]["max"],
        baseline_name="idle heartbeat, same duration", goal=GOAL, samples=1,
        note=(f"{WRITERS} lanes x {rounds} CLI runs of 4x1024px; p99 "
              f"{result['busy']['p99']:.1f} ms; new images shown "
              + (f"{lag:.0f} ms after the last writer ended" if lag is not None else "?")
              + ("; " + "; ".join(problems) if problems else "")),
        details=result,
    )]


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--library-size", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    emit_result(_child(args.base_url, args.token, args.library_size, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
