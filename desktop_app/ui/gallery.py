"""The library browser: a list model that holds only ids, a delegate that paints, a view, filters.

Owns showing the whole library as a grid of thumbnails, newest first: `GalleryModel` keeps the ids
of the current `LibraryQuery` and fetches entries a page at a time; `LibraryWorker`s on two
background threads run the queries, fetch pages and decode thumbnails (`Library.thumbnail` ->
`QImage`), dropping requests for items the user has scrolled away from; decoded thumbnails sit in
a bounded LRU cache. The GUI thread only draws. This module never writes to the library: actions
(delete, favourite, export...) belong to the window, which tells the model what changed.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QThread,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontMetrics, QImage, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library import Library, LibraryEntry, LibraryQuery
from desktop_app.ui.icons import icon

log = logging.getLogger(__name__)

THUMBNAIL_PIXELS = 256  # what the library makes and caches
CELL_IMAGE = 168  # drawn thumbnail box, device-independent pixels
GRID_SIZE = QSize(CELL_IMAGE + 20, CELL_IMAGE + 54)
PAGE_SIZE = 200
THUMBNAIL_CACHE_SIZE = 600

Index = QModelIndex | QPersistentModelIndex


class LibraryWorker(QObject):
    """Blocking library reads on a background thread. Plain QObject with no parent, moved."""

    ids_ready = Signal(int, object, object, object)  # generation, ids, models, sizes
    entries_ready = Signal(int, int, object)  # generation, page, dict[int, LibraryEntry]
    thumbnail_ready = Signal(int, object)  # entry id, QImage (null if it could not be made)
    failed = Signal(str)

    def __init__(self, library: Library, take_wanted: Callable[[int], bool]) -> None:
        super().__init__()
        self._library = library
        self._take_wanted = take_wanted

    @Slot(int, object)
    def query(self, generation: int, query: LibraryQuery) -> None:
        try:
            ids = self._library.query_ids(query)
            models = self._library.models()
            sizes = self._library.sizes()
        except Exception as error:
            log.exception("Library query failed")
            self.failed.emit(f"The library could not be read: {error}")
            return
        self.ids_ready.emit(generation, ids, models, sizes)

    @Slot(int, int, object)
    def fetch(self, generation: int, page: int, ids: list[int]) -> None:
        try:
            entries = self._library.get_many(ids)
        except Exception as error:
            log.exception("Library fetch failed")
            self.failed.emit(f"The library could not be read: {error}")
            return
        self.entries_ready.emit(generation, page, entries)

    @Slot(int)
    def load_thumbnail(self, entry_id: int) -> None:
        if not self._take_wanted(entry_id):
            return  # scrolled out of view since it was asked for
        image = QImage()
        try:
            data = self._library.thumbnail(entry_id, size=THUMBNAIL_PIXELS)
        except Exception:
            log.exception("Thumbnail %s failed", entry_id)
            data = None
        if data:
            image.loadFromData(data)
        self.thumbnail_ready.emit(entry_id, image)


class GalleryModel(QAbstractListModel):
    """Ids of the current query; entries and thumbnails arrive lazily from the workers."""

    EntryRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2

    loaded = Signal()  # a query result has been applied
    filter_options_changed = Signal(object, object)  # models, sizes in the library
    failed = Signal(str)

    _query_requested = Signal(int, object)
    _fetch_requested = Signal(int, int, object)
    _thumbnail_requested = Signal(int)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._query = LibraryQuery()
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._entries: dict[int, LibraryEntry] = {}
        self._pages_pending: set[int] = set()
        # Pages fetched since the last reset. Entries from before a reset are still shown (no
        # flicker) but their page is fetched again, so a changed favourite or prompt shows.
        self._fresh_pages: set[int] = set()
        self._thumbnails: OrderedDict[int, QImage] = OrderedDict()
        self._thumbnails_pending: set[int] = set()
        self._wanted: set[int] = set()
        self._wanted_lock = threading.Lock()
        self._generations = itertools.count(1)
        self._generation = 0
        self._is_loading = False
        self._threads: list[QThread] = []
        self._workers: list[LibraryWorker] = []
        reader = self._start_worker("library-reader")
        thumbnailer = self._start_worker("library-thumbnails")
        self._query_requested.connect(reader.query)
        self._fetch_requested.connect(reader.fetch)
        self._thumbnail_requested.connect(thumbnailer.load_thumbnail)

    def _start_worker(self, name: str) -> LibraryWorker:
        thread = QThread()
        thread.setObjectName(name)
        worker = LibraryWorker(self._library, self._take_wanted)
        worker.moveToThread(thread)
        worker.ids_ready.connect(self._on_ids_ready)
        worker.entries_ready.connect(self._on_entries_ready)
        worker.thumbnail_ready.connect(self._on_thumbnail_ready)
        worker.failed.connect(self.failed)
        thread.finished.connect(worker.deleteLater)
        thread.start()
        self._threads.append(thread)
        self._workers.append(worker)
        return worker

    def shutdown(self) -> None:
        """Drop pending work, then quit and wait for both worker threads."""
        with self._wanted_lock:
            self._wanted.clear()
        for thread in self._threads:
            thread.quit()
        for thread in self._threads:
            thread.wait(5000)
        self._threads.clear()

    # -- queries ----------------------------------------------------------------------------

    @property
    def query(self) -> LibraryQuery:
        return self._query

    @property
    def is_loading(self) -> bool:
        return self._is_loading

    def set_query(self, query: LibraryQuery) -> None:
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Run the current query again on the worker; the model resets when it answers."""
        self._generation = next(self._generations)
        self._is_loading = True
        self._query_requested.emit(self._generation, self._query)

    @Slot(int, object, object, object)
    def _on_ids_ready(
        self, generation: int, ids: list[int], models: list[str], sizes: list[str]
    ) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = {entry_id: row for row, entry_id in enumerate(self._ids)}
        self._entries = {k: v for k, v in self._entries.items() if k in self._rows}
        self._pages_pending.clear()
        self._fresh_pages.clear()
        self.endResetModel()
        self._is_loading = False
        self.filter_options_changed.emit(models, sizes)
        self.loaded.emit()

    @Slot(int, int, object)
    def _on_entries_ready(
        self, generation: int, page: int, entries: dict[int, LibraryEntry]
    ) -> None:
        if generation != self._generation:
            return
        self._entries.update(entries)
        self._pages_pending.discard(page)
        self._fresh_pages.add(page)
        rows = sorted(self._rows[i] for i in entries if i in self._rows)
        if rows:
            self.dataChanged.emit(self.index(rows[0]), self.index(rows[-1]))

    # -- rows -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entry_id: int) -> int | None:
        return self._rows.get(entry_id)

    def ids(self) -> list[int]:
        return list(self._ids)

    def entry_at(self, row: int) -> LibraryEntry | None:
        """The entry in `row` if it has been fetched; asks for its page otherwise."""
        entry_id = self.id_at(row)
        if entry_id is None:
            return None
        entry = self._entries.get(entry_id)
        page = row // PAGE_SIZE
        if entry is None or page not in self._fresh_pages:
            self._request_page(page)
        return entry

    def entry(self, entry_id: int) -> LibraryEntry | None:
        return self._entries.get(entry_id)

    def _request_page(self, page: int) -> None:
        if page in self._pages_pending:
            return
        self._pages_pending.add(page)
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        self._fetch_requested.emit(self._generation, page, ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.entry_at(index.row())
        if role == self.IdRole:
            return self.id_at(index.row())
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.prompt or entry.path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.prompt}\n{entry.model} · {entry.size_text}"
        if role == self.EntryRole:
            return entry
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """File URLs of the dragged images, so they can be dropped into any file manager."""
        mime = QMimeData()
        urls = []
        for index in indexes:
            entry = self.entry_at(index.row())
            if entry is not None and not entry.missing:
                urls.append(QUrl.fromLocalFile(str(entry.path)))
        mime.setUrls(urls)
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    # -- changes made elsewhere -------------------------------------------------------------

    def add_new_entries(
        self, entries: Sequence[LibraryEntry], thumbnails: Sequence[QImage] = ()
    ) -> None:
        """Show freshly generated images: at the top for the plain newest-first view."""
        for entry, image in zip(entries, thumbnails, strict=False):
            if not image.isNull():
                self._store_thumbnail(entry.id, image)
        query = self._query
        is_plain = query == LibraryQuery(newest_first=True)
        if not is_plain or self._is_loading:
            self.refresh()
            return
        new = [entry for entry in sorted(entries, key=lambda e: -e.created)
               if entry.id not in self._rows]
        if not new:
            return
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        self._ids[0:0] = [entry.id for entry in new]
        self._rows = {entry_id: row for row, entry_id in enumerate(self._ids)}
        self._entries.update({entry.id: entry for entry in new})
        self._pages_pending.clear()  # page boundaries moved
        self._fresh_pages.clear()
        self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> None:
        rows = sorted((self._rows[i] for i in set(ids) if i in self._rows), reverse=True)
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            entry_id = self._ids.pop(row)
            self._entries.pop(entry_id, None)
            self.endRemoveRows()
        if rows:
            self._rows = {entry_id: row for row, entry_id in enumerate(self._ids)}
            self._pages_pending.clear()
            self._fresh_pages.clear()

    def set_favourite_shown(self, ids: Iterable[int], favourite: bool) -> None:
        for entry_id in ids:
            entry = self._entries.get(entry_id)
            row = self._rows.get(entry_id)
            if entry is None or row is None:
                continue
            self._entries[entry_id] = replace(entry, favourite=favourite)
            self.dataChanged.emit(self.index(row), self.index(row))

    # -- thumbnails -------------------------------------------------------------------------

    def thumbnail(self, entry_id: int) -> QImage | None:
        """The cached thumbnail, or None after asking a worker to make it."""
        image = self._thumbnails.get(entry_id)
        if image is not None:
            self._thumbnails.move_to_end(entry_id)
            return image
        if entry_id not in self._thumbnails_pending:
            self._thumbnails_pending.add(entry_id)
            with self._wanted_lock:
                self._wanted.add(entry_id)
            self._thumbnail_requested.emit(entry_id)
        return None

    def retain_thumbnail_requests(self, visible_ids: Iterable[int]) -> None:
        """Forget requests for items no longer on screen; the worker will skip them."""
        keep = set(visible_ids)
        with self._wanted_lock:
            self._wanted &= keep
        self._thumbnails_pending &= keep

    def pending_thumbnail_count(self) -> int:
        return len(self._thumbnails_pending)

    def cached_thumbnail_count(self) -> int:
        return len(self._thumbnails)

    def _take_wanted(self, entry_id: int) -> bool:
        # Called on the thumbnail thread: claim the request, so a duplicate is skipped.
        with self._wanted_lock:
            if entry_id in self._wanted:
                self._wanted.discard(entry_id)
                return True
            return False

    def _store_thumbnail(self, entry_id: int, image: QImage) -> None:
        self._thumbnails[entry_id] = image
        self._thumbnails.move_to_end(entry_id)
        while len(self._thumbnails) > THUMBNAIL_CACHE_SIZE:
            self._thumbnails.popitem(last=False)

    @Slot(int, object)
    def _on_thumbnail_ready(self, entry_id: int, image: QImage) -> None:
        self._thumbnails_pending.discard(entry_id)
        self._store_thumbnail(entry_id, image)
        row = self._rows.get(entry_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class GalleryDelegate(QStyledItemDelegate):
    """Paints one cell: thumbnail (or a placeholder), favourite star and a one-line caption."""

    def __init__(self, model: GalleryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        grid = view.gridSize() if isinstance(view, QListView) else GRID_SIZE
        return grid - QSize(8, 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Entries come from the model directly (no QModelIndex.data()): cheaper, and immune to
        # the PySide6 6.12 None-refcount bug on Python 3.11.
        row = index.row()
        entry = self._model.entry_at(row)
        entry_id = self._model.id_at(row)
        palette = option.palette
        rect = option.rect.adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        style = option.widget.style() if option.widget else None
        if style is not None:
            panel = QStyleOptionViewItem(option)
            panel.rect = rect
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, panel, painter,
                                option.widget)
        box = QRect(rect.left() + (rect.width() - CELL_IMAGE) // 2, rect.top() + 6,
                    CELL_IMAGE, CELL_IMAGE)
        image = self._model.thumbnail(entry_id) if entry_id is not None else None
        star_corner = box.topRight()
        if image is not None and not image.isNull():
            scaled = image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(QPoint(0, 0), scaled)
            target.moveCenter(box.center())
            painter.drawImage(target, image)
            star_corner = target.topRight()
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(box.adjusted(8, 8, -8, -8), 6, 6)
            if entry is not None and entry.missing:
                painter.setPen(palette.color(QPalette.ColorGroup.Disabled,
                                             QPalette.ColorRole.Text))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "File missing")
        if entry is not None and entry.favourite:
            icon("star-filled").paint(
                painter, QRect(star_corner.x() - 24, star_corner.y() + 4, 20, 20)
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        metrics = QFontMetrics(option.font)
        text_rect = QRect(rect.left() + 6, box.bottom() + 6, rect.width() - 12,
                          metrics.height())
        caption = (entry.prompt or entry.path.name) if entry is not None else ""
        painter.setPen(palette.color(text_role))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(" ".join(caption.split()),
                                            Qt.TextElideMode.ElideRight, text_rect.width()))
        if entry is not None:
            detail_rect = text_rect.translated(0, metrics.height())
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, text_role)
                           if not selected else palette.color(text_role))
            detail = f"{entry.size_text} · {entry.model.rsplit('/', 1)[-1]}"
            painter.drawText(detail_rect, Qt.AlignmentFlag.AlignHCenter,
                             metrics.elidedText(detail, Qt.TextElideMode.ElideRight,
                                                detail_rect.width()))
        painter.restore()


