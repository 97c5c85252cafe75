"""ThreadKeeper: one-shot workers retire on the GUI thread; long-lived ones stop; bounded end."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.threads import ThreadKeeper


class _OneShot(QObject):
    done = Signal()

    def __init__(self, gate: threading.Event | None = None) -> None:
        super().__init__()
        self.ran_on: threading.Thread | None = None
        self._gate = gate

    @Slot()
    def run(self) -> None:
        self.ran_on = threading.current_thread()
        if self._gate is not None:
            self._gate.wait(10)
        self.done.emit()


class _LongLived(QObject):
    poke = Signal()
    poked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.poke.connect(self._on_poke)

    @Slot()
    def _on_poke(self) -> None:
        self.poked.emit(threading.current_thread().name)


def test_one_shot_worker_runs_off_the_gui_thread_and_is_retired_on_it(qtbot) -> None:
    keeper = ThreadKeeper("test")
    worker = _OneShot()
    retired_on: list[threading.Thread] = []
    keeper.start(worker, "one", run=worker.run, done=worker.done,
                 on_retired=lambda: retired_on.append(threading.current_thread()))
    qtbot.waitUntil(lambda: bool(retired_on), timeout=5000)
    assert worker.ran_on is not threading.main_thread()
    assert retired_on == [threading.main_thread()]
    assert keeper.count() == 0


def test_long_lived_worker_serves_until_stopped(qtbot) -> None:
    keeper = ThreadKeeper("test")
    worker = _LongLived()
    served_on: list[str] = []
    # A plain callable runs on the emitting (worker) thread: only appends, no Qt calls there.
    worker.poked.connect(served_on.append)
    keeper.start(worker, "long")
    worker.poke.emit()
    qtbot.waitUntil(lambda: bool(served_on), timeout=5000)
    assert served_on[0] != threading.main_thread().name
    assert keeper.count() == 1
    assert keeper.stop(worker)
    assert keeper.count() == 0


def test_shutdown_keeps_a_stuck_thread_referenced_and_refuses_new_work(qtbot) -> None:
    keeper = ThreadKeeper("test")
    gate = threading.Event()
    stuck = _OneShot(gate)
    keeper.start(stuck, "stuck", run=stuck.run, done=stuck.done)
    qtbot.waitUntil(lambda: stuck.ran_on is not None, timeout=5000)
    still_running = keeper.shutdown(timeout_ms=100)
    assert len(still_running) == 1
    assert keeper.count() == 1  # kept: destroying a running QThread would abort the process
    assert keeper.is_shutting_down
    with pytest.raises(RuntimeError):
        keeper.start(_OneShot(), "late", run=lambda: None)
    gate.set()
    assert still_running[0].wait(5000)
