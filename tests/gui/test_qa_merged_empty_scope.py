"""QA of the merged window: an empty board or a rating filter that hides every image.

Before, the grid then said "Your library is empty…" (the board list's scope was not one of the
filter bar's filters, so the empty-grid text did not know about it) while the board list showed
the library's images right beside it.
"""

from __future__ import annotations

from desktop_app.ui.gallery import EMPTY_LIBRARY_TEXT
from tests.gui.test_boards_window import _wait_rows
from tests.gui.test_library_browser import fill_library


def _empty_text(window) -> str:
    panel = window.gallery_panel
    return panel.empty_label.text() if panel.empty_label.isVisibleTo(panel) else ""


def test_an_empty_board_says_which_board_and_how_back(make_window, qtbot, library) -> None:
    fill_library(library, 2)
    library.boards.create("Keepers")
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 2), ("Keepers", 0)])
    panel.select_row(2)
    qtbot.waitUntil(lambda: _empty_text(window) != "")
    text = _empty_text(window)
    assert text != EMPTY_LIBRARY_TEXT
    assert "board “Keepers”" in text and "All images" in text
    panel.select_row(0)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2)
    assert _empty_text(window) == ""


def test_a_rating_that_hides_everything_is_named(make_window, qtbot, library) -> None:
    fill_library(library, 2)
    window = make_window()
    panel = window.sorting.board_panel
    _wait_rows(qtbot, panel, [("All images", 2), ("Uncategorised", 2)])
    panel.rating_combo.setCurrentIndex(panel.rating_combo.count() - 1)  # 5 stars only
    qtbot.waitUntil(lambda: _empty_text(window) != "")
    text = _empty_text(window)
    assert "rated 5 stars" in text and "Any rating" in text
    # With the search too, both are named and Clear filters is offered for the search.
    window.gallery_panel.filter_bar.search_edit.setText("zebra")
    qtbot.waitUntil(lambda: "zebra" in _empty_text(window))
    assert "rated 5 stars" in _empty_text(window)
    assert "Clear filters" in _empty_text(window)