class GalleryView(QListView):
    """The icon grid. Tells the model which items are on screen so stale loads are dropped."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryView")
        self._gallery_model = model
        self.setModel(model)
        self.setItemDelegate(GalleryDelegate(model, self))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setGridSize(GRID_SIZE)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(True)
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalScrollBar().setSingleStep(24)
        self._retain_timer = QTimer(self)
        self._retain_timer.setSingleShot(True)
        self._retain_timer.setInterval(60)
        self._retain_timer.timeout.connect(self._retain_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._retain_timer.start())

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Share the spare width between the columns, so the grid fills the view evenly.
        width = self.viewport().width() - 4  # QListView wraps a hair before the edge
        columns = max(1, width // GRID_SIZE.width())
        cell_width = max(GRID_SIZE.width(), width // columns)
        if cell_width != self.gridSize().width():
            self.setGridSize(QSize(cell_width, GRID_SIZE.height()))
        super().resizeEvent(event)
        self._retain_timer.start()

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

    def _retain_visible(self) -> None:
        model = self._gallery_model
        ids = (model.id_at(row) for row in self.visible_rows())
        model.retain_thumbnail_requests(i for i in ids if i is not None)


DATE_RANGES: tuple[tuple[str, float | None], ...] = (
    ("Any time", None),
    ("Today", 0.0),
    ("Last 7 days", 7.0),
    ("Last 30 days", 30.0),
    ("Last 365 days", 365.0),
)


class FilterBar(QWidget):
    """Search box and filters; emits the `LibraryQuery` they describe."""

    query_changed = Signal(object)  # LibraryQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Search prompts…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("filterModel")
        self.model_combo.addItem("All models", None)
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.size_combo = QComboBox()
        self.size_combo.setObjectName("filterSize")
        self.size_combo.addItem("All sizes", None)
        self.date_combo = QComboBox()
        self.date_combo.setObjectName("filterDate")
        for label, days in DATE_RANGES:
            self.date_combo.addItem(label, days)
        self.favourites_button = QToolButton()
        self.favourites_button.setObjectName("favouritesOnly")
        self.favourites_button.setCheckable(True)
        self.favourites_button.setIcon(icon("star"))
        self.favourites_button.setToolTip("Show favourites only")
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("order")
        self.order_combo.addItem("Newest first", True)
        self.order_combo.addItem("Oldest first", False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.model_combo)
        layout.addWidget(self.size_combo)
        layout.addWidget(self.date_combo)
        layout.addWidget(self.favourites_button)
        layout.addWidget(self.order_combo)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._emit)
        self.search_edit.textChanged.connect(lambda _text: self._debounce.start())
        for combo in (self.model_combo, self.size_combo, self.date_combo, self.order_combo):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.favourites_button.toggled.connect(lambda _on: self._emit())

    def set_options(self, models: Sequence[str], sizes: Sequence[str]) -> None:
        for combo, values in ((self.model_combo, models), (self.size_combo, sizes)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value.rsplit("/", 1)[-1] if combo is self.model_combo else value,
                              value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def query(self) -> LibraryQuery:
        days = self.date_combo.currentData()
        created_from: float | None = None
        if days is not None:
            midnight = time.mktime((*time.localtime()[:3], 0, 0, 0, 0, 0, -1))
            created_from = midnight - float(days) * 86400
        return LibraryQuery(
            search=self.search_edit.text().strip(),
            model=self.model_combo.currentData(),
            size=self.size_combo.currentData(),
            created_from=created_from,
            favourites_only=self.favourites_button.isChecked(),
            newest_first=bool(self.order_combo.currentData()),
        )

    def _emit(self) -> None:
        self._debounce.stop()
        self.query_changed.emit(self.query())


class GalleryPanel(QWidget):
    """Filter bar, grid and a count line: the library browser as one panel."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter_bar = FilterBar()
        self.view = GalleryView(model)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        self.empty_label = QLabel(
            "Your library is empty. Generated images appear here, or use Import folder…"
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.count_label)
        self.filter_bar.query_changed.connect(model.set_query)
        model.filter_options_changed.connect(self.filter_bar.set_options)
        model.loaded.connect(self._update_count)
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText("1 image" if count == 1 else f"{count:,} images")
        is_empty = count == 0 and self.model.query == LibraryQuery()
        self.empty_label.setVisible(is_empty)
        self.view.setVisible(not is_empty)
