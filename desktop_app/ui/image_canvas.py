"""The viewer's canvas: one decoded image, scaled to fit or zoomed, panned and clamped so it
never drifts off-centre; and `read_image`, which decodes a full image on a worker thread.

Split from viewer.py (issue #13); both names are still importable from `desktop_app.ui.viewer`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

MIN_ZOOM = 0.05
MAX_ZOOM = 16.0
ZOOM_STEP = 1.25


def read_image(path: Path) -> QImage:
    """Decode a full image (worker thread). Raises OSError with Qt's reason if it cannot.

    The bytes are read first, from a regular file only: a FIFO would block this thread forever
    and a link to /dev/zero would read until memory runs out."""
    from desktop_app.library.files import read_image_file

    data = QByteArray(read_image_file(path))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    buffer.close()
    if image.isNull():
        raise OSError(f"{path.name}: {reader.errorString()}")
    return image


class ImageCanvas(QWidget):
    """Draws a pixmap at a zoom factor with an offset; wheel zooms, dragging pans."""

    zoom_changed = Signal(float)
    view_changed = Signal()  # the user zoomed or panned (not emitted by set_view)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageCanvas")
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pixmap: QPixmap | None = None
        self._zoom = 1.0
        self._fit = True
        self._offset = QPointF(0, 0)  # image centre relative to the widget centre
        self._drag_from: QPoint | None = None
        self.message = ""

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def is_fit(self) -> bool:
        return self._fit

    def has_image(self) -> bool:
        return self._pixmap is not None

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None else None
        self._offset = QPointF(0, 0)
        self.fit()

    def fit(self) -> None:
        self._fit = True
        self._offset = QPointF(0, 0)
        self._zoom = self._fit_zoom()
        self.zoom_changed.emit(self._zoom)
        self.update()

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def set_zoom(self, zoom: float) -> None:
        self._fit = False
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self._clamp()
        self.zoom_changed.emit(self._zoom)
        self.view_changed.emit()
        self.update()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the image by (dx, dy) pixels, as dragging does; clamped."""
        self._offset += QPointF(dx, dy)
        self._clamp()
        self.view_changed.emit()
        self.update()

    def _clamp(self) -> None:
        """Keep the image on the canvas: a side smaller than the canvas is centred, a larger
        one may move only until its edge reaches the canvas's edge."""
        if self._pixmap is None:
            self._offset = QPointF(0, 0)
            return
        size = self._pixmap.deviceIndependentSize() * self._zoom
        room_x = max(0.0, (size.width() - self.width()) / 2)
        room_y = max(0.0, (size.height() - self.height()) / 2)
        self._offset = QPointF(max(-room_x, min(room_x, self._offset.x())),
                               max(-room_y, min(room_y, self._offset.y())))

    @property
    def relative_zoom(self) -> float:
        """Zoom as a multiple of this image's fit zoom (1.0 = fitted), for syncing views."""
        fit = self._fit_zoom()
        return self._zoom / fit if fit > 0 else 1.0

    @property
    def relative_centre(self) -> QPointF:
        """The point of the image (0..1 on each axis) at the canvas centre."""
        if self._pixmap is None:
            return QPointF(0.5, 0.5)
        size = self._pixmap.deviceIndependentSize() * self._zoom
        if size.width() <= 0 or size.height() <= 0:
            return QPointF(0.5, 0.5)
        return QPointF(0.5 - self._offset.x() / size.width(),
                       0.5 - self._offset.y() / size.height())

    def set_view(self, relative_zoom: float, relative_centre: QPointF) -> None:
        """Show the same part at the same relative zoom as another canvas (compare view)."""
        fit = self._fit_zoom()
        self._fit = abs(relative_zoom - 1.0) < 1e-9
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, fit * relative_zoom))
        if self._pixmap is not None:
            size = self._pixmap.deviceIndependentSize() * self._zoom
            self._offset = QPointF((0.5 - relative_centre.x()) * size.width(),
                                   (0.5 - relative_centre.y()) * size.height())
        self._clamp()
        self.zoom_changed.emit(self._zoom)
        self.update()

    def _fit_zoom(self) -> float:
        if self._pixmap is None:
            return 1.0
        size = self._pixmap.deviceIndependentSize()
        if size.width() <= 0 or size.height() <= 0:
            return 1.0
        scale = min(self.width() / size.width(), self.height() / size.height())
        return min(scale, 1.0)  # fit never enlarges a small image past 100 %

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self._zoom = self._fit_zoom()
            self.zoom_changed.emit(self._zoom)
        self._clamp()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._pixmap is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.BrightText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        size = self._pixmap.deviceIndependentSize() * self._zoom
        centre = QPointF(self.width() / 2, self.height() / 2) + self._offset
        target = QRectF(centre.x() - size.width() / 2, centre.y() - size.height() / 2,
                        size.width(), size.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._zoom < 1.0)
        painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self._zoom * (ZOOM_STEP**steps))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position().toPoint()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            position = event.position().toPoint()
            delta = position - self._drag_from
            self._drag_from = position
            self.pan_by(delta.x(), delta.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        self.unsetCursor()

    @property
    def offset(self) -> QPointF:
        return QPointF(self._offset)
