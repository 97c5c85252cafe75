"""The offline image library: every image the user made or imported, browsable with no network.

Re-exports the public API. Files live under `paths.default_library_dir()`, indexed by SQLite
(FTS5 for prompt search); metadata is embedded in every saved file. No Qt in this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.library.store import (
    DeletedBatch,
    ImportReport,
    Library,
    LibraryEntry,
    LibraryQuery,
    ReconcileReport,
)

if TYPE_CHECKING:
    from desktop_app.library.metadata import ImageMetadata, read_metadata

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


def __getattr__(name: str) -> Any:
    # The metadata readers import Pillow: loaded on first use, so a command that only lists
    # rows does not pay for them (`library.inspection`).
    if name in ("ImageMetadata", "read_metadata"):
        from desktop_app.library import metadata

        return getattr(metadata, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def import_decoders() -> None:
    """Import what the library imports only when it first reads or decodes an image (Pillow,
    the metadata readers, the checks): the window calls this on its GUI thread before any
    worker starts, so no two threads are ever inside the same first import."""
    import PIL.Image
    import PIL.PngImagePlugin  # noqa: F401

    import desktop_app.api.images
    import desktop_app.library.image_structure
    import desktop_app.library.metadata  # noqa: F401
