"""While the scroll bar is dragged the thumbnail decoder waits (issue #18): cells flying past
are never decoded, and once the bar stands still (or is let go) only the screen shown is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_app.ui.gallery import GalleryModel, GalleryView
from desktop_app.ui.gallery import view as view_module
from tests.gui.test_gallery_memory import QuickLibrary


def _make(qtbot, library: QuickLibrary) -> tuple[GalleryModel, GalleryView]:
    model = GalleryModel(library)  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == library.total)
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    view.viewport().repaint()
    qtbot.waitUntil(lambda: library.thumbnail_calls > 0
                    and model.pending_thumbnail_count() == 0)
    return model, view


def _drag(view: GalleryView, steps: range, of: int = 60) -> None:
    bar = view.verticalScrollBar()
    for step in steps:
        bar.setSliderPosition(bar.maximum() * step // of)
        view.viewport().repaint()
        QApplication.processEvents()


def test_dragging_the_scroll_bar_decodes_only_where_it_is_let_go(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(view_module, "DRAG_SETTLE_MS", 3_600_000)  # never stands still here
    library = QuickLibrary(5000)
    model, view = _make(qtbot, library)
    try:
        bar = view.verticalScrollBar()
        before = library.thumbnail_calls
        bar.setSliderDown(True)  # the user holds the slider
        _drag(view, range(1, 30))
        assert model.pending_thumbnail_count() > 0  # the cells on screen asked for theirs...
        assert library.thumbnail_calls == before  # ...and nothing was decoded meanwhile
        bar.setSliderDown(False)  # let go: the screen it stopped on is decoded, nothing else
        qtbot.waitUntil(lambda: model.pending_thumbnail_count() == 0, timeout=5000)
        shown = len(view.visible_rows())
        assert 0 < library.thumbnail_calls - before <= shown
        # Not dragged, a screen at a time: every step asks and decodes at once.
        middle = library.thumbnail_calls
        page = bar.pageStep()
        for _step in range(10):
            bar.setValue(bar.value() + page)
            view.viewport().repaint()
            QApplication.processEvents()
            # Each step's screen is decoded while the bar is not held (waiting for it here:
            # how many of the cells passed get decoded otherwise depends on the machine's speed).
            qtbot.waitUntil(lambda: model.pending_thumbnail_count() == 0, timeout=5000)
        assert library.thumbnail_calls - middle > shown
    finally:
        model.shutdown()


def test_a_dragged_bar_that_stands_still_decodes_its_screen(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(view_module, "DRAG_SETTLE_MS", 1)
    library = QuickLibrary(5000)
    model, view = _make(qtbot, library)
    try:
        before = library.thumbnail_calls
        view.verticalScrollBar().setSliderDown(True)
        _drag(view, range(20, 21))
        qtbot.waitUntil(lambda: library.thumbnail_calls > before, timeout=5000)
        assert view.verticalScrollBar().isSliderDown()
    finally:
        model.shutdown()


def test_a_scroll_that_jumps_past_whole_screens_decodes_only_where_it_settles(
        qtbot, monkeypatch) -> None:
    monkeypatch.setattr(view_module, "DRAG_SETTLE_MS", 3_600_000)  # never settles here
    library = QuickLibrary(5000)
    model, view = _make(qtbot, library)
    try:
        bar = view.verticalScrollBar()
        before = library.thumbnail_calls
        for step in range(1, 30):  # a fling: each step lands screens below the last one
            bar.setValue(bar.maximum() * step // 60)
            view.viewport().repaint()
            QApplication.processEvents()
        assert model.pending_thumbnail_count() > 0  # the screen shown asked for its own...
        assert library.thumbnail_calls == before  # ...and nothing flying past was decoded
        view._settle.timeout.emit()  # stood still: the screen it stopped on is decoded
        qtbot.waitUntil(lambda: model.pending_thumbnail_count() == 0, timeout=5000)
        assert 0 < library.thumbnail_calls - before <= len(view.visible_rows())
        # A step that keeps part of the screen shown (a wheel notch) decodes at once.
        settled = library.thumbnail_calls
        bar.setValue(bar.value() + bar.singleStep() * 8)
        view.viewport().repaint()
        qtbot.waitUntil(lambda: model.pending_thumbnail_count() == 0, timeout=5000)
        qtbot.waitUntil(lambda: library.thumbnail_calls > settled, timeout=5000)
    finally:
        model.shutdown()
