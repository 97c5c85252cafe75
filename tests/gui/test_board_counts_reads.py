"""The board list reads its counts one read at a time, and not while a query's rows arrive (#18).

At a million images every count read was a full scan of seconds (the uncategorised count
alone 3.5 s), and a read was started for every burst of rows the gallery inserted while the
ids of a query filled in: ten ran at once and took both CPUs from the window. Now a refresh
asked for while a read runs is done once, after it, with every waiting callback; the rows of
a query filling in start none.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from desktop_app.ui import board_list
from desktop_app.ui.gallery import ids_model
from tests.gui.test_library_browser import fill_library


class CountingReads:
    """Stands in for `read_counts`: counts reads, how many ran at once, and can hold them."""

    def __init__(self) -> None:
        self.real = board_list.read_counts
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self.release = threading.Event()
        self.release.set()
        self._lock = threading.Lock()

    def __call__(self, library):
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            self.release.wait(10)
            return self.real(library)
        finally:
            with self._lock:
                self.running -= 1


def test_refreshes_while_a_read_runs_make_one_more_read(make_window, qtbot, library,
                                                        monkeypatch) -> None:
    fill_library(library, 3)
    window = make_window()
    panel = window.sorting.board_panel
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    reads = CountingReads()
    monkeypatch.setattr(board_list, "read_counts", reads)
    qtbot.waitUntil(lambda: not panel._reading, timeout=5000)
    reads.release.clear()  # the next read is held until released
    called: list[int] = []
    panel.refresh(lambda: called.append(1))
    qtbot.waitUntil(lambda: reads.running == 1)
    for number in (2, 3, 4):
        panel.refresh(lambda number=number: called.append(number))
    QApplication.processEvents()
    assert reads.calls == 1  # the others wait for it
    reads.release.set()
    qtbot.waitUntil(lambda: sorted(called) == [1, 2, 3, 4], timeout=5000)
    assert reads.calls == 2 and reads.most_at_once == 1
    assert panel.model.index(0).data(board_list.COUNT_ROLE) == 3


def test_rows_of_a_query_filling_in_start_no_count_read(make_window, qtbot, library,
                                                        monkeypatch) -> None:
    monkeypatch.setattr(ids_model, "FILL_CHUNK", 7)  # many bursts of rows
    fill_library(library, 260)  # more than the first page: the rest fills in
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == 260 and not model.is_filling, timeout=20_000)
    panel = window.sorting.board_panel
    qtbot.waitUntil(lambda: not panel._reading, timeout=5000)
    qtbot.wait(400)  # a pending refresh (150 ms after the last change) runs
    reads = CountingReads()
    monkeypatch.setattr(board_list, "read_counts", reads)
    inserted: list[int] = []
    timer = window.sorting._counts_timer
    started_by_a_burst: list[bool] = []

    def burst(*_args: object) -> None:
        inserted.append(1)
        if model.is_filling:  # connected after the window's own slot: it has run
            started_by_a_burst.append(timer.isActive())
            timer.stop()

    model.rowsInserted.connect(burst)
    window.gallery_panel.filter_bar.search_edit.setText("fox")  # a new query: rows refill
    qtbot.waitUntil(lambda: not model.is_loading and not model.is_filling, timeout=20_000)
    window.gallery_panel.filter_bar.search_edit.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 260 and not model.is_filling, timeout=20_000)
    qtbot.wait(400)
    assert len(inserted) > 10  # the rows came in bursts
    assert started_by_a_burst and not any(started_by_a_burst)
    assert reads.calls <= 2, reads.calls  # one read per query loaded at most, never per burst
    assert reads.most_at_once <= 1
