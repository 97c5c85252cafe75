"""The gallery's list model: the ids of the current query; entries and thumbnails come lazily.

Owns the rows of the library browser: `GalleryModel` (ids kept by `IdListModel`) asks the
loader's workers for pages of entries and for thumbnails (requests for rows scrolled away are
dropped before they run) and coalesces what arrives into one repaint per event-loop turn. It
never writes to the library: the window does, and tells the model what changed; changes by other
processes are followed by `live.LibraryFollower`. Threads start in `start()` (the panel calls
it), never in the constructor.
"""

from __future__ import annotations

import itertools
import logging
from array import array
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage

from desktop_app.library import Library, LibraryEntry, LibraryQuery
from desktop_app.threads import ThreadKeeper
from desktop_app.ui.board_list import IDS_MIME
from desktop_app.ui.gallery.dragging import drag_mime
from desktop_app.ui.gallery.ids_model import IdListModel
from desktop_app.ui.gallery.live import LibraryFollower
from desktop_app.ui.gallery.loader import FilterOptions, GalleryLoader
from desktop_app.ui.gallery.pages import EntryPages
from desktop_app.ui.gallery.request_queue import (
    PageRequests,
    RequestQueue,
    ThumbnailRequests,
)
from desktop_app.ui.gallery.roles import TEXT_ROLES, item_text
from desktop_app.ui.gallery.thumbnail_cache import ThumbnailCache

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole
_FEW_CHANGED = 64  # more changed ids than this: every row on screen is repainted
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
               | Qt.ItemFlag.ItemNeverHasChildren | Qt.ItemFlag.ItemIsDragEnabled)


