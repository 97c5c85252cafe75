"""The library browser: a list model that holds only ids, a delegate that paints, a view, filters.

Owns showing the whole library as a grid of thumbnails. One module per part:
`request_queue` (pending loads and merge plans, no Qt), `loader` (the reader and thumbnailer
workers, started through a `ThreadKeeper`), `pages` (the entries held), `thumbnail_cache`,
`model`, `roles` (item texts), `delegate`, `view`, `filter_bar` and `panel`. The names the rest of
the app and the tests use are re-exported here.
"""

from __future__ import annotations

from desktop_app.ui.gallery.delegate import GRID_SIZE, GalleryDelegate
from desktop_app.ui.gallery.filter_bar import DATE_RANGES, FilterBar
from desktop_app.ui.gallery.ids_model import IdListModel
from desktop_app.ui.gallery.live import WATCH_INTERVAL_MS, LibraryFollower
from desktop_app.ui.gallery.loader import FilterOptions, GalleryLoader, LibraryWorker
from desktop_app.ui.gallery.model import GalleryModel
from desktop_app.ui.gallery.pages import MAX_PAGES_HELD, PAGE_SIZE, EntryPages
from desktop_app.ui.gallery.panel import EMPTY_LIBRARY_TEXT, GalleryPanel, empty_library_text
from desktop_app.ui.gallery.request_queue import (
    MergePlan,
    PageRequests,
    RequestQueue,
    ThumbnailRequests,
    merge_plan,
)
from desktop_app.ui.gallery.roles import caption_detail
from desktop_app.ui.gallery.thumbnail_cache import (
    CELL_IMAGE,
    THUMBNAIL_CACHE_BYTES,
    THUMBNAIL_CACHE_SIZE,
    THUMBNAIL_PIXELS,
    ThumbnailCache,
    scaled_thumbnail,
)
from desktop_app.ui.gallery.view import LAYOUT_BATCH, GalleryView

__all__ = [
    "CELL_IMAGE",
    "DATE_RANGES",
    "EMPTY_LIBRARY_TEXT",
    "GRID_SIZE",
    "LAYOUT_BATCH",
    "MAX_PAGES_HELD",
    "PAGE_SIZE",
    "THUMBNAIL_CACHE_BYTES",
    "THUMBNAIL_CACHE_SIZE",
    "THUMBNAIL_PIXELS",
    "WATCH_INTERVAL_MS",
    "EntryPages",
    "FilterBar",
    "FilterOptions",
    "GalleryDelegate",
    "GalleryLoader",
    "GalleryModel",
    "GalleryPanel",
    "GalleryView",
    "IdListModel",
    "LibraryFollower",
    "LibraryWorker",
    "MergePlan",
    "PageRequests",
    "RequestQueue",
    "ThumbnailCache",
    "ThumbnailRequests",
    "caption_detail",
    "empty_library_text",
    "merge_plan",
    "scaled_thumbnail",
]
