"""QA leftovers fixed with the gallery split (issue #13): Clear filters and the rating, stars in
the grid, the search field's own buttons named, the count line above a floating banner.

Before: "Clear filters" left the board list's rating filter on (the empty grid even promised
"Clear filters shows them all"); a rated image showed no stars in its cell; the magnifier and the
clear button inside the search field were read as "button"; a message banner floated over the
"N images" line.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QStyleOptionViewItem

from desktop_app.ui.theme import Accent
from tests.gui.test_boards_window import _wait_rows
from tests.gui.test_library_browser import fill_library


def test_clear_filters_also_clears_the_rating_in_one_query(make_window, qtbot, library) -> None:
    fill_library(library, 2)
    window = make_window()
    boards = window.sorting.board_panel
    bar = window.gallery_panel.filter_bar
    model = window.gallery_model
    _wait_rows(qtbot, boards, [("All images", 2), ("Uncategorised", 2)])
    assert not bar.clear_button.isVisible()
    boards.rating_combo.setCurrentIndex(boards.rating_combo.count() - 1)  # 5 stars only
    qtbot.waitUntil(lambda: model.rowCount() == 0 and not model.is_loading)
    # A rating alone narrows the grid: Clear filters is offered for it.
    assert bar.clear_button.isVisible()
    bar.search_edit.setText("fox")
    qtbot.waitUntil(lambda: model.query.search == "fox")
    queries: list[object] = []
    original = model.set_query
    model.set_query = lambda query: (queries.append(query), original(query))  # type: ignore[method-assign]
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert boards.rating_combo.currentData() == 0 and boards.scope.min_rating == 0
    assert model.query.min_rating == 0 and model.query.search == ""
    assert len(queries) == 1  # one query for the search and the rating together
    assert not bar.clear_button.isVisible()


def _cell_image(window, row: int) -> QImage:
    view = window.gallery_view
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, view.gridSize().width(), view.gridSize().height())
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, window.gallery_model.index(row))
    painter.end()
    return image


def test_a_rated_image_shows_its_stars_in_the_grid(make_window, qtbot, library) -> None:
    entries = fill_library(library, 2)
    library.set_rating([entries[0].id], 3)  # rated before the window opened: read with its page
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.entry_at(1) is not None)
    rated = model.row_of(entries[0].id)
    other = model.row_of(entries[1].id)
    assert rated is not None and other is not None
    qtbot.waitUntil(lambda: model.stars_at(rated) == 3)
    assert model.stars_at(other) == 0
    assert "3 stars" in model.index(rated).data(Qt.ItemDataRole.AccessibleDescriptionRole)
    unrated_cell = _cell_image(window, other)
    delegate = window.gallery_view.itemDelegate()
    _cell_image(window, rated)
    assert 3 in {key[1] for key in delegate.cached_details()}  # its second line's stars
    # Rated in the window (the viewer's keys): the cell follows without a re-read.
    model.set_rating_shown([entries[1].id], 5)
    assert model.stars_at(other) == 5
    assert _cell_image(window, other) != unrated_cell
    assert 5 in [key[1] for key in delegate.cached_details()]


def test_the_search_fields_own_buttons_have_names(make_window, qtbot) -> None:
    window = make_window()
    edit = window.gallery_panel.filter_bar.search_edit
    edit.setText("fox")  # the clear button shows only with text
    qtbot.wait(10)
    buttons = [b for b in edit.findChildren(QAbstractButton) if b.isVisibleTo(edit)]
    assert len(buttons) == 2  # the magnifier and the clear button
    names = []
    for button in buttons:
        interface = QAccessible.queryAccessibleInterface(button)
        names.append(interface.text(QAccessible.Text.Name))
    assert sorted(names) == ["Clear search", "Search"]


def test_a_banner_never_covers_the_count_line(make_window, qtbot, library) -> None:
    fill_library(library, 3)
    window = make_window()
    panel = window.gallery_panel
    qtbot.waitUntil(lambda: panel.count_label.text() == "3 images")
    window.message_bar.dismiss()
    window.token_bar.dismiss()
    qtbot.waitUntil(lambda: window.message_overlay.covered_height() == 0)
    assert panel.count_label.geometry().bottom() == panel.height() - 1
    window.message_bar.show_message("Deleted 3 images.", Accent.INFO, [("Undo", lambda: None)])
    qtbot.waitUntil(lambda: window.message_overlay.covered_height() > 0)
    overlay = window.message_overlay.geometry()  # in the panel's coordinates
    label = panel.count_label.geometry()
    assert label.isValid() and panel.count_label.isVisible()
    assert not label.intersects(overlay)
    assert label.bottom() < overlay.top()
    # The grid leaves room under its last row for both.
    margin = window.gallery_view.viewportMargins().bottom()
    view_bottom = window.gallery_view.geometry().bottom()
    assert view_bottom - margin < label.top()
    window.message_bar.dismiss()
    qtbot.waitUntil(lambda: window.message_overlay.covered_height() == 0)
    assert panel.count_label.geometry().bottom() == panel.height() - 1