class GalleryModel(IdListModel):
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
    _pages_wanted = Signal()
    _thumbnails_wanted = Signal()

    def __init__(self, library: Library, parent: QObject | None = None,
                 keeper: ThreadKeeper | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._query = LibraryQuery()
        self._entries = EntryPages()
        self._page_size = self._entries.page_size
        self._layouts = itertools.count(1)
        self._layout = 0  # bumped whenever rows move, so pages fetched before are dropped
        self._page_requests: PageRequests = RequestQueue()
        self._thumbnail_requests: ThumbnailRequests = RequestQueue()
        self._thumbnails = ThumbnailCache(self._thumbnail_requests, self._thumbnails_wanted.emit)
        self._generations = itertools.count(1)
        self._generation = 0
        self._is_loading = False
        self._follower = LibraryFollower(self)
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
        # Either worker takes a page: the thumbnailer does while the reader reads every id.
        self._pages_wanted.connect(reader.fetch_pages)
        self._pages_wanted.connect(thumbnailer.fetch_pages)
        self._thumbnails_wanted.connect(thumbnailer.load_thumbnails)
        self._follower.start(reader)

    def shutdown(self) -> bool:
        """Drop pending work, quit and wait for both threads; False if one is stuck (kept)."""
        self._thumbnails.close()
        self.stop_announcing()
        self._follower.stop()
        return self._loader.shutdown()

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

    @property
    def generation(self) -> int:
        """Bumped by every new query: answers to an older one are dropped."""
        return self._generation


    def set_query(self, query: LibraryQuery) -> None:
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Run the current query again on the worker; its ids replace the rows when it answers
        (`loaded` once all are in)."""
        self._generation = next(self._generations)
        self._is_loading = True
        self._loader.wanted_generation(self._generation)
        self._query_requested.emit(self._generation, self._query)

    @Slot(int, object, object, object, bool)
    def _on_ids_ready(
        self, generation: int, ids: Sequence[int], options: FilterOptions,
        version: object = None, complete: bool = True,
    ) -> None:
        """A query's ids: its first rows (`complete` False, shown at once) or all of them."""
        if generation != self._generation:
            return

        def shown() -> None:
            if generation != self._generation:
                return  # a newer query is on its way: still loading
            self._is_loading = False
            self._follower.data_version = version
            self.loaded.emit()

        self.filter_options_changed.emit(options)
        ids = ids if isinstance(ids, array) else array("q", ids)
        self._fill_ids(ids, shown if complete else lambda: None, first_rows=not complete)

    # -- following changes made elsewhere (see live.py) ----------------------------------------

    def reload(self) -> None:
        """Read the current query again (on the reader) and merge the answer into the rows:
        new rows appear, removed ones go, the rest (and the selection) stay. View > Refresh."""
        self._follower.reload()

    def set_watch_interval(self, milliseconds: int) -> None:
        """How often to look for changes by other processes; 0 stops looking."""
        self._follower.set_interval(milliseconds)

    def _rows_moved(self) -> None:
        """Rows now mean other ids: pages are refetched; what was held shows meanwhile."""
        super()._rows_moved()
        self._entries.rows_moved()
        self._page_requests.clear()
        self._layout = next(self._layouts)
        self._thumbnails.rows_moved()

    def _forget(self, ids: set[int]) -> None:
        self._entries.forget(ids)

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

    # -- what is on screen -------------------------------------------------------------------

    def set_visible_rows(self, rows: range) -> None:
        """The rows a view shows (with a small margin): only these are announced and loaded.

        Thumbnail and page requests outside them are dropped before a worker runs them.
        """
        super().set_visible_rows(rows)
        ids = self._ids
        self._thumbnails.retain({ids[row] for row in rows if row < len(ids)})
        pages = self._visible_pages()
        # The page after the screen is kept too: it is where a scroll down goes next.
        wanted = range(pages.start, pages.stop + 1) if pages else pages
        for page in self._page_requests.retain(wanted):
            self._entries.pending.discard(page)

    # -- rows -------------------------------------------------------------------------------

    def entry_at(self, row: int) -> LibraryEntry | None:
        """The entry in `row` if its page is held; asks for the page otherwise. Never blocks."""
        ids = self._ids
        if not 0 <= row < len(ids):
            return None
        number, offset = divmod(row, self._page_size)
        page = self._entries.page(number)
        if page is None or offset >= len(page):
            if page is not None:  # read before rows were appended to it (a filling query)
                self._entries.drop(number)
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

    def read_entries(self, ids: Sequence[int]) -> dict[int, LibraryEntry]:
        """Entries by id, read from the library now (a blocking read: for a user's action)."""
        return self._library.get_many(ids)

    def held_entries_in(self, runs: Sequence[range]) -> list[LibraryEntry]:
        """The held entries whose rows are in `runs` (bounded by what is held, not the runs)."""
        return self._entries.held_in(runs)

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
        return drag_mime(self, [entry_id for index in indexes
                                if (entry_id := self.id_at(index.row())) is not None])

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

    def set_favourite_shown(self, ids: Iterable[int], favourite: bool) -> None:
        wanted = set(ids)
        self._entries.set_favourite(wanted, favourite)
        self._mark_ids_changed(wanted)

    def set_rating_shown(self, ids: Iterable[int], stars: int) -> None:
        """Images were rated (0 clears): their cells show the new stars."""
        shown = set(self.rows_of(ids))
        for entry_id in shown:
            self._entries.set_stars(entry_id, stars)
        self._mark_ids_changed(shown)

    def _mark_ids_changed(self, ids: set[int]) -> None:
        if len(ids) > _FEW_CHANGED:  # every row on screen (it is clipped), found by no search
            self._mark_changed(0, len(self._ids) - 1)
            return
        for row in self.rows_of(ids).values():
            self._mark_changed(row, row)

    # -- thumbnails -------------------------------------------------------------------------

    def set_thumbnail_scale(self, device_pixel_ratio: float) -> None:
        """Decode thumbnails for this screen scale from now on (cached ones stay as they are)."""
        self._thumbnails.set_scale(device_pixel_ratio)

    def thumbnail(self, entry_id: int, row: int = -1) -> QImage | None:
        """The cached thumbnail, or None after asking a worker to make it."""
        return self._thumbnails.get(entry_id, row)

    def pause_thumbnails(self) -> None:
        """Queue thumbnail requests without waking the decoder (the scroll bar is dragged)."""
        self._thumbnails.paused = True

    def resume_thumbnails(self) -> None:
        """Decode what is queued (only what is still on screen: the rest was pruned)."""
        self._thumbnails.resume()

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
        found = self.row_of(entry_id, row)  # the row asked for, on screen, or a search
        if found is not None:
            self._mark_changed(found, found)
