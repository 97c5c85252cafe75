"""The board list's model, delegate and view: rows for "All images", "Uncategorised" and each
board with its count, the roles they answer, and the drag format of library ids.

Split from board_list.py (issue #13), which keeps the panel around them; every name here is
still importable from `desktop_app.ui.board_list`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.library import LibraryQuery
from desktop_app.library.boards import MAX_NAME_LENGTH, Board
from desktop_app.ui.plain_text import display_text, plain_tooltip

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
