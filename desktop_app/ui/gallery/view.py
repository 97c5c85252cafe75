"""The gallery's icon grid: uniform cells placed by arithmetic, telling the model what is shown.

Owns `GalleryView` over `GalleryModel` with `GalleryDelegate`. Every cell has the same size, so
where row `r` is drawn is `r // columns` lines down and `r % columns` cells across: the view
keeps no per-item geometry at all. `QListView`'s icon mode kept a rectangle per item and laid
every item out again after each insert or removal (1.3-1.5 s of GUI-thread time per change at
a million images, and a Python `rowCount` call per row); here a change costs the same at ten
images or a million. The view is still a `QListView` (in list mode, its layout never run: every
virtual that would reach it is replaced here), because Qt gives a list view's items to screen
readers as a list of cells and a plain `QAbstractItemView` subclass as one blank widget.

The view owns the grid's geometry (cells share the spare width), what rows are on screen (the
model drops loads for the rest), keyboard and mouse selection in row order, a rubber band,
holding the thumbnail decoder while the grid flies past (a dragged scroll bar, or steps that
leave nothing of the last screen), selection by id, and the room left under the last row for a
floating banner.
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
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QCursor,
    QDrag,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QRegion,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QRubberBand,
    QStyle,
    QStyleOptionRubberBand,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.ui.gallery.delegate import GRID_SIZE, GalleryDelegate
from desktop_app.ui.gallery.model import GalleryModel

Index = QModelIndex | QPersistentModelIndex

# Kept for callers that tuned QListView's batched layout: the grid has no layout pass now, so
# this is only the largest number of rows a drag image or a selection region is built from.
LAYOUT_BATCH = 2000
# While the scroll bar is dragged, or the grid jumps a whole screen or more at each step (a fast
# scroll), thumbnails are decoded only once it has stood still this long: cells flying past are
# never decoded, and the decoder leaves the CPU (and the GIL) to painting.
DRAG_SETTLE_MS = 120
SCROLL_STEP = 24
DRAG_PIXMAP_CELLS = 4  # cells drawn into the picture that follows the pointer in a drag

_CURSOR = QAbstractItemView.CursorAction
_HINT = QAbstractItemView.ScrollHint
_DRAG_SELECTING = QAbstractItemView.State.DragSelectingState
_SELECTED = QStyle.StateFlag.State_Selected
_HOVER = QStyle.StateFlag.State_MouseOver
_FOCUS = QStyle.StateFlag.State_HasFocus
_ACTIVE = QStyle.StateFlag.State_Active
_ENABLED = QStyle.StateFlag.State_Enabled


class GalleryView(QListView):
    """The icon grid. Tells the model which items are on screen so stale loads are dropped."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryView")
        self.setAccessibleName(self.tr("Image library"))
        self.setAccessibleDescription(self.tr("Arrow keys move, Enter opens the viewer"))
        self._gallery_model = model
        self._cell = QSize(GRID_SIZE)
        self._columns = 1
        self._band_origin: QPoint | None = None  # a rubber band's start, in content pixels
        self._band = QRect()  # the band as drawn, in viewport pixels
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
        model.rowsRemoved.connect(self._rows_changed)
        model.modelReset.connect(self._contents_changed)
        model.layoutChanged.connect(self._contents_changed)

    # -- geometry ---------------------------------------------------------------------------

    def gridSize(self) -> QSize:
        """One cell's size: the spare width is shared between the columns."""
        return QSize(self._cell)

    def columns(self) -> int:
        return self._columns

    def content_height(self) -> int:
        lines = -(-self._gallery_model.rowCount() // self._columns)
        return lines * self._cell.height()

    def set_bottom_margin(self, pixels: int) -> None:
        """Room under the grid (where a banner floats): the rows stay where they are."""
        if self.viewportMargins().bottom() != pixels:
            self.setViewportMargins(0, 0, 0, pixels)

    def visible_rows(self, margin_rows: int = 1) -> range:
        """Rows on screen (plus a margin of lines above and below)."""
        count = self._gallery_model.rowCount()
        if count == 0:
            return range(0)
        height = self._cell.height()
        columns = self._columns
        first_line = max(0, self.verticalOffset()) // height
        visible_lines = self.viewport().height() // height + 2
        start = max(0, (first_line - margin_rows) * columns)
        stop = min(count, (first_line + visible_lines + margin_rows) * columns)
        return range(start, max(start, stop))

    def _reflow(self) -> None:
        """Columns and cell width for the viewport's width. Where the rows would not fit in
        the height, the width is measured as it will be once the scroll bar is shown, so the
        bar's arrival never changes the column count (which could show and hide it forever)."""
        width = self.viewport().width()
        bar = self.verticalScrollBar()
        bar_width = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
        if not bar.isVisible() and self._needs_scroll_bar(width):
            width -= bar_width
        columns = max(1, width // GRID_SIZE.width())
        self._columns = columns
        self._cell = QSize(max(GRID_SIZE.width(), width // columns), GRID_SIZE.height())

    def _needs_scroll_bar(self, width: int) -> bool:
        columns = max(1, width // GRID_SIZE.width())
        lines = -(-self._gallery_model.rowCount() // columns)
        return lines * GRID_SIZE.height() > self.viewport().height()

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

    def _cell_rect(self, row: int) -> QRect:
        """Where row `row` is drawn, in viewport pixels."""
        columns, cell = self._columns, self._cell
        line, column = divmod(row, columns)
        return QRect(column * cell.width(), line * cell.height() - self.verticalOffset(),
                     cell.width(), cell.height())

    def _row_at(self, point: QPoint, clamp: bool = False) -> int:
        """The row whose cell holds `point` (viewport pixels), or -1. With `clamp`, a point
        past the cells (beyond the last image, left or right of the grid) gives the nearest."""
        count = self._gallery_model.rowCount()
        if count == 0:
            return -1
        cell = self._cell
        column = point.x() // cell.width()
        line = (point.y() + self.verticalOffset()) // cell.height()
        if not clamp and (column < 0 or column >= self._columns or line < 0):
            return -1
        column = min(max(column, 0), self._columns - 1)
        row = max(0, line) * self._columns + column
        if row >= count:
            return count - 1 if clamp else -1
        return row

    def visualRect(self, index: Index) -> QRect:
        if not index.isValid() or index.row() >= self._gallery_model.rowCount():
            return QRect()
        return self._cell_rect(index.row())

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
        if not index.isValid():
            return
        rect = self._cell_rect(index.row())
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        top = rect.top() + bar.value()
        if hint == _HINT.PositionAtTop:
            target = top
        elif hint == _HINT.PositionAtBottom:
            target = top + rect.height() - page
        elif hint == _HINT.PositionAtCenter:
            target = top + (rect.height() - page) // 2
        elif rect.top() < 0:
            target = top
        elif rect.bottom() >= page:
            target = top + rect.height() - page
        else:
            return
        bar.setValue(target)

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        count = self._gallery_model.rowCount()
        if count == 0:
            return QModelIndex()
        current = self.currentIndex()
        row = current.row() if current.isValid() else -1
        if row < 0:
            return self._gallery_model.index(0)
        columns = self._columns
        page_rows = max(1, self.viewport().height() // self._cell.height()) * columns
        steps = {
            _CURSOR.MoveLeft: -1, _CURSOR.MovePrevious: -1,
            _CURSOR.MoveRight: 1, _CURSOR.MoveNext: 1,
            _CURSOR.MoveUp: -columns, _CURSOR.MoveDown: columns,
            _CURSOR.MovePageUp: -page_rows, _CURSOR.MovePageDown: page_rows,
        }
        if cursorAction == _CURSOR.MoveHome:
            target = 0
        elif cursorAction == _CURSOR.MoveEnd:
            target = count - 1
        elif cursorAction in steps:
            target = row + steps[cursorAction]
            if cursorAction in (_CURSOR.MoveUp, _CURSOR.MovePageUp) and target < 0:
                target = row % columns if cursorAction == _CURSOR.MoveUp else 0
            target = min(max(target, 0), count - 1)
        else:
            target = row
        return self._gallery_model.index(target)

    # -- selection --------------------------------------------------------------------------

    def setSelection(self, rect: QRect,
                     command: QItemSelectionModel.SelectionFlag) -> None:
        selection_model = self.selectionModel()
        if selection_model is None or self._gallery_model.rowCount() == 0:
            return
        selection = QItemSelection()
        if rect.width() == 1 and rect.height() == 1:  # a click
            row = self._row_at(rect.topLeft())
            if row >= 0:
                index = self._gallery_model.index(row)
                selection.select(index, index)
        elif self.state() == _DRAG_SELECTING:  # a rubber band: the cells it touches
            selection = self._band_selection(rect.normalized())
        else:
            # Shift with a click or a key: every row from the anchor to the new one, in the
            # order the grid reads. Qt hands the two ends as the rectangle's corners.
            first = self._row_at(rect.topLeft(), clamp=True)
            last = self._row_at(rect.bottomRight(), clamp=True)
            if first > last:
                first, last = last, first
            selection.select(self._gallery_model.index(first), self._gallery_model.index(last))
        selection_model.select(selection, command)

    def _band_selection(self, rect: QRect) -> QItemSelection:
        selection = QItemSelection()
        count = self._gallery_model.rowCount()
        cell, columns = self._cell, self._columns
        offset = self.verticalOffset()
        first_column = max(0, rect.left() // cell.width())
        last_column = min(columns - 1, rect.right() // cell.width())
        first_line = max(0, (rect.top() + offset) // cell.height())
        last_line = (rect.bottom() + offset) // cell.height()
        if first_column > last_column or last_line < first_line:
            return selection
        model = self._gallery_model
        if first_column == 0 and last_column == columns - 1:  # whole lines: one range
            start, stop = first_line * columns, min(count, (last_line + 1) * columns)
            if start < stop:
                selection.select(model.index(start), model.index(stop - 1))
            return selection
        for line in range(first_line, last_line + 1):
            start = line * columns + first_column
            stop = min(count, line * columns + last_column + 1)
            if start >= count:
                break
            if start < stop:
                selection.select(model.index(start), model.index(stop - 1))
        return selection

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        shown = self.visible_rows(margin_rows=0)
        for selection_range in selection:
            start = max(selection_range.top(), shown.start)
            stop = min(selection_range.bottom() + 1, shown.stop)
            if start >= stop:
                continue
            first, last = self._cell_rect(start), self._cell_rect(stop - 1)
            if first.top() == last.top():
                region += first.united(last)
            else:  # the lines between are whole: three rectangles cover the range
                width = self._columns * self._cell.width()
                region += QRect(first.left(), first.top(), width - first.left(), first.height())
                region += QRect(0, first.bottom() + 1, width, last.top() - first.bottom() - 1)
                region += QRect(0, last.top(), last.right() + 1, last.height())
        return region

    def selectedIndexes(self) -> list[QModelIndex]:
        # Qt's own version asks `isIndexHidden` once per selected row (a Python call each).
        selection_model = self.selectionModel()
        return selection_model.selectedIndexes() if selection_model is not None else []

    def selected_rows(self) -> list[int]:
        """Selected rows in order, read from the selection's ranges (no index per row)."""
        selection_model = self.selectionModel()
        if selection_model is None:
            return []
        rows: set[int] = set()
        for selection_range in selection_model.selection():
            rows.update(range(selection_range.top(), selection_range.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        ids = [self._gallery_model.id_at(row) for row in self.selected_rows()]
        return [entry_id for entry_id in ids if entry_id is not None]

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
        super().mouseMoveEvent(event)
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
        """Qt's drag asks for every selected cell's rectangle to draw its picture (a Python
        call each, a million after Select All); the picture is a few visible cells here."""
        rows = self.selected_rows()
        if not rows:
            return
        model = self._gallery_model
        mime = model.mimeData([model.index(row) for row in rows])
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        shown = self.visible_rows(margin_rows=0)
        pictured = [row for row in rows if row in shown][:DRAG_PIXMAP_CELLS] or rows[:1]
        drag.setPixmap(self._drag_pixmap(pictured))
        drag.exec(supportedActions, self.defaultDropAction())

    def _drag_pixmap(self, rows: list[int]) -> QPixmap:
        cell = self._cell
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(cell.width() * len(rows) * ratio), round(cell.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.state = option.state | _SELECTED
        for place, row in enumerate(rows):
            option.rect = QRect(place * cell.width(), 0, cell.width(), cell.height())
            self._delegate.paint(painter, option, self._gallery_model.index(row))
        painter.end()
        return pixmap

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self._gallery_model
        count = model.rowCount()
        if count == 0:
            return
        palette = self.palette()
        if not self.isEnabled():
            palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
        elif not self.isActiveWindow():
            palette.setCurrentColorGroup(QPalette.ColorGroup.Inactive)
        else:
            palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
        viewport = self.viewport()
        painter = QPainter(viewport)
        delegate = self._delegate
        delegate.begin_frame(palette, self.fontMetrics(), self.font(),
                             viewport.devicePixelRatioF())
        try:
            self._paint_cells(painter, event.rect(), count)
            if not self._band.isNull():
                band = QStyleOptionRubberBand()
                band.initFrom(viewport)
                band.shape = QRubberBand.Shape.Rectangle
                band.opaque = False
                band.rect = self._band
                painter.save()
                self.style().drawControl(QStyle.ControlElement.CE_RubberBand, band, painter,
                                         self)
                painter.restore()
        finally:
            delegate.end_frame()
            painter.end()

    def _paint_cells(self, painter: QPainter, area: QRect, count: int) -> None:
        model = self._gallery_model
        cell, columns = self._cell, self._columns
        width, height = cell.width(), cell.height()
        offset = self.verticalOffset()
        first_line = max(0, (area.top() + offset) // height)
        last_line = (area.bottom() + offset) // height
        first_column = max(0, area.left() // width)
        last_column = min(columns - 1, area.right() // width)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        base = option.state & ~(_SELECTED | _HOVER | _FOCUS)
        if self.isActiveWindow():
            base |= _ACTIVE
        if self.isEnabled():
            base |= _ENABLED
        states = {(False, False): base, (True, False): base | _SELECTED,
                  (False, True): base | _HOVER, (True, True): base | _SELECTED | _HOVER}
        selection_model = self.selectionModel()
        create_index = model.createIndex
        viewport = self.viewport()
        hovered = -1
        if viewport.underMouse() and self.state() == QAbstractItemView.State.NoState:
            hovered = self._row_at(viewport.mapFromGlobal(QCursor.pos()))
        current = self.currentIndex().row() if self.hasFocus() else -1
        delegate = self._delegate
        for line in range(first_line, last_line + 1):
            top = line * height - offset
            for column in range(first_column, last_column + 1):
                row = line * columns + column
                if row >= count:
                    return
                index = create_index(row, 0)  # the row is in range: no rowCount check
                state = states[(selection_model.isSelected(index), row == hovered)]
                option.state = state | _FOCUS if row == current else state
                option.rect = QRect(column * width, top, width, height)
                delegate.paint(painter, option, index)

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
            self._tell_screen_readers(QAccessible.Event.Focus, current.row())

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        # QListView's version lists every selected index to name the first (a million after
        # Select All) and asks its layout for it.
        if QAccessible.isActive():
            for ranges, event in ((selected, QAccessible.Event.SelectionAdd),
                                  (deselected, QAccessible.Event.SelectionRemove)):
                if len(ranges):
                    self._tell_screen_readers(event, ranges[0].top())
        QAbstractItemView.selectionChanged(self, selected, deselected)

    def _tell_screen_readers(self, kind: QAccessible.Event, row: int) -> None:
        event = QAccessibleEvent(self, kind)
        event.setChild(row)
        QAccessible.updateAccessibility(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._gallery_model.set_thumbnail_scale(self.devicePixelRatioF())
        self._reflow()
        self.updateGeometries()
        self._retain_visible_later()

    def rowsInserted(self, parent: Index, start: int, end: int) -> None:
        # Not QListView's: it schedules its layout pass, and with it a repaint of every cell.
        QAbstractItemView.rowsInserted(self, parent, start, end)
        self._rows_changed(parent, start, end)

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        QAbstractItemView.rowsAboutToBeRemoved(self, parent, start, end)

    def _rows_changed(self, _parent: Index, start: int, _end: int) -> None:
        # A few integer steps at any count: no layout pass over the rows.
        columns_before = self._columns
        self._reflow()
        self.updateGeometries()
        shown = self.visible_rows(margin_rows=0)
        if columns_before != self._columns or start < max(shown.stop, 1) + self._columns:
            self.viewport().update()
        self._retain_visible_later()

    def _contents_changed(self) -> None:
        self._reflow()
        self.updateGeometries()
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
