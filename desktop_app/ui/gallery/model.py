"""The gallery's list model: the ids of the current query; entries and thumbnails come lazily.

Owns the rows of the library browser, newest first: `GalleryModel` keeps the ids of the current
`LibraryQuery` in one `array('q')`, asks the loader's workers for pages of entries and for
thumbnails (requests for rows scrolled away are dropped before they run) and coalesces what
arrives into one repaint per event-loop turn. It never writes to the library: actions (delete,
favourite, rating, export...) belong to the window, which tells the model what changed. Changes by
any other process are followed: the reader polls `Library.data_version()` and, when it moved,
reads the ids again and hands over a merge plan, so rows change in place, selection kept.
Threads start in `start()` (the panel calls it), never in the constructor.
"""

from __future__ import annotations

import itertools
import logging
from array import array
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage

from desktop_app.library import Library, LibraryEntry, LibraryQuery
from desktop_app.threads import ThreadKeeper
from desktop_app.ui.board_list import IDS_MIME
from desktop_app.ui.gallery.loader import FilterOptions, GalleryLoader
from desktop_app.ui.gallery.pages import EntryPages
from desktop_app.ui.gallery.request_queue import (
    MergePlan,
    PageRequests,
    RequestQueue,
    ThumbnailRequests,
    row_runs,
)
from desktop_app.ui.gallery.roles import TEXT_ROLES, item_text
from desktop_app.ui.gallery.thumbnail_cache import ThumbnailCache

log = logging.getLogger(__name__)

# How often the reader asks whether another process changed the index (a few microseconds a
# check, on the reader thread; the GUI thread only starts a timer).
WATCH_INTERVAL_MS = 500

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
               | Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsDragEnabled)


