"""The batch grid's model: prompts by models or sizes (an X/Y plot), the thumbnails of its cells
loaded in batches on a worker into a bounded cache, and the delegate that only draws them.
Split from batch_grid.py (issue #13); every name is still importable from there.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop_app.api.types import PREVIEW_PIXELS
from desktop_app.job_groups import GroupItem, ItemState, JobGroup
from desktop_app.ui.plain_text import display_text, plain_tooltip
from desktop_app.ui.tasks import TaskRunner

CELL_SIZE = 160
THUMBNAILS_PER_TASK = 24
CACHE_LIMIT = 600  # decoded cells kept; more than any screen shows

ThumbnailSource = Callable[[int, int], bytes | None]  # (entry id, size) -> thumbnail bytes

_ModelIndex = QModelIndex | QPersistentModelIndex


class Axis(Enum):
    MODEL = "model"
    SIZE = "size"

    def value_of(self, group_item: GroupItem) -> str:
        item = group_item.item
        return item.model if self is Axis.MODEL else str(item.size)

    @property
    def other(self) -> Axis:
        return Axis.SIZE if self is Axis.MODEL else Axis.MODEL


@dataclass(frozen=True)
class GridLayout:
    """Which item sits in which cell, for one choice of the axes."""

    prompts: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[int, int], int]  # (row, column) -> plan index


def lay_out(group: JobGroup, axis: Axis, other_value: str | None) -> GridLayout:
    """Rows = distinct prompts in plan order; columns = values of `axis`; the first item of a
    cell wins (a prompt listed twice fills its cells once)."""
    prompts: dict[str, int] = {}
    columns: dict[str, int] = {}
    cells: dict[tuple[int, int], int] = {}
    for index, group_item in enumerate(group.items):
        if other_value is not None and axis.other.value_of(group_item) != other_value:
            continue
        row = prompts.setdefault(group_item.item.prompt, len(prompts))
        column = columns.setdefault(axis.value_of(group_item), len(columns))
        cells.setdefault((row, column), index)
    return GridLayout(tuple(prompts), tuple(columns), cells)


def load_thumbnails(source: ThumbnailSource, entry_ids: Sequence[int],
                    size: int) -> list[tuple[int, QImage]]:
    """Worker thread: each entry's cached thumbnail decoded and scaled to fit `size`."""
    loaded = []
    for entry_id in entry_ids:
        data = source(entry_id, PREVIEW_PIXELS)
        image = QImage()
        if data:
            image.loadFromData(data)
        if not image.isNull() and (image.width() > size or image.height() > size):
            image = image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        loaded.append((entry_id, image))
    return loaded


