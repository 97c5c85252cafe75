"""A cell is drawn from cached parts (issue #18: few Python calls per frame, and few for a cell
never painted before): the prompt line laid out once per entry and width, the second line drawn
once and shared by every entry that shows the same one. What can change (favourite, rating,
thumbnail, palette) is never painted from a stale part.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop_app.ui.gallery import CELL_IMAGE, GalleryModel, GalleryView
from desktop_app.ui.gallery.delegate import prompt_text
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


def _box_centre(view: GalleryView, image: QImage) -> QColor:
    """The colour in the middle of the thumbnail box (placeholder or thumbnail)."""
    left = 2 + (view.gridSize().width() - 4 - CELL_IMAGE) // 2
    return image.pixelColor(left + CELL_IMAGE // 2, 2 + 6 + CELL_IMAGE // 2)


def _shown(qtbot, count: int) -> tuple[GalleryModel, GalleryView]:
    model = GalleryModel(QuickLibrary(count))  # type: ignore[arg-type]
    model.start()
    view = GalleryView(model)
    qtbot.addWidget(view)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == count)
    qtbot.waitUntil(lambda: all(model.entry_at(row) is not None for row in range(count)))
    return model, view


def test_a_cached_prompt_is_reused_and_changes_show_at_once(qtbot) -> None:
    model, view = _shown(qtbot, 20)
    try:
        row = 1  # entry 19: not a favourite in the fake library (every 7th is)
        entry_id = model.id_at(row)
        assert entry_id is not None and not model.entry_at(row).favourite
        delegate = view.itemDelegate()
        plain = _paint(view, row)
        keys = delegate.cached_prompts(entry_id)
        assert len(keys) == 1
        assert _paint(view, row) == plain and delegate.cached_prompts(entry_id) == keys
        # Favourite toggled: the mark is drawn at once, from the same cached prompt.
        model.set_favourite_shown([entry_id], True)
        favourite = _paint(view, row)
        assert favourite != plain
        assert delegate.cached_prompts(entry_id) == keys
        # Rating: the second line changes (its stars), drawn for that rating.
        model.set_rating_shown([entry_id], 3)
        rated = _paint(view, row)
        assert _caption_area(rated) != _caption_area(favourite)
        assert any(key[1] == 3 for key in delegate.cached_details())
        # Cleared again: the plain cell comes back.
        model.set_rating_shown([entry_id], 0)
        model.set_favourite_shown([entry_id], False)
        assert _paint(view, row) == plain
    finally:
        model.shutdown()


def test_entries_with_the_same_second_line_share_one_image(qtbot) -> None:
    model, view = _shown(qtbot, 6)
    try:
        for row in range(6):
            _paint(view, row)
        delegate = view.itemDelegate()
        # Same size and model in the fake library: one second line, six prompt lines.
        assert len(delegate.cached_details()) == 1
        assert sum(len(delegate.cached_prompts(model.id_at(row))) for row in range(6)) == 6
        # Selected cells draw their second line in the highlighted text colour: another image.
        view.selectionModel().select(model.index(0),
                                     view.selectionModel().SelectionFlag.Select)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.state |= option.state.State_Selected
        option.rect = QRect(0, 0, view.gridSize().width(), view.gridSize().height())
        image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        delegate.paint(painter, option, model.index(0))
        painter.end()
        assert {key[3] for key in delegate.cached_details()} == {False, True}
    finally:
        model.shutdown()


def test_a_thumbnail_arriving_replaces_the_placeholder(qtbot) -> None:
    model, view = _shown(qtbot, 3)
    try:
        entry_id = model.id_at(0)
        assert entry_id is not None
        placeholder = _paint(view, 0)  # asks the worker for the thumbnail
        box = _box_centre(view, placeholder)
        qtbot.waitUntil(lambda: model.thumbnail(entry_id) is not None)
        thumbnail = model.thumbnail(entry_id)
        assert thumbnail is not None and not thumbnail.isNull()
        shown = _paint(view, 0)
        assert _box_centre(view, shown) != box
        middle = thumbnail.pixelColor(thumbnail.width() // 2, thumbnail.height() // 2)
        assert _box_centre(view, shown).rgb() == middle.rgb()
    finally:
        model.shutdown()


def test_captions_and_the_placeholder_are_drawn_again_in_new_colours(qtbot) -> None:
    model, view = _shown(qtbot, 3)
    try:
        model.thumbnail = lambda *_args: None  # type: ignore[method-assign]  # placeholders
        delegate = view.itemDelegate()
        palette = view.palette()
        delegate.begin_frame(palette, view.fontMetrics(), view.font())
        before = _paint(view, 0)
        delegate.end_frame()
        palette.setColor(QPalette.ColorRole.Text, QColor("red"))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("blue"))
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor("lime"))
        delegate.begin_frame(palette, view.fontMetrics(), view.font())
        after = _paint(view, 0)
        delegate.end_frame()
        assert _caption_area(after) != _caption_area(before)
        assert _box_centre(view, after).rgb() == QColor("lime").rgb()
        assert _box_centre(view, before).rgb() != QColor("lime").rgb()
    finally:
        model.shutdown()


def test_a_huge_prompt_is_bounded_before_eliding_and_stays_plain_text(qtbot) -> None:
    line = prompt_text("word " * 5000, 150)
    assert len(line) <= 150 // 2 + 1 and line.endswith("…")
    assert prompt_text("a  short\n prompt", 150) == "a short prompt"
    model, view = _shown(qtbot, 1)
    try:
        _paint(view, 0)
        delegate = view.itemDelegate()
        static, _offset = delegate.prompt_line(model.entry_at(0),
                                               delegate.cached_prompts(model.id_at(0))[0][1])
        assert static.textFormat() == Qt.TextFormat.PlainText
    finally:
        model.shutdown()