class GalleryModel(QAbstractListModel):
    """Ids of the current query; entries and thumbnails arrive lazily from the workers.

    Memory stays bounded however large the library: ids are one `array('q')`, entries are held
    only for the most recently drawn pages (`EntryPages`), thumbnails up to a byte cap
    (`ThumbnailCache`). Updates are coalesced per event-loop turn and, once a view has said
    what is on screen (`set_visible_rows`), only visible rows are announced.
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

    def __init__(self, library: Library, parent: QObject | None = None,
                 keeper: ThreadKeeper | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._query = LibraryQuery()
        self._ids = array("q")
        self._rows: dict[int, int] | None = None  # id -> row, built only when asked
        self._entries = EntryPages()
        self._page_size = self._entries.page_size
        self._layouts = itertools.count(1)
        self._layout = 0  # bumped whenever rows move, so pages fetched before are dropped
        self._visible: range | None = None  # None until a view says: then everything counts
        self._dirty: list[tuple[int, int]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush_changes)
        self._page_requests: PageRequests = RequestQueue()
        self._thumbnail_requests: ThumbnailRequests = RequestQueue()
        self._thumbnails = ThumbnailCache(self._thumbnail_requests, self._thumbnails_wanted.emit)
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
        self._loader = GalleryLoader(library, self._page_requests, self._thumbnail_requests,
                                     keeper, self)

    def start(self) -> None:
        """Start the reader and thumbnailer threads and the change watch (once)."""
        if self._loader.is_started:
            return
        reader, thumbnailer = self._loader.start()
        for worker in (reader, thumbnailer):
            worker.ids_ready.connect(self._on_ids_ready)
            worker.entries_ready.connect(self._on_entries_ready)
            worker.thumbnail_ready.connect(self._on_thumbnail_ready)
            worker.failed.connect(self.failed)
        self._query_requested.connect(reader.query)
        self._merge_requested.connect(reader.merge)
        self._version_wanted.connect(reader.check_version)
        reader.merged.connect(self._on_merged)
        reader.version_checked.connect(self._on_version_checked)
        self._pages_wanted.connect(reader.fetch_pages)
        self._thumbnails_wanted.connect(thumbnailer.load_thumbnails)
        self._watch_timer.start()

    def shutdown(self) -> None:
        """Drop pending work, then quit and wait for both worker threads."""
        self._thumbnails.close()
        self._flush_timer.stop()
        self._watch_timer.stop()
        self._loader.shutdown()

    @property
    def keeper(self) -> ThreadKeeper:
        """The keeper of the loader's threads."""
        return self._loader.keeper

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

    def _remove_rows(self, rows: Sequence[int]) -> None:
        # Contiguous runs go in one beginRemoveRows each, from the bottom up.
        for first, last in row_runs(rows):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self._rows = None
            self.endRemoveRows()

    def _insert_ids(self, row: int, ids: Sequence[int]) -> None:
        self.beginInsertRows(QModelIndex(), row, row + len(ids) - 1)
        self._ids[row:row] = array("q", ids)
        self._rows = None
        self.endInsertRows()

    def _apply_plan(self, plan: MergePlan, ids: array[int]) -> None:
        if plan.removed:
            self._remove_rows(plan.removed)
        if plan.prepended:
            self._insert_ids(0, plan.prepended)
        if plan.appended:
            self._insert_ids(len(self._ids), plan.appended)
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
        self._entries.rows_moved()
        self._page_requests.clear()
        self._layout = next(self._layouts)
        self._dirty.clear()
        self._thumbnails.rows_moved()

    @Slot(int, int, object, object)
    def _on_entries_ready(
        self, layout: int, page: int, entries: list[LibraryEntry | None],
        stars: dict[int, int] | None = None,
    ) -> None:
        if layout != self._layout:
            return
        self._entries.put(page, entries, stars or {}, self._visible_pages())
        first = page * self._page_size
        self._mark_changed(first, first + len(entries) - 1)

    def _visible_pages(self) -> range:
        visible = self._visible
        if visible is None or not visible:
            return range(0)
        size = self._page_size
        return range(visible.start // size, (visible.stop - 1) // size + 1)

    # -- what is on screen, and coalesced updates ---------------------------------------------

    def set_visible_rows(self, rows: range) -> None:
        """The rows a view shows (with a small margin): only these are announced and loaded.

        Thumbnail and page requests outside them are dropped before a worker runs them.
        """
        self._visible = rows
        ids = self._ids
        self._thumbnails.retain({ids[row] for row in rows if row < len(ids)})
        pages = self._visible_pages()
        # The page after the screen is kept too: it is where a scroll down goes next.
        wanted = range(pages.start, pages.stop + 1) if pages else pages
        for page in self._page_requests.retain(wanted):
            self._entries.pending.discard(page)

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
        number, offset = divmod(row, self._page_size)
        page = self._entries.page(number)
        if page is None:
            self._request_page(number)
            return self._entries.stale(ids[row])
        return page[offset]

    def stars_at(self, row: int) -> int:
        """Stars of the entry in `row` (0: unrated, or its page is not here yet)."""
        entry_id = self.id_at(row)
        return self._entries.stars(entry_id) if entry_id is not None else 0

    def held_entry(self, entry_id: int) -> LibraryEntry | None:
        """The entry if the model holds it (its page, or read before); never reads."""
        return self._entries.held(entry_id)

    def entry(self, entry_id: int) -> LibraryEntry | None:
        """The entry with this id, even on a page no longer held (one indexed read then)."""
        found = self._entries.held(entry_id)
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
            self._entries.keep_loose(found)
        return found

    def entries(self, ids: Iterable[int]) -> list[LibraryEntry]:
        """Entries for many ids (a large selection): held ones, the rest in one batched read."""
        wanted = list(ids)
        held = self._entries.held
        found = {i: e for i in wanted if (e := held(i, loose=False))}
        missing = [i for i in wanted if i not in found and self.row_of(i) is not None]
        if missing:
            try:
                found.update(self._library.get_many(missing))
            except Exception:
                log.exception("Library read failed")
        return [found[i] for i in wanted if i in found]

    def held_entry_count(self) -> int:
        """How many entries the model holds (pages, stale and loose): bounded by design."""
        return self._entries.held_count()

    def _request_page(self, page: int) -> None:
        pending = self._entries.pending
        if page in pending:
            return
        pending.add(page)
        size = self._page_size
        ids = self._ids[page * size : (page + 1) * size].tolist()
        if self._page_requests.add(page, (self._layout, ids)):
            self._pages_wanted.emit()

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if role == self.IdRole:
            return self.id_at(index.row())
        if role == self.EntryRole:
            return self.entry_at(index.row())
        # Roles nobody uses return before any work: the view asks for several per item.
        if role not in TEXT_ROLES:
            return None
        row = index.row()
        entry = self.entry_at(row)
        return item_text(role, entry, self.stars_at(row)) if entry is not None else None

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

    # -- changes made by the window -----------------------------------------------------------

    def add_new_entries(
        self, entries: Sequence[LibraryEntry], thumbnails: Sequence[QImage] = ()
    ) -> None:
        """Show freshly generated images: at the top for the plain newest-first view."""
        for entry, image in zip(entries, thumbnails, strict=False):
            if not image.isNull():
                self._thumbnails.store(entry.id, self._thumbnails.fit_to_cell(image))
        query = self._query
        is_plain = query == LibraryQuery(newest_first=True)
        if not is_plain or self._is_loading:
            self.refresh()
            return
        # Ids are new; only a refresh that already ran could have put them at the top.
        known = set(self._ids[: self._page_size + len(entries)])
        new = [entry for entry in sorted(entries, key=lambda e: -e.created)
               if entry.id not in known]
        if not new:
            return
        self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
        self._ids[0:0] = array("q", [entry.id for entry in new])
        self._rows_moved()
        self._entries.stale_update(new)
        self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> None:
        removed = set(ids)
        rows = [row for i in removed if (row := self.row_of(i)) is not None]
        if not rows:
            return
        self._remove_rows(rows)
        self._rows_moved()
        self._entries.forget(removed)

    def set_favourite_shown(self, ids: Iterable[int], favourite: bool) -> None:
        for entry_id in ids:
            row = self.row_of(entry_id)
            if row is None:
                continue
            self._entries.set_favourite(entry_id, row, favourite)
            self._mark_changed(row, row)

    def set_rating_shown(self, ids: Iterable[int], stars: int) -> None:
        """Images were rated (0 clears): their cells show the new stars."""
        for entry_id in ids:
            row = self.row_of(entry_id)
            if row is None:
                continue
            self._entries.set_stars(entry_id, stars)
            self._mark_changed(row, row)

    # -- thumbnails -------------------------------------------------------------------------

    def set_thumbnail_scale(self, device_pixel_ratio: float) -> None:
        """Decode thumbnails for this screen scale from now on (cached ones stay as they are)."""
        self._thumbnails.set_scale(device_pixel_ratio)

    def thumbnail(self, entry_id: int, row: int = -1) -> QImage | None:
        """The cached thumbnail, or None after asking a worker to make it."""
        return self._thumbnails.get(entry_id, row)

    def retain_thumbnail_requests(self, visible_ids: Iterable[int]) -> None:
        """Forget requests for items no longer on screen; the worker will skip them."""
        self._thumbnails.retain(visible_ids)

    def pending_thumbnail_count(self) -> int:
        return self._thumbnails.pending_count

    def cached_thumbnail_count(self) -> int:
        return self._thumbnails.count

    def cached_thumbnail_bytes(self) -> int:
        return self._thumbnails.size_in_bytes

    @Slot(int, object)
    def _on_thumbnail_ready(self, entry_id: int, image: QImage) -> None:
        row = self._thumbnails.arrived(entry_id)
        self._thumbnails.store(entry_id, image)
        if not (0 <= row < len(self._ids) and self._ids[row] == entry_id):
            found = self.row_of(entry_id)
            if found is None:
                return
            row = found
        self._mark_changed(row, row)
