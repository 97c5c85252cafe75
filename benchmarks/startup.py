"""Benchmark 1: start-up to first paint of the app against a bare PySide6 window.

Runs `python -m desktop_app --smoke-test` and `python -m benchmarks.bare_window` alternately (same
interpreter, offscreen, each in a fresh isolated XDG home) and compares the medians of the
`startup_ms` they print, plus the wall-clock time from launch to that line. The "with a library"
variant lives in `library_scale`, which reuses `measure_app_startups` against a prepared home.
Owns no app code and changes none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.harness import Goal, Row, isolated_env, median, startup_ms, temporary_home

NAME = "startup"
GOAL = Goal("ratio", "<=", 2.0)
APP_COMMAND = (sys.executable, "-m", "desktop_app", "--smoke-test")
BARE_COMMAND = (sys.executable, "-m", "benchmarks.bare_window")


def measure_pairs(runs: int, app_home: Callable[[Path], Path] | None = None
                  ) -> dict[str, list[float]]:
    """Alternate app and bare start-ups; `app_home(tmp)` may prepare the app's home folder."""
    samples: dict[str, list[float]] = {"app": [], "app_wall": [], "bare": [], "bare_wall": []}
    for index in range(runs):
        order = (("app", APP_COMMAND), ("bare", BARE_COMMAND))
        if index % 2:  # alternate who goes first, so neither always gets the warmer cache
            order = order[::-1]
        for label, command in order:
            with temporary_home() as tmp:
                home = app_home(tmp) if (label == "app" and app_home is not None) else tmp
                reported, wall = startup_ms(command, isolated_env(home))
            samples[label].append(reported)
            samples[f"{label}_wall"].append(wall)
    return samples


def run(quick: bool) -> list[Row]:
    runs = 3 if quick else 10
    # One untimed start of each first: the very first launch pays for cold disk caches.
    measure_pairs(1)
    samples = measure_pairs(runs)
    return [
        Row(NAME, "start-up to first paint (self-reported)", median(samples["app"]),
            median(samples["bare"]), baseline_name="bare PySide6 window", goal=GOAL,
            samples=runs, details=samples),
        Row(NAME, "start-up, launch to line (wall clock)", median(samples["app_wall"]),
            median(samples["bare_wall"]), baseline_name="bare PySide6 window", goal=GOAL,
            samples=runs, note="includes interpreter start-up for both"),
    ]
