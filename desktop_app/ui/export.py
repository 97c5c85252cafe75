"""Exporting library images into a folder the user chose: checks, names, and the copying.

Owns what Export selection writes and where: the folder must already exist and be a folder (it
is never created, so a mistyped or vanished path cannot turn into files somewhere else), files
are named from their prompts like Save as, and nothing is ever overwritten (a name already there
gets " (2)"; the window asks before that). Runs on a worker thread (disk work); no widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from desktop_app.library import Library, LibraryEntry
from desktop_app.library.files import SkippedFile, display_path, read_regular_file, write_copy
from desktop_app.ui.image_actions import suggested_name


@dataclass(frozen=True)
class ExportPlan:
    """What an export would write: (source, file name) pairs, and the names already taken."""

    folder: Path
    items: tuple[tuple[Path, str], ...]
    existing: tuple[str, ...]
    problem: str | None = None  # why nothing can be written there
    skipped: tuple[tuple[Path, str], ...] = ()  # (file, reason): left out when planning

    @property
    def is_root(self) -> bool:
        return self.folder.parent == self.folder


def export_name(entry: LibraryEntry) -> str:
    """The exported file's name: from the prompt (as Save as suggests), else the library's."""
    stem = suggested_name(entry.prompt, entry.n_index, entry.path.stem)
    return f"{stem}{entry.path.suffix or '.png'}"


def _unique_names(entries: Iterable[LibraryEntry]) -> list[tuple[Path, str]]:
    taken: set[str] = set()
    items: list[tuple[Path, str]] = []
    for entry in entries:
        name = export_name(entry)
        stem, suffix = Path(name).stem, Path(name).suffix
        attempt = 1
        while name.lower() in taken:  # two images of one export with the same prompt
            attempt += 1
            name = f"{stem} ({attempt}){suffix}"
        taken.add(name.lower())
        items.append((entry.path, name))
    return items


def plan_export(library: Library, ids: Sequence[int], folder: Path) -> ExportPlan:
    """Check `folder` and name the files (worker thread: reads the index and the disk)."""
    if not folder.is_dir():
        return ExportPlan(folder, (), (), f"{folder} is not an existing folder; nothing was "
                                          "exported. Choose the folder again.")
    found = library.get_many(ids)
    entries = [entry for entry_id in ids if (entry := found.get(entry_id)) is not None]
    present = [entry for entry in entries if entry.path.exists()]
    skipped = tuple((entry.path, "the file is missing") for entry in entries
                    if entry not in present)
    items = tuple(_unique_names(present))
    existing = tuple(name for _source, name in items if (folder / name).exists())
    return ExportPlan(folder, items, existing, skipped=skipped)


def write_export(plan: ExportPlan, skipped: list[tuple[Path, str]] | None = None) -> list[Path]:
    """Copy the files (metadata included), never over an existing file (worker thread).

    A source that is gone or not a regular file now (a FIFO swapped in never blocks: it is
    opened non-blocking and checked on the descriptor) is left out, appended to `skipped`."""
    if not plan.folder.is_dir():  # it may have gone since the plan
        raise FileNotFoundError(f"{plan.folder} is not an existing folder")
    written: list[Path] = []
    if skipped is not None:
        skipped.extend(plan.skipped)
    for source, name in plan.items:
        try:
            data = read_regular_file(source)
        except SkippedFile as error:
            if skipped is not None:
                skipped.append((source, error.reason))
            continue
        written.append(write_copy(plan.folder, name, data, times_from=source))
    return written


def export_summary(written: int, skipped: Sequence[tuple[Path, str]], folder: Path) -> str:
    """"Exported 2 of 3 images to F; skipped: name (reason)." (plain text: names are the user's)"""
    translate = QCoreApplication.translate
    if not skipped:
        return translate("export", "Exported %Ln image(s) to {folder}.", "", written).format(
            folder=folder)
    total = written + len(skipped)
    shown = ", ".join(f"{display_path(path.name)} ({reason})" for path, reason in skipped[:3])
    if len(skipped) > 3:
        more = len(skipped) - 3  # a plain name: lupdate skips a call whose count is an expression
        shown = translate("export", "{files} and %Ln more", "", more).format(files=shown)
    return translate(
        "export", "Exported {written} of %Ln image(s) to {folder}; skipped: {files}.", "", total
    ).format(written=QLocale().toString(written), folder=folder, files=shown)
