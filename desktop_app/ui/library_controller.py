"""The commands on library images: save a copy, copy, reuse, favourite, delete and undo, reveal.

Owns what each image command does (off the GUI thread through the window's `TaskRunner`, the
outcome told in the message bar), which images a command acts on (the selection, or the viewer's
image while the viewer is the active window), the enabled and checked state of the image actions,
the grid's context menu and adding a dropped file. Export, import and reconcile live beside it
in `library_transfers.py`. Questions to the user go through a `Chooser` (`choosers.py`): tests
pass a fake one.

Adding a command: a method here (or in `library_transfers.py` for bulk file work), an `ActionId`
in `actions.py`, and one `actions.connect(...)` line in `MainWindow._connect_signals`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Signal
from PySide6.QtGui import QGuiApplication, QImage

from desktop_app.ui.actions import ActionId, ActionRegistry
from desktop_app.ui.theme import Accent

if TYPE_CHECKING:
    from desktop_app.library import DeletedBatch, LibraryEntry
    from desktop_app.ui.choosers import Chooser
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.message_bar import MessageBar

log = logging.getLogger(__name__)

# Up to this many selected images, the held entries are looked up by id; past it, the model's
# held pages are walked instead (a lookup per selected id was 0.5 s of Select All at 100,000).
HELD_LOOKUP_LIMIT = 5000
LONG_BATCH = 1000  # a delete or undo of this many images says it has started (seconds of work)


def failure_reporter(bar: MessageBar, what: str) -> Callable[[Exception], None]:
    """A task's failure callback: `what` failed, and why, in the bar (details in the log)."""

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
            text = QCoreApplication.translate(
                "LibraryController", "unexpected {kind}; details are in the log").format(
                kind=type(error).__name__)
        bar.show_message(f"{what}. {text}", Accent.ERROR)

    return report


