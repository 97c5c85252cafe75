"""Sorting images in the window: boards beside the grid, culling in the viewer, compare.

Owns the wiring between the board panel, the gallery's query, the "Add to board" / "Remove from
board" actions, the viewer's culling keys (favourite, delete, board, rating, position, Home/End)
and what Compare opens (its window's lifetime is in dialogs.py), so `MainWindow` only builds this
object and connects its actions. Library work runs
on the window's `TaskRunner`; nothing here reads the disk on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QSplitter, QWidget

from desktop_app.library import LibraryEntry, LibraryQuery
from desktop_app.settings import Settings
from desktop_app.ui.board_chooser import BoardChooser
from desktop_app.ui.board_list import BoardPanel, BoardScope
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow

SPLITTER_KEY = "main/library_splitter"  # board list | grid


class SortingController(QObject):
    """Boards, culling and compare for one main window (built with its library)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.board_panel = BoardPanel(window.library, window.tasks)
        gallery = window.gallery_panel
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(self.board_panel)
        # The grid shows the filter bar's query within the chosen board / rating.
        gallery.filter_bar.query_changed.disconnect(window.gallery_model.set_query)
        gallery.filter_bar.query_changed.connect(self._apply_filters)
        self.board_panel.scope_changed.connect(lambda _scope: self._apply_filters())
        # Clear filters clears the rating too, in its one query; it is offered for a rating.
        gallery.filter_bar.filters_cleared.connect(self.board_panel.clear_rating)
        self.board_panel.scope_changed.connect(
            lambda scope: gallery.filter_bar.set_filtered_elsewhere(scope.min_rating > 0))
        gallery.filter_bar.filters_cleared.connect(
            lambda: gallery.filter_bar.set_filtered_elsewhere(False))
        # An empty grid names the board / rating that hides the images, not "library empty".
        gallery.scope_text = self.scope_text
        self.board_panel.boards_changed.connect(self._on_boards_changed)
        self.board_panel.failed.connect(
            lambda text: window.message_bar.show_message(text, Accent.ERROR))
        self.board_panel.message.connect(
            lambda text: window.message_bar.show_message(text, Accent.SUCCESS, timeout_ms=4000))
        # Any change to the grid (a reload, new images, a delete, an undo) may change counts:
        # re-read them once the burst is over.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(150)
        self._counts_timer.timeout.connect(self.board_panel.refresh)
        model = window.gallery_model
        model.loaded.connect(self._counts_timer.start)

        def rows_changed(*_args: object) -> None:
            # A query's rows arriving (a million at open, in chunks) change no count.
            if not model.is_loading and not model.is_filling:
                self._counts_timer.start()

        model.rowsInserted.connect(rows_changed)
        model.rowsRemoved.connect(rows_changed)

    def place(self, gallery: QWidget) -> QWidget:
        """The widget to put where the gallery goes: the board list, then the gallery."""
        self.splitter.addWidget(gallery)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, 800])
        state = Settings.window_state(SPLITTER_KEY)
        if state:
            self.splitter.restoreState(QByteArray(state))
        return self.splitter

    def save_state(self) -> None:
        Settings.set_window_state(SPLITTER_KEY, bytes(self.splitter.saveState().data()))

    # -- the grid's query -------------------------------------------------------------------

    @property
    def scope(self) -> BoardScope:
        return self.board_panel.scope

    def _apply_filters(self, query: LibraryQuery | None = None) -> None:
        query = query or self._window.gallery_panel.filter_bar.query()
        self._window.gallery_model.set_query(self.scope.apply(query))

    def scope_text(self) -> tuple[list[str], str]:
        """The board list's narrowing in words, and how to see the whole library again."""
        scope = self.scope
        words: list[str] = []
        narrowed_by_board = False
        if scope.board_id is not None:
            board = self.board_panel.current_board()
            words.append(self.tr("board “{name}”").format(name=board.name) if board is not None
                         else self.tr("the chosen board"))
            narrowed_by_board = True
        elif scope.uncategorised:
            words.append(self.tr("uncategorised"))
            narrowed_by_board = True
        if scope.min_rating:
            words.append(self.tr("rated %n+ stars", "", scope.min_rating) if scope.min_rating < 5
                         else self.tr("rated 5 stars"))
        if narrowed_by_board and scope.min_rating:
            hint = self.tr("Choose All images and Any rating in the board list to see them all.")
        elif narrowed_by_board:
            hint = self.tr("Choose All images in the board list to see them all.")
        elif scope.min_rating:
            hint = self.tr("Choose Any rating in the board list to see them all.")
        else:
            hint = ""
        return words, hint

    def _on_boards_changed(self) -> None:
        if self.scope != BoardScope(min_rating=self.scope.min_rating):
            self._window.gallery_model.refresh()  # a board view may have gained or lost images

    # -- add / remove -----------------------------------------------------------------------

    def ask_board(self, parent: QWidget | None = None) -> str | None:
        """The "Add to board" chooser (a seam tests replace); None when cancelled."""
        chooser = BoardChooser(self.board_panel.boards(), parent or self._window)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return None
        return chooser.chosen_name() or None

    def add_to_board(self, ids: Sequence[int] | None = None,
                     parent: QWidget | None = None) -> None:
        ids = list(ids) if ids is not None else self._window.gallery_view.selected_ids()
        if not ids:
            return
        name = self.ask_board(parent)
        if name:
            self.board_panel.add_ids_by_name(name, ids)

    def remove_from_board(self) -> None:
        board = self.board_panel.current_board()
        ids = self._window.gallery_view.selected_ids()
        if board is None:
            self._window.message_bar.show_message(
                self.tr("Choose a board in the list first: images are removed from the board "
                        "shown."),
                Accent.INFO, timeout_ms=5000)
            return
        if ids:
            self.board_panel.remove_ids(board.id, ids)

    # -- the viewer -------------------------------------------------------------------------

    def attach_viewer(self, viewer: Any) -> None:
        viewer.favourite_requested.connect(self.set_favourite_of)
        viewer.delete_requested.connect(self._viewer_delete)
        viewer.board_requested.connect(lambda entry_id: self.add_to_board([entry_id], viewer))
        viewer.rating_requested.connect(self._viewer_rating)
        viewer.marks_wanted.connect(self._viewer_marks)
        model = self._window.gallery_model
        for changed in (model.rowsRemoved, model.rowsInserted, model.modelReset, model.loaded):
            changed.connect(lambda *_args: viewer.refresh_position())

    def viewer_position(self, entry_id: int) -> tuple[int, int] | None:
        """(1-based position, total) of an entry in the grid's current (filtered) order."""
        model = self._window.gallery_model
        row = model.row_of(entry_id)
        return (row + 1, model.rowCount()) if row is not None else None

    def viewer_jump(self, row: int) -> LibraryEntry | int | None:
        """The entry at a row of the grid (-1: the last), or its id when not fetched yet."""
        model = self._window.gallery_model
        row = model.rowCount() - 1 if row < 0 else row
        entry_id = model.id_at(row)
        if entry_id is None:
            return None
        entry = model.entry_at(row)
        return entry if entry is not None else entry_id

    def _viewer_marks(self, entry_id: int) -> None:
        """Read the shown entry's stars (user state, by hash) on a worker."""
        viewer = self._window.dialogs.viewer
        entry = viewer.entry if viewer is not None else None
        if entry is None or entry.id != entry_id:
            return
        boards, sha = self._window.library.boards, entry.sha256
        self._window.tasks.run(lambda: boards.ratings([sha]).get(sha, 0),
                               lambda stars: viewer.set_marks(entry_id, stars=stars),
                               None, name="viewer-marks", context=viewer)

    def set_favourite_of(self, entry_id: int, favourite: bool) -> None:
        """The viewer's or compare view's F key: mark one image, and show it everywhere."""
        window, library = self._window, self._window.library

        def done(_result: object) -> None:
            window.gallery_model.set_favourite_shown([entry_id], favourite)
            if window.dialogs.viewer is not None:
                window.dialogs.viewer.set_marks(entry_id, favourite=favourite)

        window.tasks.run(lambda: library.set_favourite([entry_id], favourite), done,
                         window.library_controller.report_failure(
                             self.tr("Favourites could not be changed")),
                         name="favourite")

    def _viewer_rating(self, entry_id: int, stars: int) -> None:
        window, library = self._window, self._window.library

        def done(_result: object) -> None:
            if window.dialogs.viewer is not None:
                window.dialogs.viewer.set_marks(entry_id, stars=stars)
            window.gallery_model.set_rating_shown([entry_id], stars)  # the grid's stars
            if self.scope.min_rating:
                window.gallery_model.refresh()

        window.tasks.run(lambda: library.set_rating([entry_id], stars), done,
                         window.library_controller.report_failure(
                             self.tr("The rating could not be changed")),
                         name="rating")

    def _viewer_delete(self, entry_id: int) -> None:
        self._window.library_controller.delete_selection([entry_id])

    # -- compare ----------------------------------------------------------------------------

    def compare(self) -> Any:
        """Open the compare view on the 2-4 selected images."""
        window = self._window
        count = window.gallery_view.selected_count()
        entries = window.library_controller.selected_entries() if 2 <= count <= 4 else []
        if not 2 <= len(entries) <= 4:
            window.message_bar.show_message(self.tr("Select 2 to 4 images to compare."),
                                            Accent.INFO, timeout_ms=4000)
            return None
        return window.dialogs.open_compare(entries)

