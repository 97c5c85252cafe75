"""The offline image library: every image the user made or imported, browsable with no network.

Re-exports the public API. Files live under `paths.default_library_dir()`, indexed by SQLite
(FTS5 for prompt search); metadata is embedded in every saved file. No Qt in this package.
"""

from desktop_app.library.metadata import ImageMetadata, read_metadata
from desktop_app.library.store import (
    DeletedBatch,
    ImportReport,
    Library,
    LibraryEntry,
    LibraryQuery,
    ReconcileReport,
)

__all__ = [
    "DeletedBatch",
    "ImageMetadata",
    "ImportReport",
    "Library",
    "LibraryEntry",
    "LibraryQuery",
    "ReconcileReport",
    "read_metadata",
]
