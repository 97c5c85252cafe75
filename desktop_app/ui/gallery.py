"""The library browser: a list model that holds only ids, a delegate that paints, a view, filters.

Owns showing the whole library as a grid of thumbnails, newest first: `GalleryModel` keeps the ids
of the current `LibraryQuery` and fetches entries a page at a time; `LibraryWorker`s on two
background threads run the queries, fetch pages and decode thumbnails (`Library.thumbnail` ->
`QImage`), dropping requests for items the user has scrolled away from; decoded thumbnails sit in
a bounded LRU cache. The GUI thread only draws. This module never writes to the library: actions
(delete, favourite, export...) belong to the window, which tells the model what changed. Changes
made by any other process (a CLI batch, a second window) are followed too: the reader polls
`Library.data_version()` and, when it moved, reads the ids again and hands the model a merge plan
(rows removed, rows added at either end) so the grid changes in place, selection kept.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QIODevice,
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
from PySide6.QtGui import (
    QFontMetrics,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
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
from desktop_app.library.readers import GENERATOR_NAMES
from desktop_app.threads import stop_threads, worker_thread
from desktop_app.ui.board_list import IDS_MIME
from desktop_app.ui.icons import icon
from desktop_app.ui.plain_text import (
    MAX_TOOLTIP_CHARS,
    display_text,
    plain_tooltip,
    set_plain_text,
)
from desktop_app.ui.theme import Accent, accent, tinted_background

log = logging.getLogger(__name__)

THUMBNAIL_PIXELS = 256  # what the library makes and caches on disk
CELL_IMAGE = 168  # drawn thumbnail box, device-independent pixels
GRID_SIZE = QSize(CELL_IMAGE + 20, CELL_IMAGE + 54)
PAGE_SIZE = 200
# How often the reader asks whether another process changed the index (a few microseconds a
# check, on the reader thread; the GUI thread only starts a timer).
WATCH_INTERVAL_MS = 500
LAYOUT_BATCH = 2000  # items the grid lays out per event-loop turn
# Entries are held for at most this many pages (the most recently drawn); far pages are dropped
# and fetched again if the user scrolls back. Bounds memory and the garbage collector's work.
MAX_PAGES_HELD = 20
# Decoded thumbnails are kept at the size they are drawn, in 4-byte formats, up to this many
# bytes (about 580 cells of 168 px at scale 1: many screens' worth).
THUMBNAIL_CACHE_BYTES = 64 * 1024 * 1024
THUMBNAIL_CACHE_SIZE = 600  # an upper bound on the cached count; the byte cap normally binds
_NULL_IMAGE_COST = 64  # bytes charged for a remembered failure, so it is evicted in turn

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
_ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
               | Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsDragEnabled)


_Payload = TypeVar("_Payload")


class RequestQueue(Generic[_Payload]):
    """Pending loads shared by the GUI thread (adds, prunes) and one worker (takes, in order).

    The worker pulls instead of receiving one queued call per request, so a request pruned
    when the user scrolls away is never run, and a fast scroll cannot bury the current screen
    under thousands of stale calls. `add` says when the worker must be woken: only if it is
    not already draining the queue.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[int, _Payload] = {}
        self._is_draining = False
        self._is_closed = False

    def add(self, key: int, payload: _Payload) -> bool:
        """Queue `payload` under `key`; True if the worker has to be woken up."""
        with self._lock:
            if self._is_closed:
                return False
            self._items[key] = payload
            if self._is_draining:
                return False
            self._is_draining = True
            return True

    def take(self) -> tuple[int, _Payload] | None:
        """The oldest request, or None (and the worker counts as asleep) when there is none."""
        with self._lock:
            if not self._items:
                self._is_draining = False
                return None
            key = next(iter(self._items))
            return key, self._items.pop(key)

    def retain(self, keep: Container[int]) -> list[int]:
        """Drop every request whose key is not in `keep`; returns the dropped keys."""
        with self._lock:
            dropped = [key for key in self._items if key not in keep]
            for key in dropped:
                del self._items[key]
            return dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def close(self) -> None:
        """Refuse further requests and drop the queued ones (shutdown)."""
        with self._lock:
            self._is_closed = True
            self._items.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


@dataclass(frozen=True)
class MergePlan:
    """How the ids of a fresh query differ from the ones shown, when the rows kept their order.

    `removed` are rows of the old ids (ascending); `prepended` and `appended` the new ids that
    go before and after the kept ones. Anything else (rows that moved) has no plan.
    """

    removed: tuple[int, ...]
    prepended: tuple[int, ...]
    appended: tuple[int, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.removed or self.prepended or self.appended)


def merge_plan(old: Sequence[int], new: Sequence[int]) -> MergePlan | None:
    """The plan that turns `old` into `new`, or None when kept rows changed order.

    Runs on the reader thread: O(n) set work the GUI thread never does.
    """
    if old == new:
        return MergePlan((), (), ())
    new_set = set(new)
    old_set = set(old)
    removed = tuple(row for row, entry_id in enumerate(old) if entry_id not in new_set)
    kept = [entry_id for entry_id in old if entry_id in new_set]
    start = 0
    while start < len(new) and new[start] not in old_set:
        start += 1
    end = start + len(kept)
    if list(new[start:end]) != kept or any(entry_id in old_set for entry_id in new[end:]):
        return None
    return MergePlan(removed, tuple(new[:start]), tuple(new[end:]))


def scaled_thumbnail(data: bytes, box_pixels: int, device_pixel_ratio: float) -> QImage:
    """Decode thumbnail bytes straight to the drawn size, in a 4-byte format painting blits.

    Runs on a worker thread (QImage, never QPixmap, off the GUI thread). A null image when the
    bytes do not decode.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid() and not size.isEmpty():
        # JPEG decodes at reduced scale; other formats are scaled smoothly by the reader.
        reader.setScaledSize(size.scaled(box_pixels, box_pixels,
                                         Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return image
    wanted = (QImage.Format.Format_ARGB32_Premultiplied if image.hasAlphaChannel()
              else QImage.Format.Format_RGB32)
    if image.format() != wanted:
        image = image.convertToFormat(wanted)
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


# Page number -> (layout, ids of the page); entry id -> (box in device pixels, pixel ratio).
PageRequests = RequestQueue[tuple[int, list[int]]]
ThumbnailRequests = RequestQueue[tuple[int, float]]


@dataclass(frozen=True)
class FilterOptions:
    """What the filter boxes offer: the library's distinct models, sizes and generator ids."""

    models: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    generators: tuple[str, ...] = ()


