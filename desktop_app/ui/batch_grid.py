"""A batch's results as a grid: rows of prompts, columns of models or sizes (an X/Y plot).

Owns laying a `JobGroup`'s items out as a table (`BatchGridModel`: one row per distinct prompt in
plan order, one column per model or per size, with a chooser for the other axis when it varies
too), showing each cell's first image from the library's thumbnail cache, loaded in small
batches on a worker (`ThumbnailLoader`: `Library.thumbnail` bytes decoded into a `QImage` there;
slots only store what arrived), labels and states as plain text, and exporting what the grid
shows as one contact-sheet PNG (`batch.contact_sheet`, rendered and written on a worker, never
overwriting a file). It follows the group live while the batch runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.api.types import PREVIEW_PIXELS
from desktop_app.job_groups import JobGroup
from desktop_app.ui.batch_grid_model import (
    CACHE_LIMIT,
    CELL_SIZE,
    THUMBNAILS_PER_TASK,
    Axis,
    BatchGridModel,
    CellDelegate,
    GridLayout,
    ThumbnailLoader,
    ThumbnailSource,
    _ModelIndex,
    lay_out,
    load_thumbnails,
)
from desktop_app.ui.plain_text import display_text, set_plain_text
from desktop_app.ui.tasks import TaskRunner

# Moved to batch_grid_model.py (issue #13); re-exported so the old import paths keep working.
__all__ = [
    "CACHE_LIMIT",
    "CELL_SIZE",
    "THUMBNAILS_PER_TASK",
    "Axis",
    "BatchGridDialog",
    "BatchGridModel",
    "CellDelegate",
    "GridLayout",
    "ThumbnailLoader",
    "ThumbnailSource",
    "_ModelIndex",
    "lay_out",
    "load_thumbnails",
    "sheet_name",
]


def sheet_name(group: JobGroup) -> str:
    return f"batch-{group.id}-contact-sheet.png"


class BatchGridDialog(QDialog):
    """A batch's results as an X/Y grid, with an export to one contact-sheet PNG."""

    exported = Signal(object)  # Path written
    export_failed = Signal(str)

    def __init__(self, group: JobGroup, source: ThumbnailSource, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchGrid")
        self.setWindowTitle(self.tr("Batch results"))
        self.group = group
        self._source = source
        self._tasks = tasks
        self.loader = ThumbnailLoader(source, tasks, CELL_SIZE, self)
        self.model = BatchGridModel(group, self.loader, self)

        self.axis_combo = QComboBox()
        self.axis_combo.setObjectName("gridColumns")
        self.axis_combo.setAccessibleName(self.tr("Columns"))
        self.axis_combo.addItem(self.tr("Models"), Axis.MODEL)
        self.axis_combo.addItem(self.tr("Sizes"), Axis.SIZE)
        self.other_label = QLabel()
        self.other_combo = QComboBox()
        self.other_combo.setObjectName("gridOther")
        self.other_combo.setAccessibleName(self.tr("Shown for"))
        self.export_button = QPushButton(self.tr("Export contact sheet…"))
        self.export_button.setObjectName("gridExport")
        self.export_button.clicked.connect(self.export_sheet)
        self.status_label = QLabel()
        self.status_label.setObjectName("gridStatus")
        self.status_label.setWordWrap(True)
        self.view = QTableView()
        self.view.setObjectName("gridView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CellDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setDefaultSectionSize(CELL_SIZE)
            header.setSectionResizeMode(header.ResizeMode.Fixed)
        self.view.verticalHeader().setMaximumWidth(320)
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Columns:")))
        bar.addWidget(self.axis_combo)
        bar.addWidget(self.other_label)
        bar.addWidget(self.other_combo)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        self.axis_combo.currentIndexChanged.connect(self._on_axis_changed)
        self.other_combo.currentIndexChanged.connect(self._apply_axes)
        self._fill_other_values()
        self._apply_axes()
        self.resize(960, 680)

    # -- axes --------------------------------------------------------------------------------

    def set_axis(self, axis: Axis) -> None:
        self.axis_combo.setCurrentIndex(self.axis_combo.findData(axis))

    def _on_axis_changed(self, _index: int) -> None:
        self._fill_other_values()
        self._apply_axes()

    def _fill_other_values(self) -> None:
        axis: Axis = self.axis_combo.currentData()
        values = self.model.other_values(axis)
        self.other_combo.blockSignals(True)
        self.other_combo.clear()
        for value in values:
            self.other_combo.addItem(display_text(value, max_chars=80, max_lines=1), value)
        self.other_combo.blockSignals(False)
        several = len(values) > 1
        self.other_label.setText(self.tr("Size:") if axis is Axis.MODEL else self.tr("Model:"))
        self.other_label.setVisible(several)
        self.other_combo.setVisible(several)

    def _apply_axes(self, *_args: object) -> None:
        axis: Axis = self.axis_combo.currentData()
        other = self.other_combo.currentData() if self.other_combo.count() > 1 else None
        self.model.set_axes(axis, other)

    # -- export ------------------------------------------------------------------------------

    def ask_export_path(self) -> Path | None:
        """Where to write the contact sheet; a seam tests replace. Never overwritten."""
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation) or str(Path.home())
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export contact sheet"), str(Path(folder) / sheet_name(self.group)),
            self.tr("PNG images (*.png)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".png" else path.with_suffix(".png")

    def sheet_contents(self) -> tuple[list[str], list[str], dict[tuple[int, int], int],
                                      dict[tuple[int, int], str]]:
        """What the grid shows now: labels, each cell's entry id, and notes for empty cells."""
        layout = self.model.layout_
        entries: dict[tuple[int, int], int] = {}
        notes: dict[tuple[int, int], str] = {}
        for cell, index in layout.cells.items():
            group_item = self.group.item(index)
            entry = BatchGridModel.entry_of(group_item)
            if entry is not None:
                entries[cell] = entry
            else:
                notes[cell] = self.model.state_text(group_item)
        return list(layout.prompts), list(layout.columns), entries, notes

    def export_sheet(self) -> None:
        path = self.ask_export_path()
        if path is None:
            return
        rows, columns, entries, notes = self.sheet_contents()
        title = self.tr("Batch {number}: %n request(s)", "", self.group.total).format(
            number=self.group.id)
        source = self._source

        def work() -> Path:  # worker thread
            from desktop_app.batch.contact_sheet import contact_sheet_png
            from desktop_app.library.files import write_copy

            cells = {cell: source(entry, PREVIEW_PIXELS) for cell, entry in entries.items()}
            data = contact_sheet_png(rows, columns, cells, notes=notes, title=title)
            path.parent.mkdir(parents=True, exist_ok=True)
            return write_copy(path.parent, path.name, data)

        self.export_button.setEnabled(False)
        set_plain_text(self.status_label, self.tr("Making the contact sheet…"))
        self._tasks.run(work, self._on_exported, self._on_export_failed,
                        name="batch-contact-sheet", context=self)

    def _on_exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        set_plain_text(self.status_label, self.tr("Saved to {path}").format(path=str(path)))
        self.exported.emit(path)

    def _on_export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        message = str(error) or type(error).__name__
        set_plain_text(self.status_label,
                       self.tr("The contact sheet was not saved: {error}").format(error=message))
        self.export_failed.emit(message)
