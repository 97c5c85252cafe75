"""The whole flow by keyboard alone, and keyboard focus that can be seen.

Key events only (qtbot.keyClick / keyClicks on whatever has focus): no mouse, no slot calls.
Write a prompt, pick model, size and count, generate against the local server, move through the
grid, open the viewer and leave it, favourite, delete, undo, open settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.jobs import JobState
from desktop_app.ui.actions import ActionId
from desktop_app.ui.focus_style import FocusRingStyle, install_focus_ring

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def tab_to(qtbot, target: QWidget, *, limit: int = 60) -> None:
    """Press Tab until `target` has focus (fails after `limit` presses)."""
    for _ in range(limit):
        if target.hasFocus():
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert target.hasFocus(), f"Tab never reached {target}; focus is on {focused()}"


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          ) -> None:
    qtbot.keyClick(focused(), key, modifier)


def test_the_whole_flow_by_keyboard(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.prompt_panel
    qtbot.waitUntil(lambda: panel.model_combo.count() >= 2, timeout=10000)  # models refreshed

    # Prompt, model, size, count.
    tab_to(qtbot, panel.prompt_edit)
    qtbot.keyClicks(focused(), "a lighthouse at dawn")
    tab_to(qtbot, panel.model_combo)
    first_model = panel.current_model()
    press(qtbot, Qt.Key.Key_Down)
    chosen_model = panel.current_model()
    assert chosen_model != first_model
    tab_to(qtbot, panel.size_combo)
    first_size = panel.current_size_text()
    press(qtbot, Qt.Key.Key_Down)
    chosen_size = panel.current_size_text()
    assert chosen_size != first_size
    tab_to(qtbot, panel.count_spin)
    press(qtbot, Qt.Key.Key_Up)
    assert panel.count_spin.value() == 2

    # Generate with Space on the focused button.
    tab_to(qtbot, panel.generate_button)
    with qtbot.waitSignal(window.jobs.job_finished, timeout=30000) as finished:
        press(qtbot, Qt.Key.Key_Space)
    job = finished.args[0]
    assert job.state == JobState.DONE
    assert (job.request.prompt, job.request.model, job.request.n) == (
        "a lighthouse at dawn", chosen_model, 2)
    assert f"{job.request.size.width}x{job.request.size.height}" == chosen_size
    model = window.gallery_model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.entry_at(1) is not None)  # n=2

    # Through the grid.
    view = window.gallery_view
    tab_to(qtbot, view)
    press(qtbot, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    press(qtbot, Qt.Key.Key_Right)
    assert view.currentIndex().row() == 1
    second = model.entry_at(1)

    # The viewer opens on Enter and closes on Escape.
    press(qtbot, Qt.Key.Key_Return)
    viewer = window.dialogs.viewer
    assert viewer is not None
    qtbot.waitUntil(viewer.isVisible)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if not view.hasFocus():
        tab_to(qtbot, view)

    # Favourite (Ctrl+D), delete (Delete), undo (Ctrl+Z).
    assert view.currentIndex().row() == 1 and view.selected_ids() == [second.id]
    press(qtbot, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: window.library.get(second.id).favourite, timeout=10000)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10000)
    assert window.action_registry[ActionId.UNDO_DELETE].isEnabled()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10000)
    assert window.library.get(second.id) is not None

    # Settings (Ctrl+,).
    press(qtbot, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: window.dialogs.settings.current is not None
                    and window.dialogs.settings.current.isVisible())
    window.dialogs.settings.current.close()


def test_keyboard_focus_on_generate_and_job_buttons_is_visible(make_window, qtbot):
    """Fusion draws the focused default button (Generate) exactly like the unfocused one; the
    focus-ring style makes keyboard focus show there and on the jobs list's buttons."""
    app = QApplication.instance()
    previous = app.style().name()
    assert install_focus_ring(app) and isinstance(app.style(), FocusRingStyle)
    try:
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        panel = window.prompt_panel
        panel.set_values(prompt="a lighthouse")
        tab_to(qtbot, panel.prompt_edit)
        with qtbot.waitSignal(window.jobs.job_finished, timeout=30000) as finished:
            press(qtbot, Qt.Key.Key_Return, CTRL)
        row = window.findChild(QWidget, f"jobRow{finished.args[0].id}")
        for button in (panel.generate_button, row.dismiss_button):
            tab_to(qtbot, panel.prompt_edit)
            unfocused = button.grab().toImage()
            tab_to(qtbot, button)
            assert button.grab().toImage() != unfocused, button
    finally:
        app.setStyle(previous)
