"""The gallery grid's arithmetic (`Grid`, #18) against brute force over every cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRect, QSize

from desktop_app.ui.gallery.grid_geometry import Grid

sizes = st.builds(QSize, st.integers(20, 300), st.integers(20, 300))


def _grid(cell: QSize, width: int) -> Grid:
    grid = Grid(cell)
    grid.fit(width)
    return grid


@settings(max_examples=200, deadline=None)
@given(sizes, st.integers(1, 2000), st.integers(0, 300), st.integers(0, 5000))
def test_every_cell_is_found_where_it_is_drawn(cell, width, count, offset) -> None:
    grid = _grid(cell, width)
    assert grid.columns >= 1 and grid.cell_width >= cell.width()
    assert grid.columns == 1 or grid.columns * grid.cell_width <= width
    for row in range(count):
        rect = grid.cell_rect(row, offset)
        assert grid.row_at(rect.center(), offset, count) == row
        assert grid.row_at(rect.topLeft(), offset, count) == row
        assert grid.row_at(rect.bottomRight(), offset, count) == row
    assert grid.content_height(count) == -(-count // grid.columns) * grid.cell_height
    beyond = QPoint(grid.columns * grid.cell_width, 0)
    assert grid.row_at(beyond, offset, count) == -1
    assert grid.row_at(beyond, offset, count, clamp=True) in ({-1} if count == 0
                                                              else set(range(count)))


@settings(max_examples=200, deadline=None)
@given(sizes, st.integers(1, 1500), st.integers(0, 200), st.integers(0, 3000),
       st.integers(-100, 1500), st.integers(-100, 3000), st.integers(1, 1500),
       st.integers(1, 3000))
def test_a_band_selects_exactly_the_cells_it_touches(cell, width, count, offset, left, top,
                                                     band_width, band_height) -> None:
    grid = _grid(cell, width)
    band = QRect(left, top, band_width, band_height)
    touched = {row for row in range(count) if grid.cell_rect(row, offset).intersects(band)}
    runs = grid.rows_in(band, offset, count)
    found = [row for first, last in runs for row in range(first, last + 1)]
    assert sorted(found) == sorted(touched) and len(found) == len(set(found))


@settings(max_examples=200, deadline=None)
@given(sizes, st.integers(1, 1500), st.integers(1, 200), st.integers(0, 3000),
       st.data())
def test_runs_are_covered_by_their_rectangles(cell, width, count, offset, data) -> None:
    grid = _grid(cell, width)
    first = data.draw(st.integers(0, count - 1))
    last = data.draw(st.integers(first, count - 1))
    rects = grid.run_rects(first, last, offset)
    assert 1 <= len(rects) <= 3
    for row in range(count):
        centre = grid.cell_rect(row, offset).center()
        assert any(rect.contains(centre) for rect in rects) == (first <= row <= last)


@settings(max_examples=200, deadline=None)
@given(sizes, st.integers(1, 1500), st.integers(1, 500), st.data(),
       st.sampled_from(["left", "right", "up", "down", "page_up", "page_down", "home", "end"]),
       st.integers(1, 2000))
def test_keys_move_within_the_grid(cell, width, count, data, step, screen) -> None:
    grid = _grid(cell, width)
    row = data.draw(st.integers(0, count - 1))
    target = grid.moved(row, step, count, screen)
    assert 0 <= target < count
    columns = grid.columns
    if step == "down" and row + columns < count:
        assert target == row + columns
    if step == "up":
        assert target == (row - columns if row >= columns else row)
    assert grid.moved(row, "home", count, screen) == 0
    assert grid.moved(row, "end", count, screen) == count - 1


@settings(max_examples=200, deadline=None)
@given(sizes, st.integers(1, 1500), st.integers(1, 500), st.integers(0, 5000), st.data(),
       st.integers(300, 2000))
def test_scrolling_to_a_row_shows_it_whole(cell, width, count, offset, data, screen) -> None:
    grid = _grid(cell, width)
    row = data.draw(st.integers(0, count - 1))
    target = grid.scroll_target(row, offset, screen, "visible")
    rect = grid.cell_rect(row, target)
    assert rect.top() >= 0 and rect.bottom() < screen  # cells are shorter than the screen
    if grid.cell_rect(row, offset).top() >= 0 and grid.cell_rect(row, offset).bottom() < screen:
        assert target == offset  # already shown: no scroll
    assert grid.cell_rect(row, grid.scroll_target(row, offset, screen, "top")).top() == 0


def test_visible_rows_cover_the_screen_and_its_margin() -> None:
    grid = _grid(QSize(100, 100), 400)  # 4 columns
    assert grid.visible_rows(0, 250, 1000, 0) == range(0, 16)  # 2.5 lines + 2 partial
    assert grid.visible_rows(1000, 250, 1000, 1) == range(36, 60)
    assert grid.visible_rows(0, 250, 0) == range(0)
    assert grid.needs_scrolling(9, 300, 300) is False and grid.needs_scrolling(10, 300, 300)
