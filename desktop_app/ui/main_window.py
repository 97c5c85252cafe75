"""The main window: assembles the panels and connects their signals to the actions.

Owns the layout (prompt and jobs on the left, the library browser on the right, message bars
floating over its bottom edge so they move nothing), the image actions (toolbar, context menu,
shortcuts), what each error action does, asking before a quit loses jobs, and remembering
geometry, last choices, the prompt draft and the last export folder. Blocking work never runs
here: generation goes through the `JobQueue`, everything else through `TaskRunner`; the panels
own their own widgets. Start-up is kept to building and painting the window: the keyring, the
model list, the prices and the library reconcile start from a zero-delay timer after the first
paint, and the modules only some actions need (keyring, the API client, usage, the viewer,
dialogs) are imported on first use.
"""

from __future__ import annotations

import html
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import APP_NAME, CONSOLE_URL, DEFAULT_MODEL, __version__
from desktop_app.api.errors import ErrorKind
from desktop_app.api.types import GenerationRequest
from desktop_app.jobs import GenerationClient, GenerationService, Job, JobQueue
from desktop_app.settings import Settings, effective_base_url
from desktop_app.ui.error_actions import ErrorAction, action_for
from desktop_app.ui.icons import app_icon, icon
from desktop_app.ui.jobs_panel import JobsPanel
from desktop_app.ui.message_bar import MessageBar, MessageOverlay
from desktop_app.ui.plain_text import plain_message_box, plain_tooltip
from desktop_app.ui.prompt_panel import DEFAULT_SIZE_TEXT, PromptPanel
from desktop_app.ui.tasks import SerialTaskRunner, TaskRunner
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from types import ModuleType

    from desktop_app.library import DeletedBatch, Library, LibraryEntry, LibraryQuery
    from desktop_app.secrets import TokenStatus, TokenStore
    from desktop_app.ui.gallery import GalleryModel, GalleryPanel, GalleryView

log = logging.getLogger(__name__)

# A start-up model refresh that fails for these reasons (offline, on a plane) is not news: the
# cached list keeps working and the reason goes to the refresh button's tooltip and the log.
QUIET_STARTUP_KINDS = frozenset({ErrorKind.NETWORK, ErrorKind.TIMEOUT})
REFRESH_TOOLTIP = "Refresh the model list from the server"
MINIMUM_WINDOW_SIZE = QSize(900, 560)
EXPORT_FOLDER_KEY = "export/folder"  # the last folder exported to, UTF-8
PROMPT_DRAFT_KEY = "main/prompt_draft"  # the prompt text at quit, UTF-8
IMPORT_MODE_KEY = "import/mode"  # b"copy" or b"reference", asked at the first import

ClientFactory = Callable[[str, str | None, float], GenerationClient]

TOKEN_HINT = (
    "No service token is set. Create one in the Nscale console, then paste it with "
    "“Set token…”. Browsing and managing your library works without one."
)


def default_client_factory(base_url: str, token: str | None, read_timeout: float) -> Any:
    from desktop_app.api.client import NscaleClient  # imported lazily: keeps start-up lean

    return NscaleClient(base_url, token, read_timeout=read_timeout)


def _image_actions() -> ModuleType:
    # Imported on first use: it brings in Pillow, which the first paint does not need.
    from desktop_app.ui import image_actions

    return image_actions


def missing_folders(library: Library) -> list[Path]:
    """The folders of the images marked missing (worker thread: reads the index)."""
    from desktop_app.library import LibraryQuery

    ids = library.query_ids(LibraryQuery(include_missing=True))
    entries = library.get_many(ids).values()
    return sorted({entry.path.parent for entry in entries if entry.missing})


def import_failure_details(failed: Sequence[tuple[Path, str]]) -> str:
    """One line per file an import could not read: its path and why."""
    return "\n".join(f"{path} — {reason}" for path, reason in failed)


