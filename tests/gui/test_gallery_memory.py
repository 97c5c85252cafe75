"""The gallery stays small and quiet however large the library: bounded entries and thumbnails.

Scrolls a 20,000-row library (the in-memory `FakeLibrary`) from top to bottom through the real
`GalleryView` and checks what the model holds afterwards, that thumbnails are kept at the drawn
size within the byte cap, and that changes are only announced for rows on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop_app.ui.gallery import (
    CELL_IMAGE,
    GRID_SIZE,
    MAX_PAGES_HELD,
    PAGE_SIZE,
    GalleryModel,
    GalleryView,
    RequestQueue,
    thumbnail_cache,
)
from desktop_app.ui.gallery import view as view_module
from tests.gui.test_scrolling import FakeLibrary

TOTAL = 20_000


class QuickLibrary(FakeLibrary):
    """The fake library without the simulated decode time: these tests count, not time."""

    def thumbnail(self, entry_id: int, size: int = 256) -> bytes:
        self.thumbnail_calls += 1
        return self._thumbnail


def make_view(qtbot, library: FakeLibrary) -> tuple[GalleryModel, GalleryView]:
    model = GalleryModel(library)  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == library.total)
    bar = view.verticalScrollBar()

    def is_laid_out() -> bool:
        # The scroll bar's arrival narrows the viewport and the grid is re-shared once more.
        width = view.viewport().width()
        columns = max(1, width // GRID_SIZE.width())
        return bar.isVisible() and view.gridSize().width() == max(GRID_SIZE.width(),
                                                                  width // columns)

    qtbot.waitUntil(lambda: library.total < 100 or is_laid_out())
    QApplication.processEvents()
    return model, view


def scroll_to_the_end(qtbot, model: GalleryModel, view: GalleryView, steps: int) -> None:
    bar = view.verticalScrollBar()
    for step in range(1, steps + 1):
        bar.setValue(bar.maximum() * step // steps)
        view.viewport().repaint()
        first = view.visible_rows().start
        # Wait for the screen's entries, so every page on the way is really fetched and held.
        qtbot.waitUntil(lambda first=first: model.entry_at(first + 1) is not None, timeout=5000)
    assert bar.value() == bar.maximum()


def test_scrolling_twenty_thousand_rows_end_to_end_keeps_memory_bounded(qtbot, monkeypatch):
    cap = 4 * 1024 * 1024  # small, so the scroll has to evict by bytes
    monkeypatch.setattr(thumbnail_cache, "THUMBNAIL_CACHE_BYTES", cap)
    # Each step jumps screens ahead, which holds the decoder until the grid settles: settled
    # at once here, so every step's screen is decoded and the cache has to evict.
    monkeypatch.setattr(view_module, "DRAG_SETTLE_MS", 1)
    library = QuickLibrary(TOTAL)
    model, view = make_view(qtbot, library)
    try:
        scroll_to_the_end(qtbot, model, view, steps=120)
        qtbot.waitUntil(lambda: model.pending_thumbnail_count() == 0, timeout=5000)
        QApplication.processEvents()
        assert model.held_entry_count() <= MAX_PAGES_HELD * PAGE_SIZE
        assert library.thumbnail_calls > cap // (CELL_IMAGE * CELL_IMAGE * 4)  # cap was reached
        assert 0 < model.cached_thumbnail_bytes() <= cap
        # The last screen is still drawable: its entries and thumbnails are held.
        last = model.rowCount() - 1
        assert model.entry_at(last) is not None
        assert model.thumbnail(model.id_at(last)) is not None
    finally:
        model.shutdown()


def test_thumbnails_are_kept_at_the_drawn_size_in_a_four_byte_format(qtbot):
    library = QuickLibrary(50)
    model, view = make_view(qtbot, library)
    try:
        entry_id = model.id_at(0)
        qtbot.waitUntil(lambda: model.thumbnail(entry_id) is not None)
        image = model.thumbnail(entry_id)
        assert image is not None and not image.isNull()
        # The fake thumbnail is 64 px: made to fit the drawn box, so painting only copies it.
        ratio = view.devicePixelRatioF()
        assert max(image.width(), image.height()) == round(CELL_IMAGE * max(1.0, ratio))
        assert image.format() in (QImage.Format.Format_RGB32,
                                  QImage.Format.Format_ARGB32_Premultiplied)
        assert model.cached_thumbnail_bytes() >= image.sizeInBytes()
    finally:
        model.shutdown()


def test_changes_are_announced_only_for_visible_rows(qtbot):
    library = QuickLibrary(TOTAL)
    model, view = make_view(qtbot, library)
    announced: list[tuple[int, int]] = []

    def record(first: QModelIndex, last: QModelIndex, _roles: object = None) -> None:
        announced.append((first.row(), last.row()))

    model.dataChanged.connect(record)
    try:
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        view.viewport().repaint()
        visible = view.visible_rows()
        qtbot.waitUntil(lambda: model.entry_at(visible.start + 1) is not None)
        # Under load the rows' entries can arrive before their thumbnails are even asked for:
        # wait for the first announcement, then for every thumbnail asked for to be answered.
        qtbot.waitUntil(lambda: bool(announced), timeout=10000)
        qtbot.waitUntil(lambda: model.pending_thumbnail_count() == 0, timeout=10000)
        QApplication.processEvents()
        for first, last in announced:
            assert visible.start <= first <= last < visible.stop
            assert last - first < PAGE_SIZE  # never a whole page at once
    finally:
        model.shutdown()


def test_requests_for_rows_scrolled_away_are_dropped_before_a_worker_runs_them():
    queue = RequestQueue()
    assert queue.add(1, "a") is True  # the worker must be woken
    assert queue.add(2, "b") is False  # it is already draining
    assert queue.add(3, "c") is False
    assert queue.retain({3}) == [1, 2]
    assert queue.take() == (3, "c")
    assert queue.take() is None  # now asleep: the next add wakes it again
    assert queue.add(4, "d") is True
    queue.close()
    assert queue.take() is None
    assert queue.add(5, "e") is False  # closed: nothing is queued after shutdown
