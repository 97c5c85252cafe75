"""What the main window remembers between runs: geometry, splitters, choices, the prompt draft.

Owns the window-state keys (QSettings-backed bytes through `Settings.window_state`) and the last
model / size / count and model list kept in the settings. The window calls `restore` when it is
built and `save` when it closes; `remember_choices` also runs at each Generate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from desktop_app import DEFAULT_MODEL
from desktop_app.settings import Settings
from desktop_app.ui.prompt_panel import DEFAULT_SIZE_TEXT

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.prompt_panel import PromptPanel

GEOMETRY_KEY = "main/geometry"
PROMPT_DRAFT_KEY = "main/prompt_draft"  # the prompt text at quit, UTF-8
DEFAULT_WINDOW_SIZE = (1240, 800)


def _splitters(window: MainWindow) -> list[tuple[str, QSplitter]]:
    return [("main/splitter", window.main_splitter), ("main/left_splitter", window.left_splitter)]


def restore(window: MainWindow) -> None:
    settings, panel = window.settings, window.prompt_panel
    panel.set_models([*(settings.cached_models or [DEFAULT_MODEL]), settings.default_model])
    panel.set_values(model=settings.last_model or settings.default_model,
                     size=settings.last_size or settings.default_size or DEFAULT_SIZE_TEXT,
                     count=settings.last_count or settings.default_count)
    draft = Settings.window_state(PROMPT_DRAFT_KEY)
    if draft:
        panel.set_draft(draft.decode("utf-8", errors="replace"))
    geometry = Settings.window_state(GEOMETRY_KEY)
    if geometry:
        window.restoreGeometry(QByteArray(geometry))
    else:
        window.resize(*DEFAULT_WINDOW_SIZE)
    for key, splitter in _splitters(window):
        state = Settings.window_state(key)
        if state:
            splitter.restoreState(QByteArray(state))


def save(window: MainWindow) -> None:
    """The geometry, splitters (the board list's too) and prompt draft; not the choices."""
    Settings.set_window_state(GEOMETRY_KEY, bytes(window.saveGeometry().data()))
    for key, splitter in _splitters(window):
        Settings.set_window_state(key, bytes(splitter.saveState().data()))
    Settings.set_window_state(PROMPT_DRAFT_KEY, window.prompt_panel.draft().encode())
    if window.sorting is not None:
        window.sorting.save_state()


def remember_choices(settings: Settings, panel: PromptPanel) -> None:
    """The last model, size and count, and the model list, saved to the settings."""
    settings.last_model = panel.current_model()
    settings.last_size = panel.current_size_text()
    settings.last_count = panel.current_count()
    settings.cached_models = panel.models()
    settings.save()