class LibraryController(QObject):
    """Image commands for one main window."""

    deleted = Signal(object)  # DeletedBatch
    saved_copy = Signal(object)  # Path
    imported = Signal(object)  # ImportReport, or the LibraryEntry of a dropped file
    clipboard_updated = Signal()

    def __init__(self, window: MainWindow, actions: ActionRegistry,
                 chooser: Chooser | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions
        self._chooser = chooser
        self._last_deleted: DeletedBatch | None = None

    @property
    def chooser(self) -> Chooser:
        """The questions' answerer: Qt's dialogs (made on first question), or a test's fake."""
        if self._chooser is None:
            from desktop_app.ui.choosers import QtChooser

            self._chooser = QtChooser(self._window)
        return self._chooser

    @chooser.setter
    def chooser(self, chooser: Chooser) -> None:
        self._chooser = chooser

    def report_failure(self, what: str) -> Callable[[Exception], None]:
        return failure_reporter(self._window.message_bar, what)

    # -- which images -----------------------------------------------------------------------

    def selected_entries(self) -> list[LibraryEntry]:
        """The selected entries the grid holds; never reads the index (a selection of 100,000
        would be 100,000 reads on this thread). Actions on every selected image use ids."""
        model, view = self._window.gallery_model, self._window.gallery_view
        if view.selected_count() > HELD_LOOKUP_LIMIT:
            # Select All at a million: walk what the model holds, not every selected row.
            return model.held_entries_in(view.selected_runs())
        entries = (model.held_entry(i) for i in view.selected_ids())
        return [entry for entry in entries if entry is not None]

    def explain_drag_limit(self, count: int) -> None:
        """A drag too large to carry files (`dragging.DRAG_FILES_LIMIT`): say where it can
        go, and what copies that many files."""
        self._window.message_bar.show_message(
            self.tr("Dragging %n image(s): drop them on a board. To copy this many files to a "
                    "folder, use Export selection.", "", count), Accent.INFO, timeout_ms=8000)

    def current_entry(self) -> LibraryEntry | None:
        view = self._window.gallery_view
        entry_id = view.current_id()
        current_row = view.currentIndex().row()
        if entry_id is None or (view.selected_count() and not view.is_selected(current_row)):
            entry_id = view.first_selected_id()
        # On screen, so held: at most one indexed read when it is not.
        return self._window.gallery_model.entry(entry_id) if entry_id is not None else None

    def target_entry(self) -> LibraryEntry | None:
        """The viewer's image while the viewer is active, else the grid's current one."""
        viewer = self._window.dialogs.viewer
        if viewer is not None and viewer.isActiveWindow() and viewer.entry is not None:
            entry: LibraryEntry = viewer.entry
            return entry
        return self.current_entry()

    def update_actions(self) -> None:
        """Enable the image actions for the selection; check Favourite when all are."""
        ready = self._window.is_library_ready
        self._actions.update_for_selection(
            self._window.gallery_view.selected_count() if ready else 0)
        self.sync_favourite_check()

    def sync_favourite_check(self) -> None:
        entries = self.selected_entries() if self._window.is_library_ready else []
        self._actions[ActionId.FAVOURITE].setChecked(
            bool(entries) and all(entry.favourite for entry in entries))

    def show_context_menu(self, position: QPoint) -> None:
        view = self._window.gallery_view
        index = view.indexAt(position)
        if not index.isValid():
            return
        if not view.selectionModel().isSelected(index):
            view.setCurrentIndex(index)
        self.sync_favourite_check()
        self._actions.context_menu(self._window).popup(view.viewport().mapToGlobal(position))

    # -- one image --------------------------------------------------------------------------

    def reveal(self, folder: Path, file: Path | None = None) -> bool:
        """Open `folder` in the file manager; when none can be launched, say where it is."""
        from desktop_app.ui import image_actions

        if image_actions.open_folder(folder):
            return True
        where = file or folder
        if file is not None:
            text = self.tr("Couldn't open a file manager; the file is at {path}")
        else:
            text = self.tr("Couldn't open a file manager; the folder is at {path}")
        self._window.message_bar.show_message(
            text.format(path=where), Accent.WARNING,
            [(self.tr("Copy path"), lambda: QGuiApplication.clipboard().setText(str(where)))],
        )
        return False

    def show_in_folder(self) -> None:
        entry = self.target_entry()
        if entry is not None:
            self.reveal(entry.path.parent, entry.path)

    def save_as(self) -> None:
        from desktop_app.ui import image_actions

        entry = self.target_entry()
        if entry is None:
            return
        answer = self.chooser.save_path(entry)
        if answer is None:
            return
        pillow_format, target = image_actions.format_for(*answer)
        source = entry.path

        def saved(path: Path) -> None:
            self._window.message_bar.show_message(
                self.tr("Saved {name}.").format(name=path.name), Accent.SUCCESS,
                [(self.tr("Show in folder"), lambda: self.reveal(path.parent, path))],
                timeout_ms=8000,
            )
            self.saved_copy.emit(path)

        self._window.tasks.run(
            lambda: image_actions.convert_image(source, target, pillow_format), saved,
            self.report_failure(self.tr("The image could not be saved")), name="save-as")

    def copy_image(self) -> None:
        from desktop_app.ui.viewer import read_image

        entry = self.target_entry()
        if entry is None:
            return
        path = entry.path

        def copied(image: QImage) -> None:
            QGuiApplication.clipboard().setImage(image)
            self._window.message_bar.show_message(self.tr("Image copied."), Accent.SUCCESS,
                                                  timeout_ms=3000)
            self.clipboard_updated.emit()

        self._window.tasks.run(lambda: read_image(path), copied,
                               self.report_failure(self.tr("The image could not be copied")),
                               name="copy-image")

    def copy_prompt(self) -> None:
        entry = self.target_entry()
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.prompt)
            self.clipboard_updated.emit()

    def reuse_settings(self) -> None:
        entry = self.target_entry()
        if entry is None:
            return
        panel, bar = self._window.prompt_panel, self._window.message_bar
        if entry.prompt:
            # Another tool's model id is taken only when this endpoint offers it (#12).
            foreign = entry.generator != "nscale-studio" and bool(entry.model)
            skip = foreign and entry.model not in panel.models()
            panel.set_values(prompt=entry.prompt, model=None if skip else entry.model or None,
                             size=entry.size_text)
            panel.focus_prompt()
            if skip:
                text = self.tr("Settings reused (Ctrl+Z restores your text). Not applicable "
                               "here: the model {model}.").format(model=repr(entry.model))
            else:
                text = self.tr("Settings reused (Ctrl+Z restores your text).")
            bar.show_message(text, Accent.INFO, timeout_ms=4000)
            return
        path = entry.path

        def apply(metadata: Any) -> None:
            panel.set_values(prompt=metadata.prompt or "", model=metadata.model or None,
                             size=f"{metadata.width}x{metadata.height}")
            panel.focus_prompt()

        from desktop_app.library import read_metadata

        self._window.tasks.run(
            lambda: read_metadata(path), apply,
            self.report_failure(self.tr("The image's settings could not be read")),
            name="read-metadata")

    # -- the selection ----------------------------------------------------------------------

    def toggle_favourite(self) -> None:
        window = self._window
        ids = window.gallery_view.selected_ids()
        if not ids:
            return
        library = window.library

        def work() -> bool:
            # Read where they are now (another process may have changed them), then set.
            favourite = not library.all_favourite(ids)
            library.set_favourite(ids, favourite)
            return favourite

        def done(favourite: bool) -> None:
            model = window.gallery_model
            model.set_favourite_shown(ids, favourite)
            self.sync_favourite_check()
            if model.query.favourites_only and not favourite:
                model.reload()  # in place: the rest stays selected

        window.tasks.run(work, done,
                         self.report_failure(self.tr("Favourites could not be changed")),
                         name="favourite")

    def delete_selection(self, ids: Sequence[int] | None = None) -> None:
        window = self._window
        ids = list(ids) if ids is not None else window.gallery_view.selected_ids()
        if not ids:
            return
        library = window.library
        if len(ids) >= LONG_BATCH:
            window.message_bar.show_message(
                self.tr("Deleting %n image(s)…", "", len(ids)), Accent.INFO)

        def deleted(batch: DeletedBatch) -> None:
            if not batch.rows:  # already gone: Delete pressed again, or another process
                self._nothing_deleted(ids)
                return
            self._last_deleted = batch
            self._actions[ActionId.UNDO_DELETE].setEnabled(True)
            model = window.gallery_model
            rows = list(model.rows_of(batch.ids).values())  # one pass, not a search per id
            model.remove_ids(batch.ids)
            if rows and model.rowCount():
                # The image after the deleted ones takes their place, selected, so Delete
                # pressed again goes on through the grid.
                next_id = model.id_at(min(min(rows), model.rowCount() - 1))
                if next_id is not None:
                    window.gallery_view.select_id(next_id)
            window.message_bar.show_message(
                self.tr("Deleted %n image(s).", "", len(batch.ids)), Accent.INFO,
                [(self.tr("Undo"), self.undo_delete)], timeout_ms=15000,
            )
            self.deleted.emit(batch)

        window.tasks.run(lambda: library.delete(ids), deleted,
                         self.report_failure(self.tr("The images could not be deleted")),
                         name="delete")

    def _nothing_deleted(self, ids: Sequence[int]) -> None:
        """The images were gone before this delete: off the grid, said so; the earlier batch
        stays the one Undo restores."""
        window = self._window
        window.gallery_model.remove_ids(ids)
        undo = [(self.tr("Undo"), self.undo_delete)] if self._last_deleted is not None else []
        window.message_bar.show_message(self.tr("Those images were already deleted."),
                                        Accent.INFO, undo, timeout_ms=8000)

    def undo_delete(self) -> None:
        batch = self._last_deleted
        if batch is None:
            return
        self._last_deleted = None
        self._actions[ActionId.UNDO_DELETE].setEnabled(False)
        window = self._window
        library = window.library
        if len(batch.rows) >= LONG_BATCH:
            window.message_bar.show_message(
                self.tr("Restoring %n image(s)…", "", len(batch.rows)), Accent.INFO)

        def restored(_entries: object) -> None:
            window.message_bar.show_message(self.tr("Restored."), Accent.SUCCESS,
                                            timeout_ms=3000)
            window.gallery_model.reload()  # back in place, selection kept

        window.tasks.run(lambda: library.undo_delete(batch), restored,
                         self.report_failure(self.tr("The images could not be restored")),
                         name="undo")

    # -- files from outside -----------------------------------------------------------------

    def add_dropped_file(self, path: Path, dialog: Any) -> None:
        """Image info's "Add to library" for a file dropped on the window."""
        window = self._window
        library = window.library

        def done(result: tuple[LibraryEntry, bool]) -> None:
            entry, added = result
            dialog.added(self.tr("Added to the library.") if added
                         else self.tr("Already in the library."), True)
            if added:
                window.gallery_model.refresh()
                self.imported.emit(entry)

        window.tasks.run(
            lambda: library.import_file(path), done,
            lambda error: dialog.added(
                self.tr("It could not be added: {reason}").format(reason=error), False),
            name="import-file", context=dialog)
