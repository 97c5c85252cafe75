"""Dragging images out of the gallery grid: what a drag carries and the picture that follows it.

Owns the payload (`drag_mime`: the ids, for a drop onto a board, and the images' file URLs, for
a drop into a file manager) and the start of a drag from the grid (`start_drag`). The selection
is read as runs of rows, never a Python call per selected row (Select All at a million images).
Each file URL needs the image's entry, read on the GUI thread when not held (seconds per
100,000), so a drag of more than `DRAG_FILES_LIMIT` images carries only the ids and the view
says so (`GalleryView.drag_files_limited`); Export copies that many files. Qt's own drag asks
for every selected cell's rectangle to draw its picture; here the picture is a few of the
selected cells on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDrag

from desktop_app.ui.board_list import IDS_MIME

if TYPE_CHECKING:
    from desktop_app.library import LibraryEntry
    from desktop_app.ui.gallery.delegate import GalleryDelegate
    from desktop_app.ui.gallery.grid_geometry import Grid
    from desktop_app.ui.gallery.model import GalleryModel
    from desktop_app.ui.gallery.view import GalleryView

log = logging.getLogger(__name__)

DRAG_PIXMAP_CELLS = 4  # cells drawn into the picture that follows the pointer in a drag
DRAG_FILES_LIMIT = 1000  # past this many images a drag carries no file URLs


def drag_mime(model: GalleryModel, ids: Sequence[int], *, with_files: bool = True) -> QMimeData:
    """The ids and, with `with_files`, the file URLs of those images that are not missing."""
    mime = QMimeData()
    if with_files:
        mime.setUrls([QUrl.fromLocalFile(str(entry.path))
                      for entry in _entries(model, ids) if not entry.missing])
    mime.setData(IDS_MIME, str(list(ids)).encode("ascii"))
    return mime


def start_drag(view: GalleryView, model: GalleryModel, grid: Grid, delegate: GalleryDelegate,
               actions: Qt.DropAction) -> None:
    """Drag the view's selected images (nothing when none is selected)."""
    # Here, not at the top: grid_painting imports the model, which imports this module.
    from desktop_app.ui.gallery.grid_painting import drag_pixmap

    runs = view.selected_runs()
    if not runs:
        return
    ids = model.ids_in(runs)
    with_files = len(ids) <= DRAG_FILES_LIMIT
    if not with_files:
        view.drag_files_limited.emit(len(ids))
    drag = QDrag(view)
    drag.setMimeData(drag_mime(model, ids, with_files=with_files))
    shown = view.visible_rows(margin_rows=0)
    pictured = [row for run in runs
                for row in range(max(run.start, shown.start), min(run.stop, shown.stop))
                ][:DRAG_PIXMAP_CELLS] or [runs[0].start]
    drag.setPixmap(drag_pixmap(view, grid, pictured, delegate, model))
    drag.exec(actions, view.defaultDropAction())


def _entries(model: GalleryModel, ids: Sequence[int]) -> list[LibraryEntry]:
    """The entries of `ids` that are shown: held ones, the rest in one batched read."""
    found = {i: e for i in ids if (e := model.held_entry(i))}
    shown = model.rows_of(i for i in ids if i not in found)
    missing = [i for i in ids if i in shown]
    if missing:
        try:
            found.update(model.read_entries(missing))
        except Exception:
            log.exception("Library read failed")
    return [found[i] for i in ids if i in found]
