"""Keeping a paid result: the room check before a request is sent, and the all-or-none save.

Owns the order that makes a crash harmless: every file is written durably (`library.files`)
before the rows go in, in one transaction with whatever the caller records beside them (the
usage row's `saved` count), so a crash leaves at most an unindexed file that `reconcile()`
picks up from its embedded metadata; any failure removes the files written so far, and disk
and index failures are raised as StorageError for the caller, which still holds the images.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.api.errors import CancelledError
from desktop_app.api.types import GenerationResult
from desktop_app.library.database import ConnectionPool, ThreadConnection
from desktop_app.library.files import result_file, sha256_hex, temp_path
from desktop_app.library.layout import Layout
from desktop_app.library.rows import generated_row, insert_row
from desktop_app.library.storage_errors import StorageError, StorageProblem, storage_error
from desktop_app.library.thumbnails import THUMBNAIL_MAX


@dataclass(frozen=True)
class SaveSteps:
    """The two steps of a save the library hands in (its test and benchmark seams)."""

    write_file: Callable[[Path, str, str, bytes], Path]  # folder, stem, extension, data
    cache_thumbnail: Callable[[str, int, bytes], None]  # file sha256, size, preview bytes


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.1f} MB"


def check_room(layout: Layout, pool: ConnectionPool, needed: int) -> None:
    """Raise StorageError unless `needed` bytes can be written as new images right now: the
    folder they go to must take a file, the disk must have that much free, and the index must
    take a write. Costs a statvfs, one tiny file and an empty write transaction."""
    folder = layout.month_folder(time.time())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = temp_path(folder, "room-check")
        try:
            with open(probe, "xb") as handle:
                handle.write(b"\0")
        finally:
            with contextlib.suppress(FileNotFoundError):
                probe.unlink()
        free = shutil.disk_usage(folder).free
    except OSError as error:
        mapped = storage_error(error, folder, prefer_path=True)
        if mapped is None:
            raise
        raise mapped from error
    if free < needed:
        raise StorageError(
            StorageProblem.NO_SPACE,
            folder,
            f"Not enough free space for new images in {folder}: {_megabytes(free)} free, "
            f"about {_megabytes(needed)} needed (the images plus a safety margin).",
        )
    try:
        with pool.transaction():
            pass  # BEGIN IMMEDIATE ... COMMIT: takes the write lock like a real save
    except sqlite3.Error as error:
        mapped = storage_error(error, layout.database_path)
        if mapped is None:
            raise
        raise mapped from error


def save_result(
    layout: Layout,
    pool: ConnectionPool,
    result: GenerationResult,
    job_id: str | None,
    steps: SaveSteps,
    cancel: threading.Event | None = None,
    in_transaction: Callable[[ThreadConnection, int], None] | None = None,
) -> list[int]:
    """Save every image of `result` (files first, then rows in one transaction): all or none;
    returns the ids of the new rows (an image already indexed has none).

    Checks `cancel` between images (CancelledError). `in_transaction(connection, saved)` runs
    inside the transaction that inserts the rows, so what it writes (the usage row's `saved`)
    commits or rolls back with them. On any failure the files this call wrote are removed
    again, so the caller, which still holds the images, can keep them elsewhere; disk and
    index failures are raised as StorageError.
    """
    created = float(result.created) if result.created else time.time()
    folder = layout.month_folder(created)
    rows: list[dict[str, Any]] = []
    written: list[Path] = []
    try:
        for image in result.images:
            if cancel is not None and cancel.is_set():
                raise CancelledError()
            stem, info, data = result_file(result, image, created, job_id)
            file_sha = sha256_hex(data)
            path = steps.write_file(folder, stem, image.format.extension, data)
            written.append(path)
            if image.preview is not None:
                steps.cache_thumbnail(file_sha, THUMBNAIL_MAX, image.preview)
            stored = layout.stored(path)
            rows.append(generated_row(stored, result, image, info, data, file_sha, job_id))
        if cancel is not None and cancel.is_set():
            raise CancelledError()
        with pool.transaction() as connection:
            ids = [insert_row(connection, row) for row in rows]
            if in_transaction is not None:
                in_transaction(connection, sum(1 for i in ids if i is not None))
    except BaseException as error:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        if isinstance(error, OSError | sqlite3.Error):
            where = folder if isinstance(error, OSError) else layout.database_path
            mapped = storage_error(error, where, prefer_path=isinstance(error, OSError))
            if mapped is not None:
                raise mapped from error
        raise
    return [i for i in ids if i is not None]
