"""The questions library commands ask the user, behind a small protocol (the test seam).

Owns `Chooser` (where to save a copy, which folder, a yes/no confirmation, a details box) and
`QtChooser`, its implementation with Qt's file dialogs and message boxes. Tests give the
`LibraryController` a fake chooser instead of patching QFileDialog. Every text shown is plain.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.ui.plain_text import plain_message_box

if TYPE_CHECKING:
    from desktop_app.library import LibraryEntry


class Chooser(Protocol):
    def save_path(self, entry: LibraryEntry) -> tuple[Path, str] | None:
        """Where to save a copy of `entry`, and the chosen file filter; None when cancelled."""
        ...

    def folder(self, title: str, start: Path | None = None) -> Path | None:
        """A folder (the dialog opens at `start`, else home); None when cancelled."""
        ...

    def confirm(self, title: str, text: str, confirm_label: str) -> bool:
        """A yes/no question; True when `confirm_label` was chosen."""
        ...

    def show_details(self, title: str, summary: str, details: str) -> None:
        """A box with a summary and a details list (not modal)."""
        ...


class QtChooser:
    """`Chooser` with Qt's dialogs, parented to the window."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def save_path(self, entry: LibraryEntry) -> tuple[Path, str] | None:
        from desktop_app.ui import image_actions  # brings in Pillow: on first use only

        filters = ";;".join(image_actions.SAVE_FORMATS)
        stem = image_actions.suggested_name(entry.prompt, entry.n_index, entry.path.stem)
        suggested = str(Path.home() / f"{stem}{entry.path.suffix or '.png'}")
        path, chosen = QFileDialog.getSaveFileName(
            self._parent, QCoreApplication.translate("Choosers", "Save image as"), suggested,
            filters)
        return (Path(path), chosen) if path else None

    def folder(self, title: str, start: Path | None = None) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self._parent, title, str(start or Path.home()))
        return Path(folder) if folder else None

    def confirm(self, title: str, text: str, confirm_label: str) -> bool:
        box = plain_message_box(self._parent, QMessageBox.Icon.Question, title, text,
                                QMessageBox.StandardButton.NoButton)
        confirm = box.addButton(confirm_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is confirm

    def show_details(self, title: str, summary: str, details: str) -> None:
        box = plain_message_box(self._parent, QMessageBox.Icon.Warning, title, summary)
        box.setDetailedText(details)  # always plain text
        box.open()
