"""Bulk file work on the library from the window: export, import a folder, reconcile.

Owns the export flow (folder question, plan on a worker, confirmations, write, summary), the
import flow (the first import asks copy-or-reference in the bar, never a modal; progress and
Cancel in the bar; a details box for unreadable files) and the start-up reconcile (files that
went missing are told once). Part of the `LibraryController` (its signals, its `Chooser`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app.settings import Settings
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from desktop_app.library import Library
    from desktop_app.ui import export
    from desktop_app.ui.library_controller import LibraryController
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXPORT_FOLDER_KEY = "export/folder"  # the last folder exported to, UTF-8
IMPORT_MODE_KEY = "import/mode"  # b"copy" or b"reference", asked at the first import


def missing_folders(library: Library) -> list[Path]:
    """The folders of the images marked missing (worker thread: reads the index)."""
    from desktop_app.library import LibraryQuery

    ids = library.query_ids(LibraryQuery(include_missing=True))
    entries = library.get_many(ids).values()
    return sorted({entry.path.parent for entry in entries if entry.missing})


def import_failure_details(failed: Sequence[tuple[Path, str]]) -> str:
    """One line per file an import could not read: its path and why."""
    return "\n".join(f"{path} — {reason}" for path, reason in failed)


class _Progress(QObject):
    """Carries progress from a worker thread to the GUI thread (a queued signal)."""

    changed = Signal(int, int)


class LibraryTransfers(QObject):
    """Export, import and reconcile for one main window."""

    exported = Signal(object)  # list[Path]
    reconciled = Signal(object)  # ReconcileReport

    def __init__(self, window: MainWindow, controller: LibraryController) -> None:
        super().__init__(controller)
        self._window = window
        self._controller = controller
        self.import_cancel: threading.Event | None = None  # set on quit

    # -- export -----------------------------------------------------------------------------

    def export_selection(self) -> None:
        from desktop_app.ui import export

        window, chooser = self._window, self._controller.chooser
        ids = window.gallery_view.selected_ids()
        if not ids:
            return
        remembered = Settings.window_state(EXPORT_FOLDER_KEY)
        start = Path(remembered.decode()) if remembered else None
        folder = chooser.folder(self.tr("Export images to"), start)
        if folder is None:
            return
        library = window.library
        failed = self._controller.report_failure(self.tr("The images could not be exported"))
        skipped: list[tuple[Path, str]] = []  # filled on the worker, read once it is done

        def planned(plan: export.ExportPlan) -> None:
            if plan.problem is not None:
                window.message_bar.show_message(plan.problem, Accent.ERROR)
                return
            if plan.is_root and not chooser.confirm(
                    self.tr("Export to the top of the file system?"),
                    self.tr("Export {count} images straight into {folder}?").format(
                        count=len(plan.items), folder=plan.folder), self.tr("Export")):
                return
            if plan.existing and not chooser.confirm(
                    self.tr("Files with these names exist"),
                    self.tr("{count} of the files are already in {folder} ({names}). Nothing "
                            "is replaced: keep both, the new copies named “… (2)”?").format(
                        count=len(plan.existing), folder=plan.folder,
                        names=", ".join(plan.existing[:3])
                        + ("…" if len(plan.existing) > 3 else "")),
                    self.tr("Keep both")):
                return
            Settings.set_window_state(EXPORT_FOLDER_KEY, str(plan.folder).encode())
            window.tasks.run(lambda: export.write_export(plan, skipped), done, failed,
                             name="export")

        def done(paths: Sequence[Path]) -> None:
            window.message_bar.show_message(
                export.export_summary(len(paths), skipped, folder),
                Accent.WARNING if skipped else Accent.SUCCESS,
                [(self.tr("Show in folder"), lambda: self._controller.reveal(folder))],
                timeout_ms=10000,
            )
            self.exported.emit(list(paths))

        window.tasks.run(lambda: export.plan_export(library, ids, folder), planned, failed,
                         name="export-plan")

    # -- import -----------------------------------------------------------------------------

    def import_folder(self, folder: Path | None = None) -> None:
        folder = folder or self._controller.chooser.folder(self.tr("Import images from"))
        if folder is None:
            return
        remembered = Settings.window_state(IMPORT_MODE_KEY)
        if remembered not in (b"copy", b"reference"):
            self._ask_import_mode(folder)
            return
        self._start_import(folder, remembered == b"copy")

    def _ask_import_mode(self, folder: Path) -> None:
        """The first import asks, in the bar (never a modal), copy or reference; then starts."""
        self._window.message_bar.show_message(
            self.tr("Import from {folder}: copy the images into the library folder, so the "
                    "library owns them, or keep them where they are and only index them (no "
                    "disk space used; if that folder moves, its images show as missing)? "
                    "Remembered for later imports.").format(folder=folder),
            Accent.INFO,
            [(self.tr("Copy into the library"), lambda: self._choose_import_mode(folder, True)),
             (self.tr("Keep where they are"), lambda: self._choose_import_mode(folder, False))],
        )

    def _choose_import_mode(self, folder: Path, copy: bool) -> None:
        Settings.set_window_state(IMPORT_MODE_KEY, b"copy" if copy else b"reference")
        self._start_import(folder, copy)

    def show_imported(self) -> None:
        """Only the imported images in the grid (Clear filters shows everything again)."""
        self._window.gallery_panel.filter_bar.show_source("imported")

    def _start_import(self, folder: Path, copy: bool) -> None:
        window = self._window
        cancel = threading.Event()
        self.import_cancel = cancel
        progress = _Progress(self)
        progress.changed.connect(window.message_bar.set_progress)
        library = window.library
        window.message_bar.show_message(
            self.tr("Importing images from {folder}…").format(folder=folder), Accent.INFO,
            [(self.tr("Cancel"), cancel.set)], closable=False)

        def work() -> Any:
            return library.import_folder(folder, copy=copy, progress=progress.changed.emit,
                                         cancel=cancel)

        def finished(report: Any) -> None:
            progress.deleteLater()
            self.import_cancel = None
            # Whole sentences, each translated on its own: no fragments in a fixed order.
            sentences = [self.tr("Imported %n image(s).", "", report.added)]
            if report.duplicates:
                sentences.append(self.tr("%n already in the library.", "", report.duplicates))
            if report.failed:
                sentences.append(self.tr("%n could not be read.", "", len(report.failed)))
            if report.cancelled:
                sentences.append(self.tr("The import was cancelled."))
            text = " ".join(sentences)
            actions: list[tuple[str, Callable[[], None]]] = []
            if report.added:
                actions.append((self.tr("Show imported"), self.show_imported))
            if report.failed:
                details = import_failure_details(report.failed)
                actions.append((self.tr("Details…"), lambda: self._controller.chooser.show_details(
                    self.tr("Files that could not be imported"), text, details)))
            window.message_bar.show_message(
                text, Accent.WARNING if report.failed else Accent.SUCCESS, actions,
                timeout_ms=0 if report.failed else 15000)
            window.gallery_model.reload()
            self._controller.imported.emit(report)

        def failed(error: Exception) -> None:
            progress.deleteLater()
            self.import_cancel = None
            self._controller.report_failure(self.tr("The folder could not be imported"))(error)

        window.tasks.run(work, finished, failed, name="import")

    # -- reconcile --------------------------------------------------------------------------

    def reconcile_library(self) -> None:
        window = self._window
        library = window.library

        def work() -> tuple[Any, list[Path]]:
            report = library.reconcile()
            # Only files that went missing just now are counted, so this is said once.
            return report, missing_folders(library) if report.marked_missing else []

        def done(result: tuple[Any, list[Path]]) -> None:
            report, folders = result
            window.library_pane.tell_if_index_set_aside()
            if report.marked_missing or report.found_again or report.indexed:
                window.gallery_model.reload()
            if report.marked_missing:
                shown = ", ".join(str(folder) for folder in folders[:3])
                if len(folders) > 3:
                    shown = self.tr("{folders} and {count} more").format(
                        folders=shown, count=len(folders) - 3)
                window.message_bar.show_message(
                    self.tr("%n image(s) could not be found where they were ({folders}): moved "
                            "or removed? Missing images are hidden from the grid and come back "
                            "when their files do.", "", report.marked_missing).format(
                        folders=shown), Accent.WARNING)
            self.reconciled.emit(report)

        window.tasks.run(work, done, lambda error: log.warning("Reconcile failed: %r", error),
                         name="reconcile")
