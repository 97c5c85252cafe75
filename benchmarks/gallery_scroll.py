"""Child process: scroll the real gallery over a library end to end; report GUI gaps and peak RSS.

Builds the app's own `GalleryModel` + `GalleryPanel` (offscreen, 1200x800) over the library at
`--root`, shows it, then measures three phases with a 1 ms heartbeat on the GUI thread:
the ids arriving (`load`: from the query until they are shown, plus the first screen), scrolling
(the scroll bar moved from top to bottom in `--steps` even steps, one every 16 ms, as a user
dragging it through the whole library, the real workers fetching pages and making thumbnails
from a cold cache), and a filter change (`filter`: the order flipped, so every id arrives again).
The baseline is the same heartbeat idle for as long as the scroll takes. Each phase reports the
longest wall-clock gap and its p99, and the same for the GUI thread's own CPU time within each gap
(`*_cpu`): on a machine shared with other processes the wall gaps include time the GUI thread
was not even scheduled, the CPU figures only what this process made it do. While scrolling, each
paint of the grid is timed too (`paint`: the GUI thread's CPU time and the wall time inside
`GalleryView.paintEvent`, per frame): that CPU time is what a slower machine multiplies. The
child sets up the collector as the app does (`gui_gc.install` at start, `gc.freeze()` once the
start-up work is done), so garbage-collector pauses land where the app's would; each pass is
recorded with its wall and CPU time and whether it ran on the GUI thread. `--profile FILE` writes
a cProfile of the GUI thread during the scroll (call counts per frame: divide by `paint.count`).
Peak RSS is `ru_maxrss`, read before the library is opened (baseline) and at the end. Run by
`library_scale`; prints one result line via `emit_result`.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import emit_result
from benchmarks.responsiveness import Heartbeat

TICK_MS = 16


class CpuHeartbeat(Heartbeat):
    """The heartbeat, also recording the GUI thread's CPU time spent within each gap."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu_gaps: list[float] = []
        self._last_cpu = 0.0

    def _tick(self) -> None:
        now = time.thread_time()
        self.cpu_gaps.append((now - self._last_cpu) * 1000)
        self._last_cpu = now
        super()._tick()

    def start(self) -> None:
        self.cpu_gaps = []
        self._last_cpu = time.thread_time()
        super().start()

    def stop(self) -> dict[str, float]:
        result = super().stop()
        gaps = sorted(self.cpu_gaps) or [0.0]
        result["cpu_max"] = gaps[-1]
        result["cpu_p99"] = gaps[int(len(gaps) * 0.99) - 1 if len(gaps) > 1 else 0]
        result["top"] = sorted(self.gaps)[-5:]  # type: ignore[assignment]
        result["cpu_top"] = gaps[-5:]  # type: ignore[assignment]
        return result


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values) or [0.0]
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * fraction) - 1))]


