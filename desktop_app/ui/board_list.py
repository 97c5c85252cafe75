"""The board list beside the grid: "All images", "Uncategorised" and every board, with counts.

Owns choosing which part of the library the grid shows (a `BoardScope`: board, uncategorised,
minimum rating), creating, renaming, deleting and exporting boards (context menu), images
dropped from the gallery onto a board (the "Add to board" chooser is `ui.board_chooser`).
Library work runs on the `TaskRunner`, never on the GUI thread; the list only shows what the
last refresh returned. Board names are user text: escaped plain text in the list and tooltips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library import Library, LibraryQuery
from desktop_app.library.boards import Board
from desktop_app.ui.board_model import (
    ALL,
    BOARD,
    BOARD_ID_ROLE,
    COUNT_ROLE,
    IDS_MIME,
    KIND_ROLE,
    NAME_ROLE,
    RATING_CHOICES,
    UNCATEGORISED_KIND,
    BoardCounts,
    BoardDelegate,
    BoardListModel,
    BoardListView,
    BoardScope,
    Index,
    ids_from_mime,
    image_ids_mime,
)
from desktop_app.ui.plain_text import display_text
from desktop_app.ui.tasks import TaskRunner

__all__ = [
    "ALL",
    "BOARD",
    "BOARD_ID_ROLE",
    "COUNT_ROLE",
    "IDS_MIME",
    "KIND_ROLE",
    "NAME_ROLE",
    "RATING_CHOICES",
    "UNCATEGORISED_KIND",
    "BoardCounts",
    "BoardDelegate",
    "BoardListModel",
    "BoardListView",
    "BoardPanel",
    "BoardScope",
    "Index",
    "ids_from_mime",
    "image_ids_mime",
    "read_counts",
]


def read_counts(library: Library) -> BoardCounts:
    """Worker thread: every board's count, the whole library and the uncategorised view."""
    return BoardCounts(tuple(library.board_list()), library.count(LibraryQuery()),
                       library.count(LibraryQuery(uncategorised=True)))


