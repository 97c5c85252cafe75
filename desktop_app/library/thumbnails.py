"""The thumbnail cache of a library: `thumbnails/<aa>/<file sha256>-<size>.jpg` (or `.png`).

Owns where a thumbnail of an image file lives (by the hash of the file's bytes and the size),
making one from the file on first request (decoded at reduced scale, never opening the path
itself: a FIFO swapped in would block), keeping a verified image's ready-made preview, and
writing the cache atomically (a cache: no fsync; a full disk leaves no partial temp file).
Knows no database: the library says which file and which hash.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
from pathlib import Path

from desktop_app.api.types import PREVIEW_PIXELS, ImageFormat
from desktop_app.library.files import TEMP_SUFFIX, SkippedFile, read_regular_file

THUMBNAIL_MAX = PREVIEW_PIXELS  # so a client's preview is the cached thumbnail


def thumbnail_size(size: int) -> int:
    return max(16, min(int(size), THUMBNAIL_MAX))


class Thumbnails:
    """The cache under `folder` (the library's `thumbnails/`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def base(self, file_sha: str, size: int) -> Path:
        """The cache path without its suffix (.jpg, or .png when the image has alpha)."""
        return self.folder / file_sha[:2] / f"{file_sha}-{thumbnail_size(size)}"

    def get(self, base: Path, image_path: Path, size: int) -> bytes | None:
        """The cached thumbnail at `base`, or one made now from `image_path` (and cached);
        None when the file cannot be read as an image."""
        for suffix in (".jpg", ".png"):
            with contextlib.suppress(OSError):
                return base.with_suffix(suffix).read_bytes()
        size = thumbnail_size(size)
        from PIL import Image  # on the first thumbnail made, not with the package (inspection)

        from desktop_app.api.images import make_preview

        try:
            # Never Image.open(path): a file swapped for a FIFO would block this worker.
            source = io.BytesIO(read_regular_file(image_path))
            with Image.open(source) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (size, size))  # decode at reduced scale: much faster
                data = make_preview(image, size)
        except (SkippedFile, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return None
        write_thumbnail(base, data)
        return data

    def keep(self, file_sha: str, size: int, data: bytes) -> None:
        """Store a ready-made thumbnail (a verified image's preview) under its cache path."""
        from PIL import Image

        try:
            # Reads the header only (~0.01 ms): never cache what `get` would not serve.
            with Image.open(io.BytesIO(data), formats=["JPEG", "PNG"]) as preview:
                fits = max(preview.size) <= size
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            fits = False
        if fits:
            write_thumbnail(self.base(file_sha, size), data)
        # Otherwise `get` makes a proper one from the saved file on first request.


def write_thumbnail(base: Path, data: bytes) -> None:
    from desktop_app.api.images import detect_format

    suffix = ".png" if detect_format(data) is ImageFormat.PNG else ".jpg"
    target = base.with_suffix(suffix)
    temp = target.with_name(f".{target.name}.{threading.get_ident()}{TEMP_SUFFIX}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, target)  # a cache: atomic is enough, no fsync
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()  # a full disk must not leave a partial temp file either