class GcPauses:
    """Durations of the garbage collector's passes (a long gap is often a full collection):
    wall and CPU time of each, and how many ran on a thread other than the GUI thread."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self.cpu: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self.off_gui_thread = 0
        self._gui_thread = threading.get_ident()
        self._began = (0.0, 0.0)

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = (time.perf_counter(), time.thread_time())
            return
        wall, cpu = self._began
        generation = info["generation"]
        self.pauses[generation].append((time.perf_counter() - wall) * 1000)
        self.cpu[generation].append((time.thread_time() - cpu) * 1000)
        if threading.get_ident() != self._gui_thread:
            self.off_gui_thread += 1

    def summary(self) -> dict[str, float]:
        summary = {f"gen{gen}_{key}": value for gen, pauses in self.pauses.items()
                   for key, value in (("count", float(len(pauses))),
                                      ("max_ms", max(pauses, default=0.0)),
                                      ("cpu_max_ms", max(self.cpu[gen], default=0.0)))}
        summary["off_gui_thread"] = float(self.off_gui_thread)
        return summary


class PaintTimes:
    """The GUI thread's CPU time and the wall time of each paint of one widget (its
    `paintEvent` wrapped on the instance: Qt calls the override it finds there)."""

    def __init__(self, widget: Any) -> None:
        self.cpu: list[float] = []
        self.wall: list[float] = []
        self.shares: list[float] = []  # the part of the viewport each paint covered
        self.recording = False
        original = widget.paintEvent
        viewport = widget.viewport()

        def timed(event: Any) -> None:
            if not self.recording:
                original(event)
                return
            wall, cpu = time.perf_counter(), time.thread_time()
            original(event)
            self.cpu.append((time.thread_time() - cpu) * 1000)
            self.wall.append((time.perf_counter() - wall) * 1000)
            rect, whole = event.rect(), viewport.rect()
            self.shares.append(rect.width() * rect.height()
                               / max(1, whole.width() * whole.height()))

        widget.paintEvent = timed

    def summary(self) -> dict[str, Any]:
        cpu, wall = self.cpu, self.wall
        return {"count": len(cpu),
                "cpu_p50": _percentile(cpu, 0.5), "cpu_p99": _percentile(cpu, 0.99),
                "cpu_max": max(cpu, default=0.0), "cpu_mean": sum(cpu) / max(1, len(cpu)),
                "wall_p50": _percentile(wall, 0.5), "wall_p99": _percentile(wall, 0.99),
                "wall_max": max(wall, default=0.0), "cpu_top": sorted(cpu)[-5:],
                # How much of the viewport the five costliest paints covered (1.0: all of it).
                "cpu_top_shares": [share for _cpu, share in sorted(zip(cpu, self.shares,
                                                                        strict=True))[-5:]],
                "mean_share": sum(self.shares) / max(1, len(self.shares))}


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the scroll here")
    parser.add_argument("--gc-interval-ms", type=int, default=0,
                        help="collect every N ms instead of the app's interval (to compare)")
    parser.add_argument("--switch-interval-ms", type=float, default=0,
                        help="sys.setswitchinterval for this run (to compare)")
    args = parser.parse_args(argv)
    if args.switch_interval_ms:
        sys.setswitchinterval(args.switch_interval_ms / 1000)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app import gui_gc
    from desktop_app.library import Library, LibraryQuery
    from desktop_app.ui.gallery import GalleryModel, GalleryPanel

    app = QApplication(sys.argv[:1])
    if args.gc_interval_ms:
        gui_gc.GuiThreadCollector(app, args.gc_interval_ms)  # found by install() below
    gui_gc.install(app)  # as desktop_app.app.main: cycles are collected on the GUI thread only

    def spin(milliseconds: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(milliseconds, loop.quit)
        loop.exec()

    # Thumbnails made by an earlier run would make this one cheaper: always start cold.
    shutil.rmtree(args.root / "thumbnails", ignore_errors=True)
    heartbeat = CpuHeartbeat()
    spin(100)
    rss_before = _rss_mib()
    scroll_ms = args.steps * TICK_MS
    heartbeat.start()
    spin(scroll_ms)
    idle = heartbeat.stop()

    library = Library.open(args.root)
    model = GalleryModel(library)
    panel = GalleryPanel(model)  # starts the model's loader threads
    panel.resize(1200, 800)
    panel.show()
    paints = PaintTimes(panel.view)
    spin(300)  # the first paint of the empty panel: the start-up benchmark's business

    def wait_loaded() -> float:
        began = time.perf_counter()
        loop = QEventLoop()
        model.loaded.connect(loop.quit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        model.loaded.disconnect(loop.quit)
        return (time.perf_counter() - began) * 1000

    heartbeat.start()
    model.refresh()
    load_ms = wait_loaded()
    spin(300)  # the first screen's entries and thumbnails
    load = heartbeat.stop()
    rows = model.rowCount()
    # What the app does once its start-up work is done (desktop_app.app.main).
    from desktop_app.app import freeze_startup_objects

    freeze_startup_objects()

    bar = panel.view.verticalScrollBar()
    maximum = bar.maximum()
    step = 0

    def advance() -> None:
        nonlocal step
        step += 1
        bar.setValue(round(maximum * step / args.steps))
        if step >= args.steps:
            timer.stop()
            done.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(advance)
    done = QEventLoop()
    pauses = GcPauses()
    gc.callbacks.append(pauses)
    profile = None
    if args.profile is not None:
        import cProfile

        profile = cProfile.Profile()  # profiles the thread that enables it: the GUI thread
        profile.enable()
    paints.recording = True
    heartbeat.start()
    began = time.perf_counter()
    timer.start()
    done.exec()
    spin(300)  # let the last screen's thumbnails arrive
    scroll = heartbeat.stop()
    paints.recording = False
    if profile is not None:
        profile.disable()
        profile.dump_stats(str(args.profile))
    gc.callbacks.remove(pauses)
    scroll_s = time.perf_counter() - began
    scroll_top_gaps = sorted(heartbeat.gaps)[-5:]
    held = getattr(model, "held_entry_count", None)  # `entry()` may read through to the library
    entries_held = held() if held is not None else sum(
        1 for entry_id in model.ids() if model.entry(entry_id) is not None)
    at_end = bar.value() == maximum
    thumbnails = model.cached_thumbnail_count()
    # A filter change that brings every id again: the order flipped.
    heartbeat.start()
    model.set_query(LibraryQuery(newest_first=False))
    filter_ms = wait_loaded()
    spin(300)
    filtered = heartbeat.stop()
    panel.close()
    model.shutdown()
    library.close()
    emit_result({
        "rows": rows, "maximum": maximum, "at_end": at_end, "idle": idle, "scroll": scroll,
        "paint": paints.summary(), "load": load, "load_ms": load_ms, "scroll_s": scroll_s,
        "thumbnails_cached": thumbnails,
        "entries_held": entries_held, "gc": pauses.summary(),
        "top_gaps": scroll_top_gaps, "filter": filtered, "filter_ms": filter_ms,
        "rss_before_mib": rss_before, "rss_peak_mib": _rss_mib(),
    })
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
