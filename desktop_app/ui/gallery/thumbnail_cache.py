"""Decoded thumbnails for the grid: made on a worker, kept at the drawn size in a bounded LRU.

Owns decoding thumbnail bytes straight to the size a cell draws (`scaled_thumbnail`, run on the
thumbnail worker with Pillow, which releases the GIL: `QImage` only, never `QPixmap`), the cache
itself (`ThumbnailCache`: bounded by bytes and count, a remembered failure costs a little so it
is evicted in turn) and the requests still pending, which are dropped when their cells scroll
away before a worker runs them.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable, Iterable

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop_app.ui.gallery.request_queue import ThumbnailRequests

THUMBNAIL_PIXELS = 256  # what the library makes and caches on disk
CELL_IMAGE = 168  # drawn thumbnail box, device-independent pixels
# Decoded thumbnails are kept at the size they are drawn, in 4-byte formats, up to this many
# bytes (about 580 cells of 168 px at scale 1: many screens' worth).
THUMBNAIL_CACHE_BYTES = 64 * 1024 * 1024
THUMBNAIL_CACHE_SIZE = 600  # an upper bound on the cached count; the byte cap normally binds
_NULL_IMAGE_COST = 64  # bytes charged for a remembered failure, so it is evicted in turn

_ARGB = QImage.Format.Format_ARGB32_Premultiplied
_RGB = QImage.Format.Format_RGB32
_RGBX = QImage.Format.Format_RGBX8888
_RGBA_PREMULTIPLIED = QImage.Format.Format_RGBA8888_Premultiplied


def scaled_thumbnail(data: bytes, box_pixels: int, device_pixel_ratio: float) -> QImage:
    """Decode thumbnail bytes straight to the drawn size, in a 4-byte format painting blits.

    Runs on a worker thread (QImage, never QPixmap, off the GUI thread). Decoded and scaled by
    Pillow, which releases the GIL while it works, not by `QImageReader`: PySide keeps the GIL
    across `QImageReader` calls while they take Qt's image-plugin lock, and another thread
    holding that lock while it waited for the GIL (the viewer's loader) deadlocked the process
    (seen in a full test run). A null image when the bytes do not decode.
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.draft("RGB", (box_pixels, box_pixels))  # JPEG: decode at a reduced scale
            has_alpha = opened.mode in ("RGBA", "LA", "PA") or (
                opened.mode == "P" and "transparency" in opened.info)
            picture = opened.convert("RGBa" if has_alpha else "RGB")
            # Fitted into the box either way (a small thumbnail is scaled up, as drawn).
            width, height = picture.size
            scale = box_pixels / max(width, height, 1)
            fitted = (max(1, round(width * scale)), max(1, round(height * scale)))
            if fitted != picture.size:
                picture = picture.resize(fitted, Image.Resampling.BILINEAR, reducing_gap=2.0)
    except (OSError, ValueError, Image.DecompressionBombError):
        return QImage()
    if has_alpha:
        pixels, source, wanted = picture.tobytes(), _RGBA_PREMULTIPLIED, _ARGB
    else:
        pixels, source, wanted = picture.tobytes("raw", "RGBX"), _RGBX, _RGB
    width, height = picture.size
    # The QImage over Pillow's bytes is converted (copied) before those bytes go.
    image = QImage(pixels, width, height, width * 4, source).convertToFormat(wanted)
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


def _cost(image: QImage) -> int:
    return image.sizeInBytes() or _NULL_IMAGE_COST


class ThumbnailCache:
    """Thumbnails by entry id, least recently drawn evicted first, and the pending requests.

    Lives on the GUI thread. `get` answers from the cache or queues a request for the worker
    (`wake` is called when the worker has to be woken up); `store` takes what the worker made.
    """

    def __init__(self, requests: ThumbnailRequests, wake: Callable[[], None]) -> None:
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._bytes = 0
        self._pending: dict[int, int] = {}  # entry id -> row when asked (-1: look it up)
        self._requests = requests
        self._wake = wake
        self.box = CELL_IMAGE  # device pixels a thumbnail is decoded to
        self.ratio = 1.0
        self.paused = False  # requests are queued, the worker is not woken (see `resume`)
        self._wake_wanted = False

    def set_scale(self, device_pixel_ratio: float) -> None:
        """Decode for this screen scale from now on (cached ones stay as they are)."""
        ratio = max(1.0, float(device_pixel_ratio))
        self.ratio = ratio
        self.box = round(CELL_IMAGE * ratio)

    def get(self, entry_id: int, row: int = -1) -> QImage | None:
        """The cached thumbnail, or None after asking the worker to make it."""
        image = self._images.get(entry_id)
        if image is not None:
            self._images.move_to_end(entry_id)
            return image
        if entry_id not in self._pending:
            self._pending[entry_id] = row
            if self._requests.add(entry_id, (self.box, self.ratio)):
                if self.paused:
                    self._wake_wanted = True
                else:
                    self._wake()
        return None

    def resume(self) -> None:
        """Wake the worker for what was queued while paused."""
        self.paused = False
        if self._wake_wanted:
            self._wake_wanted = False
            self._wake()

    def peek(self, entry_id: int) -> QImage | None:
        """The cached thumbnail if there is one; never asks for it."""
        return self._images.get(entry_id)

    def arrived(self, entry_id: int) -> int:
        """A requested thumbnail came: the row it was asked for (-1 when unknown)."""
        return self._pending.pop(entry_id, -1)

    def retain(self, keep: Iterable[int]) -> None:
        """Forget requests for ids not in `keep`; the worker skips them."""
        wanted = keep if isinstance(keep, set | frozenset | dict) else set(keep)
        for entry_id in self._requests.retain(wanted):
            self._pending.pop(entry_id, None)

    def rows_moved(self) -> None:
        """Rows now mean other ids: pending requests look their row up when they arrive."""
        pending = self._pending
        for entry_id in pending:
            pending[entry_id] = -1

    def store(self, entry_id: int, image: QImage) -> None:
        images = self._images
        old = images.pop(entry_id, None)
        if old is not None:
            self._bytes -= _cost(old)
        images[entry_id] = image
        self._bytes += _cost(image)
        # Read at each store, so a test can lower the cap.
        cap_bytes, cap_count = THUMBNAIL_CACHE_BYTES, THUMBNAIL_CACHE_SIZE
        while len(images) > 1 and (self._bytes > cap_bytes or len(images) > cap_count):
            _, evicted = images.popitem(last=False)
            self._bytes -= _cost(evicted)

    def fit_to_cell(self, image: QImage) -> QImage:
        """A thumbnail handed in whole (a new job's) scaled to the drawn size (few, so here)."""
        box = self.box
        if image.isNull() or (image.width() <= box and image.height() <= box
                              and max(image.width(), image.height()) == box):
            return image
        scaled = image.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        scaled = scaled.convertToFormat(_ARGB if scaled.hasAlphaChannel() else _RGB)
        scaled.setDevicePixelRatio(self.ratio)
        return scaled

    def close(self) -> None:
        self._requests.close()
        self._pending.clear()

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    @property
    def count(self) -> int:
        return len(self._images)

    @property
    def size_in_bytes(self) -> int:
        return self._bytes
