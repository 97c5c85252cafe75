"""An indexed file whose pixels fail to decode (damaged on disk after its import: import itself
refuses such files, #18's container checks included). The gallery must cope: its thumbnail
arrives as a null image, the cell paints the placeholder, nothing is raised."""

from __future__ import annotations

from pathlib import Path

from desktop_app.library import Library, LibraryQuery
from desktop_app.ui.gallery import GalleryModel, GalleryView
from tests.unit.test_import_structure_checks import _png, _png_with_broken_pixels


def test_an_indexed_file_whose_pixels_fail_shows_the_placeholder(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "broken.png").write_bytes(_png(prompt="damaged later"))
    (folder / "good.png").write_bytes(_png(prompt="a good one"))
    library = Library.open(tmp_path / "library")
    report = library.import_folder(folder)
    assert (report.added, report.failed) == (2, ())
    entries = library.get_many(library.query_ids(LibraryQuery())).values()
    ids = {entry.path.name: entry.id for entry in entries}
    (folder / "broken.png").write_bytes(_png_with_broken_pixels())  # bit rot, say
    model = GalleryModel(library)
    model.start()
    try:
        view = GalleryView(model)
        qtbot.addWidget(view)
        view.resize(600, 400)
        view.show()
        model.refresh()
        qtbot.waitUntil(lambda: model.rowCount() == 2)
        view.viewport().repaint()  # asks for both thumbnails
        qtbot.waitUntil(lambda: all(model.thumbnail(i) is not None for i in ids.values()),
                        timeout=10000)
        assert model.thumbnail(ids["broken.png"]).isNull()  # the placeholder is painted
        assert not model.thumbnail(ids["good.png"]).isNull()
        assert not view.viewport().grab().isNull()  # painting both cells raises nothing
    finally:
        model.shutdown()
        library.close()
