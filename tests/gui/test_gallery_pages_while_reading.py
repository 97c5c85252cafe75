"""#18: the first screen's captions do not wait for every id.

`library.pages.all_ids` reads a query's ids in one SQLite call (the GIL released throughout), so
the reader cannot fetch pages of entries in between as it did when it read in chunks. The
thumbnailer takes page requests too: while the reader is still reading, the first screen's page
still arrives.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop_app.library import Library, pages
from desktop_app.ui.gallery import GalleryModel
from desktop_app.ui.gallery.loader import FIRST_ROWS


def _library(root: Path, count: int) -> Library:
    library = Library.open(root)
    with library.transaction() as connection:
        for entry_id in range(1, count + 1):
            connection.execute(
                "INSERT INTO images (id, path, sha256, file_sha256, created, prompt, model, "
                "source) VALUES (?, ?, ?, ?, ?, 'a castle', 'flux', 'imported')",
                (entry_id, f"/photos/{entry_id}.png", f"{entry_id:064x}", f"{entry_id:064x}",
                 float(entry_id)))
    return library


def test_the_first_page_arrives_while_every_id_is_still_being_read(qtbot, tmp_path,
                                                                   monkeypatch) -> None:
    library = _library(tmp_path / "library", FIRST_ROWS + 50)
    release = threading.Event()
    reading = threading.Event()
    real_all_ids = pages.all_ids

    def held_all_ids(*args, **kwargs):
        reading.set()
        release.wait(30)  # a million ids: the reader is busy here for a while
        return real_all_ids(*args, **kwargs)

    monkeypatch.setattr(pages, "all_ids", held_all_ids)
    model = GalleryModel(library)
    model.start()
    try:
        model.refresh()
        qtbot.waitUntil(lambda: model.rowCount() == FIRST_ROWS and reading.is_set())
        assert model.entry_at(0) is None  # asks for the page
        qtbot.waitUntil(lambda: model.entry_at(0) is not None, timeout=10_000)
        assert model.entry_at(0).id == FIRST_ROWS + 50  # newest first
        assert model.rowCount() == FIRST_ROWS  # still reading: the page did not wait for it
    finally:
        release.set()
    qtbot.waitUntil(lambda: model.rowCount() == FIRST_ROWS + 50 and not model.is_loading)
    assert model.shutdown()
    library.close()
