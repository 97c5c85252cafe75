"""Opening the offline library for a CLI command, and showing its paths to people.

Shared by the `library` and `library boards` commands (library_commands.py, board_commands.py):
where the library is (the settings, or the default folder when they cannot be read), opening it
with a warning when its index was damaged, and paths made safe for a terminal.
Split from library_commands.py (issue #13); the names are still importable from there.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli import warn
from desktop_app.cli.terminal import safe_text

if TYPE_CHECKING:
    from desktop_app.library import Library


def _open_library(index_new_files: bool = True) -> Library:
    """Open the library; if its index was unreadable, say so and re-index the files at once.

    Files that landed without a row (a crash between file and row, another process) are indexed
    too, cheaply: nothing is read unless there are more image files than rows.
    """
    from desktop_app.library import Library

    library = Library.open(_library_dir())
    if library.recovered_from is not None:
        warn(
            f"the library index was damaged and has been set aside as "
            f"{_shown(library.recovered_from)}; "
            "re-indexing the images from their embedded metadata (the usage history that could "
            "still be read was kept)."
        )
        if index_new_files:
            _report_skipped(library.reconcile().failed)
    elif index_new_files:
        found = library.index_new_files()
        if found is not None and (found.indexed or found.temp_files_recovered):
            warn(f"indexed {found.indexed} image file(s) that had no entry in the library index.")
    return library


def _shown(path: Path) -> str:
    """A path for people: bytes that are not UTF-8 become U+FFFD (the file itself is intact),
    control characters visible escapes."""
    from desktop_app.library.files import display_path

    return safe_text(display_path(path))


def _report_skipped(failed: Sequence[tuple[Path, str]], limit: int = 20) -> None:
    for path, reason in failed[:limit]:
        print(f"  skipped {_shown(path)}: {safe_text(reason)}", file=sys.stderr)
    if len(failed) > limit:
        print(f"  ... and {len(failed) - limit} more", file=sys.stderr)



def _library_dir() -> Path:
    try:
        from desktop_app.settings import Settings

        return Settings.load().library_dir
    except Exception:  # settings unreadable: the default location still works
        from desktop_app import paths

        return paths.default_library_dir()
