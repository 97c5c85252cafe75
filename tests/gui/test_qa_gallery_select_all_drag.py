"""QA: Select All and the start of a drag at many rows make no Python call per row (issue #18).

The grid replaced QListView's per-row work, but two paths still reached it: QListView's Select
All asked the model its row count once a row (1.5 s at a million), and Qt's mouse move, before
starting a drag from a selected cell, listed every selected index and asked each one's flags
(13 s at a million). Both are counted here at 20,000 rows. So are what a huge selection leads
to: the selected ids and their count (slices of the id array), the drag's payload (past
`DRAG_FILES_LIMIT` images, ids only: each file URL needs its entry), the entries the Favourite
check looks at and a favourite of every row (what the model holds, never every row).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QPointF,
    Qt,
)
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.ui.board_model import ids_from_mime
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


class RecordingDrag:
    """Stands in for QDrag: keeps what the drag would carry, never runs a platform drag."""

    def __init__(self, _source) -> None:
        self.mime = None

    def setMimeData(self, mime) -> None:
        # Read here: the QMimeData itself is not kept past the test (Qt owns it in a drag).
        self.mime = {"urls": [url.toLocalFile() for url in mime.urls()],
                     "ids": ids_from_mime(mime)}

    def setPixmap(self, _pixmap) -> None:
        pass

    def exec(self, *_args) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def _drag(view, monkeypatch) -> dict[str, list]:
    from desktop_app.ui.gallery import dragging

    made: list[RecordingDrag] = []
    monkeypatch.setattr(dragging, "QDrag", lambda source: made.append(RecordingDrag(source))
                        or made[-1])
    view.startDrag(Qt.DropAction.CopyAction)
    (drag,) = made
    assert drag.mime is not None
    return drag.mime


def _count_id_reads(model, monkeypatch) -> list[int]:
    reads: list[int] = []
    real = model.id_at
    monkeypatch.setattr(model, "id_at", lambda row: reads.append(row) or real(row))
    return reads


def test_a_drag_past_the_file_limit_carries_ids_and_reads_no_entry(qtbot, monkeypatch) -> None:
    # Each file URL needs its entry: at a million that was 70 s of reads on the GUI thread.
    model, view = shown(qtbot, ROWS)
    view.selectAll()
    limited: list[int] = []
    view.drag_files_limited.connect(limited.append)
    monkeypatch.setattr(model, "read_entries", lambda _ids: pytest.fail("entries read for a drag"))
    monkeypatch.setattr(model, "held_entry", lambda _id: pytest.fail("an entry looked up"))
    id_reads = _count_id_reads(model, monkeypatch)
    carried = _drag(view, monkeypatch)
    assert carried == {"urls": [], "ids": model.ids()}
    assert limited == [ROWS]
    assert len(id_reads) < 100  # the few cells in the drag's picture


def test_a_drag_within_the_file_limit_carries_the_files(qtbot, monkeypatch) -> None:
    model, view = shown(qtbot, ROWS)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    selection = view.selectionModel()
    selection.select(QItemSelection(model.index(3), model.index(7)),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect)
    limited: list[int] = []
    view.drag_files_limited.connect(limited.append)
    carried = _drag(view, monkeypatch)
    expected = [model.entry_at(row) for row in range(3, 8)]
    assert carried == {"urls": [str(e.path) for e in expected], "ids": [e.id for e in expected]}
    assert limited == []


def test_selected_ids_and_count_come_from_the_ranges(qtbot, monkeypatch) -> None:
    model, view = shown(qtbot, ROWS)
    selection = view.selectionModel()
    selection.select(QItemSelection(model.index(10), model.index(19)),
                     QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.select(QItemSelection(model.index(15), model.index(24)),  # overlapping
                     QItemSelectionModel.SelectionFlag.Select)
    selection.select(QItemSelection(model.index(2), model.index(2)),
                     QItemSelectionModel.SelectionFlag.Select)
    assert view.selected_runs() == [range(2, 3), range(10, 25)]
    assert view.selected_count() == 16
    assert view.selected_ids() == [model.ids()[row] for row in [2, *range(10, 25)]]
    assert view.first_selected_id() == model.ids()[2]
    view.selectAll()
    id_reads = _count_id_reads(model, monkeypatch)
    assert view.selected_count() == ROWS
    assert view.selected_ids() == model.ids()
    assert id_reads == []


def test_held_entries_of_a_huge_selection_walk_the_held_pages(qtbot) -> None:
    model, _view = shown(qtbot, ROWS)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    on_screen = [model.entry_at(row) for row in range(0, 10)]
    assert model.held_entries_in([range(2, 5)]) == on_screen[2:5]
    everything = model.held_entries_in([range(0, ROWS)])
    assert everything[:10] == on_screen
    assert len(everything) == model.held_entry_count()  # what is held, never all ROWS
    assert len(everything) < ROWS


def test_a_favourite_of_every_row_changes_what_is_held_without_a_search(qtbot,
                                                                        monkeypatch) -> None:
    model, _view = shown(qtbot, ROWS)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None)
    monkeypatch.setattr(model, "rows_of", lambda _ids: pytest.fail("a search of every row"))
    model.set_favourite_shown(model.ids(), True)
    assert all(model.entry_at(row).favourite for row in range(10))
    assert all(entry.favourite for entry in model.held_entries_in([range(0, ROWS)]))
    model.set_favourite_shown(model.ids(), False)
    assert not any(model.entry_at(row).favourite for row in range(10))
