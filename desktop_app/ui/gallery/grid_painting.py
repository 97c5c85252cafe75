"""Drawing the gallery grid: the cells an exposed area covers, a rubber band, a drag's picture.

Owns the paint loop of `GalleryView`: for each cell the area touches (found by `Grid`
arithmetic, never by asking every row), one reused `QStyleOptionViewItem` gets the cell's
rectangle and state (selected, hovered, focused) and `GalleryDelegate` draws it; what the
cells of a frame share, the delegate looks up once (`begin_frame`, called by the view). Also
the rubber band of a drag selection, in the style's look, and the picture that follows the
pointer when images are dragged out (a few cells, however many are selected).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QRubberBand,
    QStyle,
    QStyleOptionRubberBand,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.ui.gallery.delegate import GalleryDelegate
from desktop_app.ui.gallery.grid_geometry import Grid
from desktop_app.ui.gallery.model import GalleryModel

_SELECTED = QStyle.StateFlag.State_Selected
_HOVER = QStyle.StateFlag.State_MouseOver
_FOCUS = QStyle.StateFlag.State_HasFocus
_ACTIVE = QStyle.StateFlag.State_Active
_ENABLED = QStyle.StateFlag.State_Enabled


def frame_palette(view: QWidget) -> QPalette:
    """The view's palette in the colour group its state asks for."""
    palette = view.palette()
    if not view.isEnabled():
        palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
    elif not view.isActiveWindow():
        palette.setCurrentColorGroup(QPalette.ColorGroup.Inactive)
    else:
        palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
    return palette


def paint_cells(view: QAbstractItemView, painter: QPainter, area: QRect, grid: Grid,
                offset: int, count: int, hovered: int, current: int,
                delegate: GalleryDelegate, model: GalleryModel) -> None:
    """Draw every cell `area` (viewport pixels) touches; `hovered` and `current` are rows
    (-1: none)."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    base = option.state & ~(_SELECTED | _HOVER | _FOCUS)
    if view.isActiveWindow():
        base |= _ACTIVE
    if view.isEnabled():
        base |= _ENABLED
    # Flags combined once a frame: each `|` of two flags goes through Python's enum machinery.
    states = {(False, False): base, (True, False): base | _SELECTED,
              (False, True): base | _HOVER, (True, True): base | _SELECTED | _HOVER}
    selection_model: QItemSelectionModel = view.selectionModel()
    create_index = model.createIndex
    width, height, columns = grid.cell_width, grid.cell_height, grid.columns
    first_line = max(0, (area.top() + offset) // height)
    last_line = (area.bottom() + offset) // height
    first_column = max(0, area.left() // width)
    last_column = min(columns - 1, area.right() // width)
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


def paint_rubber_band(view: QWidget, painter: QPainter, band: QRect) -> None:
    option = QStyleOptionRubberBand()
    option.initFrom(view)
    option.shape = QRubberBand.Shape.Rectangle
    option.opaque = False
    option.rect = band
    painter.save()
    view.style().drawControl(QStyle.ControlElement.CE_RubberBand, option, painter, view)
    painter.restore()


def drag_pixmap(view: QAbstractItemView, grid: Grid, rows: list[int],
                delegate: GalleryDelegate, model: GalleryModel) -> QPixmap:
    """The dragged cells side by side, drawn selected."""
    width, height = grid.cell_width, grid.cell_height
    ratio = view.devicePixelRatioF()
    pixmap = QPixmap(round(width * len(rows) * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.state = option.state | _SELECTED
    for place, row in enumerate(rows):
        option.rect = QRect(place * width, 0, width, height)
        delegate.paint(painter, option, model.index(row))
    painter.end()
    return pixmap
