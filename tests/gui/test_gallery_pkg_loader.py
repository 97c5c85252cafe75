"""The gallery loader's threads go through a ThreadKeeper (issue #13): started by `start()`,
never by the model's constructor, quit and waited for at shutdown, a stuck one kept referenced.
"""

from __future__ import annotations

import threading

from desktop_app.threads import ThreadKeeper, lingering_threads
from desktop_app.ui.gallery import GalleryModel, GalleryPanel
from tests.gui.test_gallery_memory import QuickLibrary


def _loader_threads() -> list[str]:
    return [name for name in lingering_threads() if name.startswith("library-")]


def test_threads_start_when_asked_and_stop_at_shutdown(qtbot) -> None:
    before = _loader_threads()
    model = GalleryModel(QuickLibrary(50))  # type: ignore[arg-type]
    assert model.keeper.count() == 0 and _loader_threads() == before
    model.start()
    model.start()  # once only
    assert model.keeper.count() == 2
    assert len(_loader_threads()) == len(before) + 2
    model.refresh()
    qtbot.waitUntil(lambda: model.rowCount() == 50)
    assert model.shutdown() is True
    assert model.keeper.count() == 0
    assert _loader_threads() == before


def test_the_panel_starts_its_model(qtbot) -> None:
    model = GalleryModel(QuickLibrary(5))  # type: ignore[arg-type]
    panel = GalleryPanel(model)
    qtbot.addWidget(panel)
    try:
        assert model.keeper.count() == 2
        model.refresh()
        qtbot.waitUntil(lambda: panel.count_label.text() == "5 images")
    finally:
        model.shutdown()


def test_a_keeper_handed_in_runs_the_threads_and_keeps_its_other_workers(qtbot) -> None:
    from PySide6.QtCore import QObject

    keeper = ThreadKeeper("window")
    other = QObject()
    keeper.start(other, "other-work")
    model = GalleryModel(QuickLibrary(5), keeper=keeper)  # type: ignore[arg-type]
    model.start()
    assert keeper.count() == 3
    assert model.shutdown() is True
    assert keeper.count() == 1  # only the model's two were stopped
    assert keeper.shutdown() == []


class StuckLibrary(QuickLibrary):
    """Thumbnails block until released: a call nobody can interrupt."""

    def __init__(self, total: int) -> None:
        super().__init__(total)
        self.entered = threading.Event()
        self.release = threading.Event()

    def thumbnail(self, entry_id: int, size: int = 256) -> bytes:
        self.entered.set()
        self.release.wait(30)
        return super().thumbnail(entry_id, size)


def test_a_stuck_worker_is_kept_referenced_not_destroyed(qtbot) -> None:
    library = StuckLibrary(5)
    model = GalleryModel(library)  # type: ignore[arg-type]
    model.start()
    model.thumbnail(1)
    qtbot.waitUntil(library.entered.is_set)
    keeper = model.keeper
    assert keeper.shutdown(timeout_ms=50) != []  # the thumbnailer is still in its call
    assert keeper.count() == 1  # kept: destroying a running QThread would abort
    library.release.set()
    assert keeper.shutdown() == []
    assert keeper.count() == 0
    assert model.shutdown() is True
