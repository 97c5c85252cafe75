"""The image viewer: one full-size image with fit / 100 %, zoom, pan, previous / next, culling.

Owns showing one library entry at a time in its own window. The full image is read by
`QImageReader` on a background task; the canvas only scales and draws what it was handed. Which
entry comes next is asked of a navigator callback (the gallery's order), so the viewer knows
nothing about queries or the library database; when the navigator only knows the next entry's id
(its page is not fetched yet), the entry is read by `fetch_entry` on a background task too.
Culling keys (favourite, delete, add to board, 1-5 stars) are requests by signal: the window
does the library work and reports back with `set_marks`. Panning is clamped so an image never
drifts off-centre: a side smaller than the window stays centred on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget

from desktop_app.library import LibraryEntry
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import MAX_LABEL_CHARS, display_text, set_plain_text
from desktop_app.ui.tasks import TaskRunner

MIN_ZOOM = 0.05
MAX_ZOOM = 16.0
ZOOM_STEP = 1.25

# (entry id, +1 / -1) -> the neighbour, its id when it still has to be fetched, or None
Navigator = Callable[[int, int], LibraryEntry | int | None]
FetchEntry = Callable[[int], LibraryEntry | None]  # runs on a worker thread
Position = Callable[[int], tuple[int, int] | None]  # entry id -> (1-based position, total)
Jump = Callable[[int], LibraryEntry | int | None]  # row (-1: the last) -> entry, or its id
STARS = 5


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


class ImageViewer(QWidget):
    """A separate window showing one entry; Left/Right move through the gallery's order."""

    current_changed = Signal(int)  # entry id now shown
    image_loaded = Signal(int)  # entry id whose full image is on screen
    favourite_requested = Signal(int, bool)  # entry id, favourite or not (F, Ctrl+D)
    delete_requested = Signal(int)  # entry id (Del); the viewer has moved on already
    board_requested = Signal(int)  # entry id (B): ask which board to add it to
    rating_requested = Signal(int, int)  # entry id, stars 0-5 (keys 1-5; the same key clears)
    marks_wanted = Signal(int)  # entry id whose favourite / stars should be read (set_marks)

    def __init__(
        self,
        tasks: TaskRunner,
        navigator: Navigator,
        parent: QWidget | None = None,
        *,
        fetch_entry: FetchEntry | None = None,
        position: Position | None = None,
        jump: Jump | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("imageViewer")
        self.setWindowTitle(self.tr("Image"))
        self.resize(QSize(960, 720))
        self._tasks = tasks
        self._navigator = navigator
        self._fetch_entry = fetch_entry
        self._position = position
        self._jump = jump
        self._favourite = False
        self._stars = 0
        self._entry: LibraryEntry | None = None
        self._pending_id: int | None = None  # being fetched by show_entry_id
        self._load_serial = 0
        self.canvas = ImageCanvas()
        self.info_label = QLabel()
        self.info_label.setObjectName("viewerInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_label = QLabel()
        self.position_label = QLabel()
        self.position_label.setObjectName("viewerPosition")
        self.marks_label = QLabel()
        self.marks_label.setObjectName("viewerMarks")
        self.marks_label.setTextFormat(Qt.TextFormat.PlainText)
        toolbar = QToolBar()
        toolbar.setIconSize(QSize(20, 20))
        self.previous_action = toolbar.addAction(icon("previous"), self.tr("Previous"),
                                                 self.show_previous)
        self.next_action = toolbar.addAction(icon("next"), self.tr("Next"), self.show_next)
        toolbar.addSeparator()
        self.fit_action = toolbar.addAction(icon("zoom-fit"), self.tr("Fit"), self.canvas.fit)
        self.actual_action = toolbar.addAction(icon("zoom-original"), self.tr("100 %"),
                                               self.canvas.actual_size)
        toolbar.addAction(icon("zoom-out"), self.tr("Zoom out"), self.canvas.zoom_out)
        toolbar.addAction(icon("zoom-in"), self.tr("Zoom in"), self.canvas.zoom_in)
        toolbar.addWidget(self.zoom_label)
        toolbar.addSeparator()
        self.favourite_action = toolbar.addAction(icon("star"), self.tr("Favourite"),
                                                  self.toggle_favourite)
        self.favourite_action.setCheckable(True)
        self.favourite_action.setToolTip(self.tr("Favourite (F or Ctrl+D)"))
        board = toolbar.addAction(icon("import"), self.tr("Add to board"), self.request_board)
        board.setToolTip(self.tr("Add to board (B)"))
        delete = toolbar.addAction(icon("delete"), self.tr("Delete"), self.delete_current)
        delete.setToolTip(self.tr("Delete (Del); Ctrl+Z undoes"))
        toolbar.addWidget(self.marks_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.position_label)
        self.previous_action.setToolTip(self.tr("Previous (Left)"))
        self.next_action.setToolTip(self.tr("Next (Right)"))
        self.fit_action.setToolTip(self.tr("Fit to window (0)"))
        self.actual_action.setToolTip(self.tr("Actual size (Z)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(toolbar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.info_label)
        self.info_label.setContentsMargins(8, 0, 8, 0)
        self.canvas.zoom_changed.connect(
            lambda zoom: self.zoom_label.setText(
                "  " + self.tr("{percent} %").format(percent=round(zoom * 100)))
        )
        for keys, slot in (
            ((Qt.Key.Key_Plus, Qt.Key.Key_Equal), self.canvas.zoom_in),
            ((Qt.Key.Key_Minus,), self.canvas.zoom_out),
            ((Qt.Key.Key_0,), self.canvas.fit),
            ((Qt.Key.Key_Z,), self.canvas.actual_size),
            ((Qt.Key.Key_F, "Ctrl+D"), self.toggle_favourite),
            ((Qt.Key.Key_Delete,), self.delete_current),
            ((Qt.Key.Key_B,), self.request_board),
            ((Qt.Key.Key_Home,), lambda: self.jump_to(0)),
            ((Qt.Key.Key_End,), lambda: self.jump_to(-1)),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)
        for stars in range(1, STARS + 1):
            shortcut = QShortcut(QKeySequence(str(stars)), self)
            shortcut.activated.connect(lambda stars=stars: self.rate(stars))

    @property
    def entry(self) -> LibraryEntry | None:
        return self._entry

    def show_entry(self, entry: LibraryEntry) -> None:
        self._entry = entry
        self._pending_id = None
        self._load_serial += 1
        serial = self._load_serial
        prompt = " ".join(entry.prompt.split())
        self.setWindowTitle(display_text(prompt or entry.path.name, max_chars=80, max_lines=1))
        details = f"{entry.model} · {entry.size_text} · {entry.path.name}"
        set_plain_text(self.info_label,
                       f"{display_text(prompt, max_lines=1)}\n{display_text(details, max_lines=1)}",
                       max_chars=2 * MAX_LABEL_CHARS + 2)
        self.canvas.message = self.tr("Loading…")
        self.canvas.set_image(None)
        self.set_marks(entry.id, favourite=entry.favourite, stars=0)
        self.refresh_position()
        self.current_changed.emit(entry.id)
        self.marks_wanted.emit(entry.id)  # the stars live in the user state: read them
        path = entry.path

        def loaded(image: QImage) -> None:
            if serial == self._load_serial:  # the user may have moved on meanwhile
                self.canvas.set_image(image)
                self.image_loaded.emit(entry.id)

        def failed(error: Exception) -> None:
            if serial == self._load_serial:
                self.canvas.message = self.tr("This image could not be opened.\n{reason}").format(
                    reason=display_text(str(error)))
                self.canvas.update()

        self._tasks.run(lambda: read_image(path), loaded, failed, name="viewer-load", context=self)

    def show_next(self) -> None:
        self._step(+1)

    def show_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self._entry is None:
            return
        current = self._pending_id if self._pending_id is not None else self._entry.id
        neighbour = self._navigator(current, direction)
        if isinstance(neighbour, int):
            self.show_entry_id(neighbour)
        elif neighbour is not None:
            self.show_entry(neighbour)

    def show_entry_id(self, entry_id: int) -> None:
        """Show an entry known only by id: read it on a worker, then show it."""
        fetch = self._fetch_entry
        if fetch is None:
            return
        self._load_serial += 1
        serial = self._load_serial
        self._pending_id = entry_id
        self.canvas.message = self.tr("Loading…")
        self.canvas.set_image(None)
        self.refresh_position()
        self.current_changed.emit(entry_id)

        def fetched(entry: LibraryEntry | None) -> None:
            if serial != self._load_serial:
                return
            if entry is None:
                self._pending_id = None
                self.canvas.message = self.tr("This image is no longer in the library.")
                self.canvas.update()
            else:
                self.show_entry(entry)

        def failed(error: Exception) -> None:
            if serial == self._load_serial:
                self.canvas.message = self.tr("This image could not be opened.\n{reason}").format(
                    reason=display_text(str(error)))
                self.canvas.update()

        self._tasks.run(lambda: fetch(entry_id), fetched, failed, name="viewer-fetch",
                        context=self)

    # -- culling ----------------------------------------------------------------------------

    def current_id(self) -> int | None:
        if self._pending_id is not None:
            return self._pending_id
        return self._entry.id if self._entry is not None else None

    def refresh_position(self) -> None:
        """Show "12 / 340": where the current image is in the grid's (filtered) order."""
        current = self.current_id()
        found = self._position(current) if self._position and current is not None else None
        locale = self.locale()
        self.position_label.setText(
            self.tr("{index} / {total}").format(
                index=locale.toString(found[0]), total=locale.toString(found[1])) + "  "
            if found else "")

    def set_marks(self, entry_id: int, favourite: bool | None = None,
                  stars: int | None = None) -> None:
        """The window reports an entry's favourite / stars (ignored once it has moved on)."""
        if self._entry is None or entry_id != self._entry.id:
            return
        if favourite is not None:
            self._favourite = favourite
        if stars is not None:
            self._stars = max(0, min(STARS, stars))
        self.favourite_action.setChecked(self._favourite)
        self.favourite_action.setIcon(icon("star-filled" if self._favourite else "star"))
        stars_text = "★" * self._stars + "☆" * (STARS - self._stars) if self._stars else ""
        self.marks_label.setText(f"  {stars_text}" if stars_text else "")

    @property
    def is_favourite(self) -> bool:
        return self._favourite

    @property
    def stars(self) -> int:
        return self._stars

    def toggle_favourite(self) -> None:
        if self._entry is not None and self._pending_id is None:
            self.favourite_requested.emit(self._entry.id, not self._favourite)
        else:
            self.favourite_action.setChecked(self._favourite)

    def rate(self, stars: int) -> None:
        """Rate the current image; pressing its rating again clears it."""
        if self._entry is not None and self._pending_id is None:
            self.rating_requested.emit(self._entry.id, 0 if stars == self._stars else stars)

    def request_board(self) -> None:
        if self._entry is not None and self._pending_id is None:
            self.board_requested.emit(self._entry.id)

    def delete_current(self) -> None:
        """Ask to delete the image shown, and move on to the next (else the previous) one."""
        current = self.current_id()
        if current is None:
            return
        neighbour = self._navigator(current, +1)
        if neighbour is None:
            neighbour = self._navigator(current, -1)
        self.delete_requested.emit(current)
        if isinstance(neighbour, int):
            self.show_entry_id(neighbour)
        elif neighbour is not None:
            self.show_entry(neighbour)
        else:
            self._entry = None
            self._pending_id = None
            self.canvas.message = self.tr("No more images here.")
            self.canvas.set_image(None)
            self.position_label.setText("")

    def jump_to(self, row: int) -> None:
        """Home (0) / End (-1): the first or last image of the grid's order."""
        target = self._jump(row) if self._jump is not None else None
        if isinstance(target, int):
            if target != self.current_id():
                self.show_entry_id(target)
        elif target is not None and target.id != self.current_id():
            self.show_entry(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key == Qt.Key.Key_Left:
            self.show_previous()
        elif key == Qt.Key.Key_Right:
            self.show_next()
        else:
            super().keyPressEvent(event)
