"""Child process of the `million` benchmark: the real window on a big library, as the app starts it.

Starts the way `desktop_app.app.main` does (QApplication, `gui_gc.install`, `build_window()` with
the library opened after the first paint, the window's own after-first-paint work, reconcile
included) in the isolated home the parent prepared (`XDG_DATA_HOME` holds the library), and
reports, on the clock `desktop_app.app` and `bare_window` use (since the OS started the
process): the first paint and the moment the library is shown (the gallery viewport's first
paint after the ids arrived; also `first_rows_shown_ms`, the grid's first paint with any rows,
earlier when the gallery shows a query's first rows before the rest). A 1 ms heartbeat on the
GUI thread records the gaps from the first paint until 2 s after the library is shown (the ids
arriving, the model filling, the reconcile the window starts at +500 ms), then while the
filters change (each change until its ids are applied and painted), then, with `--base-url`,
while two `desktop_app.cli generate -n 4` processes
write into the same library until the grid shows their images. Peak RSS is `ru_maxrss` at the
end (and at the first paint, for comparison). Prints one result line via `emit_result`.
`--no-reconcile` leaves the start-up reconcile out, to tell the gallery's share of the gaps from
the reconcile worker's (which holds the GIL in long runs of Python).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from typing import Any

from benchmarks.harness import PROJECT_ROOT, emit_result
from benchmarks.responsiveness import Heartbeat

FILTERS = (
    ("model", {"model": "flux1-dev"}),
    ("favourites", {"favourites_only": True}),
    ("search 'castle'", {"search": "castle"}),
    ("source imported", {"source": "imported"}),
    ("generator a1111 + search 'fox'", {"generator": "a1111", "search": "fox"}),
    ("all again", {}),
)
WRITERS = 2


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="")
    parser.add_argument("--token", default="")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--quick", action="store_true", help="shorter settle, two filters")
    parser.add_argument("--stall-stacks", default="", metavar="PATH",
                        help="sample the GUI thread's stack during gaps over 20 ms into PATH")
    parser.add_argument("--no-reconcile", action="store_true",
                        help="without the start-up reconcile: the gallery's own share of gaps")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app import gui_gc
    from desktop_app.app import build_window, seconds_since_process_start
    from desktop_app.library import LibraryQuery

    app = QApplication(sys.argv[:1])
    gui_gc.install(app)
    marks: dict[str, float] = {}
    heartbeat = Heartbeat()
    sampler = None
    if args.stall_stacks:
        from pathlib import Path

        from benchmarks.stall_stacks import StallSampler

        sampler = StallSampler(heartbeat, Path(args.stall_stacks))
        sampler.phase = "open"

    def mark(name: str) -> None:
        marks.setdefault(name, seconds_since_process_start() * 1000)

    class PaintOnce(QObject):
        """Marks `name` from a zero-delay timer after the next Paint of the watched widget."""

        def __init__(self, name: str, then: Any = None) -> None:
            super().__init__()
            self.name, self.then = name, then

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self.fire)
            return False

        def fire(self) -> None:
            mark(self.name)
            if self.then is not None:
                self.then()

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def wait_for(condition: Any, seconds: float) -> bool:
        deadline = time.perf_counter() + seconds
        while not condition():
            if time.perf_counter() > deadline:
                return False
            spin(0.01)
        return True

    window = build_window()
    if args.no_reconcile:
        window._reconcile_at_start = False  # a measurement switch, not the app's
    filters: list[QObject] = []
    rss_first_paint: list[float] = []

    def on_first_paint() -> None:
        rss_first_paint.append(_rss_mib())
        heartbeat.start()

    first = PaintOnce("first_paint_ms", on_first_paint)
    filters.append(first)
    central = window.centralWidget()
    assert central is not None
    central.installEventFilter(first)
    app.aboutToQuit.connect(window.shutdown)
    window.resize(1240, 800)
    window.show()

    def watch_library() -> None:
        mark("library_opened_ms")
        model = window.gallery_model

        def watch_paint() -> None:
            # The panel shows the grid, or (empty library) a label instead, once the ids are in.
            panel = window.gallery_panel
            target = panel.view.viewport() if panel.view.isVisible() else panel.empty_label
            shown = PaintOnce("library_shown_ms")
            filters.append(shown)
            target.installEventFilter(shown)
            target.update()

        def on_loaded() -> None:
            model.loaded.disconnect(on_loaded)
            mark("ids_loaded_ms")
            QTimer.singleShot(0, watch_paint)

        def on_first_rows() -> None:
            # The grid's first paint with rows in it: the first screen the user sees (the
            # gallery may show a query's first rows before all its ids are in).
            model.rowsInserted.disconnect(on_first_rows)
            mark("first_rows_in_ms")
            shown = PaintOnce("first_rows_shown_ms")
            filters.append(shown)
            window.gallery_panel.view.viewport().installEventFilter(shown)

        model.loaded.connect(on_loaded)
        model.rowsInserted.connect(on_first_rows)

    window.background_started.connect(watch_library)
    if not wait_for(lambda: "library_shown_ms" in marks, args.timeout):
        raise RuntimeError(f"the library was not shown within {args.timeout} s: {marks}")
    spin(0.5 if args.quick else 2.0)  # the ids settle in, the reconcile at +500 ms runs
    open_gaps = heartbeat.stop()
    open_top = sorted(heartbeat.gaps)[-5:]
    model = window.gallery_model
    rows = model.rowCount()

    filter_gaps: dict[str, dict[str, float]] = {}
    filter_ms: dict[str, float] = {}
    loaded: list[float] = []
    model.loaded.connect(lambda: loaded.append(time.perf_counter()))
    for name, fields in FILTERS[:2] if args.quick else FILTERS:
        loaded.clear()
        if sampler is not None:
            sampler.phase = f"filter {name}"
        heartbeat.start()
        began = time.perf_counter()
        model.set_query(LibraryQuery(**fields))
        wait_for(lambda: bool(loaded), 60)
        spin(0.3)  # the grid repaints, the first thumbnails are asked for
        filter_gaps[name] = {**heartbeat.stop(), "top": sorted(heartbeat.gaps)[-3:]}
        filter_ms[name] = ((loaded[0] if loaded else time.perf_counter()) - began) * 1000

    writer_result: dict[str, Any] = {}
    if args.base_url:
        env = {**os.environ, "NSCALE_BASE_URL": args.base_url,
               "NSCALE_SERVICE_TOKEN": args.token}
        command = [sys.executable, "-m", "desktop_app.cli", "generate", "--size", "1024x1024",
                   "-n", "4"]
        expected = model.rowCount() + WRITERS * 4
        if sampler is not None:
            sampler.phase = "writers"
        heartbeat.start()
        writers = [subprocess.Popen([*command, f"million benchmark lane {lane}"], env=env,
                                    cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE) for lane in range(WRITERS)]
        wait_for(lambda: all(writer.poll() is not None for writer in writers), 180)
        ended = time.perf_counter()
        shown = wait_for(lambda: model.rowCount() >= expected, 60)
        lag_ms = (time.perf_counter() - ended) * 1000
        gaps = heartbeat.stop()
        failures = []
        for writer in writers:
            assert writer.stderr is not None
            if writer.returncode != 0:
                failures.append(writer.stderr.read().decode(errors="replace")[-300:])
            writer.stderr.close()
        writer_result = {"gaps": gaps, "top": sorted(heartbeat.gaps)[-5:], "shown": shown,
                         "shown_after_last_write_ms": lag_ms, "failures": failures}

    result = {
        "marks": marks, "rows": rows, "open": open_gaps, "open_top": open_top,
        "filters": filter_gaps, "filter_ms": filter_ms, "writers": writer_result,
        "rss_first_paint_mib": rss_first_paint[0] if rss_first_paint else None,
        "rss_peak_mib": _rss_mib(),
    }
    if sampler is not None:
        sampler.stop()
    window.quit_without_asking()
    window.close()
    window.shutdown()
    emit_result(result)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
