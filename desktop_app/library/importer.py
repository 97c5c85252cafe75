"""Importing image files made elsewhere into the library index: a folder, or one dropped file.

Owns `Importer`: files are read once, hashed and skipped when the library already holds their
bytes; the rest are checked and read into rows (`library.rows`), with `copy` written into
`images/imported/YYYY/MM/` first, and inserted a few hundred at a time, so a cancelled import
keeps what it finished. Each batch checks its hashes again inside its write transaction (BEGIN
IMMEDIATE: one writer at a time across processes), so two imports of the same files at once
keep one row per image; what the other import added is counted as a duplicate and the copy made
for it removed (kept where another process's scan for files without a row indexed it). One bad
file is reported with a reason a user understands and never fails the others.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from desktop_app.library.database import ConnectionPool, ThreadConnection
from desktop_app.library.files import (
    SkippedFile,
    iter_image_files,
    read_regular_file,
    sha256_hex,
    sync_files,
    write_new_file,
)
from desktop_app.library.inspection import UnreadableImage
from desktop_app.library.layout import Layout
from desktop_app.library.records import ImportReport, LibraryEntry
from desktop_app.library.rows import insert_many, insert_row, row_for_file, unreadable_reason
from desktop_app.library.storage_errors import StorageError, StorageProblem

_IMPORT_BATCH = 250
_VALUES_PER_QUERY = 400  # bound twice at most: within SQLite's oldest limit of 999

log = logging.getLogger(__name__)


def _in_chunks(values: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """`values` in chunks SQLite binds in one statement, each with its `?, ?, ...` marks."""
    for start in range(0, len(values), _VALUES_PER_QUERY):
        chunk = list(values[start:start + _VALUES_PER_QUERY])
        yield chunk, ", ".join("?" * len(chunk))


def indexed_hashes(connection: ThreadConnection, hashes: Sequence[str]) -> set[str]:
    """Which of `hashes` the library holds, as the bytes received or as the file on disk."""
    found: set[str] = set()
    for chunk, marks in _in_chunks(hashes):
        for sha, file_sha in connection.execute(
            f"SELECT sha256, file_sha256 FROM images "  # noqa: S608 - only placeholders
            f"WHERE sha256 IN ({marks}) OR file_sha256 IN ({marks})",
            chunk + chunk,
        ):
            found.add(sha)
            found.add(file_sha)
    return found & set(hashes)


def indexed_paths(connection: ThreadConnection, paths: Sequence[str]) -> set[str]:
    """Which of these stored paths a row of the index names."""
    found: set[str] = set()
    for chunk, marks in _in_chunks(paths):
        found.update(row[0] for row in connection.execute(
            f"SELECT path FROM images WHERE path IN ({marks})", chunk))  # noqa: S608
    return found


class Importer:
    """Imports into the index behind `pool` of the library laid out as `layout`; `get(id)`
    gives an entry of the index, `read_only()` whether the index may be written at all."""

    def __init__(
        self,
        layout: Layout,
        pool: ConnectionPool,
        get: Callable[[int], LibraryEntry | None],
        read_only: Callable[[], bool],
    ) -> None:
        self._layout = layout
        self._pool = pool
        self._get = get
        self._read_only = read_only

    def _known_hashes(self) -> set[str]:
        known: set[str] = set()
        for row in self._pool.connection().execute("SELECT sha256, file_sha256 FROM images"):
            known.add(row[0])
            known.add(row[1])
        return known

    def _insert_imports(
        self, rows: list[dict[str, Any]], failed: list[tuple[Path, str]], copied: bool
    ) -> tuple[int, int]:
        """Insert imported rows in one transaction, leaving out each whose bytes the library
        gained since this import read its hashes (another process importing the same files:
        the write lock makes the check and the insert one step). Returns (added, left out);
        a left-out row's copy, made by this import, is removed again unless a row names it."""
        with self._pool.transaction() as connection:
            present = indexed_hashes(connection, [row["file_sha256"] for row in rows])
            fresh = [row for row in rows if row["file_sha256"] not in present]
            added = insert_many(connection, fresh, failed, self._layout.absolute)
            late = [row for row in rows if row["file_sha256"] in present]
            # Another process opening the library indexes files without a row: this import's
            # copies too, between their writing and this insert. Such a copy is the image now.
            adopted = indexed_paths(connection, [row["path"] for row in late]) if copied else set()
        if copied:
            for row in late:
                if row["path"] not in adopted:
                    self._remove_own_copy(self._layout.absolute(row["path"]))
        return added, len(late)

    @staticmethod
    def _remove_own_copy(path: Path) -> None:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("Could not remove the unneeded copy %s: %s", path, error)

    def import_folder(
        self,
        folder: Path,
        copy: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Index PNG/JPEG/WebP files made elsewhere, skipping duplicates by sha256.

        By default files are referenced where they are (nothing is duplicated on disk; a moved
        file shows as missing after reconcile). With `copy=True` they are copied into
        `images/imported/YYYY/MM/` first, so the library owns them. Rows are committed every
        few hundred files, so a cancelled import keeps what it finished. A file that cannot be
        read (not a regular file, damaged, too large) is listed in `failed` with the reason and
        never stops the others.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise NotADirectoryError(f"Not a folder: {folder}")
        if self._read_only():  # say so once, not once per file
            raise StorageError(StorageProblem.READ_ONLY, self._layout.root)
        failed: list[tuple[Path, str]] = []
        files = list(iter_image_files(folder.resolve(), failed))
        known = self._known_hashes()
        added = duplicates = 0
        pending: list[dict[str, Any]] = []
        cancelled = False

        def flush() -> None:
            nonlocal added, duplicates
            if pending:
                if copy:
                    sync_files([self._layout.absolute(row["path"]) for row in pending])
                batch_added, late = self._insert_imports(pending, failed, copy)
                added += batch_added
                duplicates += late
                pending.clear()

        for done, path in enumerate(files, start=1):
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            try:
                data = read_regular_file(path)
                sha = sha256_hex(data)
                if sha in known:
                    duplicates += 1
                else:
                    row = row_for_file(self._layout, path, data, "imported")
                    if copy:
                        target_folder = self._layout.imported_folder(row["created"])
                        # One sync per batch instead of an fsync per file: 10x faster, and
                        # the rows are committed only after the batch is on disk.
                        target = write_new_file(
                            target_folder, path.stem, path.suffix, data, durable=False
                        )
                        row["path"] = self._layout.stored(target)
                    known.add(sha)
                    pending.append(row)
            except Exception as error:  # one bad file never fails the others
                if not isinstance(error, OSError | SkippedFile | UnreadableImage):
                    log.exception("Unexpected error importing %s", path)
                failed.append((path, unreadable_reason(error)))
            if len(pending) >= _IMPORT_BATCH:
                flush()
            if progress is not None:
                progress(done, len(files))
        flush()
        return ImportReport(
            folder=folder,
            copied=copy,
            found=len(files),
            added=added,
            duplicates=duplicates,
            failed=tuple(failed),
            cancelled=cancelled,
        )

    def import_file(self, path: Path, copy: bool = True) -> tuple[LibraryEntry, bool]:
        """Index one image file (one dropped on the window) the way `import_folder` indexes each.

        Returns its entry and whether it was added (False: it was in the library already, by
        sha256). With `copy` (the default here: a dropped file often lives in Downloads) the
        file is copied into `images/imported/YYYY/MM/` durably before its row is inserted.
        Raises OSError, SkippedFile (not a regular file, too large) or UnreadableImage.
        """
        path = Path(path).resolve()
        data = read_regular_file(path)
        sha = sha256_hex(data)
        found = (
            self._pool.connection()
            .execute("SELECT id FROM images WHERE sha256 = ? OR file_sha256 = ?", (sha, sha))
            .fetchone()
        )
        if found is not None and (entry := self._get(found[0])) is not None:
            return entry, False
        row = row_for_file(self._layout, path, data, "imported")
        if copy:
            folder = self._layout.imported_folder(row["created"])
            row["path"] = self._layout.stored(write_new_file(folder, path.stem, path.suffix, data))
        with self._pool.transaction() as connection:
            # Checked again under the write lock: another process may have added it meanwhile.
            found = connection.execute(
                "SELECT id, path FROM images WHERE sha256 = ? OR file_sha256 = ?", (sha, sha)
            ).fetchone()
            entry_id = insert_row(connection, row) if found is None else None
        if found is not None:
            if copy and found[1] != row["path"]:  # not this copy, indexed by another process
                self._remove_own_copy(self._layout.absolute(row["path"]))
            if (entry := self._get(found[0])) is not None:
                return entry, False
        entry = self._get(entry_id) if entry_id is not None else None
        if entry is None:  # pragma: no cover - a concurrent import of the same path won
            raise ValueError(f"{path.name} could not be added to the library")
        return entry, True
