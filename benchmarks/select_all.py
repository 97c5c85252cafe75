"""What Select All leads to at 10,000+ images: the GUI thread's longest gaps, printed.

    python -m benchmarks.select_all 100000     # a copy of the cached `million` library

Copies the `million_library` cache of that size (the actions change it) into a temporary home
and starts the real window on it as `million_window` does (`build_window()`, offscreen), waits
for every id, then times on the GUI thread, with the 1 ms heartbeat of `responsiveness`: Select
All, the start of a drag (`GalleryView.startDrag` with Qt's drag loop replaced: offscreen there
is no drop target), Favourite twice, Delete and Undo (each until the window has its answer).
One line a step: its wall time, its five longest gaps and its longest collector passes (the
collector runs on the GUI thread: `gui_gc`). A figure for the next pass to compare with, not a
goal row of `python -m benchmarks` (#18's goals name no such figure); the fourth
pass's numbers are in docs/benchmarks.md.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.gallery_scroll import GcPauses
from benchmarks.million_library import cached
from benchmarks.responsiveness import Heartbeat


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 100_000
    library, _ = cached(count)
    with tempfile.TemporaryDirectory(prefix="select-all-") as temporary:
        home = Path(temporary)
        shutil.copytree(library.data_home, home / "data", symlinks=True)
        for name in ("config", "cache"):
            (home / name).mkdir()
        os.environ.update({"HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
                           "XDG_CONFIG_HOME": str(home / "config"),
                           "XDG_CACHE_HOME": str(home / "cache"),
                           "QT_QPA_PLATFORM": "offscreen",
                           "DBUS_SESSION_BUS_ADDRESS": "disabled:"})
        _measure()
    return 0


def _measure() -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app import gui_gc
    from desktop_app.app import build_window
    from desktop_app.ui.actions import ActionId
    from desktop_app.ui.gallery import dragging

    app = QApplication(sys.argv[:1])
    gui_gc.install(app)

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def wait(condition: Callable[[], bool], seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while not condition() and time.perf_counter() < deadline:
            spin(0.02)

    window = build_window()
    window.resize(1240, 800)
    window.show()
    wait(lambda: window.is_library_ready and window.gallery_model.rowCount() > 0
         and not window.gallery_model.is_loading and not window.gallery_model.is_filling, 300)
    spin(3)  # the start-up reconcile and first thumbnails settle
    view, model, commands = window.gallery_view, window.gallery_model, window.library_controller
    rows = model.rowCount()
    print(f"{rows:,} rows")
    heartbeat = Heartbeat()

    class NoDragLoop:
        def __init__(self, _source: Any) -> None:
            pass

        def setMimeData(self, _mime: Any) -> None:
            pass

        def setPixmap(self, _pixmap: Any) -> None:
            pass

        def exec(self, *_args: Any) -> Qt.DropAction:
            return Qt.DropAction.CopyAction

    dragging.QDrag = NoDragLoop  # type: ignore[misc,assignment]

    def step(name: str, action: Callable[[], None], done: Callable[[], bool],
             settle: float = 0.5) -> None:
        pauses = GcPauses()
        gc.callbacks.append(pauses)
        heartbeat.start()
        began = time.perf_counter()
        action()
        wait(done, 600)
        took = time.perf_counter() - began
        spin(settle)
        gaps = heartbeat.stop()
        gc.callbacks.remove(pauses)
        top = ", ".join(f"{gap:.0f}" for gap in sorted(heartbeat.gaps)[-5:])
        collections = pauses.summary()
        print(f"{name:<16} {took * 1000:>9,.0f} ms   longest gaps {top} ms (p99 "
              f"{gaps['p99']:.1f}); longest collection {collections['gen2_max_ms']:.0f} ms "
              f"(full, {collections['gen2_count']:.0f}) / {collections['gen1_max_ms']:.0f} ms",
              flush=True)

    step("select all", view.selectAll, lambda: True)
    step("drag start", lambda: view.startDrag(Qt.DropAction.CopyAction), lambda: True)
    for name in ("favourite", "favourite again"):
        before = model.entry_at(view.visible_rows().start)
        was = before.favourite if before is not None else False

        def flipped(was: bool = was) -> bool:
            entry = model.entry_at(view.visible_rows().start)
            return entry is not None and entry.favourite != was

        step(name, commands.toggle_favourite, flipped)
    undo = window.action_registry[ActionId.UNDO_DELETE]
    step("delete", commands.delete_selection, undo.isEnabled)
    step("undo", commands.undo_delete, lambda: model.rowCount() >= rows, settle=1.0)
    window.shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