class ThumbnailLoader(QObject):
    """Asks for thumbnails in small batches on a worker; keeps the decoded ones (bounded)."""

    loaded = Signal(object)  # list of entry ids that arrived

    def __init__(self, source: ThumbnailSource, tasks: TaskRunner, size: int = CELL_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._tasks = tasks
        self._size = size
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self._wanted: dict[int, None] = {}
        self._busy = False

    def image(self, entry_id: int) -> QImage | None:
        """The decoded thumbnail, or None (asked for; `loaded` says when it comes)."""
        image = self._cache.get(entry_id)
        if image is not None:
            self._cache.move_to_end(entry_id)
            return image
        if entry_id not in self._wanted:
            self._wanted[entry_id] = None
            if not self._busy:
                QTimer.singleShot(0, self, self._load_next)
        return None

    def _load_next(self) -> None:
        if self._busy or not self._wanted:
            return
        # The latest asks first: they are what is on screen now.
        batch = list(self._wanted)[-THUMBNAILS_PER_TASK:]
        for entry_id in batch:
            del self._wanted[entry_id]
        self._busy = True
        source, size = self._source, self._size
        self._tasks.run(lambda: load_thumbnails(source, batch, size), self._on_loaded,
                        self._on_failed, name="batch-grid-thumbnails", context=self)

    def _on_loaded(self, loaded: list[tuple[int, QImage]]) -> None:
        self._busy = False
        for entry_id, image in loaded:
            self._cache[entry_id] = image
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        self.loaded.emit([entry_id for entry_id, _ in loaded])
        self._load_next()

    def _on_failed(self, _error: Exception) -> None:
        self._busy = False
        self._load_next()


class BatchGridModel(QAbstractTableModel):
    """The grid of one group for one choice of the column axis (and of the other axis)."""

    def __init__(self, group: JobGroup, loader: ThumbnailLoader,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._group = group
        self._loader = loader
        self.axis = Axis.MODEL
        self.other_value: str | None = None
        self.layout_ = lay_out(group, self.axis, None)
        self._cell_of_item: dict[int, tuple[int, int]] = {}
        self._cells_of_entry: dict[int, list[tuple[int, int]]] = {}
        self._index_cells()
        loader.loaded.connect(self._on_thumbnails)
        group.item_changed.connect(self._on_item_changed)

    def set_axes(self, axis: Axis, other_value: str | None) -> None:
        self.beginResetModel()
        self.axis, self.other_value = axis, other_value
        self.layout_ = lay_out(self._group, axis, other_value)
        self._index_cells()
        self.endResetModel()

    def other_values(self, axis: Axis) -> list[str]:
        """The values of the axis that is not the columns', in plan order."""
        return list(dict.fromkeys(axis.other.value_of(item) for item in self._group.items))

    def _index_cells(self) -> None:
        self._cell_of_item = {index: cell for cell, index in self.layout_.cells.items()}
        self._cells_of_entry = {}
        for cell, index in self.layout_.cells.items():
            entry = self.entry_of(self._group.item(index))
            if entry is not None:
                self._cells_of_entry.setdefault(entry, []).append(cell)

    @staticmethod
    def entry_of(group_item: GroupItem) -> int | None:
        return group_item.entry_ids[0] if group_item.entry_ids else None

    def item_at(self, row: int, column: int) -> GroupItem | None:
        index = self.layout_.cells.get((row, column))
        return None if index is None else self._group.item(index)

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout_.prompts)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.layout_.columns)

    def state_text(self, group_item: GroupItem | None) -> str:
        if group_item is None:
            return ""
        state = group_item.state
        if state == ItemState.DONE:
            return self.tr("no image") if not group_item.entry_ids else ""
        return {
            ItemState.PENDING: self.tr("waiting"),
            ItemState.SUBMITTED: self.tr("running…"),
            ItemState.FAILED: self.tr("failed"),
            ItemState.CANCELLED: self.tr("cancelled"),
            ItemState.NOT_SENT: self.tr("not sent"),
        }[state]

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group_item = self.item_at(index.row(), index.column())
        if role == Qt.ItemDataRole.DecorationRole:
            entry = self.entry_of(group_item) if group_item is not None else None
            return None if entry is None else self._loader.image(entry)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.state_text(group_item)
        if role == Qt.ItemDataRole.ToolTipRole and group_item is not None:
            item = group_item.item
            lines = [item.prompt, f"{item.model} · {item.size} · ×{item.n}"]
            if group_item.message:
                lines.append(group_item.message)
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(CELL_SIZE, CELL_SIZE)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        labels = (self.layout_.columns if orientation == Qt.Orientation.Horizontal
                  else self.layout_.prompts)
        if not 0 <= section < len(labels):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(" ".join(labels[section].split()), max_chars=60, max_lines=1)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(labels[section])
        return None

    def _on_item_changed(self, plan_index: int) -> None:
        cell = self._cell_of_item.get(plan_index)
        if cell is None:
            return
        entry = self.entry_of(self._group.item(plan_index))
        if entry is not None:
            cells = self._cells_of_entry.setdefault(entry, [])
            if cell not in cells:
                cells.append(cell)
        index = self.index(*cell)
        self.dataChanged.emit(index, index)

    def _on_thumbnails(self, entry_ids: list[int]) -> None:
        for entry_id in entry_ids:
            for row, column in self._cells_of_entry.get(entry_id, []):
                index = self.index(row, column)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class CellDelegate(QStyledItemDelegate):
    """Draws a cell's image centred (or its state as plain text); never decodes anything."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                            option.widget)
        rect: QRect = option.rect.adjusted(4, 4, -4, -4)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            size = image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(rect.center())
            painter.drawImage(target, image)
            return
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text:
            painter.save()
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             str(text))
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        return QSize(CELL_SIZE, CELL_SIZE)
