"""A query's first rows are shown at once, the rest follow them (#18).

At a million images every id of a search took up to 0.9 s to read; the first screen's ids take a
few ms (`library.pages.first_page`). The reader answers twice: the model shows the first rows,
then appends the rest of the whole answer after them, never removing what is on screen (nor
the selection in it). A query superseded by a newer one is not read whole.
"""

from __future__ import annotations

import threading
from array import array

from PySide6.QtCore import QItemSelectionModel

from desktop_app.library import LibraryQuery
from desktop_app.ui.gallery import GalleryModel, GalleryView, loader
from tests.gui.test_gallery_memory import QuickLibrary

TOTAL = 700


class CountingLibrary(QuickLibrary):
    """Answers `limit`, counts the reads, and can hold the whole read until released."""

    def __init__(self, total: int) -> None:
        super().__init__(total)
        self.reads: list[int | None] = []
        self.release = threading.Event()
        self.release.set()

    def query_ids(self, query: LibraryQuery, limit: int | None = None) -> list[int]:
        self.reads.append(limit)
        if limit is None:
            self.release.wait(10)
        ids = super().query_ids(query)
        return ids if limit is None else ids[:limit]


def make(qtbot, library: CountingLibrary) -> tuple[GalleryModel, GalleryView]:
    model = GalleryModel(library)  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    return model, view


def test_the_first_rows_show_before_the_rest_and_stay(qtbot) -> None:
    library = CountingLibrary(TOTAL)
    library.release.clear()  # the whole read waits: only the first rows can be shown
    model, view = make(qtbot, library)
    removed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.modelReset.connect(lambda: resets.append(True))
    try:
        model.refresh()
        qtbot.waitUntil(lambda: model.rowCount() == loader.FIRST_ROWS)
        assert model.is_loading
        assert model.ids() == list(range(TOTAL, TOTAL - loader.FIRST_ROWS, -1))
        view.selectionModel().select(model.index(3), QItemSelectionModel.SelectionFlag.Select)
        library.release.set()
        qtbot.waitUntil(lambda: not model.is_loading)
        assert model.ids() == list(range(TOTAL, 0, -1))
        assert removed == [] and resets == []  # appended after the first rows, nothing redone
        assert view.selected_ids() == [TOTAL - 3]
        assert library.reads == [loader.FIRST_ROWS, None]
    finally:
        library.release.set()
        model.shutdown()


def test_a_query_with_fewer_rows_than_a_first_page_is_read_once(qtbot) -> None:
    library = CountingLibrary(loader.FIRST_ROWS - 1)
    model, _view = make(qtbot, library)
    try:
        with qtbot.waitSignal(model.loaded):
            model.refresh()
        assert model.rowCount() == loader.FIRST_ROWS - 1
        assert library.reads == [loader.FIRST_ROWS]
    finally:
        model.shutdown()


def test_a_whole_answer_that_does_not_start_with_the_first_rows_replaces_them(qtbot) -> None:
    library = CountingLibrary(TOTAL)
    library.release.clear()
    model, _view = make(qtbot, library)
    try:
        model.refresh()
        qtbot.waitUntil(lambda: model.rowCount() == loader.FIRST_ROWS)
        library.total = TOTAL + 1  # a new image landed between the two reads
        library.release.set()
        qtbot.waitUntil(lambda: not model.is_loading)
        assert model.ids() == list(range(TOTAL + 1, 0, -1))
    finally:
        library.release.set()
        model.shutdown()


def test_a_superseded_query_is_not_read_whole(qtbot) -> None:
    library = CountingLibrary(TOTAL)
    library.release.clear()
    model, _view = make(qtbot, library)
    try:
        model.refresh()
        qtbot.waitUntil(lambda: library.reads == [loader.FIRST_ROWS, None])  # held there
        model.set_query(LibraryQuery(favourites_only=True))
        model.set_query(LibraryQuery(newest_first=False))
        library.release.set()
        qtbot.waitUntil(lambda: not model.is_loading)
        assert model.ids() == list(range(1, TOTAL + 1))
        # The first query's whole read was under way; the second was skipped entirely.
        assert library.reads == [loader.FIRST_ROWS, None, loader.FIRST_ROWS, None]
    finally:
        library.release.set()
        model.shutdown()


class NotIterable(array):
    """Ids that fail when something loops over every row in Python."""

    def __iter__(self):
        raise AssertionError("a Python loop over every row")


def test_finding_a_few_rows_never_loops_over_every_row(qtbot) -> None:
    library = CountingLibrary(TOTAL)
    model, view = make(qtbot, library)
    try:
        with qtbot.waitSignal(model.loaded):
            model.refresh()
        view.selectionModel().select(model.index(TOTAL - 2),
                                     QItemSelectionModel.SelectionFlag.Select)
        model._ids = NotIterable("q", model._ids)
        assert model.row_of(TOTAL - 500) == 500
        assert model.row_of(TOTAL - 10, hint=10) == 10
        assert model.row_of(10**9) is None
        assert model.rows_of([5, 6, 10**9]) == {5: TOTAL - 5, 6: TOTAL - 6}
        model.set_favourite_shown([7], True)
        model.remove_ids([600])  # above 9: it moves up a row
        assert model.row_of(9) == TOTAL - 9 - 1
        # Rows that moved: the selection follows its id without an id -> row of every row.
        moved = NotIterable("q", [*model._ids[1:], model._ids[0]])
        model._replace_ids_keeping_selection(moved)
        assert view.selected_ids() == [2]
    finally:
        model.shutdown()
