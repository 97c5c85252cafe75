"""A `Chooser` (desktop_app/ui/choosers.py) that answers from the test instead of a dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


class FakeChooser:
    """Answers the library commands' questions and records what was asked."""

    def __init__(self, *, folder: Path | None = None, save: tuple[Path, str] | None = None,
                 confirm: bool | Iterable[bool] | Callable[[str, str, str], bool] = True) -> None:
        self.folder_answer = folder
        self.save_answer = save
        self._confirm = confirm if callable(confirm) or isinstance(confirm, bool) \
            else list(confirm)
        self.folders_asked: list[tuple[str, Path | None]] = []
        self.saves_asked: list[Any] = []
        self.confirmations: list[str] = []  # their titles
        self.details: list[tuple[str, str, str]] = []

    def save_path(self, entry: Any) -> tuple[Path, str] | None:
        self.saves_asked.append(entry)
        return self.save_answer

    def folder(self, title: str, start: Path | None = None) -> Path | None:
        self.folders_asked.append((title, start))
        return self.folder_answer

    def confirm(self, title: str, text: str, confirm_label: str) -> bool:
        self.confirmations.append(title)
        if callable(self._confirm):
            return self._confirm(title, text, confirm_label)
        if isinstance(self._confirm, bool):
            return self._confirm
        return self._confirm.pop(0)

    def show_details(self, title: str, summary: str, details: str) -> None:
        self.details.append((title, summary, details))


def use_chooser(window: Any, **answers: Any) -> FakeChooser:
    """Give `window`'s library commands a fake chooser with these answers."""
    chooser = FakeChooser(**answers)
    window.library_controller.chooser = chooser
    return chooser
