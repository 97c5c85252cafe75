"""Python's cyclic garbage collection, run only on the GUI thread (a Qt timer drives it).

The collector normally runs on whichever thread happens to allocate when a threshold is passed:
a worker QThread, a batch or HTTP helper thread, jeepney's receiver. A PySide object in a cycle
found there is destroyed there, which Qt forbids for widgets, timers and other QObjects (a crash
or the connection-lock deadlock described in threads.py). `install` turns automatic collection
off and collects from a timer on the GUI thread instead, by the same generation thresholds.
Reference counting still frees everything not in a cycle at once, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 200


class GuiThreadCollector(QObject):
    """Collects the generations whose thresholds were passed, each time its timer fires."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)
        gc.disable()

    def collect_due(self) -> int:
        return collect_due()


def collect_due() -> int:
    """Run the collection the automatic collector would have run by now (0 if none is due)."""
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    generation = -1
    for level in range(3):
        if thresholds[level] and counts[level] > thresholds[level]:
            generation = level
    return gc.collect(generation) if generation >= 0 else 0


def install(app: QCoreApplication) -> GuiThreadCollector:
    """From now on, garbage cycles are collected only on `app`'s (the GUI) thread."""
    collector: GuiThreadCollector | None = app.findChild(GuiThreadCollector)
    if collector is None:
        collector = GuiThreadCollector(app)
    return collector
