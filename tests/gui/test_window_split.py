"""The main window split (#13): one action registry, dialog lifetimes, the chooser seam, the
first-paint helper, and the prompt panel's public methods instead of reach-ins."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from desktop_app.ui.actions import CONTEXT_MENU, MENUS, TOOLBAR, ActionId
from desktop_app.ui.first_paint import after_first_paint
from desktop_app.ui.prompt_panel import PromptPanel
from tests.gui.fake_chooser import use_chooser
from tests.gui.test_library_browser import fill_library

ROOT = Path(__file__).resolve().parents[2]


def _standard(key: QKeySequence.StandardKey, fallback: str = "") -> list[str]:
    """The platform's first binding of a standard key, else the fallback (none if empty)."""
    text = QKeySequence(key).toString() or fallback
    return [text] if text else []


def test_every_action_keeps_its_shortcuts(make_window) -> None:
    keys = QKeySequence.StandardKey
    expected = {
        ActionId.OPEN: [], ActionId.SHOW_FOLDER: [], ActionId.REFRESH_MODELS: [],
        ActionId.LOG_FOLDER: [], ActionId.ABOUT: [],
        ActionId.SAVE_AS: _standard(keys.Save), ActionId.COPY_IMAGE: _standard(keys.Copy),
        ActionId.COPY_PROMPT: ["Ctrl+Shift+C"], ActionId.REUSE: ["Ctrl+R"],
        ActionId.FAVOURITE: ["Ctrl+D", "F"], ActionId.DELETE: _standard(keys.Delete),
        ActionId.EXPORT: ["Ctrl+E"], ActionId.ADD_TO_BOARD: ["B"],
        ActionId.REMOVE_FROM_BOARD: ["Shift+B"], ActionId.COMPARE: ["C"],
        ActionId.UNDO_DELETE: _standard(keys.Undo), ActionId.INFO: ["Ctrl+I"],
        ActionId.IMPORT: ["Ctrl+Shift+I"], ActionId.BATCH: ["Ctrl+Shift+B"],
        ActionId.SETTINGS: _standard(keys.Preferences, "Ctrl+,"),
        ActionId.FIND: _standard(keys.Find),
        ActionId.REFRESH_LIBRARY: _standard(keys.Refresh, "F5"),
        ActionId.QUIT: _standard(keys.Quit), ActionId.USAGE: ["Ctrl+U"],
    }
    assert set(expected) == set(ActionId)
    window = make_window()
    for action_id, shortcuts in expected.items():
        action = window.action_registry[action_id]
        assert [key.toString() for key in action.shortcuts()] == shortcuts, action_id


def test_image_shortcuts_work_only_in_the_grid_and_the_rest_window_wide(make_window) -> None:
    window = make_window()
    grid = window.action_registry.grid_actions()
    view_actions, window_actions = window.gallery_view.actions(), window.actions()
    for action_id in ActionId:
        action = window.action_registry[action_id]
        if action in grid:
            assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
            assert action in view_actions and action not in window_actions, action_id
        else:
            assert action in window_actions, action_id
    assert window.action_registry[ActionId.COPY_IMAGE] in grid
    assert window.action_registry[ActionId.QUIT] not in grid


def test_every_action_is_listed_in_a_menu_or_the_context_menu() -> None:
    listed = {i for _menu, _title, layout in MENUS for i in layout} | set(CONTEXT_MENU)
    assert set(ActionId) <= listed
    assert ActionId.SAVE_AS in TOOLBAR


def test_selection_enables_the_image_actions_and_two_to_four_enable_compare(
        make_window, qtbot, library) -> None:
    fill_library(library, 5)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 5)
    actions = window.action_registry
    assert not actions[ActionId.DELETE].isEnabled() and actions[ActionId.IMPORT].isEnabled()
    window.gallery_view.selectAll()
    qtbot.waitUntil(lambda: actions[ActionId.DELETE].isEnabled())
    assert not actions[ActionId.COMPARE].isEnabled()  # five selected
    window.gallery_view.select_id(window.gallery_model.id_at(0))
    assert actions[ActionId.INFO].isEnabled() and not actions[ActionId.COMPARE].isEnabled()
    assert not actions[ActionId.UNDO_DELETE].isEnabled()  # until something is deleted


