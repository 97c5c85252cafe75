"""Where the gallery's cells are: uniform cells in reading order, placed by arithmetic.

Owns `Grid`: how many columns fit a width (cells share the spare width), where row `r` is drawn
(`r // columns` lines down, `r % columns` across), which row a point falls on, which rows a
rectangle or a screen covers, and the rectangles a run of rows fills. Nothing here is kept per
row, so every answer costs the same at ten rows or a million. Coordinates are content pixels
shifted by the scroll `offset` the caller passes (viewport pixels when it is the scroll bar's
value).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize


class Grid:
    """Columns and cell size of the grid; every method is plain integer arithmetic."""

    def __init__(self, minimum_cell: QSize) -> None:
        self.minimum_cell = QSize(minimum_cell)
        self.columns = 1
        self.cell_width = minimum_cell.width()
        self.cell_height = minimum_cell.height()

    @property
    def cell(self) -> QSize:
        return QSize(self.cell_width, self.cell_height)

    def columns_for(self, width: int) -> int:
        return max(1, width // self.minimum_cell.width())

    def lines(self, count: int, columns: int | None = None) -> int:
        return -(-count // (columns or self.columns))

    def needs_scrolling(self, count: int, width: int, height: int) -> bool:
        """Whether `count` rows at this width are taller than `height`."""
        return self.lines(count, self.columns_for(width)) * self.minimum_cell.height() > height

    def fit(self, width: int) -> None:
        """Columns and cell width for `width` pixels: the spare width is shared."""
        self.columns = self.columns_for(width)
        self.cell_width = max(self.minimum_cell.width(), width // self.columns)

    def content_height(self, count: int) -> int:
        return self.lines(count) * self.cell_height

    def cell_rect(self, row: int, offset: int) -> QRect:
        line, column = divmod(row, self.columns)
        return QRect(column * self.cell_width, line * self.cell_height - offset,
                     self.cell_width, self.cell_height)

    def row_at(self, point: QPoint, offset: int, count: int, clamp: bool = False) -> int:
        """The row whose cell holds `point`, or -1. With `clamp`, a point past the cells
        (beyond the last row, above the first, right of the last column) gives the nearest."""
        if count <= 0:
            return -1
        column = point.x() // self.cell_width
        line = (point.y() + offset) // self.cell_height
        if not clamp and (column < 0 or column >= self.columns or line < 0):
            return -1
        column = min(max(column, 0), self.columns - 1)
        row = max(0, line) * self.columns + column
        if row >= count:
            return count - 1 if clamp else -1
        return row

    def visible_rows(self, offset: int, height: int, count: int, margin_lines: int = 1) -> range:
        """The rows a `height`-pixel screen at `offset` shows, with `margin_lines` either side."""
        if count <= 0:
            return range(0)
        first_line = max(0, offset) // self.cell_height
        shown_lines = height // self.cell_height + 2
        start = max(0, (first_line - margin_lines) * self.columns)
        stop = min(count, (first_line + shown_lines + margin_lines) * self.columns)
        return range(start, max(start, stop))

    def rows_in(self, rect: QRect, offset: int, count: int) -> list[tuple[int, int]]:
        """The rows whose cells `rect` (normalized) touches, as (first, last) runs: one run
        when it spans whole lines, else one a line."""
        first_column = max(0, rect.left() // self.cell_width)
        last_column = min(self.columns - 1, rect.right() // self.cell_width)
        first_line = max(0, (rect.top() + offset) // self.cell_height)
        last_line = (rect.bottom() + offset) // self.cell_height
        if count <= 0 or first_column > last_column or last_line < first_line:
            return []
        columns = self.columns
        if first_column == 0 and last_column == columns - 1:
            stop = min(count, (last_line + 1) * columns)
            start = first_line * columns
            return [(start, stop - 1)] if start < stop else []
        runs = []
        for line in range(first_line, last_line + 1):
            start = line * columns + first_column
            if start >= count:
                break
            runs.append((start, min(count, line * columns + last_column + 1) - 1))
        return runs

    def moved(self, row: int, step: str, count: int, screen_height: int) -> int:
        """Where the cursor goes from `row` for a key: `left`/`right` a cell, `up`/`down` a
        line (staying in its column at the first line), `page_up`/`page_down` a screen of
        lines, `home`/`end` the first or last row; always a row of the grid."""
        columns = self.columns
        page = max(1, screen_height // self.cell_height) * columns
        target = {"home": 0, "end": count - 1, "left": row - 1, "right": row + 1,
                  "up": row - columns, "down": row + columns,
                  "page_up": row - page, "page_down": row + page}.get(step, row)
        if step == "up" and target < 0:
            target = row % columns
        return min(max(target, 0), count - 1)

    def scroll_target(self, row: int, offset: int, screen_height: int, where: str) -> int:
        """The scroll offset that shows `row`: at the `top`, `bottom` or `centre` of the
        screen, or (`visible`) the nearest offset that shows it whole (`offset` if it is)."""
        top = self.cell_rect(row, 0).top()
        bottom_offset = top + self.cell_height - screen_height
        if where == "top":
            return top
        if where == "bottom":
            return bottom_offset
        if where == "centre":
            return top + (self.cell_height - screen_height) // 2
        if top < offset:
            return top
        return bottom_offset if top + self.cell_height > offset + screen_height else offset

    def run_rects(self, first: int, last: int, offset: int) -> list[QRect]:
        """At most three rectangles that cover the cells of rows `first`..`last`."""
        top, bottom = self.cell_rect(first, offset), self.cell_rect(last, offset)
        if top.top() == bottom.top():
            return [top.united(bottom)]
        width = self.columns * self.cell_width
        rects = [QRect(top.left(), top.top(), width - top.left(), top.height())]
        if bottom.top() > top.bottom() + 1:  # whole lines between
            rects.append(QRect(0, top.bottom() + 1, width, bottom.top() - top.bottom() - 1))
        rects.append(QRect(0, bottom.top(), bottom.right() + 1, bottom.height()))
        return rects
