"""Child process: scroll the real gallery over a library end to end; report GUI gaps and peak RSS.

Builds the app's own `GalleryModel` + `GalleryPanel` (offscreen, 1200x800) over the library at
`--root`, waits for the ids to load, then moves the scroll bar from top to bottom in `--steps`
even steps, one every 16 ms (a user dragging the scroll bar through the whole library), letting
the real workers fetch pages and make thumbnails. A 1 ms heartbeat records the longest gap on
the GUI thread, first idle for as long as the scroll will take (the baseline), then while
scrolling. Peak RSS is `ru_maxrss`, read before the library is opened (baseline) and at the end.
Run by `library_scale`; prints one result line via `emit_result`.
"""

from __future__ import annotations

import argparse
import gc
import resource
import shutil
import sys
import time
from pathlib import Path

from benchmarks.harness import emit_result
from benchmarks.responsiveness import Heartbeat

TICK_MS = 16


class GcPauses:
    """Durations of the garbage collector's passes (a long gap is often a full collection)."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self._began) * 1000)

    def summary(self) -> dict[str, float]:
        return {f"gen{gen}_{key}": value for gen, pauses in self.pauses.items()
                for key, value in (("count", float(len(pauses))),
                                   ("max_ms", max(pauses, default=0.0)))}


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--steps", type=int, default=600)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.library import Library
    from desktop_app.ui.gallery import GalleryModel, GalleryPanel

    app = QApplication(sys.argv[:1])

    def spin(milliseconds: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(milliseconds, loop.quit)
        loop.exec()

    # Thumbnails made by an earlier run would make this one cheaper: always start cold.
    shutil.rmtree(args.root / "thumbnails", ignore_errors=True)
    heartbeat = Heartbeat()
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
    began = time.perf_counter()
    heartbeat.start()
    panel.show()
    model.refresh()
    loop = QEventLoop()
    model.loaded.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    load = heartbeat.stop()
    load_ms = (time.perf_counter() - began) * 1000
    rows = model.rowCount()
    spin(200)  # the first screen's thumbnails
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
    heartbeat.start()
    began = time.perf_counter()
    timer.start()
    done.exec()
    spin(300)  # let the last screen's thumbnails arrive
    scroll = heartbeat.stop()
    gc.callbacks.remove(pauses)
    held = getattr(model, "held_entry_count", None)  # `entry()` may read through to the library
    entries_held = held() if held is not None else sum(
        1 for entry_id in model.ids() if model.entry(entry_id) is not None)
    scroll_s = time.perf_counter() - began
    at_end = bar.value() == maximum
    thumbnails = model.cached_thumbnail_count()
    panel.close()
    model.shutdown()
    library.close()
    emit_result({
        "rows": rows, "maximum": maximum, "at_end": at_end, "idle": idle, "scroll": scroll,
        "load": load, "load_ms": load_ms, "scroll_s": scroll_s, "thumbnails_cached": thumbnails,
        "entries_held": entries_held, "gc": pauses.summary(),
        "top_gaps": sorted(heartbeat.gaps)[-5:],
        "rss_before_mib": rss_before, "rss_peak_mib": _rss_mib(),
    })
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
