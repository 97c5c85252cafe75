"""What start-up leaves for after the first paint still works when it is needed sooner (#18).

The spend guard, the prompt history and the notifier are built right after the first paint
(`ui/deferred_parts.py`), and the log file is set up then (`app.start_logging`). A shortcut of
the history pressed before that is not lost, anything asking for those parts gets them built,
and what was logged before the log file existed ends up in it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence

from desktop_app import app as app_module
from desktop_app.logs import log_file
from desktop_app.settings import Settings
from desktop_app.ui import prompt_history
from desktop_app.ui.actions import MenuId
from desktop_app.ui.deferred_parts import HISTORY_SHORTCUTS
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.prompt_history import PromptHistory


def unpainted_window(qtbot, library) -> MainWindow:
    """Built as the app builds it (library opened later), never shown: nothing deferred ran."""
    settings = Settings.load()
    settings.library_dir = library.root
    window = MainWindow(settings, None, lambda: library, reconcile_at_start=False)
    qtbot.addWidget(window)
    return window


def holders_of(window: MainWindow, keys: str) -> list[str]:
    return [action.objectName() for action in window.actions()
            if action.shortcut() == QKeySequence(keys)]


def test_the_stand_ins_hold_the_history_shortcuts_it_defines():
    assert HISTORY_SHORTCUTS == (("promptHistoryAction", prompt_history.HISTORY_SHORTCUT),
                                 ("insertStyleAction", prompt_history.STYLE_SHORTCUT))


def test_a_history_shortcut_before_the_history_is_built_builds_it_and_is_passed_on(
        qtbot, library, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(PromptHistory, "open_popup", lambda _self: opened.append("history"))
    monkeypatch.setattr(PromptHistory, "open_styles", lambda _self: opened.append("styles"))
    window = unpainted_window(qtbot, library)
    assert window.findChild(QAction, "promptHistoryAction") is None  # not built yet
    for name, keys in HISTORY_SHORTCUTS:
        assert holders_of(window, keys) == [f"{name}StandIn"]
    stand_in = window.findChild(QAction, "insertStyleActionStandIn")
    stand_in.trigger()
    assert opened == ["styles"]
    # From then on each shortcut has one holder, the history's own action (no ambiguity).
    for name, keys in HISTORY_SHORTCUTS:
        assert holders_of(window, keys) == [name]
    window.findChild(QAction, "promptHistoryAction").trigger()
    assert opened == ["styles", "history"]


def test_the_deferred_parts_are_built_on_first_use_and_once(qtbot, library):
    window = unpainted_window(qtbot, library)
    guard = window.budget_guard  # e.g. Generate pressed before the first paint's work
    assert window.prompt_history is window.prompt_history
    assert window.budget_guard is guard
    assert window.notifier is window.notifier
    window.start_background_work()  # the first paint's work builds nothing twice
    assert window.budget_guard is guard
    tools = window.action_registry.menu(MenuId.TOOLS).actions()
    assert tools.count(window.prompt_history.history_action) == 1
    assert tools.count(window.prompt_history.style_action) == 1


def test_what_is_logged_before_the_log_file_exists_is_written_to_it(monkeypatch, tmp_path: Path):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # as in a fresh process: nothing configured
    monkeypatch.setattr(root, "level", root.level)
    holder = app_module.hold_early_records()
    assert holder is not None
    logging.getLogger("desktop_app.test").info("built before the first paint: %s", "window")
    assert not log_file().exists()
    app_module.start_logging(holder)
    app_module.start_logging(holder)  # the second call (main's finally) adds nothing
    try:
        for handler in root.handlers:
            handler.flush()
        text = log_file().read_text(encoding="utf-8")
        assert text.count("built before the first paint: window") == 1
        assert holder not in root.handlers
    finally:
        for handler in list(root.handlers):
            handler.close()


def test_the_token_check_waits_for_a_turn_after_the_library_is_open(qtbot, library):
    """The keyring (~50 ms to import) is not loaded in the turn that opens the library."""
    window = unpainted_window(qtbot, library)
    at_start: list[tuple[bool, bool]] = []
    window.background_started.connect(
        lambda: at_start.append((window.is_library_ready, window.clients.has_token_store)))
    with qtbot.waitSignal(window.background_started, timeout=10000):
        window.show()
    assert at_start == [(True, False)]
    qtbot.waitUntil(lambda: window.model_catalog.token_status is not None, timeout=10000)


def test_the_start_up_reconcile_waits_for_every_id(qtbot, library, monkeypatch):
    """#18: run beside the read of a million ids, the reconcile's Python took the GIL from it
    (every id shown in 5-7 s instead of 0.7 s). It starts once the grid has them all."""
    import time

    from desktop_app.library import pages
    from desktop_app.ui import library_transfers
    from desktop_app.ui.gallery import ids_model
    from tests.gui.test_library_browser import fill_library

    monkeypatch.setattr(ids_model, "FILL_CHUNK", 5)  # the ids come in many turns
    real_all_ids = pages.all_ids

    def slow_all_ids(*args, **kwargs):  # a big library: every id takes longer than 500 ms
        time.sleep(1.5)
        return real_all_ids(*args, **kwargs)

    monkeypatch.setattr(pages, "all_ids", slow_all_ids)
    fill_library(library, 240)  # more than the first page: the rest fills in
    seen: list[tuple[int, bool, bool]] = []

    def reconcile(transfers) -> None:
        model = transfers._window.gallery_model
        seen.append((model.rowCount(), model.is_loading, model.is_filling))

    monkeypatch.setattr(library_transfers.LibraryTransfers, "reconcile_library", reconcile)
    settings = Settings.load()
    settings.library_dir = library.root
    window = MainWindow(settings, None, lambda: library)  # reconciles at start, as the app
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
    assert seen == [(240, False, False)]
    window.shutdown()
