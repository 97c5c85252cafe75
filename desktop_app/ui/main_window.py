"""The main window: the layout, one wiring hub, remembering its state, and shutdown.

Owns the layout (prompt and jobs on the left, the library browser on the right, message bars
floating over its bottom edge so they move nothing), `_connect_signals` (the one place actions,
panels and controllers are connected), asking before a quit loses jobs, and shutdown. Around it,
one job each: `actions.py` (every QAction, menu and the toolbar from one table of `ActionId`s),
`library_pane.py` (library and grid, built on first need), `library_controller.py` and
`library_transfers.py` (image commands; export, import, reconcile), `jobs_controller.py`,
`model_catalog.py` (token, models, prices), `client_provider.py`, `dialogs.py`, `window_state.py`.

Where new things go: an action is a row in `actions.py` plus one line in the `_connect_signals`
table; a dialog is a `SingleWindow` in `dialogs.py`; an image command a `LibraryController`
method. Blocking work never runs here. Start-up only builds and paints the window: the library,
the spend guard and prompt history (`deferred_parts.py`, which also keeps the rule that the GUI
thread imports the library before any worker starts), the keyring, models, prices and reconcile
come after the first paint (`first_paint.py`), and the modules only some commands need
(transfers, dialogs, choosers) are imported on first use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop_app import APP_NAME
from desktop_app.jobs import JobQueue
from desktop_app.settings import Settings
from desktop_app.ui import deferred_parts, window_state
from desktop_app.ui.actions import ActionId, ActionRegistry
from desktop_app.ui.client_provider import ClientFactory, ClientProvider, default_client_factory
from desktop_app.ui.deferred_parts import DeferredParts, load_worker_packages, with_worker_packages
from desktop_app.ui.first_paint import after_first_paint
from desktop_app.ui.icons import app_icon
from desktop_app.ui.jobs_controller import JobsController
from desktop_app.ui.jobs_panel import JobsPanel
from desktop_app.ui.library_controller import LibraryController
from desktop_app.ui.library_migration import migrate_first
from desktop_app.ui.library_pane import LibraryPane
from desktop_app.ui.message_bar import MessageBar, MessageOverlay
from desktop_app.ui.model_catalog import ModelCatalog
from desktop_app.ui.prompt_panel import PromptPanel
from desktop_app.ui.tasks import SerialTaskRunner, TaskRunner
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from desktop_app.library import Library
    from desktop_app.secrets import TokenStore
    from desktop_app.ui.batch_controller import BatchController
    from desktop_app.ui.budget_guard import BudgetGuard
    from desktop_app.ui.dialogs import WindowDialogs
    from desktop_app.ui.gallery import GalleryModel, GalleryPanel, GalleryView
    from desktop_app.ui.library_transfers import LibraryTransfers
    from desktop_app.ui.notifications import Notifier
    from desktop_app.ui.prompt_history import PromptHistory
    from desktop_app.ui.sorting import SortingController

__all__ = ["ClientFactory", "MainWindow", "default_client_factory"]
log = logging.getLogger(__name__)

MINIMUM_WINDOW_SIZE = QSize(900, 560)


def _splitter(orientation: Qt.Orientation, name: str, widgets: tuple[QWidget, QWidget],
              sizes: list[int]) -> QSplitter:
    splitter = QSplitter(orientation)
    splitter.setObjectName(name)
    for widget in widgets:
        splitter.addWidget(widget)
    splitter.setSizes(sizes)
    # A pane dragged to nothing hides its controls with no hint of where they went.
    splitter.setChildrenCollapsible(False)
    return splitter


class MainWindow(QMainWindow):
    """Nscale Image Studio's window."""

    background_started = Signal()  # the after-first-paint work (token, models, reconcile) began

    def __init__(self, settings: Settings, token_store: TokenStore | None,
                 library: Library | Callable[[], Library], *,
                 client_factory: ClientFactory = default_client_factory, max_running: int = 2,
                 reconcile_at_start: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        window_icon = app_icon()
        if window_icon is not None:
            self.setWindowIcon(window_icon)
        self.setAcceptDrops(True)  # any image file dropped here opens its Image info
        self.settings = settings
        self._reconcile_at_start = reconcile_at_start
        self._background_started = self._is_closing = self._is_shut_down = False
        self._ask_before_quit = True  # closing with unfinished jobs asks first

        self.clients = ClientProvider(settings, token_store, client_factory)
        self.tasks = TaskRunner(self)
        self.usage_tasks = SerialTaskRunner("usage", self)  # the usage view's ordered queries
        self.jobs_controller = JobsController(self)
        self.jobs = JobQueue(self.jobs_controller.run, max_running, self)

        # -- panels ---------------------------------------------------------------------------
        self.token_bar = MessageBar()
        self.token_bar.setObjectName("tokenBar")
        self.message_bar = MessageBar()
        self.prompt_panel = PromptPanel()
        self.jobs_panel = JobsPanel(self.jobs)
        # Stands where the library grid goes until it is built (see ensure_library).
        self._gallery_placeholder = QWidget()
        self._gallery_placeholder.setObjectName("galleryPlaceholder")
        self.left_splitter = _splitter(Qt.Orientation.Vertical, "leftSplitter",
                                       (self.prompt_panel, self.jobs_panel), [300, 400])
        self.main_splitter = _splitter(Qt.Orientation.Horizontal, "mainSplitter",
                                       (self.left_splitter, self._gallery_placeholder), [380, 820])
        self.main_splitter.setStretchFactor(1, 1)
        central = QWidget()
        central.setObjectName("central")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.main_splitter, 1)
        # The bars float over the library pane's bottom edge, outside every layout: a banner
        # that comes or goes moves no control (clicks land where they were aimed).
        self.message_overlay = MessageOverlay([self.token_bar, self.message_bar])
        self.message_overlay.attach(self._gallery_placeholder)
        self.setCentralWidget(central)
        # Every control (job rows' Retry and ×, the filters, Generate) stays reachable here.
        self.setMinimumSize(MINIMUM_WINDOW_SIZE)

        # -- actions and the objects that own the commands ------------------------------------
        self.action_registry = ActionRegistry(self)
        self.action_registry.build_toolbar()
        self.action_registry.build_menus()
        self.library_controller = LibraryController(self, self.action_registry)
        # Made on first use (their modules are not needed for the first paint): see below.
        self._transfers: LibraryTransfers | None = None
        self._dialogs: WindowDialogs | None = None
        self._batch: BatchController | None = None
        self.model_catalog = ModelCatalog(
            settings, self.clients, self.tasks, self.prompt_panel, self.jobs_panel,
            self.message_bar, self.token_bar,
            lambda action: self.jobs_controller.run_error_action(-1, action), self)
        # Spend guard, prompt history, notifier: right after the first paint (deferred_parts.py).
        self._deferred = DeferredParts(self)
        # The library: opened now, or from a callable after the first paint (library_pane.py).
        self.library_pane = LibraryPane(self, library, self.main_splitter,
                                        self._gallery_placeholder)
        self._connect_signals()
        self.library_controller.update_actions()
        window_state.restore(self)
        self.prompt_panel.focus_prompt()
        if not callable(library):
            self.ensure_library()  # an open library: show its grid in the first paint
        # The rest (budget guard and prompt history, the library when deferred, keyring,
        # models, prices, reconcile) waits until the window is on screen.
        after_first_paint(central, self.start_background_work, self)

    @property
    def budget_guard(self) -> BudgetGuard:
        return self._deferred.require_budget_guard()

    @property
    def prompt_history(self) -> PromptHistory:
        return self._deferred.require_prompt_history()

    @property
    def notifier(self) -> Notifier:
        return self._deferred.require_notifier()

    def _connect_signals(self) -> None:
        """The wiring hub: every action's handler, and the panels' requests."""
        a, commands = self.action_registry, self.library_controller
        catalog, pane = self.model_catalog, self.library_pane
        sorting = pane.require_sorting
        for action_id, slot in (
            (ActionId.OPEN, lambda: self.dialogs.open_viewer()),
            (ActionId.SAVE_AS, commands.save_as),
            (ActionId.COPY_IMAGE, commands.copy_image),
            (ActionId.COPY_PROMPT, commands.copy_prompt),
            (ActionId.REUSE, commands.reuse_settings),
            (ActionId.SHOW_FOLDER, commands.show_in_folder),
            (ActionId.FAVOURITE, commands.toggle_favourite),
            (ActionId.DELETE, commands.delete_selection),
            (ActionId.UNDO_DELETE, commands.undo_delete),
            (ActionId.EXPORT, lambda: self.transfers.export_selection()),
            (ActionId.IMPORT, lambda: self.transfers.import_folder()),
            (ActionId.BATCH, lambda: self.batch.open_dialog()),
            (ActionId.ADD_TO_BOARD, lambda: sorting().add_to_board()),
            (ActionId.REMOVE_FROM_BOARD, lambda: sorting().remove_from_board()),
            (ActionId.COMPARE, lambda: sorting().compare()),
            (ActionId.INFO, lambda: self.dialogs.show_image_info()),
            (ActionId.SETTINGS, lambda: self.dialogs.open_settings()),
            (ActionId.USAGE, lambda: self.dialogs.open_usage()),
            (ActionId.ABOUT, lambda: self.dialogs.show_about()),
            (ActionId.REFRESH_MODELS, catalog.refresh_models),
            (ActionId.FIND, pane.focus_search),
            (ActionId.REFRESH_LIBRARY, pane.refresh),
            (ActionId.LOG_FOLDER, lambda: self.dialogs.open_log_folder()),
            (ActionId.QUIT, self.close),
        ):
            a.connect(action_id, with_worker_packages(slot))
        jobs = self.jobs_controller
        # Every job from the prompt panel passes the spend guard first (built then if need be).
        self.prompt_panel.generate_requested.connect(jobs.generate_within_budget)
        self.prompt_panel.refresh_models_requested.connect(catalog.refresh_models)
        self.jobs.job_finished.connect(jobs.job_finished)
        self.jobs.job_failed.connect(jobs.job_failed)
        for signal in (self.jobs.job_finished, self.jobs.job_failed):
            signal.connect(pane.tell_if_index_set_aside)
        self.jobs_panel.error_action_requested.connect(jobs.run_error_action)
        self.jobs_panel.save_requested.connect(jobs.save_unsaved_images)
        pane.opened.connect(self._connect_library)
        pane.changed.connect(lambda: self.dialogs.library_changed())

    def _connect_library(self, panel: GalleryPanel) -> None:
        """The grid's part of the hub, when the library pane has built it."""
        commands, view, model = self.library_controller, panel.view, panel.model
        self.jobs_controller.library_opened()
        for action in self.action_registry.grid_actions():
            view.addAction(action)
        view.activated.connect(lambda index: self.dialogs.open_viewer_at(index.row()))
        view.customContextMenuRequested.connect(commands.show_context_menu)
        view.drag_files_limited.connect(commands.explain_drag_limit)
        view.selectionModel().selectionChanged.connect(lambda *_: commands.update_actions())
        model.modelReset.connect(commands.update_actions)
        commands.update_actions()

    @property
    def transfers(self) -> LibraryTransfers:
        if self._transfers is None:
            load_worker_packages()
            from desktop_app.ui.library_transfers import LibraryTransfers

            self._transfers = LibraryTransfers(self, self.library_controller)
        return self._transfers

    @property
    def batch(self) -> BatchController:
        """The Batch dialog and its groups (ui/batch_controller.py), made on first use."""
        if self._batch is None:
            from desktop_app.ui.batch_controller import BatchController

            load_worker_packages()
            self._batch = BatchController(self, spend_check=self.budget_guard.spend_check)
            # A batch's items still waiting for a slot count as in flight for the guard.
            self.budget_guard.waiting_cost = self._batch.groups.waiting_cost
        return self._batch

    @property
    def dialogs(self) -> WindowDialogs:
        if self._dialogs is None:
            load_worker_packages()
            from desktop_app.ui.dialogs import WindowDialogs

            self._dialogs = WindowDialogs(self)
        return self._dialogs

    # -- the library and its grid (library_pane.py), built on first need ------------------

    @property
    def library(self) -> Library:
        return self.library_pane.ensure()

    def ensure_library(self) -> Library:
        return self.library_pane.ensure()

    @property
    def is_library_ready(self) -> bool:
        return self.library_pane.library is not None

    @property
    def gallery_model(self) -> GalleryModel:
        return self.library_pane.built().model

    @property
    def gallery_panel(self) -> GalleryPanel:
        return self.library_pane.built()

    @property
    def gallery_view(self) -> GalleryView:
        return self.library_pane.built().view

    @property
    def sorting(self) -> SortingController | None:
        return self.library_pane.sorting

    def start_background_work(self) -> None:
        """After the first paint, a turn a step (#18): workers' packages, grid modules, library."""
        if not (self._background_started or self._is_shut_down):
            deferred_parts.load_packages_then(self._open_library_and_start)

    def _open_library_and_start(self) -> None:
        if self._background_started or self._is_shut_down:
            return
        # #18: an older index is migrated on a worker first (seconds at a million images).
        if not self.is_library_ready and migrate_first(
                self.tasks, self.settings.library_dir, self._open_library_and_start):
            return
        self._background_started = True
        self.library_pane.open_or_report(self.settings.library_dir)
        QTimer.singleShot(0, self._deferred.start)  # guard, history, notifier: the next turn
        if self._reconcile_at_start:  # once the ids are in: beside their read, 7x slower (#18)
            self.library_pane.after_shown(lambda: QTimer.singleShot(
                500, self.transfers.reconcile_library), at_most_ms=10_000)
        self.background_started.emit()
        self.library_pane.after_shown(self._check_token_at_startup)  # keyring: after the grid

    def _check_token_at_startup(self) -> None:
        if not self._is_shut_down:
            self.model_catalog.check_token(at_startup=True)

    def show_unexpected_error(self, summary: str) -> None:
        """Called by the excepthook: a calm line instead of a traceback or a crash."""
        self.message_bar.show_message(self.tr(
            "Something went wrong ({summary}). The details were written to the log; you can "
            "keep working.").format(summary=summary), Accent.ERROR)

    # -- files dropped on the window --------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from desktop_app.ui.dialogs import dropped_file

        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from desktop_app.ui.dialogs import dropped_file

        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.dialogs.show_image_info(path, dropped=True)

    # -- state ------------------------------------------------------------------------------

    def save_state(self) -> None:
        window_state.save(self)
        self.remember_choices()

    def remember_choices(self) -> None:
        window_state.remember_choices(self.settings, self.prompt_panel)

    # -- quitting ---------------------------------------------------------------------------

    def ask_quit_with_jobs(self, unfinished: int) -> bool:
        """Whether to quit although jobs are running or queued; a seam tests replace."""
        from desktop_app.ui.dialogs import ask_quit_with_jobs

        return ask_quit_with_jobs(self, unfinished)

    def quit_without_asking(self) -> None:
        """The next close is not questioned (a quit by signal: nobody could answer)."""
        self._ask_before_quit = False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._is_closing and self._ask_before_quit and self.jobs.is_busy():
            unfinished = sum(1 for job in self.jobs.jobs() if not job.state.is_final)
            if not self.ask_quit_with_jobs(unfinished):
                event.ignore()
                return
        if not self._is_closing:
            self._is_closing = True
            try:
                self.save_state()
            except Exception:
                log.exception("Could not save the window state")
            self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop every worker: cancel jobs, requests and imports, then wait (bounded) for threads.

        Everything is cancelled before anything is waited for, so the waits overlap; each owner
        waits a bounded time (threads.py), and a thread still stuck after that is left to
        `app.main`'s last check rather than destroyed.
        """
        if self._is_shut_down:
            return
        self._is_shut_down = True
        self.tasks.cancel_event.set()
        if self._transfers is not None and self._transfers.import_cancel is not None:
            self._transfers.import_cancel.set()
        if self._dialogs is not None:
            self._dialogs.close_all()
        self.jobs.shutdown()
        self.tasks.shutdown()
        self.usage_tasks.shutdown()
        self.jobs_controller.keep_unsaved_images()
        self.library_pane.shutdown()
        self._deferred.close()

    def close_library(self) -> None:
        """Close the library if it was ever opened (the app calls this last)."""
        self.library_pane.close()
