"""Scrolling a very large library: lazy entries, bounded thumbnail cache, stale loads dropped.

Also the regression guard for the PySide6 6.12 / Python 3.11 None-refcount bug (PLATFORM.md):
with it, a few seconds of scrolling a big model aborts the process with `none_dealloc`.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app.library import LibraryEntry, LibraryQuery
from desktop_app.ui.gallery import THUMBNAIL_CACHE_SIZE, GalleryModel, GalleryView
from tests.library_helpers import image_bytes

TOTAL = 20_000


class FakeLibrary:
    """Just the read side of `Library` the browser uses, in memory."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.thumbnail_calls = 0
        self._thumbnail = image_bytes(7, (64, 64))

    def query_ids(self, query: LibraryQuery, limit: int | None = None) -> list[int]:
        ids = list(range(self.total, 0, -1))
        return ids if query.newest_first else ids[::-1]

    def get_many(self, ids):
        return {i: self._entry(i) for i in ids}

    def get(self, entry_id: int):
        return self._entry(entry_id)

    def data_version(self) -> tuple[int, int]:
        return (0, 0)  # never changes: nothing else writes to it

    def models(self) -> list[str]:
        return ["fake/model"]

    def sizes(self) -> list[str]:
        return ["64x64"]

    def generators(self) -> list[str]:
        return ["nscale-studio"]

    def thumbnail(self, entry_id: int, size: int = 256) -> bytes:
        self.thumbnail_calls += 1
        time.sleep(0.004)  # what decoding a real thumbnail costs, roughly
        return self._thumbnail

    @staticmethod
    def _entry(i: int) -> LibraryEntry:
        return LibraryEntry(
            id=i, path=Path(f"/nonexistent/{i}.png"), sha256=f"{i:064x}", created=float(i),
            prompt=f"prompt number {i}", model="fake/model", width=64, height=64, format="png",
            bytes=100, job_id=None, endpoint_host="", latency_s=None, favourite=i % 7 == 0,
            missing=False, n_index=0, source="generated",
        )


def test_scrolling_twenty_thousand_items_for_a_while(qtbot):
    library = FakeLibrary(TOTAL)
    model = GalleryModel(library)  # type: ignore[arg-type]
    model.start()
    try:
        scroll_for_a_while(qtbot, model, library)
    finally:
        model.shutdown()


def scroll_for_a_while(qtbot, model: GalleryModel, library: FakeLibrary) -> None:
    requested: list[int] = []
    queue = model._thumbnail_requests
    queue_add = queue.add

    def add(entry_id: int, payload: object) -> bool:
        requested.append(entry_id)
        return queue_add(entry_id, payload)

    queue.add = add  # type: ignore[method-assign]
    view = GalleryView(model)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == TOTAL)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    deadline = time.monotonic() + 3.0
    step = max(1, bar.maximum() // 150)
    value = 0
    while time.monotonic() < deadline:
        value = (value + step) % (bar.maximum() + 1)
        bar.setValue(value)
        view.viewport().repaint()
        QApplication.processEvents()
        # The delegate path also exercises QModelIndex.data() for display and tooltip roles.
        index = view.indexAt(view.viewport().rect().center())
        if index.isValid():
            index.data()
            index.data(0x0100 + 99)  # an unset role: returns None from C++
    assert model.cached_thumbnail_count() <= THUMBNAIL_CACHE_SIZE
    # Requests for items scrolled away were dropped, not all queued.
    qtbot.waitUntil(lambda: model.pending_thumbnail_count() < 400, timeout=5000)
    assert len(requested) > 1000
    assert library.thumbnail_calls < len(requested) // 2
