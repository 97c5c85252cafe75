"""QA of the merged window: the grid's keys agree with the viewer's culling keys.

In the viewer and the compare view F toggles the favourite; in the grid it did nothing, or
worse: the grid's type-to-select moved the selection to an image whose prompt starts with "f"
(the same for digits, the viewer's star keys), so a following Delete hit another image.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.actions import ActionId
from tests.gui.test_library_browser import fill_library, select_rows


def test_letters_do_not_move_the_selection_and_f_favourites(make_window, qtbot, library
                                                            ) -> None:
    fill_library(library, 3)  # prompts: "a red fox…", "a blue whale…", "a green forest…"
    window = make_window()
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == 3 and model.entry_at(2) is not None)
    view = window.gallery_view
    window.activateWindow()
    view.setFocus()
    select_rows(window, 0)
    chosen = view.current_id()
    qtbot.keyClick(view, Qt.Key.Key_A)  # every prompt starts with "a"
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert view.current_id() == chosen and view.selected_ids() == [chosen]
    shortcuts = window.action_registry[ActionId.FAVOURITE].shortcuts()
    assert [k.toString() for k in shortcuts] == ["Ctrl+D", "F"]
    qtbot.keyClick(view, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: model.entry_at(0) is not None and model.entry_at(0).favourite)
    assert view.selected_ids() == [chosen]
