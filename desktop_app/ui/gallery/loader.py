"""The gallery's background reads: a reader and a thumbnailer, each a worker on its own thread.

Owns `LibraryWorker` (queries, pages of entries with their stars, the library's data version,
thumbnail decoding; blocking calls, results by signals) and `GalleryLoader`, which starts the two
workers through a `ThreadKeeper` when asked (never on construction) and stops them at shutdown.
Requests reach the workers through the shared `RequestQueue`s, so pruned ones are never run.
A query answers twice when it has more than a screen of rows: its first `FIRST_ROWS` ids at once
(`library.pages.first_page`: ~6 ms median at a million, where every id of a search took up to
0.9 s), then all of them, read into one `array('q')` by one SQLite call that releases the GIL
(`library.pages.all_ids`). Meanwhile the thumbnailer fetches the pages of entries a screen asks
for: both workers take page requests, and the thumbnailer looks for one before each thumbnail.
A query superseded meanwhile is not read whole.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QImage

from desktop_app.library import Library, LibraryEntry, LibraryQuery
from desktop_app.library import pages as library_pages
from desktop_app.threads import ThreadKeeper
from desktop_app.ui.gallery.request_queue import PageRequests, ThumbnailRequests, merge_plan
from desktop_app.ui.gallery.thumbnail_cache import THUMBNAIL_PIXELS, scaled_thumbnail

log = logging.getLogger(__name__)

FIRST_ROWS = 200  # ids of a query shown before the rest: more than a screen of the grid


@dataclass(frozen=True)
class FilterOptions:
    """What the filter boxes offer: the library's distinct models, sizes and generator ids."""

    models: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    generators: tuple[str, ...] = ()


def _read_failed(error: Exception) -> str:
    return QCoreApplication.translate(
        "LibraryWorker", "The library could not be read: {error}").format(error=error)


def page_stars(library: Any, entries: Sequence[LibraryEntry | None]) -> dict[int, int]:
    """Stars of the rated entries of one page, by entry id (read on the reader thread).

    Ratings live in the user state by content hash (`Library.boards`); a library without one
    (a test's fake) has no stars.
    """
    boards = getattr(library, "boards", None)
    if boards is None:
        return {}
    by_hash = {entry.sha256: entry.id for entry in entries if entry is not None}
    if not by_hash:
        return {}
    try:
        stars = boards.ratings(list(by_hash))
    except Exception:
        log.warning("Ratings could not be read", exc_info=True)
        return {}
    return {by_hash[sha]: count for sha, count in stars.items() if sha in by_hash}


