"""A query's ids fill the grid incrementally (issue #18): rows are inserted a chunk per
event-loop turn with beginInsertRows, never a model reset, so neither the model nor the view
works through a million-row list in one go when the ids arrive at open or a filter changes.
"""

from __future__ import annotations

import pytest

from desktop_app.library import LibraryQuery
from desktop_app.ui.gallery import GalleryModel, GalleryView, ids_model
from tests.gui.test_gallery_memory import QuickLibrary

TOTAL = 50
CHUNK = 7


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(ids_model, "FILL_CHUNK", CHUNK)


class Signals:
    def __init__(self, model: GalleryModel) -> None:
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.resets = 0
        self.loaded = 0
        model.rowsInserted.connect(lambda _p, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.removed.append((first, last)))
        model.modelReset.connect(self._reset)
        model.loaded.connect(self._loaded)

    def _reset(self) -> None:
        self.resets += 1

    def _loaded(self) -> None:
        self.loaded += 1


def make(qtbot, total: int = TOTAL) -> tuple[GalleryModel, GalleryView, QuickLibrary]:
    library = QuickLibrary(total)
    model = GalleryModel(library)  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    return model, view, library


def test_ids_arrive_as_row_insertions_without_a_reset(qtbot, small_chunks) -> None:
    model, _view, _library = make(qtbot)
    signals = Signals(model)
    try:
        model.refresh()
        qtbot.waitUntil(lambda: signals.loaded == 1)
        assert model.rowCount() == TOTAL and not model.is_loading and not model.is_filling
        assert model.ids() == list(range(TOTAL, 0, -1))
        assert signals.resets == 0
        assert signals.inserted == [(start, min(start + CHUNK, TOTAL) - 1)
                                    for start in range(0, TOTAL, CHUNK)]
        # A filter change: the old rows go in one removal, the new ones come in chunks.
        signals.inserted.clear()
        model.set_query(LibraryQuery(newest_first=False))
        qtbot.waitUntil(lambda: signals.loaded == 2)
        assert signals.removed == [(0, TOTAL - 1)]
        assert len(signals.inserted) == -(-TOTAL // CHUNK)
        assert signals.resets == 0
        assert model.ids() == list(range(1, TOTAL + 1))
    finally:
        model.shutdown()


def test_every_row_shows_its_own_entry_after_a_chunked_fill(qtbot, small_chunks,
                                                            monkeypatch) -> None:
    from desktop_app.ui.gallery import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 10)  # pages straddle the chunks
    model, _view, _library = make(qtbot)
    try:
        def on_first_rows() -> None:
            model.rowsInserted.disconnect(on_first_rows)
            model.entry_at(0)  # page 0 asked for while only 7 of its 10 rows are in

        model.rowsInserted.connect(on_first_rows)
        model.refresh()
        qtbot.waitUntil(lambda: not model.is_loading)
        qtbot.waitUntil(lambda: model.entry_at(0) is not None)
        for row in range(TOTAL):
            qtbot.waitUntil(lambda row=row: model.entry_at(row) is not None)
            entry = model.entry_at(row)
            assert entry is not None and entry.id == model.id_at(row)
    finally:
        model.shutdown()


def test_an_image_removed_while_the_rows_come_never_appears(qtbot, small_chunks) -> None:
    model, _view, _library = make(qtbot)
    signals = Signals(model)
    try:
        filling: list[bool] = []

        def on_first_rows() -> None:
            model.rowsInserted.disconnect(on_first_rows)
            filling.append(model.is_filling)
            model.remove_ids([1, model.id_at(0)])  # one not inserted yet, one shown

        model.rowsInserted.connect(on_first_rows)
        model.refresh()
        qtbot.waitUntil(lambda: signals.loaded == 1)
        assert filling == [True]
        assert 1 not in model.ids() and TOTAL not in model.ids()
        assert model.rowCount() == TOTAL - 2
    finally:
        model.shutdown()


def test_a_newer_query_during_a_fill_wins(qtbot, small_chunks) -> None:
    model, _view, _library = make(qtbot)
    signals = Signals(model)
    try:
        newer = LibraryQuery(newest_first=False)

        def on_first_rows() -> None:
            model.rowsInserted.disconnect(on_first_rows)
            model.set_query(newer)

        model.rowsInserted.connect(on_first_rows)
        model.refresh()
        qtbot.waitUntil(lambda: signals.loaded >= 1)
        qtbot.wait(50)
        assert signals.loaded == 1  # only the newer query's fill says so
        assert model.ids() == list(range(1, TOTAL + 1))
        assert signals.resets == 0
    finally:
        model.shutdown()
