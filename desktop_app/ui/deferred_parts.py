"""What the main window builds right after its first paint (#18), or on first use before that.

Owns three parts whose modules are most of what start-up would otherwise import (the library and
usage packages, PIL, sqlite3): the spend guard (`budget_guard.py`), the prompt history
(`prompt_history.py`: recall keys, completions, Ctrl+H) and the desktop notifier. Until the
history is built, stand-in actions hold its two shortcuts, so a shortcut pressed before then
builds it and is passed on, never lost.

Also owns `load_worker_packages`, the import-order rule: workers (the history and budget reads,
jobs, the gallery loader) import from the library package, and two threads importing one package
for the first time at once can deadlock on its import locks (a smoke test hung so, 1 run in 10).
So the GUI thread imports it before any worker can start: the window calls it first thing after
its first paint, and before any command that could start a worker. `load_library_pane_modules`
imports the grid's modules in a turn of their own, before the library is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from desktop_app.ui.budget_guard import BudgetGuard
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.notifications import Notifier
    from desktop_app.ui.prompt_history import PromptHistory

# The prompt history's actions and shortcuts (prompt_history.HISTORY_SHORTCUT, STYLE_SHORTCUT;
# a test checks they agree), held by stand-ins until the history is built.
HISTORY_SHORTCUTS = (("promptHistoryAction", "Ctrl+H"), ("insertStyleAction", "Ctrl+Shift+H"))


def load_worker_packages() -> None:
    """Import, on the GUI thread, the packages workers import from: call before any worker
    starts (cheap once done)."""
    import desktop_app.library.history  # (the package, its store and its history)

    desktop_app.library.import_decoders()


def load_packages_then(then: Callable[[], object]) -> None:
    """The workers' packages now, the grid's modules in the next turn, `then` in the one after."""
    load_worker_packages()
    QTimer.singleShot(0, lambda: load_library_pane_modules(then))


def load_library_pane_modules(then: Callable[[], object]) -> None:
    """Import the grid's and the board list's modules, then call `then` in the next turn: with
    the library's open and the grid's build in one turn the GUI thread stood still ~150 ms."""
    import desktop_app.ui.gallery
    import desktop_app.ui.sorting  # noqa: F401

    QTimer.singleShot(0, then)


def with_worker_packages(slot: Callable[[], object]) -> Callable[[], object]:
    """`slot`, which may start a worker, made safe to run before the first paint's imports."""

    def run() -> object:
        load_worker_packages()
        return slot()

    return run


class DeferredParts(QObject):
    """The spend guard, prompt history and notifier of one main window, each built once."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.budget_guard: BudgetGuard | None = None
        self.prompt_history: PromptHistory | None = None
        self.notifier: Notifier | None = None
        self._stand_ins = [self._stand_in(name, keys) for name, keys in HISTORY_SHORTCUTS]

    def _stand_in(self, name: str, keys: str) -> QAction:
        """Pressed before the history exists, builds it and triggers its own action `name`."""
        window = self._window
        action = QAction(window)
        action.setObjectName(f"{name}StandIn")
        action.setShortcut(QKeySequence(keys))

        def build_and_trigger() -> None:
            self.build()
            real = window.findChild(QAction, name)
            if real is not None:
                real.trigger()

        action.triggered.connect(build_and_trigger)
        window.addAction(action)
        return action

    def build(self) -> None:
        """Build the spend guard and the prompt history (once) and wire them to the window."""
        if self.prompt_history is not None:
            return
        load_worker_packages()
        from desktop_app.ui.actions import MenuId
        from desktop_app.ui.budget_guard import BudgetGuard
        from desktop_app.ui.prompt_history import PromptHistory

        window = self._window
        library_dir = lambda: window.settings.library_dir  # noqa: E731 -- changes with Settings
        self.budget_guard = guard = BudgetGuard(
            window.tasks, window.jobs, library_dir, window.model_catalog.effective_prices, window)
        guard.remaining_changed.connect(window.prompt_panel.set_budget_note)
        window.model_catalog.prices_changed.connect(guard.refresh)  # the spend is priced so
        self.prompt_history = history = PromptHistory(window.prompt_panel, window.tasks,
                                                      library_dir, window)
        for stand_in in self._stand_ins:
            window.removeAction(stand_in)
            stand_in.deleteLater()
        self._stand_ins = []
        tools = window.action_registry.menu(MenuId.TOOLS)  # the history's own actions
        tools.addSeparator()
        tools.addAction(history.history_action)
        tools.addAction(history.style_action)

    def start(self) -> None:
        """Build the parts if need be and start their first reads (on workers), with the cached
        prices the guard uses: the window calls this once its library is open."""
        self.build()
        self._window.model_catalog.load_cached_prices()
        self.require_budget_guard().refresh()
        self.require_prompt_history().reload()

    def require_budget_guard(self) -> BudgetGuard:
        self.build()
        assert self.budget_guard is not None
        return self.budget_guard

    def require_prompt_history(self) -> PromptHistory:
        self.build()
        assert self.prompt_history is not None
        return self.prompt_history

    def require_notifier(self) -> Notifier:
        if self.notifier is None:
            from desktop_app.ui.icons import app_icon
            from desktop_app.ui.notifications import Notifier

            self.notifier = Notifier(self._window, app_icon())
        return self.notifier

    def close(self) -> None:
        if self.notifier is not None:
            self.notifier.close()