class LibraryWorker(QObject):
    """Blocking library reads on a background thread. Plain QObject with no parent, moved."""

    ids_ready = Signal(int, object, object, object, bool)  # generation, ids, FilterOptions,
    # the library's data_version read before the query, and whether these are all its ids
    merged = Signal(int, int, object, object, object, object)  # generation, ids version,
    # ids, MergePlan | None, FilterOptions, data_version
    version_checked = Signal(object)  # Library.data_version(), or None when it failed
    # layout, page, list[LibraryEntry | None] in row order, {entry id: stars} of the rated ones
    entries_ready = Signal(int, int, object, object)
    thumbnail_ready = Signal(int, object)  # entry id, QImage (null if it could not be made)
    failed = Signal(str)

    def __init__(
        self, library: Library, pages: PageRequests, thumbnails: ThumbnailRequests
    ) -> None:
        super().__init__()
        self._library = library
        self._pages = pages
        self._thumbnails = thumbnails
        # The newest query the GUI thread asked for (set there; an int is read atomically):
        # an older one still queued here is not read in full.
        self.wanted_generation = 0

    def _ids(self, query: LibraryQuery, limit: int | None = None) -> array[int]:
        library = self._library
        if isinstance(library, Library):  # the real index: the paged and chunked reads
            if limit is not None:
                return array("q", library_pages.first_page(library, query, limit))
            return library_pages.all_ids(library, query)
        ids = library.query_ids(query) if limit is None else library.query_ids(query, limit)
        return ids if isinstance(ids, array) else array("q", ids)

    def _read(self, query: LibraryQuery, limit: int | None = None
              ) -> tuple[Any, array[int], FilterOptions] | None:
        try:
            # Read first: a change that lands during the query is seen by the next check.
            version = self._library.data_version()
            ids = self._ids(query, limit)
            options = FilterOptions(
                tuple(self._library.models()),
                tuple(self._library.sizes()),
                tuple(self._library.generators()),
            )
        except Exception as error:
            log.exception("Library query failed")
            self.failed.emit(_read_failed(error))
            return None
        return version, ids, options

    @Slot(int, object)
    def query(self, generation: int, query: LibraryQuery) -> None:
        if generation < self.wanted_generation:
            return  # a newer query is queued behind this one
        result = self._read(query, FIRST_ROWS)
        if result is None:
            return
        version, ids, options = result
        if len(ids) < FIRST_ROWS:  # that was all of it
            self.ids_ready.emit(generation, ids, options, version, True)
            return
        self.ids_ready.emit(generation, ids, options, version, False)
        if generation < self.wanted_generation:
            return
        result = self._read(query)
        if result is not None:
            version, ids, options = result
            self.ids_ready.emit(generation, ids, options, version, True)

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
                self.failed.emit(_read_failed(error))
                continue
            entries = [found.get(entry_id) for entry_id in ids]
            self.entries_ready.emit(layout, page, entries, page_stars(self._library, entries))

    @Slot()
    def load_thumbnails(self) -> None:
        """Make queued thumbnails until none is left, oldest request first."""
        while (item := self._thumbnails.take()) is not None:
            self.fetch_pages()  # a screen's captions first: the reader may be in a long query
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


class GalleryLoader(QObject):
    """The reader and the thumbnailer of one gallery model, started on request.

    Threads go through a `ThreadKeeper` (the model's own unless one is handed in), which quits
    and waits for them at `shutdown` and keeps any that would not stop referenced.
    """

    def __init__(
        self,
        library: Library,
        pages: PageRequests,
        thumbnails: ThumbnailRequests,
        keeper: ThreadKeeper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._pages = pages
        self._thumbnails = thumbnails
        self._owns_keeper = keeper is None
        self.keeper = keeper if keeper is not None else ThreadKeeper("gallery-loader", self)
        self.reader: LibraryWorker | None = None
        self.thumbnailer: LibraryWorker | None = None

    @property
    def is_started(self) -> bool:
        return self.reader is not None

    def wanted_generation(self, generation: int) -> None:
        """The newest query asked for: the reader skips older ones it has not read yet."""
        if self.reader is not None:
            self.reader.wanted_generation = generation

    def start(self) -> tuple[LibraryWorker, LibraryWorker]:
        """Start both workers (once); returns (reader, thumbnailer) for the caller to wire."""
        if self.reader is None or self.thumbnailer is None:
            reader = LibraryWorker(self._library, self._pages, self._thumbnails)
            thumbnailer = LibraryWorker(self._library, self._pages, self._thumbnails)
            self.keeper.start(reader, "library-reader")
            self.keeper.start(thumbnailer, "library-thumbnails")
            self.reader, self.thumbnailer = reader, thumbnailer
        return self.reader, self.thumbnailer

    def shutdown(self) -> bool:
        """Drop queued work, quit and wait for both threads; False if one is still running."""
        self._pages.close()
        self._thumbnails.close()
        if self._owns_keeper:
            stopped = not self.keeper.shutdown()  # both within one deadline
        else:
            workers = [w for w in (self.reader, self.thumbnailer) if w is not None]
            stopped = all([self.keeper.stop(worker) for worker in workers])
        if stopped:
            # Ended threads: the workers can go now, on this (the GUI) thread.
            self.reader = self.thumbnailer = None
        return stopped