class _FirstPaintFilter(QObject):
    """Calls back once, from a zero-delay timer queued by the first Paint of the watched widget."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class _Progress(QObject):
    """Carries progress from a worker thread to the GUI thread (a queued signal)."""

    changed = Signal(int, int)


class MainWindow(QMainWindow):
    """Nscale Image Studio's window."""

    models_refreshed = Signal(object)  # list[str]
    models_refresh_failed = Signal(object)  # the ApiError or exception
    background_started = Signal()  # the after-first-paint work (token, models, reconcile) began
    deleted = Signal(object)  # DeletedBatch
    saved_copy = Signal(object)  # Path
    exported = Signal(object)  # list[Path]
    imported = Signal(object)  # ImportReport
    reconciled = Signal(object)  # ReconcileReport
    clipboard_updated = Signal()

    def __init__(
        self,
        settings: Settings,
        token_store: TokenStore | None,
        library: Library | Callable[[], Library],
        *,
        client_factory: ClientFactory = default_client_factory,
        max_running: int = 2,
        reconcile_at_start: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        window_icon = app_icon()
        if window_icon is not None:
            self.setWindowIcon(window_icon)
        self.settings = settings
        # None: made on first use, so `keyring` (which scans entry points) loads after the paint.
        self._token_store = token_store
        # A Library, or a callable that opens one after the first paint (the app passes that:
        # importing the library and the grid is most of what start-up would otherwise cost).
        self._library_source = library
        self._library: Library | None = None
        self._told_recovery: Path | None = None  # the set-aside index last told about
        self._gallery_model: GalleryModel | None = None
        self._gallery_panel: GalleryPanel | None = None
        self._view_actions: list[QAction] = []
        self._client_factory = client_factory
        # Read by worker threads; replaced (never mutated) on the GUI thread.
        self._connection = (effective_base_url(settings)[0], settings.read_timeout)
        self._reconcile_at_start = reconcile_at_start
        self._background_started = False
        self.server_prices: dict[str, float] = {}  # from GET /models, or the cached copy
        self._usage_view: Any = None
        self._last_deleted: DeletedBatch | None = None
        self._import_cancel: threading.Event | None = None
        self._folder_start: Path | None = None  # where the next folder dialog opens
        self._ask_before_quit = True  # closing with unfinished jobs asks first
        self._is_closing = False
        self._is_shut_down = False
        self._settings_dialog: Any = None
        self._viewer: Any = None
        self.sorting: Any = None  # ui.sorting.SortingController, built with the library
        self._info_dialog: Any = None
        self.setAcceptDrops(True)  # any image file dropped here opens its Image info
        self.token_status: TokenStatus | None = None
        self.model_refreshes_running = 0
        self.batch: Any = None  # Batch (#15, H5): ui.batch_controller.BatchController

        self.tasks = TaskRunner(self)
        self.usage_tasks = SerialTaskRunner("usage", self)  # the usage view's ordered queries
        self._generation: GenerationService | None = None
        self.jobs = JobQueue(self._run_generation, max_running, self)
        from desktop_app.ui.notifications import Notifier

        self.notifier = Notifier(self, window_icon)

        # -- panels ---------------------------------------------------------------------------
        self.token_bar = MessageBar()
        self.token_bar.setObjectName("tokenBar")
        self.message_bar = MessageBar()
        self.prompt_panel = PromptPanel()
        self.jobs_panel = JobsPanel(self.jobs)
        # Stands where the library grid goes until it is built (see ensure_library).
        self._gallery_placeholder = QWidget()
        self._gallery_placeholder.setObjectName("galleryPlaceholder")

        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.addWidget(self.prompt_panel)
        self.left_splitter.addWidget(self.jobs_panel)
        self.left_splitter.setSizes([300, 400])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self._gallery_placeholder)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([380, 820])
        # A pane dragged to nothing hides its controls with no hint of where they went.
        self.left_splitter.setChildrenCollapsible(False)
        self.main_splitter.setChildrenCollapsible(False)
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

        # budget-history: the spend guard before every job, and the prompt history
        from desktop_app.ui.budget_guard import BudgetGuard
        from desktop_app.ui.prompt_history import PromptHistory

        self.budget_guard = BudgetGuard(self.tasks, self.jobs, lambda: self.settings.library_dir,
                                        self.effective_prices, self)
        self.prompt_history = PromptHistory(self.prompt_panel, self.tasks,
                                            lambda: self.settings.library_dir, self)

        self._build_actions()
        self._build_menus()
        self._connect()
        self._restore_state()
        self.prompt_panel.focus_prompt()

        if not callable(library):
            self.ensure_library()  # an open library: show its grid in the first paint
        # The rest (library when deferred, keyring, models, prices, reconcile) waits until the
        # window is on screen.
        central.installEventFilter(_FirstPaintFilter(self.start_background_work, self))

    # -- the library and its grid, built on first need ------------------------------------

    @property
    def library(self) -> Library:
        return self.ensure_library()

    @property
    def gallery_model(self) -> GalleryModel:
        self.ensure_library()
        assert self._gallery_model is not None
        return self._gallery_model

    @property
    def gallery_panel(self) -> GalleryPanel:
        self.ensure_library()
        assert self._gallery_panel is not None
        return self._gallery_panel

    @property
    def gallery_view(self) -> GalleryView:
        return self.gallery_panel.view

    @property
    def is_library_ready(self) -> bool:
        return self._library is not None

    def ensure_library(self) -> Library:
        if self._library is not None:
            return self._library
        from desktop_app.ui.gallery import GalleryModel, GalleryPanel

        source = self._library_source
        library = source() if callable(source) else source
        self._library = library
        self._generation = GenerationService(self._make_client, library)
        model = GalleryModel(library, self)
        panel = GalleryPanel(model)
        self._gallery_model, self._gallery_panel = model, panel
        view = panel.view
        for action in self._view_actions:
            view.addAction(action)
        view.activated.connect(self._on_activated)
        view.customContextMenuRequested.connect(self._show_context_menu)
        view.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_selection_actions()
        )
        model.modelReset.connect(self._update_selection_actions)
        model.library_changed.connect(self._on_library_changed)
        model.failed.connect(lambda text: self.message_bar.show_message(text, Accent.ERROR))
        from desktop_app.ui.sorting import SortingController

        self.sorting = SortingController(self)  # the board list beside the grid
        self.main_splitter.replaceWidget(1, self.sorting.place(panel))
        self.message_overlay.height_changed.connect(panel.set_bottom_inset)
        self.message_overlay.attach(panel, panel.view.verticalScrollBar().sizeHint().width())
        self._gallery_placeholder.deleteLater()
        self._update_selection_actions()
        model.refresh()
        self.sorting.board_panel.refresh()
        # Damage met later, by any statement, is told too: checked after each library read.
        for signal in (model.loaded, model.merged, model.library_changed, model.failed):
            signal.connect(self._tell_if_index_set_aside)
        self._tell_if_index_set_aside()
        return library

    def _tell_if_index_set_aside(self, *_args: object) -> None:
        """Say so when the library set its index aside (at open, or since the last check).

        Reads an attribute the library sets, no disk work. At open the reconcile that follows
        re-indexes the files; mid-session the library re-indexes them itself.
        """
        recovered = getattr(self._library, "recovered_from", None)
        if recovered is None or recovered == self._told_recovery:
            return
        self._told_recovery = recovered
        self.message_bar.show_message(
            f"The library index was damaged and has been set aside as {recovered.name}; "
            "the images are being re-indexed from their embedded metadata.",
            Accent.WARNING,
        )

    def focus_search(self) -> None:
        """Ctrl+F: to the library's search box, wherever the focus was."""
        if self._gallery_panel is not None:
            self._gallery_panel.filter_bar.focus_search()

    def refresh_library(self) -> None:
        """View > Refresh: read the library again (gallery, filters, usage), off this thread."""
        if self._gallery_model is not None:
            self._gallery_model.reload()
        self._on_library_changed()

    def _on_library_changed(self) -> None:
        # The gallery follows by itself (see GalleryModel.reload); the usage window is told.
        if self._usage_view is not None:
            self._usage_view.refresh()

    def _run_generation(self, job_id: int, request: GenerationRequest,
                        cancel: threading.Event, on_retry: Any = None) -> Any:
        # Worker thread. `generate` makes sure the service exists before a job is queued.
        service = self._generation
        assert service is not None
        return service(job_id, request, cancel, on_retry)

    @property
    def token_store(self) -> TokenStore:
        if self._token_store is None:
            from desktop_app.secrets import TokenStore

            self._token_store = TokenStore()
        return self._token_store

    def start_background_work(self) -> None:
        """What start-up leaves for after the first paint; runs once, each part on a worker."""
        if self._background_started or self._is_shut_down:
            return
        # #18: an older index is migrated on a worker first (seconds at a million images).
        from desktop_app.ui.library_migration import migrate_first

        if self._library is None and callable(self._library_source) and migrate_first(
                self.tasks, self.settings.library_dir, self.start_background_work):
            return
        self._background_started = True
        try:
            self.ensure_library()
        except Exception as error:  # unreadable folder, corrupt index...: say so, keep the window
            log.exception("The library could not be opened")
            self.message_bar.show_message(
                f"The library in {self.settings.library_dir} could not be opened: {error}",
                Accent.ERROR, [("Open settings", self.open_settings)],
            )
        self.check_token(at_startup=True)
        self._load_cached_prices()
        self.budget_guard.refresh()  # budget-history
        self.prompt_history.reload()  # budget-history
        if self._reconcile_at_start:
            QTimer.singleShot(500, self.reconcile_library)
        self.background_started.emit()

    # -- building ---------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        icon_name: str | None,
        slot: Callable[[], None],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        on_view: bool = False,
    ) -> QAction:
        action = QAction(icon(icon_name) if icon_name else icon("image"), text, self)
        if icon_name is None:
            action.setIcon(icon("image"))
            action.setIconVisibleInMenu(False)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if on_view:
            # Image shortcuts only while the grid has focus, so Ctrl+C or Delete in the prompt
            # or search box keep their text meaning.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._view_actions.append(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = self._action("Open", "image", self.open_viewer, on_view=True)
        self.save_as_action = self._action("Save as…", "save", self.save_as, keys.Save,
                                           on_view=True)
        self.copy_image_action = self._action("Copy image", "copy", self.copy_image, keys.Copy,
                                              on_view=True)
        self.copy_prompt_action = self._action("Copy prompt", "copy-text", self.copy_prompt,
                                               "Ctrl+Shift+C", on_view=True)
        self.reuse_action = self._action("Reuse settings", "reuse", self.reuse_settings,
                                         "Ctrl+R", on_view=True)
        self.show_folder_action = self._action("Show in folder", "folder", self.show_in_folder,
                                               on_view=True)
        self.favourite_action = self._action("Favourite", "star", self.toggle_favourite,
                                             "Ctrl+D", on_view=True)
        # F as well, as in the viewer and the compare view.
        self.favourite_action.setShortcuts([QKeySequence("Ctrl+D"), QKeySequence("F")])
        # Checked when every selected image is a favourite: choosing it then removes the mark.
        self.favourite_action.setCheckable(True)
        self.delete_action = self._action("Delete", "delete", self.delete_selection, keys.Delete,
                                          on_view=True)
        self.export_action = self._action("Export selection…", "export", self.export_selection,
                                          "Ctrl+E", on_view=True)
        self.add_to_board_action = self._action(
            "Add to board…", "import", lambda: self.sorting.add_to_board(), "B", on_view=True)
        self.remove_from_board_action = self._action(
            "Remove from board", None, lambda: self.sorting.remove_from_board(), "Shift+B",
            on_view=True)
        self.compare_action = self._action("Compare", "image", lambda: self.sorting.compare(),
                                           "C", on_view=True)
        self.undo_action = self._action("Undo delete", "undo", self.undo_delete, keys.Undo)
        self.undo_action.setEnabled(False)
        self.info_action = self._action("Image info", "image", self.show_image_info, "Ctrl+I",
                                        on_view=True)
        self.import_action = self._action("Import folder…", "import", self.import_folder,
                                          "Ctrl+Shift+I")
        self.settings_action = self._action("Settings…", "settings", self.open_settings,
                                            keys.Preferences)
        self.refresh_models_action = self._action("Refresh models", "refresh",
                                                  self.refresh_models)
        # Batch (#15, H5): the dialog and its groups live in ui/batch_controller.py.
        self.batch_action = self._action(self.tr("Batch…"), None, self.open_batch,
                                         "Ctrl+Shift+B")
        self.find_action = self._action("Search the library", "search", self.focus_search,
                                        keys.Find)
        self.refresh_library_action = self._action("Refresh", "refresh", self.refresh_library,
                                                   keys.Refresh)
        if self.refresh_library_action.shortcut().isEmpty():
            self.refresh_library_action.setShortcut(QKeySequence("F5"))
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))

        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for action in (
            self.import_action,
            self.export_action,
            None,
            self.save_as_action,
            self.copy_image_action,
            self.copy_prompt_action,
            self.reuse_action,
            self.show_folder_action,
            self.favourite_action,
            self.delete_action,
            None,
            self.settings_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
                action.setToolTip(self._tooltip(action))
        self.addToolBar(toolbar)
        self._update_selection_actions()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.batch_action)  # Batch (#15, H5)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction("&Quit", self.close)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu("&Edit")
        for action in (self.undo_action, None, self.copy_image_action, self.copy_prompt_action,
                       self.reuse_action, self.info_action, None, self.favourite_action,
                       self.add_to_board_action, self.remove_from_board_action,
                       self.compare_action, self.delete_action):
            if action is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.refresh_library_action)
        tools_menu = bar.addMenu("&Tools")
        self.usage_action = tools_menu.addAction("&Usage and spend…", self.open_usage)
        self.usage_action.setShortcut(QKeySequence("Ctrl+U"))
        tools_menu.addAction(self.refresh_models_action)
        tools_menu.addSeparator()  # budget-history: Ctrl+H and Insert style
        tools_menu.addAction(self.prompt_history.history_action)
        tools_menu.addAction(self.prompt_history.style_action)
        help_menu = bar.addMenu("&Help")
        self.log_folder_action = help_menu.addAction("Open &log folder", self.open_log_folder)
        self.about_action = help_menu.addAction(f"&About {APP_NAME}", self.show_about)

    @staticmethod
    def _tooltip(action: QAction) -> str:
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "")
        return f"{text} ({shortcut})" if shortcut else text

    def _connect(self) -> None:
        # budget-history: every job from the prompt panel passes the spend guard first
        self.prompt_panel.generate_requested.connect(self.generate_within_budget)
        self.budget_guard.remaining_changed.connect(self.prompt_panel.set_budget_note)
        self.prompt_panel.refresh_models_requested.connect(self.refresh_models)
        self.jobs.job_finished.connect(self._on_job_finished)
        self.jobs.job_failed.connect(self._on_job_failed)
        for signal in (self.jobs.job_finished, self.jobs.job_failed):
            signal.connect(self._tell_if_index_set_aside)
        self.jobs_panel.error_action_requested.connect(self.run_error_action)
        self.jobs_panel.save_requested.connect(self.save_unsaved_images)
        self.token_bar.dismissed.connect(lambda: None)

    # -- state ------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.settings
        models = settings.cached_models or [DEFAULT_MODEL]
        self.prompt_panel.set_models([*models, settings.default_model])
        self.prompt_panel.set_values(
            model=settings.last_model or settings.default_model,
            size=settings.last_size or settings.default_size or DEFAULT_SIZE_TEXT,
            count=settings.last_count or settings.default_count,
        )
        draft = Settings.window_state(PROMPT_DRAFT_KEY)
        if draft:
            self.prompt_panel.set_draft(draft.decode("utf-8", errors="replace"))
        geometry = Settings.window_state("main/geometry")
        if geometry:
            from PySide6.QtCore import QByteArray

            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1240, 800)
        for key, splitter in (("main/splitter", self.main_splitter),
                              ("main/left_splitter", self.left_splitter)):
            state = Settings.window_state(key)
            if state:
                from PySide6.QtCore import QByteArray

                splitter.restoreState(QByteArray(state))

    def save_state(self) -> None:
        Settings.set_window_state("main/geometry", bytes(self.saveGeometry().data()))
        Settings.set_window_state("main/splitter", bytes(self.main_splitter.saveState().data()))
        Settings.set_window_state("main/left_splitter",
                                  bytes(self.left_splitter.saveState().data()))
        Settings.set_window_state(PROMPT_DRAFT_KEY,
                                  self.prompt_panel.prompt_edit.toPlainText().encode())
        if self.sorting is not None:
            self.sorting.save_state()
        self._remember_choices()

    def _remember_choices(self) -> None:
        settings = self.settings
        settings.last_model = self.prompt_panel.current_model()
        settings.last_size = self.prompt_panel.current_size_text()
        settings.last_count = self.prompt_panel.count_spin.value()
        settings.cached_models = self.prompt_panel.models()
        settings.save()

    def ask_quit_with_jobs(self, unfinished: int) -> bool:
        """Whether to quit although jobs are running or queued; a seam tests replace."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Quit with unfinished jobs?",
                          f"{unfinished} job{'s are' if unfinished != 1 else ' is'} still "
                          "running or queued. Quitting cancels them; images not received "
                          "yet are lost.", parent=self)
        quit_button = box.addButton("Quit anyway", QMessageBox.ButtonRole.DestructiveRole)
        wait_button = box.addButton("Wait", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(wait_button)
        box.exec()
        return box.clickedButton() is quit_button

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
        if self._import_cancel is not None:
            self._import_cancel.set()
        if self._viewer is not None:
            self._viewer.close()
        self.jobs.shutdown()
        self.tasks.shutdown()
        self.usage_tasks.shutdown()
        self._keep_unsaved_images()
        if self._gallery_model is not None:
            self._gallery_model.shutdown()
        self.notifier.close()

    # -- token and models -------------------------------------------------------------------

    def check_token(self, *, at_startup: bool = False) -> None:
        """Find out (off the GUI thread) whether a token is set; refresh models if it is."""
        store = self.token_store
        self.tasks.run(store.status, lambda status: self._on_token_status(status, at_startup),
                       name="token-status")

    def _on_token_status(self, status: TokenStatus, at_startup: bool = False) -> None:
        self.token_status = status
        if status.is_set:
            self.token_bar.dismiss()
            self.jobs_panel.token_changed()
            self.refresh_models(quiet_offline=at_startup)
        else:
            self.token_bar.show_message(
                TOKEN_HINT,
                Accent.INFO,
                [("Set token…", self.open_token_settings),
                 ("Open Nscale console", lambda: _image_actions().open_url(CONSOLE_URL))],
                closable=True,
            )

    def refresh_models(self, *, quiet_offline: bool = False) -> None:
        """Ask the server for its models and prices (worker). Failures are reported in place,
        except an offline start-up (`quiet_offline`): that only updates the button's tooltip."""
        base_url, read_timeout = self._connection
        factory = self._client_factory
        store = self.token_store
        cancel = self.tasks.cancel_event  # set on quit: the request ends at once

        def work() -> tuple[list[str], dict[str, float], Any]:
            from desktop_app.api.errors import ApiError, CancelledError
            from desktop_app.usage.pricing import load_server_prices, save_server_prices

            token = store.resolve()
            client: Any = factory(base_url, token.reveal() if token else None, read_timeout)
            try:
                infos = client.list_model_info(cancel)
            except CancelledError:
                raise
            except ApiError as error:
                return [], load_server_prices(), error
            finally:
                client.close()
            prices = save_server_prices(infos) or load_server_prices()
            images = [info.id for info in infos if info.is_image]
            return images or [info.id for info in infos], prices, None

        self.model_refreshes_running += 1
        if not quiet_offline:
            # Asked for (the button, the menu, new settings): say it is under way.
            self.prompt_panel.refresh_button.setEnabled(False)
            self.message_bar.show_message("Refreshing the model list…", Accent.INFO,
                                          closable=False)
            self.message_bar.set_progress(0, 0)  # busy: no count to show
        self.tasks.run(work, lambda result: self._on_models(result, quiet_offline),
                       self._on_models_failed, name="list-models")

    def _on_models(self, result: tuple[list[str], dict[str, float], Any],
                   quiet_offline: bool = False) -> None:
        self.model_refreshes_running -= 1
        self.prompt_panel.refresh_button.setEnabled(True)
        models, prices, error = result
        self.set_server_prices(prices)
        if error is None:
            count = len(models)
            if not models:
                from desktop_app.api.client import FALLBACK_MODELS

                models = list(FALLBACK_MODELS)
            self.prompt_panel.set_models(models)
            self.prompt_panel.refresh_button.setToolTip(REFRESH_TOOLTIP)
            self.settings.cached_models = list(models)
            if not quiet_offline:
                found = (f"{count} model{'s' if count != 1 else ''}" if count
                         else "no image models; the built-in list is kept")
                self.message_bar.show_message(f"Model list refreshed: {found}.",
                                              Accent.SUCCESS, timeout_ms=5000)
            self.models_refreshed.emit(models)
            return
        # Keep what the user had: the cached list, else the built-in one.
        if not self.settings.cached_models:
            from desktop_app.api.client import FALLBACK_MODELS

            self.prompt_panel.set_models([*FALLBACK_MODELS, *self.prompt_panel.models()])
        log.info("The model list could not be loaded (%s): %s", error.kind.value, error.message)
        self.prompt_panel.refresh_button.setToolTip(plain_tooltip(
            f"{REFRESH_TOOLTIP}\nLast attempt failed: {error.message} Using the saved list."
        ))
        if not (quiet_offline and error.kind in QUIET_STARTUP_KINDS):
            action = action_for(error.kind)
            if action in (ErrorAction.NONE, ErrorAction.RETRY):
                action = ErrorAction.REFRESH_MODELS  # retrying this request is a refresh
            self.message_bar.show_message(
                f"The model list could not be loaded: {error.message} Using the saved list.",
                Accent.WARNING,
                [(action.label, lambda: self.run_error_action(-1, action))],
            )
        self.models_refresh_failed.emit(error)

    def _on_models_failed(self, error: Exception) -> None:
        self.model_refreshes_running -= 1
        self.prompt_panel.refresh_button.setEnabled(True)
        log.warning("The model list could not be loaded: %r", error)
        self.message_bar.show_message(f"The model list could not be loaded: {error}",
                                      Accent.WARNING, [("Refresh models", self.refresh_models)])
        self.models_refresh_failed.emit(error)

    # -- prices and usage -------------------------------------------------------------------

    def _load_cached_prices(self) -> None:
        def work() -> dict[str, float]:
            from desktop_app.usage.pricing import load_server_prices

            return load_server_prices()

        def loaded(prices: dict[str, float]) -> None:
            if not self.server_prices:  # a fresh list from the server may have come first
                self.set_server_prices(prices)

        self.tasks.run(work, loaded, name="load-prices")

    def set_server_prices(self, prices: dict[str, float]) -> None:
        self.server_prices = dict(prices)
        self._update_prices()

    def _update_prices(self) -> None:
        self.prompt_panel.set_prices(self.effective_prices())
        self.budget_guard.refresh()  # budget-history: the spend is priced with them

    def effective_prices(self) -> dict[str, float]:  # budget-history (was inline above)
        from desktop_app.usage.pricing import effective_prices

        return effective_prices(self.settings.prices, self.server_prices)

    def open_usage(self) -> Any:
        """The Usage and spend window (one per main window, kept while open)."""
        from desktop_app.ui.usage_view import UsageView

        if self._usage_view is None:
            self._usage_view = UsageView(self.library, self.settings, self,
                                         tasks=self.usage_tasks)
            self._usage_view.finished.connect(self._on_usage_closed)
        self._usage_view.show()
        self._usage_view.raise_()
        self._usage_view.activateWindow()
        return self._usage_view

    def _on_usage_closed(self, _result: int) -> None:
        if self._usage_view is not None:
            self._usage_view.shutdown()
            self._usage_view.deleteLater()
            self._usage_view = None

    # -- help -------------------------------------------------------------------------------

    def open_log_folder(self) -> None:
        from desktop_app.logs import log_file

        self.reveal(log_file().parent)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        base_url, source = effective_base_url(self.settings)
        # Deliberate rich text: the URL and the folder come from the user and are escaped.
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A desktop client for Nscale's hosted image models.</p>"
            f"<p>Endpoint: {html.escape(base_url)} (from the {source})<br>"
            f"Library: {html.escape(str(self.settings.library_dir))}</p>"
            f'<p><a href="{CONSOLE_URL}">Nscale console</a></p>',
        )

    def _make_client(self) -> GenerationClient:
        # Runs on a job's worker thread: the keyring lookup and the client creation happen there.
        base_url, read_timeout = self._connection
        token = self.token_store.resolve()
        return self._client_factory(base_url, token.reveal() if token else None, read_timeout)

    # -- generation -------------------------------------------------------------------------

    @Slot(object)
    def generate_within_budget(self, request: GenerationRequest) -> None:  # budget-history
        """Generate once the spend guard found `request` within budget (or it was allowed)."""
        self.budget_guard.check([request], lambda: self.generate(request))

    @Slot(object)
    def generate(self, request: GenerationRequest) -> Job:
        self.ensure_library()  # where the images go; normally open since the first paint
        job = self.jobs.submit(request)
        self.prompt_history.note_sent(request)  # budget-history: recalled at once
        self._remember_choices()
        return job

    def open_batch(self) -> Any:
        """Batch (#15, H5): open the Batch dialog; its groups run on this window's queue."""
        if self.batch is None:
            from desktop_app.ui.batch_controller import BatchController

            self.batch = BatchController(self, spend_check=self.budget_guard.spend_check)
        return self.batch.open_dialog()

    def _on_job_finished(self, job: Job) -> None:
        outcome = job.outcome
        if outcome is None:
            return
        self.gallery_model.add_new_entries(outcome.entries, outcome.thumbnails)
        if job.group_id is not None:
            return  # Batch (#15, H5): one notification per batch, from its controller
        count = len(outcome.entries)
        self.notifier.notify(APP_NAME, f"{count} new image{'s' if count != 1 else ''} ready.")

    def _on_job_failed(self, job: Job) -> None:
        if job.group_id is not None:
            return  # Batch (#15, H5): the group row shows it; one notification per batch
        self.notifier.notify(APP_NAME, f"A job failed: {job.error_message}")

    def _keep_unsaved_images(self) -> None:
        """At quit, paid images the library could not keep go to the fallback folder.

        The one disk write on the GUI thread, and only at shutdown: nothing is left to freeze,
        and the images exist nowhere else.
        """
        jobs = [job for job in self.jobs.jobs() if job.has_unsaved_images]
        if not jobs:
            return
        import time

        from desktop_app import paths
        from desktop_app.library.store import save_result_to_folder

        stamp = time.strftime("%Y%m%d-%H%M%S")
        for job in jobs:
            assert job.unsaved is not None
            # The data folder, else the system's temporary folder (as the job row says).
            for folder in paths.quit_fallback_folders(f"{stamp}-job-{job.id}"):
                try:
                    save_result_to_folder(job.unsaved, folder, str(job.id))
                except Exception:
                    log.exception("Could not keep the unsaved images of job %s", job.id)
                    continue
                log.warning("Unsaved images of job %s were written to %s", job.id, folder)
                break

    def save_unsaved_images(self, job_id: int) -> None:
        """"Save to…": write a job's paid images the library could not keep into a folder."""
        job = self.jobs.job(job_id)
        if job is None or job.unsaved is None or job.is_saving:
            return
        folder = self.ask_folder("Save the images to")
        if folder is None:
            return
        result = job.unsaved

        def write() -> list[Path]:  # worker thread
            from desktop_app.library.store import save_result_to_folder

            return save_result_to_folder(result, folder, str(job_id))

        def saved(written: list[Path]) -> None:
            self.jobs.mark_saved(job_id, folder)
            count = len(written)
            self.message_bar.show_message(
                f"Saved {count} image{'s' if count != 1 else ''} to {folder}.", Accent.SUCCESS,
                [("Show in folder", lambda: self.reveal(folder))], timeout_ms=8000,
            )

        def failed(error: Exception) -> None:
            self.jobs.mark_saving(job_id, False)  # the images stay on the job: try elsewhere
            self._report_failure("The images could not be saved")(error)

        self.jobs.mark_saving(job_id, True)
        self.tasks.run(write, saved, failed, name="save-unsaved", context=self)

    def run_error_action(self, job_id: int, action: ErrorAction) -> None:
        """What each button of the error table does."""
        if action == ErrorAction.SET_TOKEN:
            self.open_token_settings()
        elif action == ErrorAction.OPEN_CONSOLE:
            _image_actions().open_url(CONSOLE_URL)
        elif action == ErrorAction.REFRESH_MODELS:
            self.refresh_models()
        elif action == ErrorAction.RETRY:
            job = self.jobs.job(job_id)  # budget-history: a retry is sent again, so checked too
            if job is not None:
                self.budget_guard.check([job.request], lambda: self.jobs.retry(job_id))
        elif action == ErrorAction.OPEN_SETTINGS:
            self.open_settings()

    # -- settings ---------------------------------------------------------------------------

    def open_settings(self) -> Any:
        from desktop_app.ui.settings_dialog import SettingsDialog

        if self._settings_dialog is None:
            factory = self._client_factory
            timeout = self.settings.read_timeout

            def list_models(base_url: str, token: str | None) -> list[str]:
                client: Any = factory(base_url, token, timeout)
                try:
                    return client.list_models()
                finally:
                    client.close()

            dialog = SettingsDialog(self.settings, self.token_store, self.tasks, list_models,
                                    self.prompt_panel.models(), self,
                                    server_prices=self.server_prices,
                                    budget_guard=self.budget_guard)  # budget-history
            dialog.saved.connect(self._on_settings_saved)
            dialog.token_changed.connect(self.check_token)
            dialog.finished.connect(self._on_settings_closed)
            self._settings_dialog = dialog
        self._settings_dialog.show()
        self._settings_dialog.raise_()
        self._settings_dialog.activateWindow()
        return self._settings_dialog

    def open_token_settings(self) -> Any:
        dialog = self.open_settings()
        dialog.focus_token()
        return dialog

    def _on_settings_closed(self, _result: int) -> None:
        if self._settings_dialog is not None:
            self._settings_dialog.deleteLater()
            self._settings_dialog = None

    def _on_settings_saved(self) -> None:
        self._connection = (effective_base_url(self.settings)[0], self.settings.read_timeout)
        self._update_prices()
        self.refresh_models()
        if self._usage_view is not None:  # new prices or budget limits: figures and limit line
            self._usage_view.refresh()

    # -- selection and image actions --------------------------------------------------------

    def selected_entries(self) -> list[LibraryEntry]:
        """The selected entries the grid holds; never reads the index (a selection of 100,000
        would be 100,000 reads on this thread). Actions on every selected image use ids."""
        model = self.gallery_model
        entries = (model.held_entry(i) for i in self.gallery_view.selected_ids())
        return [entry for entry in entries if entry is not None]

    def current_entry(self) -> LibraryEntry | None:
        entry_id = self.gallery_view.current_id()
        selected = self.gallery_view.selected_ids()
        if entry_id is None or (selected and entry_id not in set(selected)):
            entry_id = selected[0] if selected else None
        # On screen, so held: at most one indexed read when it is not.
        return self.gallery_model.entry(entry_id) if entry_id is not None else None

    def _update_selection_actions(self) -> None:
        panel = self._gallery_panel
        count = len(panel.view.selected_ids()) if panel is not None else 0
        for action in (self.open_action, self.save_as_action, self.copy_image_action,
                       self.copy_prompt_action, self.reuse_action, self.show_folder_action,
                       self.info_action):
            action.setEnabled(count >= 1)
        for action in (self.favourite_action, self.delete_action, self.export_action,
                       self.add_to_board_action, self.remove_from_board_action):
            action.setEnabled(count >= 1)
        self.compare_action.setEnabled(2 <= count <= 4)
        self._sync_favourite_check()

    def _sync_favourite_check(self) -> None:
        entries = self.selected_entries() if self._gallery_panel is not None else []
        self.favourite_action.setChecked(bool(entries) and all(e.favourite for e in entries))

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.gallery_view.indexAt(position)
        if not index.isValid():
            return
        if not self.gallery_view.selectionModel().isSelected(index):
            self.gallery_view.setCurrentIndex(index)
        self._sync_favourite_check()
        menu = QMenu(self)
        for action in (self.open_action, None, self.save_as_action, self.copy_image_action,
                       self.copy_prompt_action, self.reuse_action, self.info_action,
                       self.show_folder_action, None, self.favourite_action,
                       self.add_to_board_action, self.remove_from_board_action,
                       self.compare_action, self.export_action,
                       None, self.delete_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.gallery_view.viewport().mapToGlobal(position))

    def _on_activated(self, index: QModelIndex) -> None:
        entry = self.gallery_model.entry_at(index.row())
        if entry is not None:
            self.open_viewer(entry)

    def open_viewer(self, entry: LibraryEntry | None = None) -> Any:
        from desktop_app.ui.viewer import ImageViewer

        entry = entry or self.current_entry()
        if entry is None:
            return None
        if self._viewer is None:
            self._viewer = ImageViewer(self.tasks, self._neighbour, self,
                                       fetch_entry=self.library.get,
                                       position=self.sorting.viewer_position,
                                       jump=self.sorting.viewer_jump)
            self.sorting.attach_viewer(self._viewer)
            self._viewer.addAction(self.undo_action)
            self._viewer.current_changed.connect(self.gallery_view.select_id)
            for action in (self.copy_image_action, self.copy_prompt_action,
                           self.save_as_action, self.reuse_action, self.show_folder_action,
                           self.info_action):
                self._viewer.addAction(action)
        self._viewer.show_entry(entry)
        self._viewer.show()
        self._viewer.raise_()
        self._viewer.activateWindow()
        return self._viewer

    def _neighbour(self, entry_id: int, step: int) -> LibraryEntry | int | None:
        """The next entry in the gallery's order; only its id when its page is not fetched
        yet (the viewer then reads it on a worker: never the library on the GUI thread)."""
        row = self.gallery_model.row_of(entry_id)
        if row is None:
            return None
        entry_id_next = self.gallery_model.id_at(row + step)
        if entry_id_next is None:
            return None
        entry = self.gallery_model.entry_at(row + step)
        return entry if entry is not None else entry_id_next

    def _viewer_or_current(self) -> LibraryEntry | None:
        viewer = self._viewer
        if viewer is not None and viewer.isActiveWindow() and viewer.entry is not None:
            return viewer.entry
        return self.current_entry()

    def ask_save_path(self, entry: LibraryEntry) -> tuple[Path, str] | None:
        """Ask where to save a copy; a seam tests replace. None when the user cancels."""
        actions = _image_actions()
        filters = ";;".join(actions.SAVE_FORMATS)
        stem = actions.suggested_name(entry.prompt, entry.n_index, entry.path.stem)
        suggested = str(Path.home() / f"{stem}{entry.path.suffix or '.png'}")
        path, chosen = QFileDialog.getSaveFileName(self, "Save image as", suggested, filters)
        return (Path(path), chosen) if path else None

    def ask_folder(self, title: str) -> Path | None:
        """Ask for a folder; a seam tests replace. None when the user cancels."""
        start = self._folder_start or Path.home()
        folder = QFileDialog.getExistingDirectory(self, title, str(start))
        return Path(folder) if folder else None

    def save_as(self) -> None:
        entry = self._viewer_or_current()
        if entry is None:
            return
        answer = self.ask_save_path(entry)
        if answer is None:
            return
        pillow_format, target = _image_actions().format_for(*answer)
        source = entry.path

        def saved(path: Path) -> None:
            self.message_bar.show_message(
                f"Saved {path.name}.", Accent.SUCCESS,
                [("Show in folder", lambda: self.reveal(path.parent, path))],
                timeout_ms=8000,
            )
            self.saved_copy.emit(path)

        self.tasks.run(lambda: _image_actions().convert_image(source, target, pillow_format),
                       saved, self._report_failure("The image could not be saved"),
                       name="save-as")

    def copy_image(self) -> None:
        from desktop_app.ui.viewer import read_image

        entry = self._viewer_or_current()
        if entry is None:
            return
        path = entry.path

        def copied(image: QImage) -> None:
            QGuiApplication.clipboard().setImage(image)
            self.message_bar.show_message("Image copied.", Accent.SUCCESS, timeout_ms=3000)
            self.clipboard_updated.emit()

        self.tasks.run(lambda: read_image(path), copied,
                       self._report_failure("The image could not be copied"), name="copy-image")

    def copy_prompt(self) -> None:
        entry = self._viewer_or_current()
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.prompt)
            self.clipboard_updated.emit()

    def reuse_settings(self) -> None:
        entry = self._viewer_or_current()
        if entry is None:
            return
        if entry.prompt:
            # Another tool's model id is taken only when this endpoint offers it (#12).
            foreign = entry.generator != "nscale-studio" and bool(entry.model)
            skip = foreign and entry.model not in self.prompt_panel.models()
            self.prompt_panel.set_values(prompt=entry.prompt,
                                         model=None if skip else entry.model or None,
                                         size=entry.size_text)
            self.prompt_panel.focus_prompt()
            note = f" Not applicable here: the model {entry.model!r}." if skip else ""
            self.message_bar.show_message(f"Settings reused (Ctrl+Z restores your text).{note}",
                                          Accent.INFO, timeout_ms=4000)
            return
        path = entry.path

        def apply(metadata: Any) -> None:
            self.prompt_panel.set_values(prompt=metadata.prompt or "",
                                         model=metadata.model or None,
                                         size=f"{metadata.width}x{metadata.height}")
            self.prompt_panel.focus_prompt()

        from desktop_app.library import read_metadata

        self.tasks.run(lambda: read_metadata(path), apply,
                       self._report_failure("The image's settings could not be read"),
                       name="read-metadata")

    # -- image info, and files dropped on the window ----------------------------------------

    def show_image_info(self, path: Path | None = None, *, dropped: bool = False) -> Any:
        """The Image info dialog for `path` (default: the current image); a dropped file's
        dialog also offers Add to library."""
        from desktop_app.ui.image_info import ImageInfoDialog

        if path is None:
            entry = self._viewer_or_current()
            if entry is None:
                return None
            path = entry.path
        if self._info_dialog is None:
            self._info_dialog = ImageInfoDialog(self.tasks, self)
            self._info_dialog.reuse_requested.connect(self._reuse_info)
            self._info_dialog.add_requested.connect(self._add_dropped_file)
        self._info_dialog.show_file(path, can_add=dropped)
        self._info_dialog.show()
        self._info_dialog.raise_()
        self._info_dialog.activateWindow()
        return self._info_dialog

    def _reuse_info(self, info: Any) -> None:
        from desktop_app.ui.image_info import reuse_plan

        plan = reuse_plan(info, self.prompt_panel.models())
        if plan.prompt:
            self.prompt_panel.set_values(prompt=plan.prompt, model=plan.model)
        self._info_dialog.show_message(plan.message())

    def _add_dropped_file(self, path: Path) -> None:
        library, dialog = self.library, self._info_dialog

        def done(result: tuple[LibraryEntry, bool]) -> None:
            entry, added = result
            dialog.added("Added to the library." if added else "Already in the library.", True)
            if added:
                self.gallery_model.refresh()
                self.imported.emit(entry)

        self.tasks.run(lambda: library.import_file(path), done,
                       lambda error: dialog.added(f"It could not be added: {error}", False),
                       name="import-file", context=dialog)

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return next((path for path in files if path.suffix), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.show_image_info(path, dropped=True)

    def reveal(self, folder: Path, file: Path | None = None) -> bool:
        """Open `folder` in the file manager; when none can be launched, say where it is."""
        if _image_actions().open_folder(folder):
            return True
        where = file or folder
        noun = "file" if file is not None else "folder"
        self.message_bar.show_message(
            f"Couldn't open a file manager; the {noun} is at {where}", Accent.WARNING,
            [("Copy path", lambda: QGuiApplication.clipboard().setText(str(where)))],
        )
        return False

    def show_in_folder(self) -> None:
        entry = self._viewer_or_current()
        if entry is not None:
            self.reveal(entry.path.parent, entry.path)

    def toggle_favourite(self) -> None:
        ids = self.gallery_view.selected_ids()
        if not ids:
            return
        library = self.library

        def work() -> bool:
            # Read where they are now (another process may have changed them), then set.
            found = library.get_many(ids).values()
            favourite = not all(entry.favourite for entry in found)
            library.set_favourite(ids, favourite)
            return favourite

        def done(favourite: bool) -> None:
            self.gallery_model.set_favourite_shown(ids, favourite)
            self._sync_favourite_check()
            if self.gallery_model.query.favourites_only and not favourite:
                self.gallery_model.reload()  # in place: the rest stays selected

        self.tasks.run(work, done, self._report_failure("Favourites could not be changed"),
                       name="favourite")

    def delete_selection(self, ids: Sequence[int] | None = None) -> None:
        ids = list(ids) if ids is not None else self.gallery_view.selected_ids()
        if not ids:
            return
        library = self.library

        def deleted(batch: DeletedBatch) -> None:
            self._last_deleted = batch
            self.undo_action.setEnabled(True)
            model = self.gallery_model
            rows = [row for i in batch.ids if (row := model.row_of(i)) is not None]
            model.remove_ids(batch.ids)
            if rows and model.rowCount():
                # The image after the deleted ones takes their place, selected, so Delete
                # pressed again goes on through the grid.
                next_id = model.id_at(min(min(rows), model.rowCount() - 1))
                if next_id is not None:
                    self.gallery_view.select_id(next_id)
            count = len(batch.ids)
            self.message_bar.show_message(
                f"Deleted {count} image{'s' if count != 1 else ''}.", Accent.INFO,
                [("Undo", self.undo_delete)], timeout_ms=15000,
            )
            self.deleted.emit(batch)

        self.tasks.run(lambda: library.delete(ids), deleted,
                       self._report_failure("The images could not be deleted"), name="delete")

    def undo_delete(self) -> None:
        batch = self._last_deleted
        if batch is None:
            return
        self._last_deleted = None
        self.undo_action.setEnabled(False)
        library = self.library

        def restored(_entries: object) -> None:
            self.message_bar.show_message("Restored.", Accent.SUCCESS, timeout_ms=3000)
            self.gallery_model.reload()  # back in place, selection kept

        self.tasks.run(lambda: library.undo_delete(batch), restored,
                       self._report_failure("The images could not be restored"), name="undo")

    def ask_confirmation(self, title: str, text: str, confirm_label: str) -> bool:
        """A yes/no question (plain text); a seam tests replace."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_message_box(self, QMessageBox.Icon.Question, title, text,
                                QMessageBox.StandardButton.NoButton)
        confirm = box.addButton(confirm_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is confirm

    def export_selection(self) -> None:
        from desktop_app.ui import export

        ids = self.gallery_view.selected_ids()
        if not ids:
            return
        remembered = Settings.window_state(EXPORT_FOLDER_KEY)
        self._folder_start = Path(remembered.decode()) if remembered else None
        try:
            folder = self.ask_folder("Export images to")
        finally:
            self._folder_start = None
        if folder is None:
            return
        library = self.library

        def planned(plan: export.ExportPlan) -> None:
            if plan.problem is not None:
                self.message_bar.show_message(plan.problem, Accent.ERROR)
                return
            if plan.is_root and not self.ask_confirmation(
                    "Export to the top of the file system?",
                    f"Export {len(plan.items)} images straight into {plan.folder}?", "Export"):
                return
            if plan.existing and not self.ask_confirmation(
                    "Files with these names exist",
                    f"{len(plan.existing)} of the files are already in {plan.folder} "
                    f"({', '.join(plan.existing[:3])}{'…' if len(plan.existing) > 3 else ''})."
                    " Nothing is replaced: keep both, the new copies named “… (2)”?",
                    "Keep both"):
                return
            Settings.set_window_state(EXPORT_FOLDER_KEY, str(plan.folder).encode())
            self.tasks.run(lambda: export.write_export(plan, skipped), exported,
                           self._report_failure("The images could not be exported"),
                           name="export")

        skipped: list[tuple[Path, str]] = []  # filled on the worker, read once it is done

        def exported(paths: Sequence[Path]) -> None:
            self.message_bar.show_message(
                export.export_summary(len(paths), skipped, folder),
                Accent.WARNING if skipped else Accent.SUCCESS,
                [("Show in folder", lambda: self.reveal(folder))], timeout_ms=10000,
            )
            self.exported.emit(list(paths))

        self.tasks.run(lambda: export.plan_export(library, ids, folder), planned,
                       self._report_failure("The images could not be exported"),
                       name="export-plan")

    def _ask_import_mode(self, folder: Path) -> None:
        """The first import asks, in the bar (never a modal), copy or reference; then starts."""
        self.message_bar.show_message(
            f"Import from {folder}: copy the images into the library folder, so the library "
            "owns them, or keep them where they are and only index them (no disk space used; "
            "if that folder moves, its images show as missing)? Remembered for later imports.",
            Accent.INFO,
            [("Copy into the library", lambda: self._choose_import_mode(folder, True)),
             ("Keep where they are", lambda: self._choose_import_mode(folder, False))],
        )

    def _choose_import_mode(self, folder: Path, copy: bool) -> None:
        Settings.set_window_state(IMPORT_MODE_KEY, b"copy" if copy else b"reference")
        self._start_import(folder, copy)

    def show_details(self, title: str, summary: str, details: str) -> None:
        """A box with a summary and a details list (plain text); a seam tests replace."""
        from PySide6.QtWidgets import QMessageBox

        box = plain_message_box(self, QMessageBox.Icon.Warning, title, summary)
        box.setDetailedText(details)  # always plain text
        box.open()

    def show_imported(self) -> None:
        """Only the imported images in the grid (Clear filters shows everything again)."""
        self.gallery_panel.filter_bar.show_source("imported")

    def import_folder(self, folder: Path | None = None) -> None:
        folder = folder or self.ask_folder("Import images from")
        if folder is None:
            return
        remembered = Settings.window_state(IMPORT_MODE_KEY)
        if remembered not in (b"copy", b"reference"):
            self._ask_import_mode(folder)
            return
        self._start_import(folder, remembered == b"copy")

    def _start_import(self, folder: Path, copy: bool) -> None:
        cancel = threading.Event()
        self._import_cancel = cancel
        progress = _Progress(self)
        progress.changed.connect(self.message_bar.set_progress)
        library = self.library
        self.message_bar.show_message(f"Importing images from {folder}…", Accent.INFO,
                                      [("Cancel", cancel.set)], closable=False)

        def work() -> Any:
            return library.import_folder(folder, copy=copy, progress=progress.changed.emit,
                                         cancel=cancel)

        def finished(report: Any) -> None:
            progress.deleteLater()
            self._import_cancel = None
            text = f"Imported {report.added} image{'s' if report.added != 1 else ''}"
            if report.duplicates:
                text += f", {report.duplicates} already in the library"
            if report.failed:
                text += f", {len(report.failed)} could not be read"
            text += " (cancelled)." if report.cancelled else "."
            actions: list[tuple[str, Callable[[], None]]] = []
            if report.added:
                actions.append(("Show imported", self.show_imported))
            if report.failed:
                details = import_failure_details(report.failed)
                actions.append(("Details…", lambda: self.show_details(
                    "Files that could not be imported", text, details)))
            self.message_bar.show_message(text, Accent.WARNING if report.failed
                                          else Accent.SUCCESS, actions,
                                          timeout_ms=0 if report.failed else 15000)
            self.gallery_model.reload()
            self.imported.emit(report)

        def failed(error: Exception) -> None:
            progress.deleteLater()
            self._import_cancel = None
            self._report_failure("The folder could not be imported")(error)

        self.tasks.run(work, finished, failed, name="import")

    def reconcile_library(self) -> None:
        library = self.library

        def work() -> tuple[Any, list[Path]]:
            report = library.reconcile()
            # Only files that went missing just now are counted, so this is said once.
            return report, missing_folders(library) if report.marked_missing else []

        def done(result: tuple[Any, list[Path]]) -> None:
            report, folders = result
            self._tell_if_index_set_aside()
            if report.marked_missing or report.found_again or report.indexed:
                self.gallery_model.reload()
            if report.marked_missing:
                count = report.marked_missing
                shown = ", ".join(str(folder) for folder in folders[:3])
                more = f" and {len(folders) - 3} more" if len(folders) > 3 else ""
                self.message_bar.show_message(
                    f"{count} image{'s' if count != 1 else ''} could not be found where "
                    f"{'they were' if count != 1 else 'it was'} ({shown}{more}): moved or "
                    "removed? Missing images are hidden from the grid and come back when "
                    "their files do.", Accent.WARNING)
            self.reconciled.emit(report)

        self.tasks.run(work, done,
                       lambda error: log.warning("Reconcile failed: %r", error),
                       name="reconcile")

    def _report_failure(self, what: str) -> Callable[[Exception], None]:
        def report(error: Exception) -> None:
            from desktop_app.library.storage_errors import storage_error

            mapped = storage_error(error)
            if mapped is not None:
                log.warning("%s: %r", what, error)
                text = mapped.message
            elif isinstance(error, OSError | ValueError):  # a missing file, a bad image
                log.warning("%s: %r", what, error)
                text = str(error)
            else:
                log.error("%s", what, exc_info=error)
                text = f"unexpected {type(error).__name__}; details are in the log"
            self.message_bar.show_message(f"{what}. {text}", Accent.ERROR)

        return report

    def show_unexpected_error(self, summary: str) -> None:
        """Called by the excepthook: a calm line instead of a traceback or a crash."""
        self.message_bar.show_message(
            f"Something went wrong ({summary}). The details were written to the log; "
            "you can keep working.", Accent.ERROR,
        )

    def current_query(self) -> LibraryQuery:
        return self.gallery_model.query

    def close_library(self) -> None:
        """Close the library if it was ever opened (the app calls this last)."""
        if self._library is not None:
            self._library.close()
