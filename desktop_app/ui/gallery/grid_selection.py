"""Selections of the gallery grid in rows: what a click, a Shift range or a rubber band picks.

Owns turning Qt's selection rectangles into row ranges (`selection_for`: a 1x1 rectangle is a
click on one cell; while drag-selecting, the cells the band touches; otherwise the two corners
Qt hands over are the ends of a range in reading order), the region a selection change repaints
(`repaint_region`: only what is on screen, at most three rectangles a range), and the selected
rows read from the selection's ranges (`selected_runs`, `selected_rows`, `selected_indexes`),
never an index per row: Select All at a million images is one range (`select_all`). Also the
events that tell screen readers which cell has focus or was selected.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QItemSelectionRange,
    QModelIndex,
    QObject,
    QRect,
)
from PySide6.QtGui import QAccessible, QAccessibleEvent, QRegion
from PySide6.QtWidgets import QAbstractItemView

from desktop_app.ui.gallery.grid_geometry import Grid


def selection_for(grid: Grid, model: QAbstractItemModel, rect: QRect, offset: int,
                  drag_selecting: bool) -> QItemSelection:
    count = model.rowCount()
    selection = QItemSelection()
    if rect.width() == 1 and rect.height() == 1:  # a click
        row = grid.row_at(rect.topLeft(), offset, count)
        runs = [(row, row)] if row >= 0 else []
    elif drag_selecting:  # a rubber band: the cells it touches
        runs = grid.rows_in(rect.normalized(), offset, count)
    else:
        # Shift with a click or a key: the rectangle's corners are the anchor and the new row.
        first = grid.row_at(rect.topLeft(), offset, count, clamp=True)
        last = grid.row_at(rect.bottomRight(), offset, count, clamp=True)
        runs = [(min(first, last), max(first, last))] if first >= 0 else []
    for first, last in runs:
        selection.select(model.index(first, 0), model.index(last, 0))
    return selection


def ranges_of(selection: QItemSelection) -> list[QItemSelectionRange]:
    """The selection's ranges (a QList in C++; PySide's stubs do not say it is iterable)."""
    return list(cast(Iterable[QItemSelectionRange], selection))


def repaint_region(grid: Grid, selection: QItemSelection, shown: range, offset: int) -> QRegion:
    """Where the cells of `selection` that are among the `shown` rows are drawn."""
    region = QRegion()
    for selection_range in ranges_of(selection):
        first = max(selection_range.top(), shown.start)
        last = min(selection_range.bottom(), shown.stop - 1)
        if first <= last:
            for rect in grid.run_rects(first, last, offset):
                region += rect
    return region


def selected_runs(selection_model: QItemSelectionModel | None) -> list[range]:
    """The selected rows as runs in order, overlapping and touching ranges merged: Select All
    at a million rows is one `range`, never a million ints."""
    if selection_model is None:
        return []
    spans = sorted((selection_range.top(), selection_range.bottom() + 1)
                   for selection_range in ranges_of(selection_model.selection()))
    runs: list[range] = []
    for start, stop in spans:
        if runs and start <= runs[-1].stop:
            if stop > runs[-1].stop:
                runs[-1] = range(runs[-1].start, stop)
        else:
            runs.append(range(start, stop))
    return runs


def selected_rows(selection_model: QItemSelectionModel | None) -> list[int]:
    """Selected rows in order, from the selection's ranges."""
    return [row for run in selected_runs(selection_model) for row in run]


def selected_indexes(selection_model: QItemSelectionModel | None,
                     first_only: bool = False) -> list[QModelIndex]:
    """The selected cells, or with `first_only` the first of the first range (enough for Qt to
    see that something selected can be dragged: every cell can)."""
    if selection_model is None:
        return []
    if not first_only:
        return selection_model.selectedIndexes()
    ranges = ranges_of(selection_model.selection())
    if not ranges:
        return []
    first = ranges[0]
    return [first.model().index(first.top(), first.left(), first.parent())]


_SELECT_ALL_MODES = (QAbstractItemView.SelectionMode.ExtendedSelection,
                     QAbstractItemView.SelectionMode.MultiSelection)


def select_all(selection_model: QItemSelectionModel | None, model: QAbstractItemModel,
               mode: QAbstractItemView.SelectionMode) -> None:
    """Every row, as one range, where the selection mode lets more than one be selected."""
    count = model.rowCount()
    if selection_model is not None and count > 0 and mode in _SELECT_ALL_MODES:
        selection_model.select(QItemSelection(model.index(0, 0), model.index(count - 1, 0)),
                               QItemSelectionModel.SelectionFlag.ClearAndSelect)


def tell_screen_readers(view: QObject, kind: QAccessible.Event, row: int) -> None:
    event = QAccessibleEvent(view, kind)
    event.setChild(row)
    QAccessible.updateAccessibility(event)


def tell_selection_changes(view: QObject, selected: QItemSelection,
                           deselected: QItemSelection) -> None:
    """The first row selected and the first deselected (naming each would cost a call a row)."""
    if not QAccessible.isActive():
        return
    for selection, kind in ((selected, QAccessible.Event.SelectionAdd),
                            (deselected, QAccessible.Event.SelectionRemove)):
        ranges = ranges_of(selection)
        if ranges:
            tell_screen_readers(view, kind, ranges[0].top())
