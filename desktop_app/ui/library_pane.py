"""The library side of the main window, built on first need: the library, its grid and boards.

Owns opening the library (directly, or from a callable after the first paint: importing the
library and the grid is most of what start-up would otherwise cost), building the gallery model
and panel and the `SortingController` (board list beside the grid), putting them where the
placeholder stood under the message bars, telling the user once when the library set a damaged
index aside, and the View commands (search, refresh). The window's hub connects the grid to the
actions and commands when `opened` is emitted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from desktop_app.ui.first_paint import after_first_paint
from desktop_app.ui.theme import Accent

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop_app.library import Library
    from desktop_app.ui.gallery import GalleryModel, GalleryPanel
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.sorting import SortingController


class LibraryPane(QObject):
    """The library, gallery and boards of one main window; each built once, on first need."""

    opened = Signal(object)  # the GalleryPanel, just built (its model is .model)
    changed = Signal()  # the library was changed by another statement (usage is told)

    def __init__(self, window: MainWindow, source: Library | Callable[[], Library],
                 splitter: QSplitter, placeholder: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._source = source
        self._splitter = splitter
        self._placeholder = placeholder
        self.library: Library | None = None
        self.model: GalleryModel | None = None
        self.panel: GalleryPanel | None = None
        self.sorting: SortingController | None = None
        self._told_recovery: Path | None = None  # the set-aside index last told about

    def ensure(self) -> Library:
        if self.library is not None:
            return self.library
        from desktop_app.ui.gallery import GalleryModel, GalleryPanel
        from desktop_app.ui.sorting import SortingController

        window = self._window
        source = self._source
        library = source() if callable(source) else source
        self.library = library
        model = GalleryModel(library, window)
        panel = GalleryPanel(model)
        self.model, self.panel = model, panel
        model.library_changed.connect(self.changed)
        model.failed.connect(lambda text: window.message_bar.show_message(text, Accent.ERROR))
        self.opened.emit(panel)
        self.sorting = SortingController(window)  # the board list beside the grid
        self._splitter.replaceWidget(1, self.sorting.place(panel))
        overlay = window.message_overlay
        overlay.height_changed.connect(panel.set_bottom_inset)
        overlay.attach(panel, panel.view.verticalScrollBar().sizeHint().width())
        self._placeholder.deleteLater()
        model.refresh()
        self.sorting.board_panel.refresh()
        # Damage met later, by any statement, is told too: checked after each library read.
        for signal in (model.loaded, model.merged, model.library_changed, model.failed):
            signal.connect(self.tell_if_index_set_aside)
        self.tell_if_index_set_aside()
        return library

    def after_shown(self, callback: Callable[[], object], at_most_ms: int = 3000) -> None:
        """Call `callback` once, when the grid has painted its first ids (or said it could not
        read them), and `at_most_ms` from now at the latest; without a grid, in the next turn.
        For start-up work that must not delay the library being shown (#18)."""
        done = False

        def run() -> None:
            nonlocal done
            if not done:
                done = True
                callback()

        panel = self.panel
        if panel is None:
            QTimer.singleShot(0, run)
            return

        def watch_next_paint(*_args: object) -> None:
            # One turn later the panel shows the grid, or its label when there is nothing.
            target = panel.view.viewport() if panel.view.isVisible() else panel.empty_label
            # A turn after the paint's own after-paint callbacks (a watcher timing it).
            after_first_paint(target, lambda: QTimer.singleShot(0, run), self)
            target.update()

        for signal in (panel.model.loaded, panel.model.failed):
            signal.connect(lambda *_args: QTimer.singleShot(0, watch_next_paint),
                           Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(at_most_ms, run)

    def open_or_report(self, folder: Path) -> None:
        """Open the library after the first paint; when it cannot be (unreadable folder,
        corrupt index...), say so in the bar and keep the window."""
        try:
            self.ensure()
        except Exception as error:
            log.exception("The library could not be opened")
            self._window.message_bar.show_message(
                self.tr("The library in {folder} could not be opened: {reason}").format(
                    folder=folder, reason=error),
                Accent.ERROR, [(self.tr("Open settings"), self._window.dialogs.open_settings)])

    def built(self) -> GalleryPanel:
        """The gallery panel (its model is `.model`), built now if it was not yet."""
        self.ensure()
        assert self.panel is not None
        return self.panel

    def require_sorting(self) -> SortingController:
        """The boards and compare controller, built with the grid if it was not yet."""
        self.built()
        assert self.sorting is not None
        return self.sorting

    def tell_if_index_set_aside(self, *_args: object) -> None:
        """Say so when the library set its index aside (at open, or since the last check).

        Reads an attribute the library sets, no disk work. At open the reconcile that follows
        re-indexes the files; mid-session the library re-indexes them itself.
        """
        recovered = getattr(self.library, "recovered_from", None)
        if recovered is None or recovered == self._told_recovery:
            return
        self._told_recovery = recovered
        self._window.message_bar.show_message(self.tr(
            "The library index was damaged and has been set aside as {name}; the images are "
            "being re-indexed from their embedded metadata.").format(name=recovered.name),
            Accent.WARNING)

    def focus_search(self) -> None:
        """Ctrl+F: to the library's search box, wherever the focus was."""
        if self.panel is not None:
            self.panel.filter_bar.focus_search()

    def refresh(self) -> None:
        """View > Refresh: read the library again (gallery, filters, usage), off this thread."""
        if self.model is not None:
            self.model.reload()
        self.changed.emit()

    def shutdown(self) -> None:
        if self.model is not None:
            self.model.shutdown()

    def close(self) -> None:
        """Close the library if it was ever opened (the app calls this last)."""
        if self.library is not None:
            self.library.close()