class BoardPanel(QWidget):
    """The board list and a rating filter; emits the scope the grid should show."""

    scope_changed = Signal(object)  # BoardScope
    boards_changed = Signal()  # memberships or boards changed: views by board may be stale
    failed = Signal(str)
    message = Signal(str)  # a short success line ("Added 3 images to Keepers.")

    def __init__(self, library: Library, tasks: TaskRunner, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("boardPanel")
        self._library = library
        self._tasks = tasks
        self._scope = BoardScope()
        self._reading = False  # a read of the counts is running
        self._read_again = False  # and another was asked for meanwhile
        self._pending_thens: list[Callable[[], None]] = []
        self.model = BoardListModel(self)
        self.view = BoardListView()
        self.view.setModel(self.model)
        self.view.setCurrentIndex(self.model.index(0))
        self.rating_combo = QComboBox()
        self.rating_combo.setObjectName("ratingFilter")
        self.rating_combo.setAccessibleName(self.tr("Filter by rating"))
        self.rating_combo.addItem(self.tr("Any rating"), 0)
        for label, stars in RATING_CHOICES:
            self.rating_combo.addItem(label, stars)
        title = QLabel(self.tr("Boards"))
        title.setObjectName("boardTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.rating_combo)
        self.view.selectionModel().currentChanged.connect(lambda *_a: self._update_scope())
        self.rating_combo.currentIndexChanged.connect(lambda _i: self._update_scope())
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.model.images_dropped.connect(self.add_ids)
        self.setMinimumWidth(150)

    # -- scope ------------------------------------------------------------------------------

    @property
    def scope(self) -> BoardScope:
        return self._scope

    def current_board(self) -> Board | None:
        board_id = self._scope.board_id
        return next((b for b in self.model.boards() if b.id == board_id), None)

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row))

    def select_board(self, board_id: int | None) -> None:
        row = self.model.row_of_board(board_id) if board_id is not None else 0
        self.select_row(row if row is not None else 0)

    def _update_scope(self) -> None:
        index = self.view.currentIndex()
        kind = index.data(KIND_ROLE) if index.isValid() else ALL
        scope = BoardScope(
            board_id=index.data(BOARD_ID_ROLE) if kind == BOARD else None,
            uncategorised=kind == UNCATEGORISED_KIND,
            min_rating=int(self.rating_combo.currentData() or 0),
        )
        if scope != self._scope:
            self._scope = scope
            self.scope_changed.emit(scope)

    def clear_rating(self) -> None:
        """Any rating again, without announcing it: the caller runs the one new query
        (Clear filters in the filter bar)."""
        blocked = self.rating_combo.blockSignals(True)
        self.rating_combo.setCurrentIndex(0)
        self.rating_combo.blockSignals(blocked)
        self._scope = replace(self._scope, min_rating=0)

    # -- reading ----------------------------------------------------------------------------

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Re-read boards and counts on a worker; keeps the selected row (by board).

        One read at a time: asked again while one runs, the panel reads once more when it
        ends (the counts then are the newest), and every `then` waits for that read. Reads
        started side by side piled up while a million ids arrived, ten at once, each a
        count of the whole library, and took both CPUs from the window."""
        if then is not None:
            self._pending_thens.append(then)
        if self._reading:
            self._read_again = True
            return
        self._read_counts()

    def _read_counts(self) -> None:
        library = self._library
        self._reading = True
        self._read_again = False

        def again() -> bool:
            self._reading = False
            if self._read_again:
                self._read_counts()
                return True
            return False

        def done(counts: BoardCounts) -> None:
            if again():
                return  # changed meanwhile: the next read's counts are shown
            selected = self.view.currentIndex()
            kind = selected.data(KIND_ROLE) if selected.isValid() else ALL
            board_id = selected.data(BOARD_ID_ROLE)
            blocker = self.view.selectionModel().blockSignals(True)
            self.model.set_counts(counts)
            row = {ALL: 0, UNCATEGORISED_KIND: 1}.get(kind)
            if kind == BOARD and board_id is not None:
                row = self.model.row_of_board(board_id)
            self.view.setCurrentIndex(self.model.index(row if row is not None else 0))
            self.view.selectionModel().blockSignals(blocker)
            self._update_scope()  # the board may be gone
            thens, self._pending_thens = self._pending_thens, []
            for pending in thens:
                pending()

        report = self._failure(self.tr("Boards could not be read"))

        def failed(error: Exception) -> None:
            if not again():
                report(error)

        self._tasks.run(lambda: read_counts(library), done, failed, name="board-counts",
                        context=self)

    def boards(self) -> list[Board]:
        return self.model.boards()

    # -- changing ---------------------------------------------------------------------------

    def _failure(self, what: str) -> Callable[[Exception], None]:
        return lambda error: self.failed.emit(
            self.tr("{problem}. {reason}").format(problem=what, reason=error))

    def _change(self, work: Callable[[], Any], what: str, done_text: Callable[[Any], str]) -> None:
        def done(result: Any) -> None:
            self.message.emit(done_text(result))
            self.refresh(self.boards_changed.emit)

        self._tasks.run(work, done, self._failure(what), name="board-change", context=self)

    def create_board(self, name: str, then: Callable[[Board], None] | None = None) -> None:
        library = self._library

        def done(board: Board) -> None:
            self.message.emit(self.tr("Created board {name}.").format(name=board.name))
            self.refresh(lambda: then(board) if then is not None else None)

        self._tasks.run(lambda: library.boards.create(name), done,
                        self._failure(self.tr("The board could not be created")),
                        name="board-create",
                        context=self)

    def rename_board(self, board_id: int, name: str) -> None:
        library = self._library
        self._change(lambda: library.boards.rename(board_id, name),
                     self.tr("The board could not be renamed"),
                     lambda b: self.tr("Renamed the board to {name}.").format(name=b.name))

    def delete_board(self, board_id: int) -> None:
        library = self._library
        self._change(lambda: library.boards.delete(board_id),
                     self.tr("The board could not be deleted"),
                     lambda b: self.tr("Deleted board {name}; its images stay in the library."
                                       ).format(name=b.name))

    def add_ids(self, board_id: int, ids: Sequence[int]) -> None:
        library, ids = self._library, list(ids)
        name = next((b.name for b in self.boards() if b.id == board_id), None)

        def done(count: int) -> str:
            if name is None:
                return self.tr("Added %Ln image(s) to the board.", "", count)
            return self.tr("Added %Ln image(s) to {board}.", "", count).format(board=name)

        self._change(lambda: library.add_to_board(board_id, ids),
                     self.tr("The images could not be added to the board"), done)

    def add_ids_by_name(self, name: str, ids: Sequence[int]) -> None:
        """Add to the board called `name`, creating it first if there is none."""
        found = next((b for b in self.boards() if b.name.casefold() == name.casefold()), None)
        if found is not None:
            self.add_ids(found.id, ids)
        else:
            self.create_board(name, lambda board: self.add_ids(board.id, ids))

    def remove_ids(self, board_id: int, ids: Sequence[int]) -> None:
        library, ids = self._library, list(ids)
        name = next((b.name for b in self.boards() if b.id == board_id), None)

        def done(count: int) -> str:
            if name is None:
                return self.tr("Removed %Ln image(s) from the board.", "", count)
            return self.tr("Removed %Ln image(s) from {board}.", "", count).format(board=name)

        self._change(lambda: library.remove_from_board(board_id, ids),
                     self.tr("The images could not be taken off the board"), done)

    def export_board(self, board_id: int, folder: Path) -> None:
        from desktop_app.ui.export import export_summary

        library = self._library
        skipped: list[tuple[Path, str]] = []  # filled on the worker, read once it is done

        def done(paths: list[Path]) -> None:
            self.message.emit(export_summary(len(paths), skipped, folder))

        self._tasks.run(lambda: library.export_board(board_id, folder, skipped), done,
                        self._failure(self.tr("The board could not be exported")),
                        name="board-export",
                        context=self)

    # -- asking (seams tests replace) -------------------------------------------------------

    def ask_name(self, title: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, self.tr("Board name:"),
                                        QLineEdit.EchoMode.Normal, text)
        return name if ok and name.strip() else None

    def ask_delete(self, board: Board) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete board"),
                          self.tr("Delete the board “{name}”? Its images stay in the library."
                                  ).format(name=display_text(board.name, max_lines=1)),
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        delete = box.addButton(self.tr("Delete board"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        return box.clickedButton() is delete

    def ask_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export board to"),
                                                  str(Path.home()))
        return Path(folder) if folder else None

    def _show_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        board = None
        if index.isValid() and index.data(KIND_ROLE) == BOARD:
            board = Board(int(index.data(BOARD_ID_ROLE)), str(index.data(NAME_ROLE)))
        menu = QMenu(self)
        menu.addAction(self.tr("New board…"), self.new_board)
        if board is not None:
            menu.addAction(self.tr("Rename…"), lambda: self.rename_interactively(board))
            menu.addAction(self.tr("Export board…"), lambda: self.export_interactively(board))
            menu.addSeparator()
            menu.addAction(self.tr("Delete board…"), lambda: self.delete_interactively(board))
        menu.popup(self.view.viewport().mapToGlobal(position))

    def new_board(self) -> None:
        name = self.ask_name(self.tr("New board"))
        if name is not None:
            self.create_board(name, lambda board: self.select_board(board.id))

    def rename_interactively(self, board: Board) -> None:
        name = self.ask_name(self.tr("Rename board"), board.name)
        if name is not None and name != board.name:
            self.rename_board(board.id, name)

    def delete_interactively(self, board: Board) -> None:
        if self.ask_delete(board):
            self.delete_board(board.id)

    def export_interactively(self, board: Board) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.export_board(board.id, folder)
