"""The board list beside the grid: "All images", "Uncategorised" and every board, with counts.

Owns choosing which part of the library the grid shows (a `BoardScope`: board, uncategorised,
minimum rating), creating, renaming, deleting and exporting boards (context menu), images
dropped from the gallery onto a board (the "Add to board" chooser is `ui.board_chooser`).
Library work runs on the `TaskRunner`, never on the GUI thread; the list only shows what the
last refresh returned. Board names are user text: escaped plain text in the list and tooltips.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.library import Library, LibraryQuery
from desktop_app.library.boards import MAX_NAME_LENGTH, Board
from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.ui.tasks import TaskRunner

IDS_MIME = "application/x-nscale-image-ids"  # JSON list of library ids (the gallery's drag)
Index = QModelIndex | QPersistentModelIndex
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1
BOARD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
NAME_ROLE = Qt.ItemDataRole.UserRole + 4  # the name as stored (display is escaped)
ALL, UNCATEGORISED_KIND, BOARD = "all", "uncategorised", "board"
# The rating filter's star labels; "Any rating" (0) is translated where the box is filled.
RATING_CHOICES = (("★ 1+", 1), ("★★ 2+", 2), ("★★★ 3+", 3), ("★★★★ 4+", 4), ("★★★★★ 5", 5))


@dataclass(frozen=True)
class BoardScope:
    """Which part of the library the grid shows, on top of the filter bar's query."""

    board_id: int | None = None
    uncategorised: bool = False
    min_rating: int = 0

    def apply(self, query: LibraryQuery) -> LibraryQuery:
        return replace(query, board=self.board_id, uncategorised=self.uncategorised,
                       min_rating=self.min_rating)


@dataclass(frozen=True)
class BoardCounts:
    """What one refresh read (worker thread): the boards with counts, and the two views."""

    boards: tuple[Board, ...]
    total: int
    uncategorised: int


def read_counts(library: Library) -> BoardCounts:
    """Worker thread: every board's count, the whole library and the uncategorised view."""
    return BoardCounts(tuple(library.board_list()), library.count(LibraryQuery()),
                       library.count(LibraryQuery(uncategorised=True)))


def image_ids_mime(ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(IDS_MIME, json.dumps(list(ids)).encode("ascii"))
    return mime


def ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(IDS_MIME):
        return []
    try:
        value = json.loads(bytes(mime.data(IDS_MIME).data()).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [i for i in value if isinstance(i, int)] if isinstance(value, list) else []


class BoardListModel(QAbstractListModel):
    """Rows: "All images", "Uncategorised", then the boards by name. Boards accept image drops."""

    images_dropped = Signal(int, object)  # board id, list of image ids

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, int | None, str, int | None]] = [
            (ALL, None, self.tr("All images"), None),
            (UNCATEGORISED_KIND, None, self.tr("Uncategorised"), None)]

    def set_counts(self, counts: BoardCounts) -> None:
        self.beginResetModel()
        self._rows = [(ALL, None, self.tr("All images"), counts.total),
                      (UNCATEGORISED_KIND, None, self.tr("Uncategorised"), counts.uncategorised)]
        self._rows += [(BOARD, b.id, b.name, b.count) for b in counts.boards]
        self.endResetModel()

    def boards(self) -> list[Board]:
        return [Board(board_id, name, count or 0)
                for kind, board_id, name, count in self._rows if kind == BOARD and board_id]

    def row_of_board(self, board_id: int) -> int | None:
        for row, (kind, found, _name, _count) in enumerate(self._rows):
            if kind == BOARD and found == board_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kind, board_id, name, count = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return display_text(name, max_chars=MAX_NAME_LENGTH + 20, max_lines=1)
        if role == Qt.ItemDataRole.ToolTipRole:  # a tooltip would render a name like "<b>"
            if count is None:
                return plain_tooltip(name)
            return plain_tooltip(self.tr("{name}: %Ln image(s)", "", count).format(name=name))
        if role == COUNT_ROLE:
            return count
        if role == BOARD_ID_ROLE:
            return board_id
        if role == KIND_ROLE:
            return kind
        if role == NAME_ROLE:
            return name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._rows[index.row()][0] == BOARD:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return (parent.isValid() and self._rows[parent.row()][0] == BOARD
                and bool(ids_from_mime(data)))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        board_id = self._rows[parent.row()][1]
        if board_id is not None:
            self.images_dropped.emit(board_id, ids_from_mime(data))
        return False  # nothing to insert here: the library does the work


class BoardDelegate(QStyledItemDelegate):
    """The name on the left, the count right-aligned and dimmed."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 40, max(size.height(), 26))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        name, item.text = item.text, ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        count = index.data(COUNT_ROLE)
        text = QLocale().toString(count) if isinstance(count, int) else ""
        metrics = option.fontMetrics
        count_width = metrics.horizontalAdvance(text) + 12 if text else 0
        rect = option.rect.adjusted(8, 0, -8, 0)
        left = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        right = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
        painter.save()
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(text_role))
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - count_width)
        painter.drawText(rect.adjusted(0, 0, -count_width, 0), left, shown)  # plain text
        if text:
            if not selected:
                painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, right, text)
        painter.restore()


class BoardListView(QListView):
    """Accepts image drops from the gallery onto a board row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardList")
        self.setAccessibleName(self.tr("Boards"))
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUniformItemSizes(True)
        self.setItemDelegate(BoardDelegate(self))


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
        self._refresh_serial = 0
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

        Each read runs on its own thread, so an older read can answer after a newer one: only
        the newest is shown, and the `then` of reads overtaken runs once it is."""
        library = self._library
        self._refresh_serial += 1
        serial = self._refresh_serial
        if then is not None:
            self._pending_thens.append(then)

        def done(counts: BoardCounts) -> None:
            if serial != self._refresh_serial:
                return  # overtaken: a newer read is on its way
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

        self._tasks.run(lambda: read_counts(library), done,
                        self._failure(self.tr("Boards could not be read")), name="board-counts",
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
