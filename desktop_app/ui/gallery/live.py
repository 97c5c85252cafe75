"""Following changes other processes make to the library while the gallery shows it.

Owns `LibraryFollower`: every `WATCH_INTERVAL_MS` it asks the reader for `Library.data_version()`
(the check runs there, never on the GUI thread, one at a time); when the version moved it asks
the reader to query again and to compute a merge plan against the ids shown, and hands the
answer to the model, which changes its rows in place (selection kept). A re-read asked for while
one runs is done once more after it, and a plan made against ids that changed meanwhile is
redone.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.ui.gallery.loader import FilterOptions, LibraryWorker
from desktop_app.ui.gallery.request_queue import MergePlan

if TYPE_CHECKING:
    from desktop_app.ui.gallery.model import GalleryModel

# How often the reader asks whether another process changed the index (a few microseconds a
# check, on the reader thread; the GUI thread only starts a timer).
WATCH_INTERVAL_MS = 500


class LibraryFollower(QObject):
    """The change watch and the merging re-reads of one `GalleryModel`."""

    _merge_requested = Signal(int, int, object, object)  # generation, ids version, query, ids
    _version_wanted = Signal()

    def __init__(self, model: GalleryModel) -> None:
        super().__init__(model)
        self._model = model
        self.data_version: object = None  # the library's version the shown ids were read at
        self._is_checking = False
        self._is_merging = False
        self._merge_again = False
        self._timer = QTimer(self)
        self._timer.setInterval(WATCH_INTERVAL_MS)
        self._timer.timeout.connect(self._check_version)

    def start(self, reader: LibraryWorker) -> None:
        self._merge_requested.connect(reader.merge)
        self._version_wanted.connect(reader.check_version)
        reader.merged.connect(self._on_merged)
        reader.version_checked.connect(self._on_version_checked)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_interval(self, milliseconds: int) -> None:
        """How often to look for changes by other processes; 0 stops looking."""
        if milliseconds <= 0:
            self._timer.stop()
        else:
            self._timer.start(milliseconds)

    def reload(self) -> None:
        """Read the model's query again on the reader and merge the answer into its rows."""
        if self._is_merging:
            self._merge_again = True  # one more once the running one has answered
            return
        self._is_merging = True
        self._merge_again = False
        model = self._model
        # A copy of the ids (one memcpy) for the reader to compare with.
        self._merge_requested.emit(model.generation, model.ids_version, model.query,
                                   model.ids_array())

    def _check_version(self) -> None:
        # Only a signal to the reader: the check (however a writer holds the file) never
        # waits on this thread. One at a time, so a busy reader is not flooded.
        if not self._is_checking:
            self._is_checking = True
            self._version_wanted.emit()

    @Slot(object)
    def _on_version_checked(self, version: object) -> None:
        self._is_checking = False
        if version is None or self.data_version is None or version == self.data_version:
            return
        self.data_version = version
        self._model.library_changed.emit()
        self.reload()

    @Slot(int, int, object, object, object, object)
    def _on_merged(
        self, generation: int, ids_version: int, ids: array[int], plan: MergePlan | None,
        options: FilterOptions, version: object,
    ) -> None:
        self._is_merging = False
        model = self._model
        if generation != model.generation:
            # The query changed meanwhile; its own answer is newer than this one.
            if self._merge_again:
                self.reload()
            return
        if ids_version != model.ids_version or model.is_loading:
            self.reload()  # the rows changed here meanwhile: compare again
            return
        if version is not None:
            self.data_version = version
        model.apply_merge(ids, plan)
        model.filter_options_changed.emit(options)
        model.merged.emit()
        if self._merge_again:
            self.reload()
