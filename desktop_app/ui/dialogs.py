"""The lifetimes of the main window's other windows: settings, usage, image info, viewer, compare.

Owns `SingleWindow` (one instance at a time, built on first use, raised when asked again,
dropped when closed unless kept) and `WindowDialogs`, which builds each window, wires it to the
rest of the window and closes them at shutdown; also the About box and the quit question.

Adding a dialog: a `SingleWindow` attribute in `WindowDialogs.__init__` with a builder method
(`_build_x`) that imports the dialog module lazily (start-up stays lean) and connects its
signals, an `open_x` method that calls `self.x.show()`, and, when a menu opens it, an `ActionId`
connected to `open_x` in `MainWindow._connect_signals`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop_app import APP_NAME, BASE_URL_ENV_VAR, CONSOLE_URL, __version__
from desktop_app.settings import BASE_URL_FROM_ENVIRONMENT, effective_base_url
from desktop_app.ui.actions import VIEWER_ACTIONS

if TYPE_CHECKING:
    from desktop_app.library import LibraryEntry
    from desktop_app.ui.main_window import MainWindow

W = TypeVar("W", bound=QWidget)


class SingleWindow(Generic[W]):
    """At most one `W`: built on first `show`, raised when shown again, dropped when closed."""

    def __init__(self, build: Callable[[], W], *, keep: bool = False,
                 on_drop: Callable[[W], None] | None = None) -> None:
        self._build = build
        self._keep = keep  # kept after closing (the viewer and Image info remember their place)
        self._on_drop = on_drop
        self.current: W | None = None

    def get(self) -> W:
        if self.current is None:
            widget = self._build()
            if not self._keep and isinstance(widget, QDialog):
                widget.finished.connect(lambda _result: self.drop())
            self.current = widget
        return self.current

    def show(self) -> W:
        widget = self.get()
        widget.show()
        widget.raise_()
        widget.activateWindow()
        return widget

    def drop(self) -> None:
        widget, self.current = self.current, None
        if widget is not None:
            if self._on_drop is not None:
                self._on_drop(widget)
            widget.deleteLater()

    def close(self) -> None:
        if self.current is not None:
            self.current.close()


class WindowDialogs:
    """The secondary windows of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.settings: SingleWindow[Any] = SingleWindow(self._build_settings)
        self.usage: SingleWindow[Any] = SingleWindow(
            self._build_usage, on_drop=lambda view: view.shutdown())
        self.info: SingleWindow[Any] = SingleWindow(self._build_info, keep=True)
        self.viewers: SingleWindow[Any] = SingleWindow(self._build_viewer, keep=True)
        self.compare: SingleWindow[Any] = SingleWindow(self._build_compare, keep=True)

    @property
    def viewer(self) -> Any:
        """The image viewer, when it was opened."""
        return self.viewers.current

    def library_changed(self) -> None:
        """Another statement changed the library: the usage window reads it again."""
        if self.usage.current is not None:
            self.usage.current.refresh()

    def close_all(self) -> None:
        self.viewers.close()

    # -- settings ---------------------------------------------------------------------------

    def _build_settings(self) -> Any:
        from desktop_app.ui.settings_dialog import SettingsDialog

        window = self._window
        dialog = SettingsDialog(window.settings, window.clients.token_store, window.tasks,
                                window.clients.list_models, window.prompt_panel.models(),
                                window, server_prices=window.model_catalog.server_prices,
                                budget_guard=window.budget_guard)
        dialog.saved.connect(window.model_catalog.settings_saved)
        dialog.saved.connect(self.library_changed)  # new prices or limits: the usage figures
        dialog.token_changed.connect(window.model_catalog.check_token)
        return dialog

    def open_settings(self) -> Any:
        return self.settings.show()

    def open_token_settings(self) -> Any:
        dialog = self.settings.show()
        dialog.focus_token()
        return dialog

    # -- usage ------------------------------------------------------------------------------

    def _build_usage(self) -> Any:
        from desktop_app.ui.usage_view import UsageView

        window = self._window
        return UsageView(window.library, window.settings, window, tasks=window.usage_tasks)

    def open_usage(self) -> Any:
        """The Usage and spend window (one per main window, kept while open)."""
        return self.usage.show()

    # -- image info -------------------------------------------------------------------------

    def _build_info(self) -> Any:
        from desktop_app.ui.image_info import ImageInfoDialog

        window = self._window
        dialog = ImageInfoDialog(window.tasks, window)
        dialog.reuse_requested.connect(self._reuse_info)
        dialog.add_requested.connect(
            lambda path: window.library_controller.add_dropped_file(path, dialog))
        return dialog

    def show_image_info(self, path: Path | None = None, *, dropped: bool = False) -> Any:
        """The Image info dialog for `path` (default: the current image); a dropped file's
        dialog also offers Add to library."""
        if path is None:
            entry = self._window.library_controller.target_entry()
            if entry is None:
                return None
            path = entry.path
        dialog = self.info.get()
        dialog.show_file(path, can_add=dropped)
        return self.info.show()

    def _reuse_info(self, info: Any) -> None:
        from desktop_app.ui.image_info import reuse_plan

        panel = self._window.prompt_panel
        plan = reuse_plan(info, panel.models())
        if plan.prompt:
            panel.set_values(prompt=plan.prompt, model=plan.model)
        self.info.get().show_message(plan.message())

    # -- the viewer -------------------------------------------------------------------------

    def _build_viewer(self) -> Any:
        from desktop_app.ui.viewer import ImageViewer

        window = self._window
        sorting = window.library_pane.require_sorting()
        viewer = ImageViewer(window.tasks, self._neighbour, window,
                             fetch_entry=window.library.get,
                             position=sorting.viewer_position, jump=sorting.viewer_jump)
        sorting.attach_viewer(viewer)
        window.action_registry.add_to(viewer, VIEWER_ACTIONS)
        viewer.current_changed.connect(window.gallery_view.select_id)
        return viewer

    def open_viewer(self, entry: LibraryEntry | None = None) -> Any:
        entry = entry or self._window.library_controller.current_entry()
        if entry is None:
            return None
        viewer = self.viewers.get()
        viewer.show_entry(entry)
        return self.viewers.show()

    def open_viewer_at(self, row: int) -> Any:
        """Enter or a double-click on a grid cell: the viewer on that image, once it is fetched."""
        entry = self._window.gallery_model.entry_at(row)
        return self.open_viewer(entry) if entry is not None else None

    def _neighbour(self, entry_id: int, step: int) -> LibraryEntry | int | None:
        """The next entry in the gallery's order; only its id when its page is not fetched
        yet (the viewer then reads it on a worker: never the library on the GUI thread)."""
        model = self._window.gallery_model
        row = model.row_of(entry_id)
        if row is None:
            return None
        next_id = model.id_at(row + step)
        if next_id is None:
            return None
        entry = model.entry_at(row + step)
        return entry if entry is not None else next_id

    # -- compare ----------------------------------------------------------------------------

    def _build_compare(self) -> Any:
        from desktop_app.ui.compare_view import CompareView

        window = self._window
        view = CompareView(window.tasks, window)
        sorting = window.library_pane.require_sorting
        view.favourite_requested.connect(
            lambda entry_id, on: sorting().set_favourite_of(entry_id, on))
        return view

    def open_compare(self, entries: list[LibraryEntry]) -> Any:
        """The compare view on these 2-4 entries (sorting.py checks the count)."""
        self.compare.get().set_entries(entries)
        return self.compare.show()

    # -- help and message boxes -------------------------------------------------------------

    def open_log_folder(self) -> None:
        from desktop_app.logs import log_file

        self._window.library_controller.reveal(log_file().parent)

    def show_about(self) -> None:
        window = self._window
        base_url, source = effective_base_url(window.settings)
        # Deliberate rich text: the URL and the folder come from the user and are escaped.
        # i18n (H7): `source` is a key ("environment" / "settings"), never shown as it is.
        if source == BASE_URL_FROM_ENVIRONMENT:
            endpoint = QCoreApplication.translate(
                "WindowDialogs", "Endpoint: {url} (from the {variable} environment variable)"
            ).format(url=html.escape(base_url), variable=BASE_URL_ENV_VAR)
        else:
            endpoint = QCoreApplication.translate(
                "WindowDialogs", "Endpoint: {url} (from the settings)").format(
                url=html.escape(base_url))
        folder = QCoreApplication.translate("WindowDialogs", "Library: {folder}").format(
            folder=html.escape(str(window.settings.library_dir)))
        blurb = QCoreApplication.translate(
            "WindowDialogs", "A desktop client for Nscale's hosted image models.")
        console = QCoreApplication.translate("WindowDialogs", "Nscale console")
        QMessageBox.about(
            window, QCoreApplication.translate("WindowDialogs", "About {app}").format(app=APP_NAME),
            f"<h3>{APP_NAME} {__version__}</h3>"
            f"<p>{blurb}</p>"
            f"<p>{endpoint}<br>{folder}</p>"
            f'<p><a href="{CONSOLE_URL}">{console}</a></p>',
        )


def ask_quit_with_jobs(parent: QWidget, unfinished: int) -> bool:
    """Whether to quit although `unfinished` jobs are running or queued (a modal question)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("WindowDialogs", "Quit with unfinished jobs?"),
        QCoreApplication.translate(
            "WindowDialogs", "%n job(s) still running or queued. Quitting cancels them; images "
            "not received yet are lost.", "", unfinished), parent=parent)
    quit_button = box.addButton(QCoreApplication.translate("WindowDialogs", "Quit anyway"),
                                QMessageBox.ButtonRole.DestructiveRole)
    wait_button = box.addButton(QCoreApplication.translate("WindowDialogs", "Wait"),
                                QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(wait_button)
    box.exec()
    return box.clickedButton() is quit_button


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local file (with a suffix) dragged onto the window, if any."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return next((path for path in files if path.suffix), None)
