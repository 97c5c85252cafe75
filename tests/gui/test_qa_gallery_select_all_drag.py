"""QA: Select All and the start of a drag at many rows make no Python call per row (issue #18).

The grid replaced QListView's per-row work, but two paths still reached it: QListView's Select
All asked the model its row count once a row (1.5 s at a million), and Qt's mouse move, before
starting a drag from a selected cell, listed every selected index and asked each one's flags
(13 s at a million). Both are counted here at 20,000 rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.ui.gallery import GalleryModel
from tests.gui.test_gallery_grid_view import CountingModel, _shut_down_models, shown

__all__ = ["_shut_down_models"]  # the fixture that shuts the models down, used by name

ROWS = 20_000


class FlagsCountingModel(CountingModel):
    """Also counts the flags questions (Qt asks them of every index it lists)."""

    flags_calls = 0

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        FlagsCountingModel.flags_calls += 1
        return GalleryModel.flags(self, index)


def test_select_all_asks_a_few_row_counts(qtbot) -> None:
    _model, view = shown(qtbot, ROWS, model_type=CountingModel)
    view.setFocus()
    CountingModel.row_count_calls = 0
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_rows() == list(range(ROWS))
    assert CountingModel.row_count_calls < 100, CountingModel.row_count_calls
    view.clearSelection()
    CountingModel.row_count_calls = 0
    view.selectAll()
    assert len(view.selected_rows()) == ROWS
    assert CountingModel.row_count_calls < 100, CountingModel.row_count_calls


def test_dragging_a_selected_cell_after_select_all_asks_a_few_flags(qtbot, monkeypatch) -> None:
    model, view = shown(qtbot, ROWS, model_type=FlagsCountingModel)
    view.selectAll()
    started: list[Qt.DropAction] = []
    monkeypatch.setattr(view, "startDrag", started.append)
    viewport = view.viewport()
    press = view.visualRect(model.index(1)).center()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    FlagsCountingModel.flags_calls = 0
    moved = press + QPoint(QApplication.startDragDistance() + 20, 0)
    QApplication.sendEvent(viewport, QMouseEvent(
        QEvent.Type.MouseMove, QPointF(moved), QPointF(viewport.mapToGlobal(moved)),
        Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert len(started) == 1  # still a drag
    assert FlagsCountingModel.flags_calls < 100, FlagsCountingModel.flags_calls
    # Outside that question the view still lists every selected cell.
    assert len(view.selectedIndexes()) == ROWS
