"""QA of the merged window: the board list's counts are those of the newest read.

Seen: after an import the grid said "8 images" while "All images" in the board list stayed at
5. Every change of the grid started a count read on a thread of its own, so an older read could
answer after a newer one; its older counts then stood until the next change. Reads now run one
at a time (#18: ten at once starved the window at a million images): a refresh asked for while
one runs makes one more read after it, and the older answer is never shown.
"""

from __future__ import annotations

import threading

from desktop_app.ui import board_list
from tests.gui.test_boards_window import _wait_rows
from tests.gui.test_library_browser import fill_library


def test_an_overtaken_count_read_does_not_replace_a_newer_one(
    make_window, qtbot, library, monkeypatch
) -> None:
    fill_library(library, 2)
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 2)])
    stale = board_list.read_counts(library)  # what a read begun before the change saw
    fill_library(library, 1)
    release = threading.Event()
    calls: list[int] = []
    real = board_list.read_counts

    def read(lib):  # the first read is slow and answers with what it saw before the change
        calls.append(1)
        if len(calls) == 1:
            release.wait(5)
            return stale
        return real(lib)

    monkeypatch.setattr(board_list, "read_counts", read)
    thens: list[str] = []
    panel.refresh(lambda: thens.append("first"))
    panel.refresh(lambda: thens.append("second"))  # while the first read runs
    qtbot.wait(100)
    assert len(calls) == 1 and thens == []  # the second waits for the first
    shown: list[tuple[int, ...]] = []
    panel.model.modelReset.connect(lambda: shown.append(tuple(
        panel.model.index(r).data(board_list.COUNT_ROLE) for r in range(2))))
    release.set()  # the slow, older answer arrives: dropped, a newer read follows
    _wait_rows(qtbot, panel, [("All images", 3), ("Uncategorised", 3)])
    qtbot.waitUntil(lambda: all(
        name != "board-counts" for name in
        window.tasks.running_names()), timeout=5000)
    assert len(calls) == 2
    assert (2, 2) not in shown  # the stale counts were never put up
    assert [(panel.model.index(r).data(), panel.model.index(r).data(
        board_list.COUNT_ROLE)) for r in range(2)] == [("All images", 3), ("Uncategorised", 3)]
    assert thens == ["first", "second"]  # every caller's follow-up ran, after the newest
