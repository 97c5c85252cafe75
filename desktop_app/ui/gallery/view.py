"""The gallery's icon grid: uniform cells placed by arithmetic, telling the model what is shown.

Owns `GalleryView`, the widget over `GalleryModel` and `GalleryDelegate`: Qt's item-view
virtuals answered from `Grid` (row r is `r // columns` lines down, `r % columns` across; no
per-item geometry), painting through `grid_painting`, selection through `grid_selection`, the
rows on screen (the model drops loads for the rest), a rubber band, holding the thumbnail decoder
while the grid flies past, selection by id, and room under the last row for a banner. QListView's
icon mode laid every item out again after each insert or removal (1.3-1.5 s of GUI time at a
million images); it is still the base class (list mode, its layout never run) because Qt gives a
list view's cells to screen readers as list items, a plain QAbstractItemView as one blank widget.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QCursor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QWidget

from desktop_app.ui.gallery import dragging, grid_selection
from desktop_app.ui.gallery.delegate import GRID_SIZE, GalleryDelegate
from desktop_app.ui.gallery.grid_geometry import Grid
from desktop_app.ui.gallery.grid_painting import frame_palette, paint_cells, paint_rubber_band
from desktop_app.ui.gallery.model import GalleryModel

Index = QModelIndex | QPersistentModelIndex

LAYOUT_BATCH = 2000  # kept for old callers: the grid has no layout pass to batch
# While the scroll bar is dragged, or each step jumps a screen or more, thumbnails are decoded
# only once the grid stood still this long: the decoder leaves the CPU (and GIL) to painting.
DRAG_SETTLE_MS = 120
SCROLL_STEP = 24

_CURSOR = QAbstractItemView.CursorAction
_HINT = QAbstractItemView.ScrollHint
_CURSOR_STEPS = {
    _CURSOR.MoveLeft: "left", _CURSOR.MovePrevious: "left", _CURSOR.MoveRight: "right",
    _CURSOR.MoveNext: "right", _CURSOR.MoveUp: "up", _CURSOR.MoveDown: "down",
    _CURSOR.MovePageUp: "page_up", _CURSOR.MovePageDown: "page_down",
    _CURSOR.MoveHome: "home", _CURSOR.MoveEnd: "end",
}
_SCROLL_HINTS = {_HINT.PositionAtTop: "top", _HINT.PositionAtBottom: "bottom",
                 _HINT.PositionAtCenter: "centre"}
_DRAG_SELECTING = QAbstractItemView.State.DragSelectingState
_NO_STATE = QAbstractItemView.State.NoState


class GalleryView(QListView):
    """The icon grid. Tells the model which items are on screen so stale loads are dropped."""

    drag_files_limited = Signal(int)  # a drag of this many images carries no file URLs

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryView")
        self.setAccessibleName(self.tr("Image library"))
        self.setAccessibleDescription(self.tr("Arrow keys move, Enter opens the viewer"))
        self._gallery_model = model
        self._grid = Grid(GRID_SIZE)
        self._band_origin: QPoint | None = None  # a rubber band's start, in content pixels
        self._band = QRect()  # the band as drawn, in viewport pixels
        self._probing_drag = False  # inside Qt's mouse move: see mouseMoveEvent
        self.setModel(model)
        self._delegate = GalleryDelegate(model, self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Cells share the width, so nothing is ever wider than the view.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)  # the hovered cell's panel
        bar = self.verticalScrollBar()
        bar.setSingleStep(SCROLL_STEP)
        # Every scroll step tells the model what is on screen (a few arithmetic steps), so
        # requests for rows scrolled past are dropped before a worker runs them.
        self._shown: range = range(0)
        bar.valueChanged.connect(self._scrolled)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(DRAG_SETTLE_MS)
        self._settle.timeout.connect(model.resume_thumbnails)
        bar.sliderPressed.connect(model.pause_thumbnails)
        bar.sliderMoved.connect(lambda _value: self._settle.start())
        bar.sliderReleased.connect(self._drag_ended)
        model.rowsRemoved.connect(self._rows_removed)
        model.modelReset.connect(self._contents_changed)
        model.layoutChanged.connect(self._contents_changed)

    # -- geometry ---------------------------------------------------------------------------

    def gridSize(self) -> QSize:
        """One cell's size: the spare width is shared between the columns."""
        return self._grid.cell

    def columns(self) -> int:
        return self._grid.columns

    def content_height(self) -> int:
        return self._grid.content_height(self._gallery_model.rowCount())

    def set_bottom_margin(self, pixels: int) -> None:
        """Room under the grid (where a banner floats): the rows stay where they are."""
        if self.viewportMargins().bottom() != pixels:
            self.setViewportMargins(0, 0, 0, pixels)

    def visible_rows(self, margin_rows: int = 1) -> range:
        """Rows on screen (plus a margin of lines above and below)."""
        return self._grid.visible_rows(self.verticalOffset(), self.viewport().height(),
                                       self._gallery_model.rowCount(), margin_rows)

    def _reflow(self) -> None:
        """Columns and cell width for the viewport's width. Where the rows would not fit in
        the height, the width is measured as it will be once the scroll bar is shown, so the
        bar's arrival never changes the column count (which could show and hide it forever)."""
        width = self.viewport().width()
        bar = self.verticalScrollBar()
        count = self._gallery_model.rowCount()
        if not bar.isVisible() and self._grid.needs_scrolling(count, width,
                                                               self.viewport().height()):
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        self._grid.fit(width)

    def updateGeometries(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bar.setPageStep(max(1, page))
        bar.setSingleStep(SCROLL_STEP)
        bar.setRange(0, max(0, self.content_height() - page))
        self.horizontalScrollBar().setRange(0, 0)
        QAbstractItemView.updateGeometries(self)  # not QListView's: its layout is not used

    def doItemsLayout(self) -> None:
        # QListView's pass over every row is what this view exists to avoid.
        QAbstractItemView.doItemsLayout(self)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        QAbstractItemView.scrollContentsBy(self, dx, dy)  # moves the drawn pixels: no repaint

    def _row_at(self, point: QPoint, clamp: bool = False) -> int:
        return self._grid.row_at(point, self.verticalOffset(), self._gallery_model.rowCount(),
                                 clamp)

    def visualRect(self, index: Index) -> QRect:
        if not index.isValid() or index.row() >= self._gallery_model.rowCount():
            return QRect()
        return self._grid.cell_rect(index.row(), self.verticalOffset())

    def indexAt(self, point: QPoint) -> QModelIndex:
        row = self._row_at(point)
        return self._gallery_model.index(row) if row >= 0 else QModelIndex()

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: Index) -> bool:
        return False

    def scrollTo(self, index: Index, hint: QAbstractItemView.ScrollHint = _HINT.EnsureVisible
                 ) -> None:
        if index.isValid():
            bar = self.verticalScrollBar()
            where = _SCROLL_HINTS.get(hint, "visible")
            bar.setValue(self._grid.scroll_target(index.row(), bar.value(),
                                                  self.viewport().height(), where))

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        count = self._gallery_model.rowCount()
        if count == 0:
            return QModelIndex()
        current = self.currentIndex()
        if not current.isValid():
            return self._gallery_model.index(0)
        step = _CURSOR_STEPS.get(cursorAction, "")
        return self._gallery_model.index(
            self._grid.moved(current.row(), step, count, self.viewport().height()))

    # -- selection --------------------------------------------------------------------------

    def setSelection(self, rect: QRect,
                     command: QItemSelectionModel.SelectionFlag) -> None:
        selection_model = self.selectionModel()
        if selection_model is not None:
            selection_model.select(grid_selection.selection_for(
                self._grid, self._gallery_model, rect, self.verticalOffset(),
                self.state() == _DRAG_SELECTING), command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        return grid_selection.repaint_region(self._grid, selection,
                                             self.visible_rows(0), self.verticalOffset())

    def selectedIndexes(self) -> list[QModelIndex]:
        # Qt's own version asks `isIndexHidden` once per selected row (a Python call each).
        return grid_selection.selected_indexes(self.selectionModel(), self._probing_drag)

    def selectAll(self) -> None:
        # QListView's asks the model its row count once a row (1.5 s at a million).
        grid_selection.select_all(self.selectionModel(), self._gallery_model, self.selectionMode())

    def selected_rows(self) -> list[int]:
        """Selected rows in order, read from the selection's ranges (no index per row)."""
        return grid_selection.selected_rows(self.selectionModel())

    def selected_runs(self) -> list[range]:
        """The selected rows as ordered runs: one `range` after Select All."""
        return grid_selection.selected_runs(self.selectionModel())

    def selected_count(self) -> int:
        return sum(len(run) for run in self.selected_runs())

    def selected_ids(self) -> list[int]:
        return self._gallery_model.ids_in(self.selected_runs())

    def first_selected_id(self) -> int | None:
        runs = self.selected_runs()
        return self._gallery_model.id_at(runs[0].start) if runs else None

    def is_selected(self, row: int) -> bool:
        selection = self.selectionModel()
        return selection is not None and selection.isSelected(self._gallery_model.index(row))

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self._gallery_model.id_at(index.row()) if index.isValid() else None

    def select_id(self, entry_id: int) -> None:
        row = self._gallery_model.row_of(entry_id)
        if row is None:
            return
        index = self._gallery_model.index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def keyboardSearch(self, search: str) -> None:
        """No type-to-select: a letter or digit (F, 1-5: culling keys in the viewer) silently
        moved the selection to an image whose prompt starts with it, and the next Delete or
        B then acted on that image instead of the one picked."""

    # -- mouse: the rubber band and dragging out ------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        self._band_origin = QPoint(point.x(), point.y() + self.verticalOffset())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # Qt decides whether a press on a selected cell starts a drag from every selected index
        # and its flags (13 s after Select All at a million); the first answers for all of them.
        self._probing_drag = True
        try:
            super().mouseMoveEvent(event)
        finally:
            self._probing_drag = False
        if self.state() == _DRAG_SELECTING and self._band_origin is not None:
            origin = self._band_origin - QPoint(0, self.verticalOffset())
            band = QRect(origin, event.position().toPoint()).normalized()
            if band != self._band:
                self.viewport().update(self._band.adjusted(-1, -1, 1, 1))
                self._band = band
                self.viewport().update(band.adjusted(-1, -1, 1, 1))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._band_origin = None
        if not self._band.isNull():
            self.viewport().update(self._band.adjusted(-1, -1, 1, 1))
            self._band = QRect()

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        dragging.start_drag(self, self._gallery_model, self._grid, self._delegate,
                            supportedActions)

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self._gallery_model
        count = model.rowCount()
        if count == 0:
            return
        viewport = self.viewport()
        hovered = -1
        if viewport.underMouse() and self.state() == _NO_STATE:
            hovered = self._row_at(viewport.mapFromGlobal(QCursor.pos()))
        current = self.currentIndex().row() if self.hasFocus() else -1
        painter = QPainter(viewport)
        delegate = self._delegate
        delegate.begin_frame(frame_palette(self), self.fontMetrics(), self.font(),
                             viewport.devicePixelRatioF())
        try:
            paint_cells(self, painter, event.rect(), self._grid, self.verticalOffset(), count,
                        hovered, current, delegate, model)
            if not self._band.isNull():
                paint_rubber_band(self, painter, self._band)
        finally:
            delegate.end_frame()
            painter.end()

    # -- changes ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reflow()
        # updateGeometries: the scroll range for the new columns (QListView's own would wait
        # for its layout).
        QAbstractItemView.resizeEvent(self, event)
        self._retain_visible_later()

    # -- screen readers: which cell has focus, which were selected ------------------------

    def currentChanged(self, current: Index, previous: Index) -> None:
        # QListView names the focused child through its own layout, which is not kept.
        QAbstractItemView.currentChanged(self, current, previous)
        if QAccessible.isActive() and current.isValid() and self.hasFocus():
            grid_selection.tell_screen_readers(self, QAccessible.Event.Focus, current.row())

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        # QListView's version lists every selected index to name the first (a million after
        # Select All) and asks its layout for it.
        grid_selection.tell_selection_changes(self, selected, deselected)
        QAbstractItemView.selectionChanged(self, selected, deselected)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._gallery_model.set_thumbnail_scale(self.devicePixelRatioF())
        self._reflow()
        self.updateGeometries()
        self._retain_visible_later()

    def rowsInserted(self, parent: Index, start: int, end: int) -> None:
        # Not QListView's: it clears its layout, schedules another and a repaint of every cell.
        QAbstractItemView.rowsInserted(self, parent, start, end)
        self._relayout(start)

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:  # the same
        QAbstractItemView.rowsAboutToBeRemoved(self, parent, start, end)

    def _rows_removed(self, _parent: Index, start: int, _end: int) -> None:
        self._relayout(start)

    def _contents_changed(self) -> None:  # a reset or a new order: every cell may move
        self._relayout(0)

    def _relayout(self, from_row: int) -> None:
        """Columns and scroll range (integer steps at any count); repaint unless rows moved only
        below the screen."""
        columns_before = self._grid.columns
        self._reflow()
        self.updateGeometries()
        shown = self.visible_rows(margin_rows=0)
        if columns_before != self._grid.columns or from_row < shown.stop + self._grid.columns:
            self.viewport().update()
        self._retain_visible_later()

    def _drag_ended(self) -> None:
        self._settle.stop()
        self._gallery_model.resume_thumbnails()

    def _scrolled(self) -> None:
        before = self._shown
        self._retain_visible()
        shown = self._shown
        if before and shown and (shown.start >= before.stop or shown.stop <= before.start):
            # Nothing of the last screen is left: a fast scroll. Its cells would be gone before
            # their thumbnails came, so decoding waits until the grid settles.
            self._gallery_model.pause_thumbnails()
            self._settle.start()

    def _retain_visible(self) -> None:
        self._shown = rows = self.visible_rows()
        self._gallery_model.set_visible_rows(rows)

    def _retain_visible_later(self) -> None:
        QTimer.singleShot(0, self, self._retain_visible)