class LibraryWorker(QObject):
    """Blocking library reads on a background thread. Plain QObject with no parent, moved."""

    ids_ready = Signal(int, object, object, object)  # generation, ids, FilterOptions,
    # and the library's data_version read before the query
    merged = Signal(int, int, object, object, object, object)  # generation, ids version,
    # ids, MergePlan | None, FilterOptions, data_version
    version_checked = Signal(object)  # Library.data_version(), or None when it failed
    entries_ready = Signal(int, int, object)  # layout, page, list[LibraryEntry | None] in row order
    thumbnail_ready = Signal(int, object)  # entry id, QImage (null if it could not be made)
    failed = Signal(str)

    def __init__(
        self, library: Library, pages: PageRequests, thumbnails: ThumbnailRequests
    ) -> None:
        super().__init__()
        self._library = library
        self._pages = pages
        self._thumbnails = thumbnails

    def _read(self, query: LibraryQuery) -> tuple[Any, array[int], FilterOptions] | None:
        try:
            # Read first: a change that lands during the query is seen by the next check.
            version = self._library.data_version()
            ids = self._library.query_ids(query)
            options = FilterOptions(
                tuple(self._library.models()),
                tuple(self._library.sizes()),
                tuple(self._library.generators()),
            )
        except Exception as error:
            log.exception("Library query failed")
            self.failed.emit(f"The library could not be read: {error}")
            return None
        return version, array("q", ids), options

    @Slot(int, object)
    def query(self, generation: int, query: LibraryQuery) -> None:
        result = self._read(query)
        if result is not None:
            version, ids, options = result
            self.ids_ready.emit(generation, ids, options, version)

    @Slot(int, int, object, object)
    def merge(self, generation: int, ids_version: int, query: LibraryQuery,
              shown: array[int]) -> None:
        """Query again and work out how the result differs from the `shown` ids."""
        result = self._read(query)
        if result is not None:
            version, ids, options = result
            self.merged.emit(generation, ids_version, ids, merge_plan(shown, ids), options,
                             version)

    @Slot()
    def check_version(self) -> None:
        try:
            version = self._library.data_version()
        except Exception:
            log.warning("The library's data version could not be read", exc_info=True)
            version = None
        self.version_checked.emit(version)

    @Slot()
    def fetch_pages(self) -> None:
        """Fetch queued pages until none is left; pruned ones were never queued here."""
        while (item := self._pages.take()) is not None:
            page, (layout, ids) = item
            try:
                found = self._library.get_many(ids)
            except Exception as error:
                log.exception("Library fetch failed")
                self.failed.emit(f"The library could not be read: {error}")
                continue
            self.entries_ready.emit(layout, page, [found.get(entry_id) for entry_id in ids])

    @Slot()
    def load_thumbnails(self) -> None:
        """Make queued thumbnails until none is left, oldest request first."""
        while (item := self._thumbnails.take()) is not None:
            entry_id, (box_pixels, ratio) = item
            image = QImage()
            try:
                data = self._library.thumbnail(entry_id, size=THUMBNAIL_PIXELS)
            except Exception:
                log.exception("Thumbnail %s failed", entry_id)
                data = None
            if data:
                image = scaled_thumbnail(data, box_pixels, ratio)
            self.thumbnail_ready.emit(entry_id, image)


