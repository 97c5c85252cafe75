"""The window's Batch feature wired together: dialog -> job group -> group row -> grid.

Owns the window's `JobGroups` (made on first use and shown by the jobs panel), opening the
Batch dialog with the window's models, current choices and effective prices, starting a plan
the dialog hands over as one group on the window's job queue, opening a group's results grid,
and one desktop notification per finished batch. `spend_check` is the budget guard's entry
point (`Callable[[float], bool]`, see `ui.batch_dialog`); it allows everything until the
window sets another. The window keeps only a few lines: an action and `open_dialog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop_app import APP_NAME
from desktop_app.batch.plan import Plan
from desktop_app.job_groups import JobGroup, JobGroups
from desktop_app.ui.batch_dialog import BatchDialog, SpendCheck, allow_any_spend
from desktop_app.ui.batch_grid import BatchGridDialog

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


class BatchController(QObject):
    """One per window: its batches, the Batch dialog and the results grids."""

    def __init__(self, window: MainWindow, spend_check: SpendCheck = allow_any_spend) -> None:
        super().__init__(window)
        self._window = window
        self.spend_check = spend_check
        self.groups = JobGroups(window.jobs, self)
        self.groups.spend_check = lambda estimate: self.spend_check(estimate)  # Retry failed too
        self.dialog: BatchDialog | None = None
        self._grids: dict[int, BatchGridDialog] = {}
        window.jobs_panel.attach_groups(self.groups)
        window.jobs_panel.group_grid_requested.connect(self.open_grid)
        self.groups.group_added.connect(self._on_group_added)
        self.groups.group_removed.connect(self._on_group_removed)

    def open_dialog(self) -> BatchDialog:
        """Show the Batch dialog (the one already open, if any)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        window = self._window
        panel = window.prompt_panel
        dialog = BatchDialog(
            panel.models(),
            window.model_catalog.effective_prices(),
            window.tasks,
            lambda estimate: self.spend_check(estimate),
            current_model=panel.current_model(),
            current_size=panel.current_size_text(),
            max_concurrency=window.jobs.max_running,
            parent=window,
        )
        dialog.start_requested.connect(self.start)
        dialog.finished.connect(self._on_dialog_closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def start(self, plan: Plan, concurrency: int) -> JobGroup:
        """Run `plan` as one group on the window's job queue."""
        self._window.ensure_library()  # where the images go (and the generation service)
        return self.groups.start(plan, concurrency)

    def open_grid(self, group_id: int) -> BatchGridDialog | None:
        group = self.groups.group(group_id)
        if group is None:
            return None
        grid = self._grids.get(group_id)
        if grid is None:
            library = self._window.ensure_library()
            grid = BatchGridDialog(group, library.thumbnail, self._window.tasks, self._window)
            self._grids[group_id] = grid
            grid.finished.connect(lambda _result, key=group_id: self._forget_grid(key))
        grid.show()
        grid.raise_()
        return grid

    def grid(self, group_id: int) -> BatchGridDialog | None:
        return self._grids.get(group_id)

    def _forget_grid(self, group_id: int) -> None:
        grid = self._grids.pop(group_id, None)
        if grid is not None:
            grid.deleteLater()

    def _on_dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_group_added(self, group: JobGroup) -> None:
        group.finished.connect(lambda: self._on_group_finished(group))

    def _on_group_removed(self, group_id: int) -> None:
        grid = self._grids.pop(group_id, None)
        if grid is not None:
            grid.close()
            grid.deleteLater()

    def _on_group_finished(self, group: JobGroup) -> None:
        notifier: Any = getattr(self._window, "notifier", None)
        if notifier is not None:
            notifier.notify(APP_NAME, self.tr("Batch finished: {done} of {total} done.").format(
                done=group.done, total=group.total))
