"""Fixes from the new user's pass through the window (issue 14, P2): each fails without its fix."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from desktop_app.ui.theme import Accent
from tests.library_helpers import make_result


def add_entries(library, count: int = 1, **kwargs) -> list:
    entries = []
    for index in range(count):
        entries.extend(library.add_result(make_result(seed=index + 1, size=(96, 64),
                                                      created=1_764_070_320 + index, **kwargs)))
    return entries


def global_rect(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


# -- banners do not move the layout -----------------------------------------------------------


def test_a_banner_moves_no_control(make_window, qtbot, library):
    add_entries(library, 3)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 3)
    window.message_bar.dismiss()
    window.token_bar.dismiss()
    qtbot.wait(20)
    watched = [window.prompt_panel.prompt_edit, window.prompt_panel.generate_button,
               window.gallery_panel.filter_bar.search_edit, window.jobs_panel]
    before = [global_rect(widget) for widget in watched]
    first_cell = window.gallery_view.visualRect(window.gallery_model.index(0))
    window.message_bar.show_message("Deleted 3 images.", Accent.INFO, [("Undo", lambda: None)])
    window.token_bar.show_message("No service token is set. " * 4, Accent.INFO,
                                  [("Set token…", lambda: None)])
    qtbot.waitUntil(lambda: window.token_bar.isVisible())
    qtbot.wait(50)  # layouts settle
    assert window.message_bar.isVisible() and window.token_bar.isVisible()
    assert [global_rect(widget) for widget in watched] == before
    assert window.gallery_view.visualRect(window.gallery_model.index(0)) == first_cell
    # The bars are on screen, inside the window, and the grid leaves room under its last row.
    for bar in (window.message_bar, window.token_bar):
        assert window.rect().contains(global_rect(bar))
    assert window.gallery_view.viewportMargins().bottom() > 0
    window.message_bar.dismiss()
    window.token_bar.dismiss()
    qtbot.waitUntil(lambda: window.message_overlay.covered_height() == 0)
    assert [global_rect(widget) for widget in watched] == before