class GalleryModel(QAbstractListModel):
    """Ids of the current query; entries and thumbnails arrive lazily from the workers.

    Memory stays bounded however large the library: ids are one `array('q')`, entries are held
    only for the `MAX_PAGES_HELD` most recently drawn pages, thumbnails up to
    `THUMBNAIL_CACHE_BYTES`. Updates are coalesced per event-loop turn and, once a view has
    said what is on screen (`set_visible_rows`), only visible rows are announced.
    """

    EntryRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2

    loaded = Signal()  # a query result has been applied
    library_changed = Signal()  # another connection or process changed the index
    merged = Signal()  # a re-read after a change has been merged into the rows
    filter_options_changed = Signal(object)  # FilterOptions: what the library holds
    failed = Signal(str)

    _query_requested = Signal(int, object)
    _merge_requested = Signal(int, int, object, object)
    _version_wanted = Signal()
    _pages_wanted = Signal()
    _thumbnails_wanted = Signal()

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._query = LibraryQuery()
        self._ids = array("q")
        self._rows: dict[int, int] | None = None  # id -> row, built only when asked
        self._pages: OrderedDict[int, list[LibraryEntry | None]] = OrderedDict()
        self._by_id: dict[int, LibraryEntry] = {}  # entries of the held pages
        # Entries from before a reset or a row shift: still shown while their new page comes,
        # so nothing flickers; dropped at the next such change.
        self._stale: dict[int, LibraryEntry] = {}
        self._loose: OrderedDict[int, LibraryEntry] = OrderedDict()  # read one by one in entry()
        self._recent_page = -1
        self._pages_pending: set[int] = set()
        self._layouts = itertools.count(1)
        self._layout = 0  # bumped whenever rows move, so pages fetched before are dropped
        self._visible: range | None = None  # None until a view says: then everything counts
        self._dirty: list[tuple[int, int]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush_changes)
        self._thumbnails: OrderedDict[int, QImage] = OrderedDict()
        self._thumbnail_bytes = 0
        self._thumbnails_pending: dict[int, int] = {}  # entry id -> row when asked
        self._thumbnail_box = CELL_IMAGE
        self._thumbnail_ratio = 1.0
        self._page_requests: PageRequests = RequestQueue()
        self._thumbnail_requests: ThumbnailRequests = RequestQueue()
        self._generations = itertools.count(1)
        self._generation = 0
        self._is_loading = False
        self._ids_version = 0  # bumped whenever self._ids changes, so stale merge plans are redone
        self._data_version: object = None  # the library's version the ids were read at
        self._is_checking = False
        self._is_merging = False
        self._merge_again = False
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self._check_version)
        self._threads: list[QThread] = []
        self._workers: list[LibraryWorker] = []
        reader = self._start_worker("library-reader")
        thumbnailer = self._start_worker("library-thumbnails")
        self._query_requested.connect(reader.query)
        self._merge_requested.connect(reader.merge)
        self._version_wanted.connect(reader.check_version)
        reader.merged.connect(self._on_merged)
        reader.version_checked.connect(self._on_version_checked)
        self._watch_timer.start()
        self._pages_wanted.connect(reader.fetch_pages)
        self._thumbnails_wanted.connect(thumbnailer.load_thumbnails)

    def _start_worker(self, name: str) -> LibraryWorker:
        worker = LibraryWorker(self._library, self._page_requests, self._thumbnail_requests)
        thread = worker_thread(worker, name)
        worker.ids_ready.connect(self._on_ids_ready)
        worker.entries_ready.connect(self._on_entries_ready)
        worker.thumbnail_ready.connect(self._on_thumbnail_ready)
        worker.failed.connect(self.failed)
        # Workers are dropped in shutdown(), once their threads have ended (see threads.py).
        thread.start()
        self._threads.append(thread)
        self._workers.append(worker)
        return worker

    def shutdown(self) -> None:
        """Drop pending work, then quit and wait for both worker threads."""
        self._page_requests.close()
        self._thumbnail_requests.close()
        self._flush_timer.stop()
        self._watch_timer.stop()
        stopped = not stop_threads(self._threads)
        if stopped:
            # Ended threads: their workers can go now, on this (the GUI) thread.
            self._workers.clear()
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
        self, generation: int, ids: Sequence[int], options: FilterOptions,
        version: object = None,
    ) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = ids if isinstance(ids, array) else array("q", ids)
        self._rows_moved()
        self.endResetModel()
        self._is_loading = False
        self._data_version = version
        self.filter_options_changed.emit(options)
        self.loaded.emit()

    # -- following changes made elsewhere ------------------------------------------------------

    def reload(self) -> None:
        """Read the current query again (on the reader) and merge the answer into the rows:
        new rows appear, removed ones go, the rest (and the selection) stay. View > Refresh."""
        if self._is_merging:
            self._merge_again = True  # one more once the running one has answered
            return
        self._is_merging = True
        self._merge_again = False
        # A copy of the ids (one memcpy) for the reader to compare with.
        self._merge_requested.emit(self._generation, self._ids_version, self._query,
                                   array("q", self._ids))

    def set_watch_interval(self, milliseconds: int) -> None:
        """How often to look for changes by other processes; 0 stops looking."""
        if milliseconds <= 0:
            self._watch_timer.stop()
        else:
            self._watch_timer.start(milliseconds)

    def _check_version(self) -> None:
        # Only a signal to the reader: the check (however a writer holds the file) never
        # waits on this thread. One at a time, so a busy reader is not flooded.
        if not self._is_checking:
            self._is_checking = True
            self._version_wanted.emit()

    @Slot(object)
    def _on_version_checked(self, version: object) -> None:
        self._is_checking = False
        if version is None or self._data_version is None or version == self._data_version:
            return
        self._data_version = version
        self.library_changed.emit()
        self.reload()

    @Slot(int, int, object, object, object, object)
    def _on_merged(
        self, generation: int, ids_version: int, ids: array[int], plan: MergePlan | None,
        options: FilterOptions, version: object,
    ) -> None:
        self._is_merging = False
        if generation != self._generation:
            # The query changed meanwhile; its own answer is newer than this one.
            if self._merge_again:
                self.reload()
            return
        if ids_version != self._ids_version or self._is_loading:
            self.reload()  # the rows changed here meanwhile: compare again
            return
        if version is not None:
            self._data_version = version
        if plan is None:
            self._replace_ids_keeping_selection(ids)
        else:
            self._apply_plan(plan, ids)
        self.filter_options_changed.emit(options)
        self.merged.emit()
        if self._merge_again:
            self.reload()

    def _apply_plan(self, plan: MergePlan, ids: array[int]) -> None:
        if plan.removed:
            rows = plan.removed
            runs: list[tuple[int, int]] = []
            for row in reversed(rows):  # bottom up, so earlier rows keep their numbers
                if runs and runs[-1][0] == row + 1:
                    runs[-1] = (row, runs[-1][1])
                else:
                    runs.append((row, row))
            for first, last in runs:
                self.beginRemoveRows(QModelIndex(), first, last)
                del self._ids[first : last + 1]
                self._rows = None
                self.endRemoveRows()
        if plan.prepended:
            self.beginInsertRows(QModelIndex(), 0, len(plan.prepended) - 1)
            self._ids[0:0] = array("q", plan.prepended)
            self._rows = None
            self.endInsertRows()
        if plan.appended:
            start = len(self._ids)
            self.beginInsertRows(QModelIndex(), start, start + len(plan.appended) - 1)
            self._ids.extend(plan.appended)
            self._rows = None
            self.endInsertRows()
        if self._ids != ids:  # belt and braces: the plan always leads here
            self._replace_ids_keeping_selection(ids)
            return
        # Entries may have changed in place too (a favourite set elsewhere): fetch the pages
        # on screen again, showing the held ones meanwhile.
        self._rows_moved()
        self._ids_version += 1
        if self._ids:
            self._mark_changed(0, len(self._ids) - 1)

    def _replace_ids_keeping_selection(self, ids: array[int]) -> None:
        """Rows moved: a layout change that carries persistent indexes (selection, current
        item) to the rows where their ids are now."""
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        persistent = self.persistentIndexList()
        self._ids = ids
        self._rows_moved()
        new_rows = self._rows = {entry_id: row for row, entry_id in enumerate(ids)}
        moved = []
        for index in persistent:
            row = index.row()
            entry_id = old_ids[row] if 0 <= row < len(old_ids) else None
            new_row = new_rows.get(entry_id) if entry_id is not None else None
            moved.append(self.index(new_row) if new_row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _rows_moved(self) -> None:
        """Rows now mean other ids: pages are refetched; what was held shows meanwhile."""
        self._ids_version += 1
        self._rows = None
        self._stale = self._by_id
        self._by_id = {}
        self._pages.clear()
        self._recent_page = -1
        self._pages_pending.clear()
        self._page_requests.clear()
        self._layout = next(self._layouts)
        self._dirty.clear()
        pending = self._thumbnails_pending
        for entry_id in pending:
            pending[entry_id] = -1  # its row is looked up when it arrives

    @Slot(int, int, object)
    def _on_entries_ready(
        self, layout: int, page: int, entries: list[LibraryEntry | None]
    ) -> None:
        if layout != self._layout:
            return
        self._pages_pending.discard(page)
        self._pages[page] = entries
        self._recent_page = page
        by_id = self._by_id
        stale = self._stale
        for entry in entries:
            if entry is not None:
                by_id[entry.id] = entry
                if stale:
                    stale.pop(entry.id, None)
        self._evict_pages()
        first = page * PAGE_SIZE
        self._mark_changed(first, first + len(entries) - 1)

    def _evict_pages(self) -> None:
        visible = self._visible_pages()
        pages = self._pages
        spared = 0
        while len(pages) > MAX_PAGES_HELD and spared < len(pages):
            number = next(iter(pages))
            if number in visible:
                pages.move_to_end(number)  # on screen: never evicted
                spared += 1
                continue
            by_id = self._by_id
            for entry in pages.pop(number):
                if entry is not None and by_id.get(entry.id) is entry:
                    del by_id[entry.id]

    def _visible_pages(self) -> range:
        visible = self._visible
        if visible is None or not visible:
            return range(0)
        return range(visible.start // PAGE_SIZE, (visible.stop - 1) // PAGE_SIZE + 1)

    # -- what is on screen, and coalesced updates ---------------------------------------------

    def set_visible_rows(self, rows: range) -> None:
        """The rows a view shows (with a small margin): only these are announced and loaded.

        Thumbnail and page requests outside them are dropped before a worker runs them.
        """
        self._visible = rows
        ids = self._ids
        keep = {ids[row] for row in rows if row < len(ids)}
        for entry_id in self._thumbnail_requests.retain(keep):
            self._thumbnails_pending.pop(entry_id, None)
        pages = self._visible_pages()
        # The page after the screen is kept too: it is where a scroll down goes next.
        wanted = range(pages.start, pages.stop + 1) if pages else pages
        for page in self._page_requests.retain(wanted):
            self._pages_pending.discard(page)

    def _mark_changed(self, first: int, last: int) -> None:
        visible = self._visible
        if visible is not None:
            first = max(first, visible.start)
            last = min(last, visible.stop - 1)
            if first > last:
                return
        self._dirty.append((first, last))
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush_changes(self) -> None:
        # One pass per event-loop turn: a burst of pages and thumbnails repaints once. Clipped
        # again here: the view may have scrolled since the rows were marked.
        dirty, self._dirty = self._dirty, []
        visible = self._visible
        start, stop = (visible.start, visible.stop) if visible is not None else (0, len(self._ids))
        stop = min(stop, len(self._ids))
        ranges = [(max(first, start), min(last, stop - 1)) for first, last in dirty]
        ranges = [(first, last) for first, last in ranges if first <= last]
        if len(ranges) > 8:
            ranges = [(min(first for first, _ in ranges), max(last for _, last in ranges))]
        for first, last in ranges:
            self.dataChanged.emit(self.index(first), self.index(last))

    # -- rows -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        # Qt calls this for every index() it makes: keep it to one C++ call and a len().
        return 0 if parent.isValid() else len(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, entry_id: int) -> int | None:
        rows = self._rows
        if rows is None:  # built on first use after a change: O(n) once, then O(1)
            rows = self._rows = {entry_id: row for row, entry_id in enumerate(self._ids)}
        return rows.get(entry_id)

    def ids(self) -> list[int]:
        return self._ids.tolist()

    def entry_at(self, row: int) -> LibraryEntry | None:
        """The entry in `row` if its page is held; asks for the page otherwise. Never blocks."""
        ids = self._ids
        if not 0 <= row < len(ids):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            self._request_page(number)
            return self._stale.get(ids[row]) if self._stale else None
        if number != self._recent_page:
            self._pages.move_to_end(number)
            self._recent_page = number
        return page[row - number * PAGE_SIZE]

    def held_entry(self, entry_id: int) -> LibraryEntry | None:
        """The entry if the model holds it (its page, or read before); never reads."""
        return (self._by_id.get(entry_id) or self._stale.get(entry_id)
                or self._loose.get(entry_id))

    def entry(self, entry_id: int) -> LibraryEntry | None:
        """The entry with this id, even on a page no longer held (one indexed read then)."""
        found = self._by_id.get(entry_id) or self._stale.get(entry_id)
        if found is not None:
            return found
        found = self._loose.get(entry_id)
        if found is not None:
            return found
        if self.row_of(entry_id) is None:
            return None
        try:
            found = self._library.get(entry_id)
        except Exception:
            log.exception("Library read of %s failed", entry_id)
            return None
        if found is not None:
            self._loose[entry_id] = found
            if len(self._loose) > 256:
                self._loose.popitem(last=False)
        return found

    def entries(self, ids: Iterable[int]) -> list[LibraryEntry]:
        """Entries for many ids (a large selection): held ones, the rest in one batched read."""
        wanted = list(ids)
        found = {i: e for i in wanted if (e := self._by_id.get(i) or self._stale.get(i))}
        missing = [i for i in wanted if i not in found and self.row_of(i) is not None]
        if missing:
            try:
                found.update(self._library.get_many(missing))
            except Exception:
                log.exception("Library read failed")
        return [found[i] for i in wanted if i in found]

    def held_entry_count(self) -> int:
        """How many entries the model holds (pages, stale and loose): bounded by design."""
        return len(self._by_id) + len(self._stale) + len(self._loose)

    def _request_page(self, page: int) -> None:
        if page in self._pages_pending:
            return
        self._pages_pending.add(page)
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE].tolist()
        if self._page_requests.add(page, (self._layout, ids)):
            self._pages_wanted.emit()

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        # Roles nobody uses return before any work: the view asks for several per item.
        if role == _DISPLAY:
            entry = self.entry_at(index.row())
            return display_text(entry.prompt or entry.path.name) if entry is not None else None
        if role == _TOOLTIP:
            entry = self.entry_at(index.row())
            if entry is None:
                return None
            prompt = display_text(entry.prompt or entry.path.name,
                                  max_chars=MAX_TOOLTIP_CHARS - 200, max_lines=8)
            details = " · ".join(part for part in (entry.model, entry.size_text) if part)
            return plain_tooltip(f"{prompt}\n{details}")
        if role in (_ACCESSIBLE_TEXT, _ACCESSIBLE_DESCRIPTION):
            # What a screen reader says for the item: the prompt, then model, size, favourite.
            entry = self.entry_at(index.row())
            if entry is None:
                return None
            if role == _ACCESSIBLE_TEXT:
                return display_text(entry.prompt or entry.path.name, max_chars=300, max_lines=1)
            favourite = ", favourite" if entry.favourite else ""
            details = ", ".join(part for part in (entry.model, entry.size_text) if part)
            return display_text(f"{details}{favourite}", max_lines=1)
        if role == self.IdRole:
            return self.id_at(index.row())
        if role == self.EntryRole:
            return self.entry_at(index.row())
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """File URLs of the dragged images, so they can be dropped into any file manager."""
        mime = QMimeData()
        ids = [entry_id for index in indexes
               if (entry_id := self.id_at(index.row())) is not None]
        mime.setUrls([QUrl.fromLocalFile(str(entry.path))
                      for entry in self.entries(ids) if not entry.missing])
        mime.setData(IDS_MIME, str(ids).encode("ascii"))  # for a drop onto a board
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
                self._store_thumbnail(entry.id, self._fit_to_cell(image))
        query = self._query
        is_plain = query == LibraryQuery(newest_first=True)
        if not is_plain or self._is_loading:
            self.refresh()
            return
        # Ids are new; only a refresh that already ran could have put them at the top.
        known = set(self._ids[: PAGE_SIZE + len(entries)])
        new = [entry for entry in sorted(entries, key=lambda e: -e.created)
               if entry.id not in known]
        if not new:
            return
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        self._ids[0:0] = array("q", [entry.id for entry in new])
        self._rows_moved()
        self._stale.update({entry.id: entry for entry in new})
        self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> None:
        rows = sorted((row for i in set(ids) if (row := self.row_of(i)) is not None),
                      reverse=True)
        if not rows:
            return
        # Contiguous runs go in one beginRemoveRows each, from the bottom up.
        runs: list[tuple[int, int]] = []
        for row in rows:
            if runs and runs[-1][0] == row + 1:
                runs[-1] = (row, runs[-1][1])
            else:
                runs.append((row, row))
        removed = set(ids)
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self._rows = None
            self.endRemoveRows()
        self._rows_moved()
        for entry_id in removed:
            self._stale.pop(entry_id, None)
            self._loose.pop(entry_id, None)

    def set_favourite_shown(self, ids: Iterable[int], favourite: bool) -> None:
        for entry_id in ids:
            self._loose.pop(entry_id, None)
            row = self.row_of(entry_id)
            if row is None:
                continue
            for held in (self._by_id, self._stale):
                entry = held.get(entry_id)
                if entry is not None:
                    held[entry_id] = replace(entry, favourite=favourite)
            page = self._pages.get(row // PAGE_SIZE)
            if page is not None:
                entry = page[row % PAGE_SIZE]
                if entry is not None:
                    page[row % PAGE_SIZE] = self._by_id.get(entry_id, entry)
            self._mark_changed(row, row)

    # -- thumbnails -------------------------------------------------------------------------

    def set_thumbnail_scale(self, device_pixel_ratio: float) -> None:
        """Decode thumbnails for this screen scale from now on (cached ones stay as they are)."""
        ratio = max(1.0, float(device_pixel_ratio))
        self._thumbnail_ratio = ratio
        self._thumbnail_box = round(CELL_IMAGE * ratio)

    def thumbnail(self, entry_id: int, row: int = -1) -> QImage | None:
        """The cached thumbnail, or None after asking a worker to make it."""
        image = self._thumbnails.get(entry_id)
        if image is not None:
            self._thumbnails.move_to_end(entry_id)
            return image
        if entry_id not in self._thumbnails_pending:
            self._thumbnails_pending[entry_id] = row
            if self._thumbnail_requests.add(
                entry_id, (self._thumbnail_box, self._thumbnail_ratio)
            ):
                self._thumbnails_wanted.emit()
        return None

    def retain_thumbnail_requests(self, visible_ids: Iterable[int]) -> None:
        """Forget requests for items no longer on screen; the worker will skip them."""
        keep = set(visible_ids)
        for entry_id in self._thumbnail_requests.retain(keep):
            self._thumbnails_pending.pop(entry_id, None)

    def pending_thumbnail_count(self) -> int:
        return len(self._thumbnails_pending)

    def cached_thumbnail_count(self) -> int:
        return len(self._thumbnails)

    def cached_thumbnail_bytes(self) -> int:
        return self._thumbnail_bytes

    def _fit_to_cell(self, image: QImage) -> QImage:
        """A thumbnail handed in whole (a new job's) scaled to the drawn size (few, so here)."""
        box = self._thumbnail_box
        if image.isNull() or (image.width() <= box and image.height() <= box
                              and max(image.width(), image.height()) == box):
            return image
        scaled = image.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        wanted = (QImage.Format.Format_ARGB32_Premultiplied if scaled.hasAlphaChannel()
                  else QImage.Format.Format_RGB32)
        scaled = scaled.convertToFormat(wanted)
        scaled.setDevicePixelRatio(self._thumbnail_ratio)
        return scaled

    def _store_thumbnail(self, entry_id: int, image: QImage) -> None:
        cache = self._thumbnails
        old = cache.pop(entry_id, None)
        if old is not None:
            self._thumbnail_bytes -= old.sizeInBytes() or _NULL_IMAGE_COST
        cache[entry_id] = image
        self._thumbnail_bytes += image.sizeInBytes() or _NULL_IMAGE_COST
        while len(cache) > 1 and (self._thumbnail_bytes > THUMBNAIL_CACHE_BYTES
                                  or len(cache) > THUMBNAIL_CACHE_SIZE):
            _, evicted = cache.popitem(last=False)
            self._thumbnail_bytes -= evicted.sizeInBytes() or _NULL_IMAGE_COST

    @Slot(int, object)
    def _on_thumbnail_ready(self, entry_id: int, image: QImage) -> None:
        row = self._thumbnails_pending.pop(entry_id, -1)
        self._store_thumbnail(entry_id, image)
        if not (0 <= row < len(self._ids) and self._ids[row] == entry_id):
            found = self.row_of(entry_id)
            if found is None:
                return
            row = found
        self._mark_changed(row, row)


# Enum members looked up once: each `Qt.X.Y` access goes through Python's enum machinery, and
# the delegate paints dozens of cells per frame while the user scrolls.
_BASE_ROLE = QPalette.ColorRole.AlternateBase
_TEXT_ROLE = QPalette.ColorRole.Text
_PLACEHOLDER_ROLE = QPalette.ColorRole.PlaceholderText
_HIGHLIGHTED_TEXT_ROLE = QPalette.ColorRole.HighlightedText
_DISABLED = QPalette.ColorGroup.Disabled
_SELECTED = QStyle.StateFlag.State_Selected
_PANEL_STATES = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_SMOOTH = QPainter.RenderHint.SmoothPixmapTransform
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_KEEP_ASPECT = Qt.AspectRatioMode.KeepAspectRatio
_CENTRE = Qt.AlignmentFlag.AlignCenter
_CAPTION_ALIGN = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
_DETAIL_ALIGN = Qt.AlignmentFlag.AlignHCenter
_ELIDE = Qt.TextElideMode.ElideRight
_NO_PEN = Qt.PenStyle.NoPen
_CAPTION_CACHE_SIZE = 2048


def caption_detail(entry: LibraryEntry) -> str:
    """The second caption line: size and short model name, or only the size when the model
    is unknown (an imported plain PNG), never a dangling separator."""
    model = entry.model.rsplit("/", 1)[-1]
    return f"{entry.size_text} · {model}" if model else entry.size_text


class GalleryDelegate(QStyledItemDelegate):
    """Paints one cell: thumbnail (or a placeholder), favourite star and a one-line caption."""

    def __init__(self, model: GalleryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        # Elided caption and detail per (entry, width): eliding is the costliest part of a
        # cell, and the same cells are painted again on every scroll step.
        self._captions: dict[tuple[int, int], tuple[str, str]] = {}
        self._frame: tuple[Any, ...] | None = None

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget
        grid = view.gridSize() if isinstance(view, QListView) else GRID_SIZE
        return grid - QSize(8, 8)

    def _texts(self, entry: LibraryEntry, metrics: QFontMetrics, width: int) -> tuple[str, str]:
        # Keyed by id, not by the entry: hashing a frozen dataclass hashes every field.
        key = (entry.id, width)
        texts = self._captions.get(key)
        if texts is None:
            # Bounded before eliding by pixels: a cell shows a few dozen characters at most.
            caption = display_text(" ".join((entry.prompt or entry.path.name).split()))
            detail = display_text(caption_detail(entry))
            texts = (metrics.elidedText(caption, _ELIDE, width),
                     metrics.elidedText(detail, _ELIDE, width))
            if len(self._captions) >= _CAPTION_CACHE_SIZE:
                self._captions.clear()
            self._captions[key] = texts
        return texts

    def begin_frame(self, palette: QPalette, metrics: QFontMetrics) -> tuple[Any, ...]:
        """Look up what every cell of one paint event shares, once instead of once a cell.

        Reading `option.palette` or `option.fontMetrics` copies them into new Python objects;
        at dozens of cells a frame those copies were most of the delegate's time.
        """
        self._frame = frame = (
            palette.color(_BASE_ROLE),
            palette.color(_TEXT_ROLE),
            palette.color(_HIGHLIGHTED_TEXT_ROLE),
            palette.color(_PLACEHOLDER_ROLE),
            palette.color(_DISABLED, _TEXT_ROLE),
            metrics,
            metrics.height(),
        )
        return frame

    def end_frame(self) -> None:
        self._frame = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Entries come from the model directly (no QModelIndex.data()): cheaper, and immune to
        # the PySide6 6.12 None-refcount bug on Python 3.11.
        frame = self._frame
        if frame is None:  # painted outside the view's paint event (e.g. a drag pixmap)
            frame = self.begin_frame(option.palette, option.fontMetrics)
            self._frame = None
        base, text, highlighted_text, placeholder, disabled_text, metrics, line = frame
        row = index.row()
        model = self._model
        entry = model.entry_at(row)
        entry_id = model.id_at(row)
        state = option.state
        cell = option.rect
        left = cell.x() + 2
        top = cell.y() + 2
        width = cell.width() - 4
        painter.save()
        painter.setRenderHint(_SMOOTH)
        painter.setRenderHint(_ANTIALIAS)
        if state & _PANEL_STATES:
            widget = option.widget
            if widget is not None:
                # Only selected or hovered cells have a panel; skipping the rest saves a copy.
                panel = QStyleOptionViewItem(option)
                panel.rect = QRect(left, top, width, cell.height() - 4)
                widget.style().drawPrimitive(_PANEL, panel, painter, widget)
        box_left = left + (width - CELL_IMAGE) // 2
        box_top = top + 6
        image = model.thumbnail(entry_id, row) if entry_id is not None else None
        star_right = box_left + CELL_IMAGE - 1
        star_top = box_top
        if image is not None and not image.isNull():
            # Thumbnails are stored at the drawn size, so this is a plain copy, not a scale.
            ratio = image.devicePixelRatio() or 1.0
            image_width = min(CELL_IMAGE, round(image.width() / ratio))
            image_height = min(CELL_IMAGE, round(image.height() / ratio))
            x = box_left + (CELL_IMAGE - image_width) // 2
            y = box_top + (CELL_IMAGE - image_height) // 2
            painter.drawImage(QRect(x, y, image_width, image_height), image)
            star_right = x + image_width - 1
            star_top = y
        else:
            painter.setPen(_NO_PEN)
            painter.setBrush(base)
            painter.drawRoundedRect(
                box_left + 8, box_top + 8, CELL_IMAGE - 16, CELL_IMAGE - 16, 6, 6
            )
            if entry is not None and entry.missing:
                painter.setPen(disabled_text)
                painter.drawText(
                    QRect(box_left, box_top, CELL_IMAGE, CELL_IMAGE), _CENTRE, "File missing"
                )
        if entry is not None:
            if entry.favourite:
                icon("star-filled").paint(painter, QRect(star_right - 24, star_top + 4, 20, 20))
            selected = bool(state & _SELECTED)
            text_rect = QRect(left + 6, box_top + CELL_IMAGE + 5, width - 12, line)
            caption, detail = self._texts(entry, metrics, width - 12)
            painter.setPen(highlighted_text if selected else text)
            painter.drawText(text_rect, _CAPTION_ALIGN, caption)
            # PlaceholderText, not disabled text: secondary but still readable.
            painter.setPen(highlighted_text if selected else placeholder)
            text_rect.translate(0, line)
            painter.drawText(text_rect, _DETAIL_ALIGN, detail)
        painter.restore()


class GalleryView(QListView):
    """The icon grid. Tells the model which items are on screen so stale loads are dropped."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryView")
        self.setAccessibleName("Image library")
        self.setAccessibleDescription("Arrow keys move, Enter opens the viewer")
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
        self.verticalScrollBar().valueChanged.connect(self._retain_visible)
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
        self._delegate.begin_frame(palette, self.fontMetrics())
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
        self._gallery_model.set_visible_rows(self.visible_rows())

    def _retain_visible_later(self) -> None:
        QTimer.singleShot(0, self, self._retain_visible)


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
    search_left = Signal()  # Esc in the search box: it was cleared, focus should go back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName("Search prompts")
        self.search_edit.setPlaceholderText("Search prompts…")
        self.search_edit.setToolTip(
            "Finds text anywhere in a prompt, in any script.\n"
            "neg:word searches negative prompts, model:word model ids; "
            '"two words" finds a phrase.'
        )
        self.search_edit.setClearButtonEnabled(True)
        clear_search = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit)
        clear_search.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear_search.activated.connect(self._on_escape)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        # Never squeezed below its own hint by the filters beside it.
        self.search_edit.setMinimumWidth(
            self.search_edit.fontMetrics().horizontalAdvance("Search prompts") + 40)
        self.model_combo = QComboBox()
        self.model_combo.setObjectName("filterModel")
        self.model_combo.setAccessibleName("Filter by model")
        self.model_combo.addItem("All models", None)
        # Model ids are long: the closed box keeps a steady width (its tooltip and popup show
        # the whole id); sizes are short, so that box grows to fit "1280x720" and the like.
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(9)
        self.size_combo = QComboBox()
        self.size_combo.setObjectName("filterSize")
        self.size_combo.setAccessibleName("Filter by size")
        self.size_combo.addItem("All sizes", None)
        self.size_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.generator_combo = QComboBox()  # item data: a generator id (readers.GENERATOR_NAMES)
        self.generator_combo.setObjectName("filterGenerator")
        self.generator_combo.addItem("All tools", None)
        self.generator_combo.setAccessibleName("Filter by tool")
        self.generator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_combo = QComboBox()
        self.date_combo.setObjectName("filterDate")
        self.date_combo.setAccessibleName("Filter by date")
        for label, days in DATE_RANGES:
            self.date_combo.addItem(label, days)
        self.favourites_button = QToolButton()
        self.favourites_button.setObjectName("favouritesOnly")
        self.favourites_button.setCheckable(True)
        self.favourites_button.setIcon(icon("star"))
        self.favourites_button.setToolTip("Show favourites only")
        self.favourites_button.setAccessibleName("Favourites only")
        self.favourites_button.setAutoRaise(False)
        # The style's own "checked" look is faint in some themes; on must read as on.
        self.favourites_button.setStyleSheet(
            "QToolButton#favouritesOnly:checked {"
            f" background: {tinted_background(Accent.WARNING).name()};"
            f" border: 2px solid {accent(Accent.WARNING).name()}; border-radius: 3px; }}"
        )
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("order")
        self.order_combo.setAccessibleName("Sort order")
        self.order_combo.addItem("Newest first", True)
        self.order_combo.addItem("Oldest first", False)
        # One row when the pane is wide enough, else two (the three filter boxes go under the
        # search box): at the window's minimum size every control keeps its own place.
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.model_combo)
        layout.addWidget(self.size_combo)
        layout.addWidget(self.generator_combo)
        layout.addWidget(self.date_combo)
        layout.addWidget(self.favourites_button)
        layout.addWidget(self.order_combo)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setText("Clear filters")
        self.clear_button.setToolTip("Show the whole library again")
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.hide()
        layout.addWidget(self.clear_button)
        self._first_row = layout
        self._second_row = QHBoxLayout()
        self._second_row.setContentsMargins(0, 0, 0, 0)
        self._second_row.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        rows.setSizeConstraint(QVBoxLayout.SizeConstraint.SetNoConstraint)
        rows.addLayout(self._first_row)
        rows.addLayout(self._second_row)
        self._is_wrapped = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self._emit)
        self.search_edit.textChanged.connect(lambda _text: self._debounce.start())
        for combo in (self.model_combo, self.size_combo, self.generator_combo, self.date_combo,
                      self.order_combo):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.favourites_button.toggled.connect(lambda _on: self._emit())
        self._source: str | None = None  # set by show_source ("Show imported"), no control
        self._options: FilterOptions | None = None

    def _wrapping_boxes(self) -> tuple[QWidget, ...]:
        return (self.model_combo, self.size_combo, self.generator_combo, self.date_combo)

    def _one_row_width(self) -> int:
        spacing = max(0, self._first_row.spacing())
        widgets = [self.search_edit, *self._wrapping_boxes(), self.favourites_button,
                   self.order_combo, self.clear_button]
        shown = [w for w in widgets if not w.isHidden()]
        widths = [w.minimumWidth() if w is self.search_edit else w.sizeHint().width()
                  for w in shown]
        return sum(widths) + spacing * (len(shown) - 1)

    def minimumSizeHint(self) -> QSize:
        # As narrow as two rows allow, so the pane can shrink and this bar then wraps.
        first = [self.search_edit, self.favourites_button, self.order_combo]
        second = self._wrapping_boxes()
        spacing = max(0, self._first_row.spacing())
        width = max(sum(w.minimumSizeHint().width() for w in first) + 2 * spacing,
                    sum(w.minimumSizeHint().width() for w in second) + 2 * spacing)
        return QSize(width, super().minimumSizeHint().height())

    def is_wrapped(self) -> bool:
        return self._is_wrapped

    def _fit_rows(self) -> None:
        wrapped = self.width() < self._one_row_width()
        if wrapped == self._is_wrapped:
            return
        self._is_wrapped = wrapped
        for widget in self._wrapping_boxes():
            self._first_row.removeWidget(widget)
            self._second_row.removeWidget(widget)
        if wrapped:
            for index, widget in enumerate(self._wrapping_boxes()):
                self._second_row.insertWidget(index, widget)
        else:
            for index, widget in enumerate(self._wrapping_boxes(), start=1):
                self._first_row.insertWidget(index, widget)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def is_filtered(self) -> bool:
        """Whether anything narrows what is shown (the order does not)."""
        plain = replace(self.query(), newest_first=True)
        return plain != LibraryQuery()

    def active_filters(self) -> list[str]:
        """The filters that narrow the view, in words (for "no image matches ...")."""
        words: list[str] = []
        search = self.search_edit.text().strip()
        if search:
            words.append(f"search “{search}”")
        nouns = ((self.model_combo, "model"), (self.size_combo, "size"),
                 (self.generator_combo, "tool"))
        for combo, noun in nouns:
            if combo.currentData() is not None:
                words.append(f"{noun} {combo.currentText()}")
        if self.date_combo.currentData() is not None:
            words.append(self.date_combo.currentText().lower())
        if self.favourites_button.isChecked():
            words.append("favourites only")
        if self._source is not None:
            words.append(f"{self._source} images only")
        return words

    def clear_filters(self) -> None:
        """Back to the whole library (the order stays as chosen); one new query."""
        widgets = (self.search_edit, self.model_combo, self.size_combo, self.generator_combo,
                   self.date_combo, self.favourites_button)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        for combo in (self.model_combo, self.size_combo, self.generator_combo, self.date_combo):
            combo.setCurrentIndex(0)
        self.favourites_button.setChecked(False)
        self._source = None
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _update_options_width(self, combo: QComboBox) -> None:
        # The popup is as wide as its longest item, whatever the closed box's width.
        view = combo.view()
        widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i))
                      for i in range(combo.count())), default=0)
        view.setMinimumWidth(widest + 48)
        combo.setToolTip(plain_tooltip(combo.currentData() or ""))
        if combo is self.size_combo:
            # Sizes are short: never squeezed below "1280x720" by the filters beside it.
            combo.setMinimumWidth(combo.sizeHint().width())

    def set_options(
        self, models: Sequence[str], sizes: Sequence[str], generators: Sequence[str] = ()
    ) -> None:
        options = FilterOptions(tuple(models), tuple(sizes), tuple(generators))
        if options == self._options:
            return  # every live merge reports them; rebuilding the boxes each time is waste
        self._options = options

        def short_model(value: str) -> str:
            return value.rsplit("/", 1)[-1]

        def generator_name(value: str) -> str:
            return GENERATOR_NAMES.get(value, value)

        choices: tuple[tuple[QComboBox, Sequence[str], Callable[[str], str]], ...] = (
            (self.model_combo, options.models, short_model),
            (self.size_combo, options.sizes, str),
            (self.generator_combo, options.generators, generator_name),
        )
        for combo, values, label in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            if current is not None and current not in values:
                # The chosen value has no image left (deleted elsewhere): keep the filter, and
                # the grid says it hides everything, rather than switch it off unasked.
                values = [*values, current]
            for value in values:
                # Model ids and generator ids come from servers and imported files: escaped
                # and bounded.
                combo.addItem(display_text(label(value), max_chars=80, max_lines=1), value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            self._update_options_width(combo)

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
            generator=self.generator_combo.currentData(),
            created_from=created_from,
            favourites_only=self.favourites_button.isChecked(),
            newest_first=bool(self.order_combo.currentData()),
            source=self._source,
        )

    def show_source(self, source: str | None) -> None:
        """Only images of this source ("imported"), until Clear filters."""
        self._source = source
        self._emit()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_escape(self) -> None:
        self.search_edit.clear()
        self.search_left.emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.clear_button.setVisible(self.is_filtered())
        self._fit_rows()
        self._update_options_width(self.model_combo)
        self.query_changed.emit(self.query())


EMPTY_LIBRARY_TEXT = "Your library is empty. Generated images appear here, or use Import folder…"


class GalleryPanel(QWidget):
    """Filter bar, grid and a count line: the library browser as one panel."""

    def __init__(self, model: GalleryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter_bar = FilterBar()
        self.view = GalleryView(model)
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        self.empty_label = QLabel(EMPTY_LIBRARY_TEXT)
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
        self.filter_bar.search_left.connect(
            lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        model.filter_options_changed.connect(self._on_filter_options)
        model.loaded.connect(self._update_count)
        model.merged.connect(self._update_count)  # a merge may only change the layout
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)

    def set_bottom_inset(self, covered: int) -> None:
        """Something floats over this panel's bottom `covered` pixels (the message bars): the
        grid leaves that much room under its last row so every image stays reachable."""
        below_view = self.height() - self.view.geometry().bottom() - 1
        self.view.set_bottom_margin(max(0, covered - below_view))

    def _on_filter_options(self, options: FilterOptions) -> None:
        self.filter_bar.set_options(options.models, options.sizes, options.generators)

    def _update_count(self) -> None:
        count = self.model.rowCount()
        text = "1 image" if count == 1 else f"{count:,} images"
        plain = replace(self.model.query, newest_first=True, include_missing=False)
        if plain != LibraryQuery():
            text += " · filtered"
        self.count_label.setText(text)
        is_empty = count == 0 and not self.model.is_loading
        if is_empty:
            hiding = self.filter_bar.active_filters() if plain != LibraryQuery() else []
            set_plain_text(self.empty_label, (
                "No image matches " + ", ".join(hiding) + ". Clear filters shows them all."
                if hiding else EMPTY_LIBRARY_TEXT))
        self.empty_label.setVisible(is_empty)
        self.view.setVisible(not is_empty)
