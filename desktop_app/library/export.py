"""Copying images out of the library into a folder of the user's choice.

Owns what an exported copy is: the file's bytes with its embedded metadata, its star rating
written into the copy's XMP (`xmp:Rating`; the library's own file keeps its bytes), its times
copied, under its own name or `name (2).png` when taken (never overwriting). A file that is
missing or not a regular file (a FIFO swapped in never blocks the export) is left out and
reported with the reason.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from desktop_app.library.boards import Boards
from desktop_app.library.files import SkippedFile, read_regular_file, write_copy
from desktop_app.library.records import LibraryEntry
from desktop_app.library.xmp_rating import with_xmp_rating

log = logging.getLogger(__name__)


def export_entries(
    entries: Sequence[LibraryEntry],
    boards: Boards,
    folder: Path,
    skipped: list[tuple[Path, str]] | None = None,
) -> list[Path]:
    """Copy the files of `entries`, in order, into `folder`; returns the copies written.
    With `skipped`, (path, reason) of each file left out is appended there."""
    folder.mkdir(parents=True, exist_ok=True)
    try:  # star ratings go into the copies' XMP (xmp:Rating); the library's files keep theirs
        stars = boards.ratings([entry.sha256 for entry in entries])
    except sqlite3.Error as error:
        log.warning("Could not read ratings for the export: %s", error)
        stars = {}
    written: list[Path] = []
    for entry in entries:
        try:  # checked on the open descriptor too, opened non-blocking
            data = read_regular_file(entry.path)
        except SkippedFile as error:
            if skipped is not None:
                skipped.append((entry.path, error.reason))
            continue
        if stars.get(entry.sha256):
            data = with_xmp_rating(data, stars[entry.sha256])
        written.append(write_copy(folder, entry.path.name, data, times_from=entry.path))
    return written