def test_toolbar_buttons_name_their_action_and_show_its_shortcut(make_window) -> None:
    window = make_window()
    toolbar = window.findChild(QToolBar, "mainToolbar")
    save_as = window.action_registry[ActionId.SAVE_AS]
    button = toolbar.widgetForAction(save_as)
    assert button.accessibleName() == "Save as…"
    assert save_as.toolTip() == f"Save as… ({save_as.shortcut().toString()})"


def test_settings_is_one_dialog_raised_again_and_dropped_when_closed(make_window, qtbot) -> None:
    window = make_window()
    first = window.dialogs.open_settings()
    assert window.dialogs.open_settings() is first
    assert window.dialogs.settings.current is first
    first.close()
    qtbot.waitUntil(lambda: window.dialogs.settings.current is None)
    again = window.dialogs.open_settings()
    assert again is not first and again.isVisible()
    again.close()


def test_set_token_puts_the_cursor_in_the_token_field(make_window, qtbot) -> None:
    window = make_window()
    dialog = window.dialogs.open_token_settings()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.token_section.token_edit)
    dialog.close()


def test_a_cancelled_save_dialog_starts_no_work(make_window, qtbot, library) -> None:
    fill_library(library, 1)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(0) is not None)
    window.gallery_view.select_id(window.gallery_model.id_at(0))
    # Start-up's own tasks (token, models, prices, budget, history) may still come and go:
    # what matters is that no save task is started.
    started: list[str] = []
    run = window.tasks.run

    def recording_run(*args, name: str = "task", **kwargs):
        started.append(name)
        return run(*args, name=name, **kwargs)

    window.tasks.run = recording_run
    chooser = use_chooser(window, save=None)
    window.action_registry[ActionId.SAVE_AS].trigger()
    assert [entry.id for entry in chooser.saves_asked] == [window.gallery_model.id_at(0)]
    assert "save-as" not in started


def test_after_first_paint_calls_back_once_after_the_paint(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[bool] = []
    after_first_paint(widget, lambda: calls.append(widget.isVisible()), widget)
    assert calls == []
    widget.show()
    qtbot.waitUntil(lambda: calls == [True])
    widget.repaint()
    qtbot.wait(50)
    assert calls == [True]


def test_prompt_panel_shows_refresh_progress_and_the_last_failure(qtbot) -> None:
    panel = PromptPanel()
    qtbot.addWidget(panel)
    plain = panel.refresh_button.toolTip()
    panel.set_refresh_busy(True)
    assert not panel.refresh_button.isEnabled()
    panel.set_refresh_busy(False)
    assert panel.refresh_button.isEnabled()
    panel.set_refresh_note("Last attempt failed: <b>offline</b>")
    assert "offline" in panel.refresh_button.toolTip()
    panel.set_refresh_note(None)
    assert panel.refresh_button.toolTip() == plain
    panel.set_values(count=3)
    assert panel.current_count() == 3
    panel.set_draft("a fox")
    assert panel.draft() == "a fox"


def test_the_window_modules_reach_into_no_child_widget() -> None:
    ui = ROOT / "desktop_app" / "ui"
    modules = ["main_window", "actions", "library_controller", "library_transfers",
               "library_pane", "model_catalog", "client_provider", "dialogs", "jobs_controller",
               "window_state", "choosers", "first_paint"]
    for name in modules:
        text = (ui / f"{name}.py").read_text(encoding="utf-8")
        for child in ("count_spin", "refresh_button", "token_edit", "prompt_edit"):
            assert child not in text, f"{name}.py reaches into {child}"
        assert len(text.splitlines()) <= 400, f"{name}.py grew past 400 lines"


def test_activating_a_cell_not_fetched_yet_opens_no_other_image(
        make_window, qtbot, library, monkeypatch) -> None:
    fill_library(library, 2)
    window = make_window()
    qtbot.waitUntil(lambda: window.gallery_model.entry_at(1) is not None)
    window.gallery_view.select_id(window.gallery_model.id_at(0))  # a current image exists
    index = window.gallery_model.index(1, 0)
    monkeypatch.setattr(window.gallery_model, "entry_at", lambda _row: None)
    window.gallery_view.activated.emit(index)
    assert window.dialogs.viewer is None
    monkeypatch.undo()
    window.gallery_view.activated.emit(index)
    viewer = window.dialogs.viewer
    assert viewer is not None and viewer.entry.id == window.gallery_model.id_at(1)
    viewer.close()
