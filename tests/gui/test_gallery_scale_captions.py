"""Each cell's caption is drawn once into a cached pixmap (issue #18: fewer Python calls per
frame), keyed by entry, width and state, so a changed favourite or rating is never painted from
a stale caption, and painting the same cell again reuses it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop_app.ui.gallery import GalleryModel, GalleryView
from tests.gui.test_gallery_memory import QuickLibrary


def _paint(view: GalleryView, row: int) -> QImage:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, view.gridSize().width(), view.gridSize().height())
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.itemDelegate().paint(painter, option, view.model().index(row))
    painter.end()
    return image


def _caption_area(image: QImage) -> QImage:
    return image.copy(0, image.height() - 48, image.width(), 48)


def test_a_cached_caption_is_reused_and_never_stale(qtbot) -> None:
    model = GalleryModel(QuickLibrary(20))  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    try:
        model.refresh()
        qtbot.waitUntil(lambda: model.rowCount() == 20)
        row = 1  # entry 19: not a favourite in the fake library (every 7th is)
        qtbot.waitUntil(lambda: model.entry_at(row) is not None)
        entry_id = model.id_at(row)
        assert entry_id is not None and not model.entry_at(row).favourite
        delegate = view.itemDelegate()
        plain = _paint(view, row)
        keys = delegate.cached_captions(entry_id)
        assert len(keys) == 1
        assert _paint(view, row) == plain and delegate.cached_captions(entry_id) == keys
        # Favourite: another key, and the mark is drawn.
        model.set_favourite_shown([entry_id], True)
        favourite = _paint(view, row)
        assert favourite != plain
        assert any(key[3] for key in delegate.cached_captions(entry_id))
        # Rating: another key, and the caption itself changes (its stars).
        model.set_rating_shown([entry_id], 3)
        rated = _paint(view, row)
        assert _caption_area(rated) != _caption_area(favourite)
        assert any(key[4] == 3 for key in delegate.cached_captions(entry_id))
        # Cleared again: the unrated caption comes back.
        model.set_rating_shown([entry_id], 0)
        model.set_favourite_shown([entry_id], False)
        assert _paint(view, row) == plain
    finally:
        model.shutdown()


def test_captions_are_drawn_again_in_new_colours(qtbot) -> None:
    model = GalleryModel(QuickLibrary(3))  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    try:
        model.refresh()
        qtbot.waitUntil(lambda: model.entry_at(0) is not None)
        delegate = view.itemDelegate()
        palette = view.palette()
        delegate.begin_frame(palette, view.fontMetrics(), view.font())
        before = _paint(view, 0)
        delegate.end_frame()
        palette.setColor(QPalette.ColorRole.Text, QColor("red"))
        delegate.begin_frame(palette, view.fontMetrics(), view.font())
        after = _paint(view, 0)
        delegate.end_frame()
        assert _caption_area(after) != _caption_area(before)
    finally:
        model.shutdown()
