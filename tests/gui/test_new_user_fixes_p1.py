"""Fixes from the new user's pass (issue 14, P1): cramped window and undo after Reuse."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt

from tests.library_helpers import make_result


def add_entry(library, prompt: str = "a lighthouse at dusk") -> None:
    library.add_result(make_result(prompt=prompt, seed=3, size=(96, 64)))


def select_first(window) -> None:
    selection = window.gallery_view.selectionModel()
    selection.select(window.gallery_model.index(0), QItemSelectionModel.SelectionFlag.Select)
    selection.setCurrentIndex(window.gallery_model.index(0),
                              QItemSelectionModel.SelectionFlag.NoUpdate)


def undo(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


# -- P1.3: Reuse settings is one undo step, typing after it another ----------------------------


def test_undo_after_reuse_keeps_the_typing_as_its_own_step(make_window, qtbot, library):
    add_entry(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    edit = window.prompt_panel.prompt_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "my own draft")
    select_first(window)
    window.reuse_action.trigger()
    assert edit.toPlainText() == "a lighthouse at dusk"
    qtbot.keyClicks(edit, " EXTRA")
    assert edit.toPlainText() == "a lighthouse at dusk EXTRA"
    undo(qtbot, edit)
    assert edit.toPlainText() == "a lighthouse at dusk"  # only the typing went
    undo(qtbot, edit)
    assert edit.toPlainText() == "my own draft"  # then the reuse, as one step


def test_reuse_then_undo_restores_the_draft_in_one_step(make_window, qtbot, library):
    add_entry(library)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    edit = window.prompt_panel.prompt_edit
    qtbot.keyClicks(edit, "draft")
    select_first(window)
    window.reuse_action.trigger()
    undo(qtbot, edit)
    assert edit.toPlainText() == "draft"
