"""The gallery's icon grid: uniform cells, laid out in batches, telling the model what is shown.

Owns `GalleryView`, a `QListView` in icon mode over `GalleryModel` with `GalleryDelegate`: the
grid's geometry (cells share the spare width), what rows are on screen (from the geometry, no
per-item work; the model drops loads for the rest), holding the thumbnail decoder while the grid
flies past (a dragged scroll bar, or steps that leave nothing of the last screen), selection by
id, and the room left under the last row for a floating banner.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from desktop_app.ui.gallery.delegate import GRID_SIZE, GalleryDelegate
from desktop_app.ui.gallery.model import GalleryModel

LAYOUT_BATCH = 2000  # items the grid lays out per event-loop turn
# While the scroll bar is dragged, or the grid jumps a whole screen or more at each step (a fast
# scroll), thumbnails are decoded only once it has stood still this long: cells flying past are
# never decoded, and the decoder leaves the CPU (and the GIL) to painting.
DRAG_SETTLE_MS = 120


class GalleryView(QListView):
    """The icon grid. Tells the model which items are on screen so stale loads are dropped."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryView")
        self.setAccessibleName(self.tr("Image library"))
        self.setAccessibleDescription(self.tr("Arrow keys move, Enter opens the viewer"))
        self._gallery_model = model
        self.setModel(model)
        self._delegate = GalleryDelegate(model, self)
        self.setItemDelegate(self._delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setGridSize(GRID_SIZE)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(True)
        self.setSpacing(0)
        # Icon mode lays out every item again when rows are inserted or removed (a new image at
        # the top, a live merge): 150 ms at 100,000 images in one go. In batches of a few
        # thousand per event-loop turn the GUI thread never stops for more than a few ms.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(LAYOUT_BATCH)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalScrollBar().setSingleStep(24)
        # Every scroll step tells the model what is on screen (a few C++ calls, no per-item
        # work), so requests for rows scrolled past are dropped before a worker runs them.
        bar = self.verticalScrollBar()
        self._shown: range = range(0)
        bar.valueChanged.connect(self._scrolled)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(DRAG_SETTLE_MS)
        self._settle.timeout.connect(model.resume_thumbnails)
        bar.sliderPressed.connect(model.pause_thumbnails)
        bar.sliderMoved.connect(lambda _value: self._settle.start())
        bar.sliderReleased.connect(self._drag_ended)
        # After a reset or a row change the layout is redone lazily: look once it is.
        for changed in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            changed.connect(self._retain_visible_later)

    def set_bottom_margin(self, pixels: int) -> None:
        """Room under the grid (where a banner floats): the rows stay where they are."""
        if self.viewportMargins().bottom() != pixels:
            self.setViewportMargins(0, 0, 0, pixels)

    def visible_rows(self, margin_rows: int = 1) -> range:
        """Rows on screen (plus a margin), from the grid geometry: no per-item work."""
        count = self._gallery_model.rowCount()
        if count == 0:
            return range(0)
        viewport = self.viewport().rect()
        grid = self.gridSize()
        first = self.indexAt(QPoint(grid.width() // 2, grid.height() // 2))
        columns = max(1, viewport.width() // grid.width())
        visible_lines = viewport.height() // grid.height() + 2
        start_row = first.row() if first.isValid() else 0
        start = max(0, start_row - margin_rows * columns)
        stop = min(count, start_row + (visible_lines + margin_rows) * columns)
        return range(start, stop)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        if not self.isEnabled():
            palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
        elif not self.isActiveWindow():
            palette.setCurrentColorGroup(QPalette.ColorGroup.Inactive)
        else:
            palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
        self._delegate.begin_frame(palette, self.fontMetrics(), self.font(),
                                   self.viewport().devicePixelRatioF())
        try:
            super().paintEvent(event)
        finally:
            self._delegate.end_frame()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Share the spare width between the columns, so the grid fills the view evenly.
        width = self.viewport().width() - 4  # QListView wraps a hair before the edge
        columns = max(1, width // GRID_SIZE.width())
        cell_width = max(GRID_SIZE.width(), width // columns)
        if cell_width != self.gridSize().width():
            self.setGridSize(QSize(cell_width, GRID_SIZE.height()))
        super().resizeEvent(event)
        self._retain_visible_later()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._gallery_model.set_thumbnail_scale(self.devicePixelRatioF())
        self._retain_visible_later()

    def keyboardSearch(self, search: str) -> None:
        """No type-to-select: a letter or digit (F, 1-5: culling keys in the viewer) silently
        moved the selection to an image whose prompt starts with it, and the next Delete or
        B then acted on that image instead of the one picked."""

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.selectionModel().selectedIndexes())
        ids = [self._gallery_model.id_at(row) for row in rows]
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
