"""Benchmark: the window following a library that two CLI processes write to at the same time.

The real `MainWindow` is open (offscreen) on a library of a few thousand images while two
`python -m desktop_app.cli generate -n 4 --size 1024x1024` processes write into it at once,
against the local server (a subprocess). A 1 ms precise `QTimer` heartbeat on the GUI thread
records the longest gap between its ticks from the writers' start until the grid shows every
new image (the live refresh: `Library.data_version()` polled on the gallery's reader thread,
ids re-read and merged there, the grid laid out in batches). The baseline is the same writers
with the window not following (`set_watch_interval(0)`), alternated round by round, so the
load the writers put on the machine is in both and the difference is the window's own work.
Also reported: how long after the last writer ended the grid showed their images. The
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
    median,
    run_child,
    temporary_home,
)
from benchmarks.responsiveness import Heartbeat

NAME = "live_library"
GOAL = Goal("figure", "<=", 16, "ms")
WRITERS = 2
WATCH_MS = 500  # the app's own interval (gallery.WATCH_INTERVAL_MS)


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
    heartbeat = Heartbeat()
    failures: list[str] = []

    def write_round(number: int, live: bool) -> tuple[dict[str, float], float | None]:
        """Both lanes write once; the heartbeat runs until they ended and, when the window
        follows the library, until the grid shows their images. Returns the gaps and how
        long after the last writer ended the images were shown."""
        model.set_watch_interval(WATCH_MS if live else 0)
        expected = model.rowCount() + WRITERS * 4
        heartbeat.start()
        writers = [subprocess.Popen([*command, f"live benchmark round {number} lane {lane}"],
                                    env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE) for lane in range(WRITERS)]
        last_exit = 0.0
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            run_event_loop(0.02)  # the heartbeat ticks meanwhile; poll() never blocks
            if any(writer.poll() is None for writer in writers):
                continue
            if not last_exit:
                last_exit = time.perf_counter()
            if not live or model.rowCount() >= expected:
                break
        shown = time.perf_counter()
        gaps = heartbeat.stop()
        for writer in writers:
            assert writer.stderr is not None
            if writer.returncode != 0:
                failures.append(writer.stderr.read().decode(errors="replace")[-200:])
            writer.stderr.close()
        if not live:
            model.reload()  # catch up, outside the measurement
            run_event_loop(0.5)
        lag = (shown - last_exit) * 1000 if live and model.rowCount() >= expected else None
        return gaps, lag

    live_gaps: list[dict[str, float]] = []
    off_gaps: list[dict[str, float]] = []
    lags: list[float | None] = []
    for number in range(rounds):  # alternated, so load elsewhere hits both alike
        gaps, lag = write_round(number, live=True)
        live_gaps.append(gaps)
        lags.append(lag)
        off_gaps.append(write_round(number, live=False)[0])
    rows = model.rowCount()
    window.close()
    library.close()
    return {"live": live_gaps, "off": off_gaps, "shown_after_last_write_ms": lags,
            "rows": rows, "expected": library_size + 2 * rounds * WRITERS * 4,
            "failures": failures}


def run(quick: bool) -> list[Row]:
    library_size, rounds = (500, 1) if quick else (3000, 4)
    with local_server() as server, temporary_home() as home:
        result = run_child(
            "benchmarks.live_library",
            ["--child", "--base-url", server.base_url, "--token", server.token,
             "--library-size", str(library_size), "--rounds", str(rounds)],
            isolated_env(home),
        )
    lags = [lag for lag in result["shown_after_last_write_ms"] if lag is not None]
    problems = []
    if len(lags) < rounds:
        problems.append(f"NOT DONE: {rounds - len(lags)} round(s) not shown within 120 s")
    if result["failures"]:
        problems.append(f"a writer failed: {result['failures'][0]}")
    live = [gaps["max"] for gaps in result["live"]]
    off = [gaps["max"] for gaps in result["off"]]
    return [Row(
        NAME, f"longest GUI gap while {WRITERS} CLI processes write ({library_size:,} images)",
        median(live), median(off),
        baseline_name="same writers, window not following", goal=GOAL, samples=rounds,
        note=(f"median over {rounds} rounds of {WRITERS} concurrent CLI runs of 4x1024px; "
              f"worst {max(live):.1f} ms (not following: {max(off):.1f} ms); new images shown "
              + (f"{median(lags):.0f} ms (median) after the last writer ended" if lags else "-")
              + ("; " + "; ".join(problems) if problems else "")),
        details=result,
    )]


def _child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--library-size", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    emit_result(_child(args.base_url, args.token, args.library_size, args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
