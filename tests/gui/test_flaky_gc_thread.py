"""Garbage cycles holding Qt objects are freed on the GUI thread, never on a worker thread.

Without `desktop_app.gui_gc`, the cyclic collector runs on whichever thread allocates past its
threshold; a QObject in a cycle was then destroyed on a worker thread (a native crash at a random
point of a loaded run).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

from desktop_app import gui_gc


class Holder(QObject):
    def __init__(self, freed_on: list[str]) -> None:
        super().__init__()
        self.me = self  # a cycle: only the cyclic collector frees it
        self.timer = QTimer(self)
        self.destroyed.connect(lambda *_: None)
        self._freed_on = freed_on

    def __del__(self) -> None:
        self._freed_on.append(threading.current_thread().name)


def allocate_many() -> None:
    # Enough new container objects to pass generation 0's threshold many times over.
    keep = [[i] for i in range(gc.get_threshold()[0] * 20)]
    del keep


def test_a_cycle_with_a_qobject_dropped_while_a_worker_allocates_is_freed_on_the_gui_thread():
    assert not gc.isenabled()  # the GUI tests run as the app does (the autouse fixture)
    freed_on: list[str] = []
    for _ in range(20):
        Holder(freed_on)
        worker = threading.Thread(target=allocate_many, name="allocating-worker")
        worker.start()
        worker.join()
    gc.collect()  # here, on the GUI thread: what the worker's allocations did not free
    assert len(freed_on) == 20
    assert set(freed_on) == {threading.main_thread().name}


def test_the_collector_runs_what_the_thresholds_ask_for(qapp):
    collector = gui_gc.install(qapp)
    assert gui_gc.install(qapp) is collector  # one per application
    freed_on: list[str] = []
    Holder(freed_on)
    allocate_many()
    collector.collect_due()
    gc.collect()
    assert freed_on == [threading.main_thread().name]
