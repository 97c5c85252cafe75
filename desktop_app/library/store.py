"""The offline image library: files on disk plus a SQLite index over them (the `Library` facade).

`Library` is the one object the window, the CLI and the jobs hold; it opens the library folder
and wires the parts that do the work, each in its own module: `layout` (the folder's shape),
`database` (one connection per thread, the write transaction, damage noticed anywhere),
`recovery` (a damaged index set aside and rebuilt), `saving` (a paid result kept: files first,
then rows), `queries` (every read of the index), `indexer` and `rows` (import, reconcile,
rebuild), `trash`, `thumbnails`, `files` (durable writes, what a scan may read), and
`boards`/`user_state` (what only the user made, kept by image hash). Files are written durably
before their rows go in, so a crash leaves at most an unindexed file, which `reconcile()` picks
up from its embedded metadata. Safe to call from several threads. Knows nothing about Qt, the
network or the service token; never stores an image inside the database.

Why this module is a little over 400 lines: it is the library's whole public surface (about 40
methods, each with the contract callers read here) and the wiring of the parts above; every
method body is a few lines handing over to the module that does the work.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.api.types import GenerationResult
from desktop_app.library import saving, trash
from desktop_app.library.boards import Board, Boards
from desktop_app.library.database import (
    ConnectionPool,
    ThreadConnection,
    connect,
    is_corruption,
    on_read_only_file_system,
)
from desktop_app.library.export import export_entries
from desktop_app.library.files import (
    SkippedFile,
    read_regular_file,
    save_result_to_folder,
    sha256_hex,
    write_new_file,
)
from desktop_app.library.importer import Importer
from desktop_app.library.indexer import Indexer
from desktop_app.library.layout import DATABASE_NAME, Layout
from desktop_app.library.queries import Queries
from desktop_app.library.records import (
    DeletedBatch,
    ImportReport,
    LibraryEntry,
    LibraryQuery,
    RebuildReport,
    ReconcileReport,
)
from desktop_app.library.recovery import IndexRecovery
from desktop_app.library.schema import SchemaTooNewError, SQLiteTooOldError, migrate
from desktop_app.library.thumbnails import THUMBNAIL_MAX, Thumbnails
from desktop_app.library.user_state import UserState

# Callers import these from here (the window, the CLI, the tests): the facade's public names.
__all__ = [
    "DATABASE_NAME",
    "FREE_SPACE_MARGIN",
    "THUMBNAIL_MAX",
    "DeletedBatch",
    "ImportReport",
    "Library",
    "LibraryEntry",
    "LibraryQuery",
    "RebuildReport",
    "ReconcileReport",
    "save_result_to_folder",
    "write_new_file",
]

# Free space a save must leave on the disk beyond the images themselves: room for the index,
# its write-ahead log and thumbnails, and for whatever else the user's programs write meanwhile.
FREE_SPACE_MARGIN = 32 * 1024 * 1024


log = logging.getLogger(__name__)


class Library:
    """The image library at `root`. Open with `Library.open()`; close when done."""

    def __init__(self, root: Path) -> None:
        self.layout = Layout(root)
        self.root = root
        self.images_dir = self.layout.images_dir
        self.trash_dir = self.layout.trash_dir
        self.thumbnails_dir = self.layout.thumbnails_dir
        self.database_path = self.layout.database_path
        self._thumbnails = Thumbnails(self.thumbnails_dir)
        self.user_state = UserState(root)
        self.boards = Boards(self.user_state)
        self._queries = Queries(self._connection, self.boards, self.layout)
        self._write_lock = threading.RLock()
        self._pool = ConnectionPool(
            self.database_path,
            self._connect,
            lambda error: self._recovery.replace_damaged_index(error),
            self._write_lock,
        )
        self._indexer = Indexer(
            self.layout,
            self._pool,
            self._favourites,
            lambda entry_id: self.get(entry_id),
            lambda: self.read_only,
        )
        self._importer = Importer(
            self.layout, self._pool, lambda entry_id: self.get(entry_id), lambda: self.read_only
        )
        self._recovery = IndexRecovery(
            self._pool, self._connect, lambda c: self._prepare(c), self.user_state, self._indexer
        )
        self._pool.after_recovery = self._recovery.reindex_after_recovery
        # True when the index is on a read-only file system: it is read, never written.
        self.read_only = False

    # --- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | None = None) -> Library:
        """Open (creating if needed) the library; cheap, no scanning. Run `reconcile()` later."""
        library = cls(Path(root) if root is not None else paths.default_library_dir())
        if on_read_only_file_system(library.database_path):
            # A library on read-only media (a mounted backup, a remounted disk) can still be
            # browsed: nothing can change the file, so SQLite may read it without its WAL
            # side files. Every write then fails as "read-only" (a StorageError).
            library.read_only = True
            library._connection().execute("SELECT count(*) FROM sqlite_master")
            library._pool.recovery_enabled = False
            return library
        for folder in (library.root, library.images_dir, library.thumbnails_dir):
            folder.mkdir(parents=True, exist_ok=True)
        try:
            library._prepare(library._connection())
        except (SchemaTooNewError, SQLiteTooOldError):
            library.close()
            raise
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                # Busy, locked, full, read-only, too many open files, cannot open: the index
                # is not damaged and must never be set aside for it.
                library.close()
                raise
            # An unreadable index is only a cache of the files: set it aside and start again;
            # reconcile() re-indexes every image from its embedded metadata.
            library.close()
            library = cls(library.root)
            library._recovery.replace_damaged_index(error)
        library._seed_user_state()
        library._pool.recovery_enabled = True
        return library

    @staticmethod
    def _prepare(connection: Any) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        migrate(connection)

    def _connect(self) -> sqlite3.Connection:
        return connect(self.database_path, read_only=self.read_only)

    def _seed_user_state(self) -> None:
        """Libraries older than user_state.sqlite3 kept favourites only in the index: copy once."""
        if self.user_state.exists():
            return
        try:
            rows = self._connection().execute("SELECT sha256 FROM images WHERE favourite = 1")
            self.user_state.create()  # so this runs once
            self.user_state.set_favourite([row[0] for row in rows], True)
        except (OSError, sqlite3.Error) as error:
            log.warning("Could not copy favourites into %s: %s", self.user_state.path, error)

    def _favourites(self) -> set[str]:
        return self.user_state.favourites()

    @property
    def recovered_from(self) -> Path | None:
        """Where an unreadable index was set aside (by open(), or later by any statement that
        met the damage). After open() the caller should tell the user and run reconcile();
        damage met later is re-indexed by the library itself (`library.recovery`)."""
        return self._recovery.recovered_from

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connection(self) -> ThreadConnection:
        return self._pool.connection()

    def transaction(self) -> contextlib.AbstractContextManager[ThreadConnection]:
        """One write transaction on the index (for the usage recorder): BEGIN IMMEDIATE ...
        COMMIT, rolled back on error; damage met inside it is recovered like any other."""
        return self._pool.transaction()

    def data_version(self) -> tuple[int, int, int]:
        """A value that changes whenever the index changed, in this process or any other; cheap,
        for polling from a worker thread. Compare for equality only (`ConnectionPool`)."""
        return self._pool.data_version()

    # --- paths -----------------------------------------------------------------------------

    def _write_file(
        self, folder: Path, stem: str, extension: str, data: bytes, durable: bool = True
    ) -> Path:
        """Write `data` as folder/stem+extension (stem-2... if taken) via a temp file and rename;
        never overwrite. `durable=False` skips the fsyncs: the caller syncs a whole batch."""
        return write_new_file(folder, stem, extension, data, durable=durable)

    # --- adding ----------------------------------------------------------------------------

    def check_room_for(self, expected_bytes: int) -> None:
        """Raise StorageError unless a result of about `expected_bytes` can be kept right now.

        Run before a paid request is sent: the folder new images go to must take a file, the
        disk must have `FREE_SPACE_MARGIN` bytes free beyond the expected size, and the index
        must take a write (`library.saving`).
        """
        needed = FREE_SPACE_MARGIN + max(0, int(expected_bytes))
        saving.check_room(self.layout, self._pool, needed)

    def add_result(
        self,
        result: GenerationResult,
        job_id: str | None = None,
        *,
        cancel: threading.Event | None = None,
        in_transaction: Callable[[ThreadConnection, int], None] | None = None,
    ) -> list[LibraryEntry]:
        """Save every image of `result` (files first, then rows in one transaction): all or none.

        Checks `cancel` between images (CancelledError). `in_transaction(connection, saved)` runs
        inside the transaction that inserts the rows, so what it writes (the usage row's `saved`)
        commits or rolls back with them. On any failure the files this call wrote are removed
        again, so the caller, which still holds the images, can keep them elsewhere; disk and
        index failures are raised as StorageError (`library.saving`).
        """
        steps = saving.SaveSteps(self._write_file, self._cache_thumbnail)
        ids = saving.save_result(
            self.layout, self._pool, result, job_id, steps, cancel, in_transaction
        )
        found = self.get_many(ids)
        return [found[i] for i in ids if i in found]

    # --- reading ---------------------------------------------------------------------------

    def query_ids(self, query: LibraryQuery, limit: int | None = None) -> list[int]:
        """Ids in display order (newest first unless asked otherwise)."""
        return self._queries.ids(query, limit)

    def count(self, query: LibraryQuery) -> int:
        return self._queries.count(query)

    def get(self, entry_id: int) -> LibraryEntry | None:
        return self.get_many([entry_id]).get(entry_id)

    def get_many(self, ids: Sequence[int]) -> dict[int, LibraryEntry]:
        return self._queries.get_many(ids)

    def entries_for_job(self, job_id: str) -> list[LibraryEntry]:
        """All images of one job, in the order the server returned them."""
        return self._queries.entries_for_job(job_id)

    def models(self) -> list[str]:
        """Distinct models, for a filter picker."""
        return self._queries.distinct("model")

    def generators(self) -> list[str]:
        """Distinct generator ids (readers.GENERATOR_NAMES keys), for a filter picker."""
        return self._queries.distinct("generator")

    def sizes(self) -> list[str]:
        """Distinct "WxH" sizes, smallest first, for a filter picker."""
        return self._queries.sizes()

    def verify(self, entry_id: int) -> bool:
        """Whether the file of `entry_id` exists and its bytes are those indexed."""
        found = self._queries.file_of(entry_id)
        if found is None:
            return False
        path, file_sha = found
        try:
            return sha256_hex(read_regular_file(path)) == file_sha
        except SkippedFile:
            return False

    # --- changing --------------------------------------------------------------------------

    def all_favourite(self, ids: Sequence[int]) -> bool:
        """Whether every existing row among `ids` is a favourite (True when none exists)."""
        return self._queries.all_favourite(ids)

    def hashes_of(self, ids: Sequence[int]) -> list[str]:
        """The image hashes (`sha256`) of these rows, in no particular order."""
        return self._queries.hashes_of(ids)

    # --- boards and ratings (kept in user_state.sqlite3 by hash: `library.boards`) ----------

    def board_list(self) -> list[Board]:
        """Every board with the number of images of the index on it."""
        return [Board(board.id, board.name, self.count(LibraryQuery(board=board.id)))
                for board in self.boards.all()]

    def add_to_board(self, board: int | str, ids: Sequence[int]) -> int:
        """Put images on a board (UnknownBoard if there is none); returns how many were new."""
        return self.boards.add(self.boards.find(board).id, self.hashes_of(ids))

    def remove_from_board(self, board: int | str, ids: Sequence[int]) -> int:
        return self.boards.remove(self.boards.find(board).id, self.hashes_of(ids))

    def export_board(
        self, board: int | str, folder: Path, skipped: list[tuple[Path, str]] | None = None
    ) -> list[Path]:
        """Export every image on a board (metadata included), in display order."""
        found = self.boards.find(board)
        return self.export(self.query_ids(LibraryQuery(board=found.id)), folder, skipped)

    def set_rating(self, ids: Sequence[int], stars: int) -> None:
        """Rate images 1-5 stars (0 clears), in user_state.sqlite3 by hash."""
        self.boards.set_rating(self.hashes_of(ids), stars)

    def ratings(self, ids: Sequence[int]) -> dict[int, int]:
        """Stars of the rated images among `ids`."""
        entries = self.get_many(ids)
        stars = self.boards.ratings([entry.sha256 for entry in entries.values()])
        return {i: stars[e.sha256] for i, e in entries.items() if e.sha256 in stars}

    def set_favourite(self, ids: Sequence[int], favourite: bool) -> None:
        """Mark images favourite (or not): in user_state.sqlite3 first, so a re-index keeps it."""
        hashes = self.hashes_of(ids)
        self.user_state.set_favourite(hashes, favourite)
        # By hash, not id: a rebuild in another process may have renumbered the rows since.
        with self._pool.transaction() as connection:
            for start in range(0, len(hashes), 500):
                some = hashes[start : start + 500]
                marks = ",".join("?" * len(some))
                connection.execute(
                    f"UPDATE images SET favourite = ? WHERE sha256 IN ({marks})",  # noqa: S608
                    [int(favourite), *some],
                )

    def delete(self, ids: Sequence[int]) -> DeletedBatch:
        """Remove rows, then move library files to `.trash/<batch>/` (`library.trash`).

        Rows go first: a crash in between leaves a file with no row, which reconcile() indexes
        again, so nothing is ever lost. Files the library only references (imported without
        copying) are not moved: deleting from the library never touches the user's own folders.
        """
        return trash.delete(self.layout, self._pool, self.boards, ids)

    def undo_delete(self, batch: DeletedBatch) -> list[LibraryEntry]:
        """Put the files back and restore the rows with their old ids and favourites."""
        restored = trash.undo_delete(self.layout, self._pool, self.boards, batch)
        found = self.get_many(restored)
        return [found[i] for i in restored if i in found]

    def purge_trash(self, older_than_s: float = 30 * 86400) -> int:
        """Delete trash batches older than `older_than_s`; returns the number of files removed."""
        return trash.purge_trash(self.trash_dir, older_than_s)

    def export(
        self, ids: Sequence[int], folder: Path, skipped: list[tuple[Path, str]] | None = None
    ) -> list[Path]:
        """Copy files (metadata and star ratings included) into `folder`, in the order of `ids`;
        never overwrites: `name (2).png`. A file that is missing or not a regular file is left
        out; with `skipped`, (its path, the reason) is appended there (`library.export`)."""
        entries = self.get_many(ids)
        ordered = [entries[i] for i in ids if i in entries]
        return export_entries(ordered, self.boards, folder, skipped)

    # --- thumbnails ------------------------------------------------------------------------

    def thumbnail_path(self, entry_id: int, size: int = THUMBNAIL_MAX) -> Path | None:
        """Where the cached thumbnail of `entry_id` lives (it may not exist yet)."""
        found = self._queries.file_of(entry_id)
        return None if found is None else self._thumbnails.base(found[1], size)

    def thumbnail(self, entry_id: int, size: int = THUMBNAIL_MAX) -> bytes | None:
        """JPEG (or PNG, if the image has alpha) bytes of a <= `size` px thumbnail, cached.

        Generated images arrive with theirs already cached by `add_result` (made from the one
        decode that verified them); imported images get theirs made here, on first request.
        """
        entry = self.get(entry_id)
        base = self.thumbnail_path(entry_id, size)
        if entry is None or base is None or not entry.path.exists():
            return None  # the contract: no thumbnail for a file that is gone, even if cached
        return self._thumbnails.get(base, entry.path, size)

    def _cache_thumbnail(self, file_sha: str, size: int, data: bytes) -> None:
        # A step of its own so benchmarks/thumbnail.py can time it.
        self._thumbnails.keep(file_sha, size, data)

    # --- importing and reconciling (`library.indexer`) -------------------------------------

    def import_folder(
        self,
        folder: Path,
        copy: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Index PNG/JPEG/WebP files made elsewhere, skipping duplicates by sha256; with `copy`
        they are copied into the library first (`Indexer.import_folder`)."""
        return self._importer.import_folder(folder, copy, progress, cancel)

    def import_file(self, path: Path, copy: bool = True) -> tuple[LibraryEntry, bool]:
        """Index one image file (one dropped on the window): its entry and whether it was added
        (False: it was in the library already, by sha256). See `Indexer.import_file`."""
        return self._importer.import_file(path, copy)

    def reconcile(self) -> ReconcileReport:
        """Bring the index in line with the disk (`Indexer.reconcile`), outside files the damaged
        index referred to included."""
        recovery = self._recovery
        references = recovery.index_salvaged_references() if recovery.has_salvaged_references else 0
        return self._indexer.reconcile(references)

    def index_new_files(self) -> ReconcileReport | None:
        """Index files that landed in the library without a row, cheaply; None when there was
        nothing to do (`Indexer.index_new_files`)."""
        return self._indexer.index_new_files()

    def rebuild(self) -> RebuildReport:
        """Recreate the index of the library's own files from the files alone, swapped in only
        once complete (`Indexer.rebuild`)."""
        return self._indexer.rebuild()
