"""The gallery grid places cells by arithmetic (issue #18): geometry, keys, mouse, drag, scale.

`GalleryView` keeps no per-item layout. These tests check that every row's cell is where
`indexAt` finds it, that the keys and the mouse select in the order the grid reads, that a
rubber band picks the cells it covers, that the scroll bar's arrival never flips the column
count, that a drag after Select All draws only a few cells, and that a row change at a million
rows asks the model for its row count a handful of times (QListView asked once per row).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication

from desktop_app.ui.board_model import IDS_MIME
from desktop_app.ui.gallery import GRID_SIZE, GalleryModel, GalleryView, dragging
from tests.gui.test_gallery_memory import QuickLibrary

_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect


class CountingModel(GalleryModel):
    """Counts the row-count questions a view asks (QListView asked one per row)."""

    row_count_calls = 0

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        CountingModel.row_count_calls += 1
        return super().rowCount() if parent is None else super().rowCount(parent)


_MODELS: list[GalleryModel] = []


@pytest.fixture(autouse=True)
def _shut_down_models() -> Iterator[None]:
    yield
    while _MODELS:
        _MODELS.pop().shutdown()


def shown(qtbot, total: int, size: tuple[int, int] = (760, 600),
          model_type: type[GalleryModel] = GalleryModel) -> tuple[GalleryModel, GalleryView]:
    model = model_type(QuickLibrary(total))  # type: ignore[arg-type]
    model.start()
    _MODELS.append(model)
    view = GalleryView(model)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == total and not model.is_loading, timeout=60_000)
    QApplication.processEvents()
    return model, view


def test_every_cell_is_where_index_at_finds_it(qtbot) -> None:
    model, view = shown(qtbot, 37)
    columns = view.columns()
    width = view.viewport().width()
    assert columns == max(1, width // GRID_SIZE.width())
    assert view.gridSize().width() * columns <= width
    for row in range(model.rowCount()):
        view.scrollTo(model.index(row))
        rect = view.visualRect(model.index(row))
        assert rect.size() == view.gridSize()
        assert view.viewport().rect().contains(rect), row
        assert view.indexAt(rect.center()).row() == row
        assert rect.left() == (row % columns) * view.gridSize().width()
    # Past the last image, and left of the grid's right edge beyond the columns: no cell.
    view.scrollToBottom()
    last = view.visualRect(model.index(model.rowCount() - 1))
    if model.rowCount() % columns:
        assert not view.indexAt(last.center() + QPoint(view.gridSize().width(), 0)).isValid()
    assert not view.indexAt(QPoint(columns * view.gridSize().width() + 1, 5)).isValid()
    assert not view.visualRect(QModelIndex()).isValid()


def test_scroll_range_covers_every_line(qtbot) -> None:
    model, view = shown(qtbot, 500)
    lines = -(-500 // view.columns())
    bar = view.verticalScrollBar()
    assert bar.maximum() == lines * GRID_SIZE.height() - view.viewport().height()
    bar.setValue(bar.maximum())
    last = view.visualRect(model.index(499))
    assert last.bottom() == view.viewport().height() - 1
    assert view.visible_rows().stop == 500


def test_keys_move_in_reading_order(qtbot) -> None:
    model, view = shown(qtbot, 100)
    columns = view.columns()
    assert columns >= 2
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1 + columns
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)  # already on the first line: stays in its column
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == 99
    assert view.viewport().rect().contains(view.visualRect(model.index(99)))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the last row stays
    assert view.currentIndex().row() == 99
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    page = view.viewport().height() // GRID_SIZE.height() * columns
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.currentIndex().row() == page
    # Shift+Down selects every row from the anchor to the new one, as the grid reads.
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_rows() == list(range(1, 2 + columns))


def test_clicks_select_one_toggle_and_extend(qtbot) -> None:
    model, view = shown(qtbot, 60)
    columns = view.columns()

    def centre(row: int) -> QPoint:
        return view.visualRect(model.index(row)).center()

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(2))
    assert view.selected_rows() == [2] and view.currentIndex().row() == 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ShiftModifier, centre(2 + columns + 1))
    assert view.selected_rows() == list(range(2, 2 + columns + 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, centre(3))
    assert 3 not in view.selected_rows() and 2 in view.selected_rows()
    # A click on the empty space after the last image clears the selection.
    view.scrollToBottom()
    if model.rowCount() % columns:
        empty = view.visualRect(model.index(59)).center() + QPoint(view.gridSize().width(), 0)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
        assert view.selected_rows() == []


def test_rubber_band_selects_the_cells_it_touches(qtbot) -> None:
    _model, view = shown(qtbot, 60)
    columns = view.columns()
    assert columns >= 3
    cell = view.gridSize()
    view.setState(QAbstractItemView.State.DragSelectingState)
    # From the middle of the second column, first line, to the middle of the third, second.
    band = QRect(QPoint(cell.width() + cell.width() // 2, cell.height() // 2),
                 QPoint(2 * cell.width() + cell.width() // 2, cell.height() + 10))
    view.setSelection(band, _SELECT)
    assert view.selected_rows() == [1, 2, 1 + columns, 2 + columns]
    # Drawn the other way round: the same cells.
    view.setSelection(QRect(band.bottomRight(), band.topLeft()), _SELECT)
    assert view.selected_rows() == [1, 2, 1 + columns, 2 + columns]
    # Whole lines: one range.
    view.setSelection(QRect(0, 0, columns * cell.width(), cell.height() + 1), _SELECT)
    assert view.selected_rows() == list(range(2 * columns))
    assert len(view.selectionModel().selection()) == 1
    view.setState(QAbstractItemView.State.NoState)


def test_rubber_band_is_drawn_while_dragging(qtbot) -> None:
    model, view = shown(qtbot, 61)
    columns = view.columns()
    assert 61 % columns  # the last line has room after its image
    view.scrollToBottom()
    viewport = view.viewport()
    cell = view.gridSize()
    last = view.visualRect(model.index(60))
    start = QPoint(last.right() + cell.width() // 2, last.center().y())  # empty: no cell
    end = view.visualRect(model.index(60 - columns)).center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    assert view.state() == QAbstractItemView.State.DragSelectingState
    assert view._band == QRect(start, end).normalized()
    assert view.selected_rows() == [60 - columns, 60 - columns + 1, 60]
    inside = start - QPoint(3, 3)  # an empty spot the band covers
    with_band = viewport.grab().toImage().pixelColor(inside)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert view._band.isNull()
    assert viewport.grab().toImage().pixelColor(inside) != with_band
    assert view.selected_rows() == [60 - columns, 60 - columns + 1, 60]


def test_scroll_bar_arrival_never_flips_the_columns(qtbot) -> None:
    # Counts around the point where the rows stop fitting without a scroll bar.
    for total in (8, 9, 10, 11, 12, 13, 16, 17):
        _model, view = shown(qtbot, total, size=(3 * GRID_SIZE.width() + 10,
                                                3 * GRID_SIZE.height() - 20))
        bar = view.verticalScrollBar()
        lines = -(-total // view.columns())
        fits = lines * GRID_SIZE.height() <= view.viewport().height()
        assert bar.isVisible() != fits, total
        assert view.gridSize().width() * view.columns() <= view.viewport().width()
        view.close()


def test_select_id_scrolls_a_far_row_into_view(qtbot) -> None:
    model, view = shown(qtbot, 5000)
    far = model.id_at(4321)
    view.select_id(far)
    assert view.current_id() == far
    assert view.viewport().rect().contains(view.visualRect(model.index(4321)))
    assert 4321 in view.visible_rows()


def test_selected_cells_are_painted_highlighted(qtbot) -> None:
    model, view = shown(qtbot, 12)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    view.selectionModel().select(model.index(1), _SELECT)
    image = view.viewport().grab().toImage()
    plain = view.visualRect(model.index(0))
    chosen = view.visualRect(model.index(1))

    def corner(rect: QRect) -> QColor:
        return image.pixelColor(rect.left() + 6, rect.bottom() - 6)

    assert corner(chosen) != corner(plain)
    assert isinstance(image, QImage)


def test_drag_after_select_all_draws_a_few_cells(qtbot, monkeypatch) -> None:
    _model, view = shown(qtbot, 20_000)
    view.selectAll()
    made: list[object] = []

    class RecordingDrag:
        def __init__(self, _source) -> None:
            made.append(self)
            self.mime = None
            self.pixmap = None

        def setMimeData(self, mime) -> None:
            self.mime = mime

        def setPixmap(self, pixmap) -> None:
            self.pixmap = pixmap

        def exec(self, *_args) -> Qt.DropAction:
            return Qt.DropAction.CopyAction

    rects = 0
    real_rect = view.visualRect

    def counting_rect(index):
        nonlocal rects
        rects += 1
        return real_rect(index)

    monkeypatch.setattr(dragging, "QDrag", RecordingDrag)
    monkeypatch.setattr(view, "visualRect", counting_rect)
    view.startDrag(Qt.DropAction.CopyAction)
    (drag,) = made
    ids = drag.mime.data(IDS_MIME).data()
    assert ids.startswith(b"[20000, 19999") and ids.count(b",") == 19_999
    assert drag.pixmap.width() <= dragging.DRAG_PIXMAP_CELLS * view.gridSize().width() * 2
    assert rects == 0


def test_a_row_change_at_a_million_rows_costs_a_few_row_counts(qtbot) -> None:
    model, view = shown(qtbot, 1_000_000, model_type=CountingModel)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()
    CountingModel.row_count_calls = 0
    model.beginInsertRows(QModelIndex(), 0, 3)  # four new images at the top
    model._ids[0:0] = type(model._ids)("q", [2_000_001, 2_000_002, 2_000_003, 2_000_004])
    model._rows_moved()
    model.endInsertRows()
    view.repaint()
    QApplication.processEvents()
    assert model.rowCount() == 1_000_004
    assert CountingModel.row_count_calls < 200, CountingModel.row_count_calls
    assert bar.maximum() == (view.content_height() - view.viewport().height())


def test_screen_readers_get_the_cells_as_list_items(qtbot) -> None:
    model, view = shown(qtbot, 30)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    grid = QAccessible.queryAccessibleInterface(view)
    assert grid.role() == QAccessible.Role.List
    assert grid.childCount() == 30
    first = grid.child(0)
    assert first.role() == QAccessible.Role.ListItem
    assert first.text(QAccessible.Text.Name) == "prompt number 30"
    cell = view.visualRect(model.index(0))
    assert first.rect().topLeft() == view.viewport().mapToGlobal(cell.topLeft())


def test_screen_reader_events_for_focus_and_selection_raise_nothing(qtbot) -> None:
    model, view = shown(qtbot, 5000)
    QAccessible.setActive(True)
    try:
        view.setFocus()
        view.setCurrentIndex(model.index(0))
        qtbot.keyClick(view, Qt.Key.Key_Right)
        view.selectAll()  # one range: no list of every index is made
        view.clearSelection()
        assert view.currentIndex().row() == 1
    finally:
        QAccessible.setActive(False)
