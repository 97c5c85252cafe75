"""Filling the library index from the library's own files: reconcile, index new files, rebuild.

Owns the scans over the library's files and the batch inserter (a row SQLite refuses is
reported, the rest stay); the rows themselves are built and inserted by `library.rows`, files
from elsewhere are imported by `library.importer`. One bad file is reported with a reason a user
understands and never fails the others; a rebuild is built in full before it is swapped in.
Temp files a crash left are recovered first (`library.temp_files`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop_app.library.database import ConnectionPool, ThreadConnection
from desktop_app.library.files import (
    IMAGE_SUFFIXES,
    SkippedFile,
    count_files,
    is_temp_name,
    iter_image_files,
    iter_image_folders,
    read_regular_file,
)
from desktop_app.library.importer import indexed_hashes
from desktop_app.library.inspection import UnreadableImage
from desktop_app.library.layout import Layout, is_external
from desktop_app.library.presence import check_presence, inside_paths
from desktop_app.library.records import LibraryEntry, RebuildReport, ReconcileReport
from desktop_app.library.rows import insert_many, row_for_file, unreadable_reason
from desktop_app.library.temp_files import tidy_temp_files

_SCAN_CACHE_NAME = "folder-counts.json"  # in thumbnails/: a cache like the thumbnails
_INDEX_BATCH = 250  # rows a transaction
# Rows reconcile reads per statement: fewer than the collector's first threshold (700), so a
# chunk's rows are freed before a collection sees them. With 5,000 they lived through
# collections into the old generation, whose full passes then held the GIL 25-34 ms each
# (17 of them in one reconcile at a million rows); with 500, none ran (#18).
_RECONCILE_CHUNK = 500

log = logging.getLogger(__name__)


class Indexer:
    """Indexes the files of the library laid out as `layout` into the index behind `pool`.

    `favourites()` gives the image hashes the user marked (user_state.sqlite3), `get(id)` an
    entry of the index, `read_only()` whether the index may be written at all.
    """

    def __init__(
        self,
        layout: Layout,
        pool: ConnectionPool,
        favourites: Callable[[], set[str]],
        get: Callable[[int], LibraryEntry | None],
        read_only: Callable[[], bool],
    ) -> None:
        self._layout = layout
        self._pool = pool
        self._favourites = favourites
        self._get = get
        self._read_only = read_only

    def _read_row(self, path: Path, source: str) -> dict[str, Any]:
        """Read and check one file (regular files only, size-capped) into its row."""
        return row_for_file(self._layout, path, read_regular_file(path), source)

    def _insert_batch(
        self, rows: list[dict[str, Any]], failed: list[tuple[Path, str]]
    ) -> int:
        """Insert rows in one transaction; a row SQLite refuses is reported, the rest stay."""
        with self._pool.transaction() as connection:
            return self._insert_rows(connection, rows, failed)

    def _insert_unknown(
        self, rows: list[dict[str, Any]], failed: list[tuple[Path, str]]
    ) -> int:
        """`_insert_batch` for files found without a row, less the import copies of images the
        index holds: an import in another process writes its copies before their rows, and
        keeps one copy an image (it removes a copy left out as a duplicate unless a row names
        it), so indexing a copy here whose bytes are indexed already made a second row."""
        prefix = self._layout.stored(self._layout.images_dir / "imported") + "/"
        with self._pool.transaction() as connection:
            copies = [row for row in rows if str(row["path"]).startswith(prefix)]
            seen = indexed_hashes(connection, [row["file_sha256"] for row in copies])
            kept = []
            for row in rows:
                if str(row["path"]).startswith(prefix):
                    if row["file_sha256"] in seen:
                        continue
                    seen.add(row["file_sha256"])  # the first copy of an image in this batch
                kept.append(row)
            return self._insert_rows(connection, kept, failed)

    def _insert_rows(
        self, connection: ThreadConnection, rows: list[dict[str, Any]],
        failed: list[tuple[Path, str]],
    ) -> int:
        """Insert `rows` in the caller's transaction; how many were added. A row SQLite
        refuses is reported in `failed` and the rest stay; damage to the index is raised."""
        return insert_many(connection, rows, failed, self._layout.absolute)

    def reconcile(self, references: int = 0) -> ReconcileReport:
        """Bring the index in line with the disk: mark vanished files missing (and found ones
        back), index library files that have no row, recover complete images from temp files
        a crash left and remove incomplete ones. `references`: outside files already indexed
        again (after a recovery), counted in the report."""
        # Keyset chunks, str paths and os.stat (`library.presence`, #18): at a million rows the
        # whole table at once was 380 MiB, and a Path per row 40% of 18 s of held GIL.
        found = check_presence(self._pool.connection(), self._layout, _RECONCILE_CHUNK)
        with self._pool.transaction() as connection:
            for ids, flag in ((found.now_missing, 1), (found.found_again, 0)):
                for start in range(0, len(ids), _RECONCILE_CHUNK):
                    connection.executemany(
                        "UPDATE images SET missing = ? WHERE id = ?",
                        [(flag, i) for i in ids[start : start + _RECONCILE_CHUNK]],
                    )
        skipped, removed, recovered = tidy_temp_files(self._layout.images_dir)
        indexed, failed = self.index_unknown_files(found.inside, self._favourites())
        failed = [*((self._layout.absolute(folder), f"its files could not be checked ({why})")
                    for folder, why in found.unchecked.items()), *failed]
        return ReconcileReport(
            checked=found.checked,
            marked_missing=len(found.now_missing),
            found_again=len(found.found_again),
            indexed=indexed + references,
            temp_files_skipped=skipped,
            temp_files_removed=removed,
            failed=tuple(failed),
            temp_files_recovered=recovered,
        )

    def _inside_counts(self) -> tuple[int, int]:
        """(image-named files under images/, rows for library files not marked missing).

        Lists only folders that changed since the last check (no file is read or stat'ed), for
        a quick "did files land without rows?"; a temp file counts as a surplus so crash debris
        is always looked at.
        """
        def counts(name: str) -> bool:
            if name.startswith("."):
                return is_temp_name(name)
            return os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES

        cache = self._layout.thumbnails_dir / _SCAN_CACHE_NAME
        on_disk = count_files(self._layout.images_dir, counts, cache)
        # Rows of files outside the library hold absolute paths ("/...", "C:...", "\\...").
        (indexed,) = self._pool.connection().execute(
            "SELECT count(*) FROM images WHERE missing = 0 AND substr(CAST(path AS TEXT), 1, 1) "
            "NOT IN ('/', '\\') AND substr(CAST(path AS TEXT), 2, 1) != ':'"
        ).fetchone()
        return on_disk, int(indexed)

    def index_new_files(self) -> ReconcileReport | None:
        """Index files that landed in the library without a row (a crash between file and row,
        another process), cheaply: nothing is read unless there are more image files than rows.

        For every entry point that does not run a full `reconcile()` (the CLI's commands);
        returns None when there was nothing to do (or nothing can be written).
        """
        if self._read_only():
            return None
        on_disk, indexed = self._inside_counts()
        if on_disk <= indexed:
            return None
        rows, known = self.inside_paths()
        skipped, removed, recovered = tidy_temp_files(self._layout.images_dir)
        added, failed = self.index_unknown_files(known, self._favourites())
        return ReconcileReport(
            checked=rows,
            indexed=added,
            temp_files_skipped=skipped,
            temp_files_removed=removed,
            failed=tuple(failed),
            temp_files_recovered=recovered,
        )

    def inside_paths(self) -> tuple[int, set[str]]:
        """(rows, the stored paths of those naming library files): what `index_unknown_files`
        compares with (a row of a file outside the library never matches a file inside)."""
        return inside_paths(self._pool.connection(), _RECONCILE_CHUNK)

    def index_unknown_files(
        self, indexed_paths: set[str], favourites: set[str] | None = None
    ) -> tuple[int, list[tuple[Path, str]]]:
        """Index the image files under images/ whose stored path is not in `indexed_paths`."""
        indexed = 0
        failed: list[tuple[Path, str]] = []
        pending: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal indexed
            if pending:
                indexed += self._insert_unknown(pending, failed)
                pending.clear()

        for directory, names in iter_image_folders(self._layout.images_dir, failed):
            # One stored prefix per folder, not a Path per file (a million-image library).
            prefix = self._layout.stored(Path(directory)) + "/"
            for name in names:
                if prefix + name not in indexed_paths:
                    self._index_unknown(Path(directory, name), favourites, pending, failed)
                    if len(pending) >= _INDEX_BATCH:
                        flush()
        flush()
        return indexed, failed

    def _index_unknown(
        self, path: Path, favourites: set[str] | None, pending: list[dict[str, Any]],
        failed: list[tuple[Path, str]],
    ) -> None:
        """Read one unindexed library file into `pending`, or its reason into `failed`."""
        row = self._read_or_report(path, failed)
        if row is None:
            return
        if favourites and row["sha256"] in favourites:
            row["favourite"] = 1
        pending.append(row)

    def _read_or_report(self, path: Path, failed: list[tuple[Path, str]]) -> dict[str, Any] | None:
        """The row of one library file, or None with its reason added to `failed`."""
        try:
            return self._read_row(path, "generated")
        except Exception as error:  # one bad file never fails the others
            if not isinstance(error, OSError | SkippedFile | UnreadableImage):
                log.exception("Unexpected error indexing %s", path)
            failed.append((path, unreadable_reason(error)))
            return None

    def index_references(self, paths: Sequence[Path]) -> int:
        """Index files outside the library (imports made without copying) where they are."""
        failed: list[tuple[Path, str]] = []
        rows: list[dict[str, Any]] = []
        favourites = self._favourites()
        for path in paths:
            try:
                row = self._read_row(path, "imported")
            except Exception as error:  # a lost reference is logged, not fatal
                log.info("Reference %s not re-indexed: %s", path, unreadable_reason(error))
                continue
            row["favourite"] = int(row["sha256"] in favourites)
            rows.append(row)
        return self._insert_batch(rows, failed) if rows else 0

    def rebuild(self) -> RebuildReport:
        """Recreate the index of the library's own files from the files alone.

        The new rows are built first, from every readable file; only when that is complete are
        they swapped in, in one transaction, so a scan that fails (or is killed) leaves the old
        index as it was. Favourites come back from user_state.sqlite3 (by image hash); the usage
        history and references to files outside the library (imported without copying) are kept
        as they are; rows other processes add meanwhile stay.
        """
        connection = self._pool.connection()
        (high,) = connection.execute("SELECT coalesce(max(id), 0) FROM images").fetchone()
        rows = connection.execute(
            "SELECT id, path, sha256, favourite FROM images WHERE id <= ?", (high,)
        ).fetchall()
        inside = [row["id"] for row in rows if not is_external(row["path"])]
        _, _, recovered = tidy_temp_files(self._layout.images_dir)
        failed: list[tuple[Path, str]] = []
        staged: list[dict[str, Any]] = []
        for path in iter_image_files(self._layout.images_dir, failed):
            row = self._read_or_report(path, failed)
            if row is not None:
                staged.append(row)
        indexed = 0
        with self._pool.transaction() as connection:
            # Read now, under the write lock: a favourite changed during the scan (by the
            # window, another process) is what the new rows must carry. A change recorded
            # after this point updates the new rows itself (set_favourite goes by hash). The
            # index's own flags count too (a favourites file that was lost or set aside).
            favourites = self._favourites() | {
                row[0] for row in connection.execute(
                    "SELECT sha256 FROM images WHERE favourite = 1"
                )
            }
            for row in staged:
                row["favourite"] = int(row["sha256"] in favourites)
            for start in range(0, len(inside), 500):
                chunk = inside[start : start + 500]
                marks = ",".join("?" * len(chunk))
                connection.execute(f"DELETE FROM images WHERE id IN ({marks})", chunk)  # noqa: S608
            indexed += self._insert_rows(connection, staged, failed)
            connection.execute("INSERT INTO images_fts(images_fts) VALUES ('rebuild')")
        return RebuildReport(indexed=indexed, failed=tuple(failed), temp_files_recovered=recovered)
