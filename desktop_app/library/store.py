"""The offline image library: files on disk plus a SQLite index over them.

Owns the library folder (images by date, `.trash`, `thumbnails`, `library.sqlite3`) and every
read and write of the index. Files are written durably (temp file in the same folder, fsync,
rename) before their rows are inserted, so a crash can leave at most an unindexed file, which
`reconcile()` picks up from the metadata embedded in it. Safe to call from several threads: each
thread gets its own SQLite connection and writes are serialised by a lock. Knows nothing about
Qt, the network or the service token; never stores an image inside the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from desktop_app import APP_ID, paths
from desktop_app.api.errors import CancelledError
from desktop_app.api.images import PREVIEW_PIXELS, detect_format, make_preview
from desktop_app.api.types import GeneratedImage, GenerationResult, ImageFormat
from desktop_app.library.metadata import (
    EmbeddedInfo,
    ImageMetadata,
    embed_metadata,
    metadata_from_image,
)
from desktop_app.library.schema import migrate
from desktop_app.library.search import PROMPT, parse_search
from desktop_app.library.storage_errors import StorageError, StorageProblem, storage_error

DATABASE_NAME = "library.sqlite3"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp"})
THUMBNAIL_MAX = PREVIEW_PIXELS  # so a client's preview is the cached thumbnail
_FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "WEBP": "webp"}
_EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}
_TEMP_SUFFIX = ".tmp"
_STALE_TEMP_S = 3600.0  # a writer needs milliseconds; older temp files are debris of a crash
_IMPORT_BATCH = 250
# Free space a save must leave on the disk beyond the images themselves: room for the index,
# its write-ahead log and thumbnails, and for whatever else the user's programs write meanwhile.
FREE_SPACE_MARGIN = 32 * 1024 * 1024
_COLUMNS = (
    "id, path, sha256, created, prompt, model, width, height, format, bytes, job_id, "
    "endpoint_host, latency_s, favourite, missing, n_index, source, negative_prompt, generator"
)
_ALL_COLUMNS = _COLUMNS + ", file_sha256, size, extra"


log = logging.getLogger(__name__)


def _unreadable_reason(error: BaseException) -> str:
    """Why a file could not be indexed, in words a user understands (no Python internals)."""
    if isinstance(error, Image.UnidentifiedImageError):
        return "not a PNG, JPEG or WebP image"
    if isinstance(error, Image.DecompressionBombError):
        return "image too large to open safely"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "file vanished while importing"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return "damaged or truncated image"

@dataclass(frozen=True)
class LibraryEntry:
    """One image in the index."""

    id: int
    path: Path
    sha256: str
    created: float
    prompt: str
    model: str
    width: int
    height: int
    format: str
    bytes: int
    job_id: str | None
    endpoint_host: str
    latency_s: float | None
    favourite: bool
    missing: bool
    n_index: int
    source: str  # "generated" | "imported"
    negative_prompt: str = ""
    generator: str = "unknown"  # which tool made it: a readers.GENERATOR_NAMES key

    @property
    def size_text(self) -> str:
        return f"{self.width}x{self.height}"


@dataclass(frozen=True)
class LibraryQuery:
    """A view of the library. `search` is user text; it is escaped, never parsed as FTS syntax.

    `created_from` is inclusive, `created_to` exclusive (unix seconds).
    """

    search: str = ""
    # Columns a search term without a `neg:` / `model:` prefix looks in (library.search).
    search_in: tuple[str, ...] = (PROMPT,)
    model: str | None = None
    generator: str | None = None
    size: str | None = None
    created_from: float | None = None
    created_to: float | None = None
    favourites_only: bool = False
    newest_first: bool = True
    include_missing: bool = False


@dataclass(frozen=True)
class DeletedBatch:
    """What `undo_delete` needs: the removed rows and where their files went."""

    batch_id: str
    trash_dir: Path
    rows: tuple[dict[str, Any], ...] = field(repr=False)
    moves: tuple[tuple[Path, Path], ...] = field(repr=False)  # (original, in trash)

    @property
    def ids(self) -> list[int]:
        return [int(row["id"]) for row in self.rows]


@dataclass(frozen=True)
class ImportReport:
    folder: Path
    copied: bool  # True: files copied into the library; False: indexed where they are
    found: int = 0
    added: int = 0
    duplicates: int = 0
    failed: tuple[tuple[Path, str], ...] = ()
    cancelled: bool = False


@dataclass(frozen=True)
class ReconcileReport:
    checked: int = 0
    marked_missing: int = 0
    found_again: int = 0
    indexed: int = 0  # files in images_dir that had no row
    temp_files_skipped: int = 0
    temp_files_removed: int = 0
    failed: tuple[tuple[Path, str], ...] = ()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders this way.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _sync_files(files: Sequence[Path]) -> None:
    """Make freshly written files durable: one sync(2) on POSIX, an fsync per file elsewhere."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in files:  # pragma: no cover - Windows
        with contextlib.suppress(OSError), open(path, "rb+") as handle:
            os.fsync(handle.fileno())


def _is_temp_name(name: str) -> bool:
    return name.startswith(".") and name.endswith(_TEMP_SUFFIX)


_name_lock = threading.Lock()


def write_new_file(
    folder: Path, stem: str, extension: str, data: bytes, durable: bool = True
) -> Path:
    """Write `data` as folder/stem+extension (stem-2... if taken) via a temp file and rename.

    Never overwrites, and never leaves the temp file behind (a full disk fails the write, not
    the clean-up): the result is the complete file under its final name, or no file at all.
    """
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{stem}.{os.getpid()}.{threading.get_ident()}{_TEMP_SUFFIX}"
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        with _name_lock:
            for attempt in range(1, 10_000):
                name = stem + (f"-{attempt}" if attempt > 1 else "") + extension
                target = folder / name
                if not target.exists():
                    os.replace(temp, target)
                    break
            else:  # pragma: no cover - ten thousand identical names
                raise OSError(f"no free file name for {stem}")
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        _fsync_folder(folder)
    return target


def _file_contents(
    result: GenerationResult, image: GeneratedImage, created: float, job_id: str | None
) -> tuple[str, EmbeddedInfo, bytes]:
    """(sha256 of the received bytes, the metadata, the file's bytes with it embedded)."""
    sha = _sha256(image.data)
    info = EmbeddedInfo(
        prompt=result.request.prompt,
        model=result.request.model,
        width=image.width,
        height=image.height,
        n_index=image.index,
        created=created,
        endpoint_host=result.endpoint_host,
        request_id=result.request_id,
        job_id=job_id,
        latency_s=result.latency_s,
        sha256=sha,
    )
    return sha, info, embed_metadata(image.data, info)


def save_result_to_folder(
    result: GenerationResult, folder: Path, job_id: str | None = None
) -> list[Path]:
    """Write every image of `result` into `folder` (outside any library), metadata embedded.

    For images that were paid for but could not be kept in the library: `library import` brings
    them back later with their prompt and settings. All or none: on failure the files written
    here are removed again and the error is raised (a StorageError when it is a disk condition).
    """
    created = float(result.created) if result.created else time.time()
    local = time.localtime(created)
    written: list[Path] = []
    try:
        for image in result.images:
            sha, _info, data = _file_contents(result, image, created, job_id)
            stem = f"{time.strftime('%Y%m%d-%H%M%S', local)}-{sha[:8]}-{image.index}"
            written.append(write_new_file(folder, stem, image.format.extension, data))
    except BaseException as error:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        mapped = storage_error(error, folder, prefer_path=True)
        if mapped is not None:
            raise mapped from error
        raise
    return written


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.1f} MB"


class Library:
    """The image library at `root`. Open with `Library.open()`; close when done."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.images_dir = root / "images"
        self.trash_dir = root / ".trash"
        self.thumbnails_dir = root / "thumbnails"
        self.database_path = root / DATABASE_NAME
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        # Set by open() when an unreadable index was set aside: the caller should tell the user
        # and run reconcile() to re-index the files.
        self.recovered_from: Path | None = None

    # --- lifecycle -------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | None = None) -> Library:
        """Open (creating if needed) the library; cheap, no scanning. Run `reconcile()` later."""
        library = cls(Path(root) if root is not None else paths.default_library_dir())
        for folder in (library.root, library.images_dir, library.thumbnails_dir):
            folder.mkdir(parents=True, exist_ok=True)
        try:
            connection = library._connection()
            connection.execute("PRAGMA journal_mode=WAL")
            migrate(connection)
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise
            # An unreadable index is only a cache of the files: set it aside and start again;
            # reconcile() re-indexes every image from its embedded metadata.
            library.close()
            library = cls(library.root)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            for suffix in ("", "-wal", "-shm"):
                old = library.root / (DATABASE_NAME + suffix)
                if old.exists():
                    os.replace(old, library.root / f"{DATABASE_NAME}{suffix}.corrupt-{stamp}")
            library.recovered_from = library.root / f"{DATABASE_NAME}.corrupt-{stamp}"
            log.warning("The library index was unreadable; set aside as %s", library.recovered_from)
            connection = library._connection()
            connection.execute("PRAGMA journal_mode=WAL")
            migrate(connection)
        return library

    def close(self) -> None:
        with self._connections_lock:
            self._closed = True
            for connection in self._connections:
                with contextlib.suppress(sqlite3.Error):
                    connection.close()
            self._connections.clear()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            return connection
        with self._connections_lock:
            if self._closed:
                raise sqlite3.ProgrammingError("The library is closed.")
            connection = sqlite3.connect(
                self.database_path, timeout=30, isolation_level=None, check_same_thread=False
            )
            self._connections.append(connection)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 30000")
        # NORMAL is durable against application crashes in WAL mode; on power loss the last
        # transaction may roll back, and reconcile() re-indexes its (fsynced) files.
        connection.execute("PRAGMA synchronous = NORMAL")
        self._local.connection = connection
        return connection

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection()
        with self._write_lock:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    # --- paths -----------------------------------------------------------------------------

    def _absolute(self, stored: str) -> Path:
        path = Path(stored)
        return path if path.is_absolute() else self.root / path

    def _stored(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def _is_inside(self, path: Path) -> bool:
        return not Path(self._stored(path)).is_absolute()

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
        must take a write. Costs a statvfs, one tiny file and an empty write transaction.
        """
        folder = self._month_folder(time.time())
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".room-check.{os.getpid()}.{threading.get_ident()}{_TEMP_SUFFIX}"
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
        needed = FREE_SPACE_MARGIN + max(0, int(expected_bytes))
        if free < needed:
            raise StorageError(
                StorageProblem.NO_SPACE,
                folder,
                f"Not enough free space for new images in {folder}: {_megabytes(free)} free, "
                f"about {_megabytes(needed)} needed (the images plus a safety margin).",
            )
        try:
            with self._transaction():
                pass  # BEGIN IMMEDIATE ... COMMIT: takes the write lock like a real save
        except sqlite3.Error as error:
            mapped = storage_error(error, self.database_path)
            if mapped is None:
                raise
            raise mapped from error

    def _month_folder(self, created: float) -> Path:
        local = time.localtime(created)
        return self.images_dir / time.strftime("%Y", local) / time.strftime("%m", local)

    def add_result(
        self,
        result: GenerationResult,
        job_id: str | None = None,
        *,
        cancel: threading.Event | None = None,
        in_transaction: Callable[[sqlite3.Connection, int], None] | None = None,
    ) -> list[LibraryEntry]:
        """Save every image of `result` (files first, then rows in one transaction): all or none.

        Checks `cancel` between images (CancelledError). `in_transaction(connection, saved)` runs
        inside the transaction that inserts the rows, so what it writes (the usage row's `saved`)
        commits or rolls back with them. On any failure the files this call wrote are removed
        again, so the caller, which still holds the images, can keep them elsewhere; disk and
        index failures are raised as StorageError.
        """
        created = float(result.created) if result.created else time.time()
        local = time.localtime(created)
        folder = self._month_folder(created)
        rows: list[dict[str, Any]] = []
        written: list[Path] = []
        try:
            for image in result.images:
                if cancel is not None and cancel.is_set():
                    raise CancelledError()
                sha, info, data = _file_contents(result, image, created, job_id)
                file_sha = _sha256(data)
                stem = f"{time.strftime('%Y%m%d-%H%M%S', local)}-{sha[:8]}-{image.index}"
                path = self._write_file(folder, stem, image.format.extension, data)
                written.append(path)
                if image.preview is not None:
                    self._cache_thumbnail(file_sha, THUMBNAIL_MAX, image.preview)
                rows.append(
                    {
                        "path": self._stored(path),
                        "sha256": sha,
                        "file_sha256": file_sha,
                        "created": created,
                        "prompt": info.prompt,
                        "model": info.model,
                        "width": image.width,
                        "height": image.height,
                        "format": image.format.value,
                        "bytes": len(data),
                        "job_id": job_id,
                        "endpoint_host": result.endpoint_host,
                        "latency_s": result.latency_s,
                        "n_index": image.index,
                        "source": "generated",
                        "extra": json.dumps({"request_id": result.request_id}),
                    }
                )
            if cancel is not None and cancel.is_set():
                raise CancelledError()
            with self._transaction() as connection:
                ids = [self._insert(connection, row) for row in rows]
                if in_transaction is not None:
                    in_transaction(connection, sum(1 for i in ids if i is not None))
        except BaseException as error:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            if isinstance(error, OSError | sqlite3.Error):
                where = folder if isinstance(error, OSError) else self.database_path
                mapped = storage_error(error, where, prefer_path=isinstance(error, OSError))
                if mapped is not None:
                    raise mapped from error
            raise
        found = self.get_many([i for i in ids if i is not None])
        return [found[i] for i in ids if i is not None and i in found]

    @staticmethod
    def _insert(connection: sqlite3.Connection, row: dict[str, Any]) -> int | None:
        row = dict(row)
        row.setdefault("size", f"{row['width']}x{row['height']}")
        row.setdefault("favourite", 0)
        row.setdefault("missing", 0)
        # Rows made without a reader (add_result: always ours) say who made them by their source,
        # as schema 3's migration did for old rows.
        row.setdefault("generator", APP_ID if row.get("source") == "generated" else "unknown")
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        cursor = connection.execute(
            f"INSERT OR IGNORE INTO images ({names}) VALUES ({marks})",  # noqa: S608 - our keys
            row,
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    # --- reading ---------------------------------------------------------------------------

    def _entry(self, row: sqlite3.Row) -> LibraryEntry:
        return LibraryEntry(
            id=row["id"],
            path=self._absolute(row["path"]),
            sha256=row["sha256"],
            created=row["created"],
            prompt=row["prompt"],
            model=row["model"],
            width=row["width"],
            height=row["height"],
            format=row["format"],
            bytes=row["bytes"],
            job_id=row["job_id"],
            endpoint_host=row["endpoint_host"],
            latency_s=row["latency_s"],
            favourite=bool(row["favourite"]),
            missing=bool(row["missing"]),
            n_index=row["n_index"],
            source=row["source"],
            negative_prompt=row["negative_prompt"],
            generator=row["generator"],
        )

    @staticmethod
    def _where(query: LibraryQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if not query.include_missing:
            clauses.append("missing = 0")
        if query.model is not None:
            clauses.append("model = ?")
            params.append(query.model)
        if query.generator is not None:
            clauses.append("generator = ?")
            params.append(query.generator)
        if query.size:
            clauses.append("size = ?")
            params.append(query.size.strip().lower().replace("×", "x"))
        if query.created_from is not None:
            clauses.append("created >= ?")
            params.append(query.created_from)
        if query.created_to is not None:
            clauses.append("created < ?")
            params.append(query.created_to)
        if query.favourites_only:
            clauses.append("favourite = 1")
        terms = parse_search(query.search, query.search_in)
        if terms.match is not None:
            clauses.append("id IN (SELECT rowid FROM images_fts WHERE images_fts MATCH ?)")
            params.append(terms.match)
        for columns, pattern in terms.like:  # terms shorter than a trigram; columns are ours
            clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
            params.extend([pattern] * len(columns))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def query_ids(self, query: LibraryQuery, limit: int | None = None) -> list[int]:
        """Ids in display order (newest first unless asked otherwise)."""
        where, params = self._where(query)
        order = "DESC" if query.newest_first else "ASC"
        # Images of one request share `created`: keep them in the order the server returned them
        # (#1, #2, ...) either way, as the window shows a finished job's images.
        sql = f"SELECT id FROM images{where} ORDER BY created {order}, id ASC"  # noqa: S608
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        try:
            return [row[0] for row in self._connection().execute(sql, params)]
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower() or "match" in str(error).lower():
                return []  # belt and braces: user text must never raise
            raise

    def count(self, query: LibraryQuery) -> int:
        where, params = self._where(query)
        try:
            row = self._connection().execute(f"SELECT count(*) FROM images{where}", params)  # noqa: S608
            return int(row.fetchone()[0])
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower() or "match" in str(error).lower():
                return 0
            raise

    def get(self, entry_id: int) -> LibraryEntry | None:
        return self.get_many([entry_id]).get(entry_id)

    def get_many(self, ids: Sequence[int]) -> dict[int, LibraryEntry]:
        result: dict[int, LibraryEntry] = {}
        ids = list(ids)
        connection = self._connection()
        for start in range(0, len(ids), 500):  # stay under SQLite's variable limit
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {_COLUMNS} FROM images WHERE id IN ({marks})"  # noqa: S608
            for row in connection.execute(sql, chunk):
                result[row["id"]] = self._entry(row)
        return result

    def entries_for_job(self, job_id: str) -> list[LibraryEntry]:
        """All images of one job, in the order the server returned them."""
        rows = self._connection().execute(
            f"SELECT {_COLUMNS} FROM images WHERE job_id = ? ORDER BY n_index, id",  # noqa: S608
            (job_id,),
        )
        return [self._entry(row) for row in rows]

    def _distinct(self, column: str) -> list[str]:
        # A skip-scan down the column's index: one lookup per distinct value, not per row.
        sql = (
            f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM images UNION ALL "  # noqa: S608
            f"SELECT (SELECT min({column}) FROM images WHERE {column} > v.x) FROM v "
            "WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL AND x != ''"
        )
        return [row[0] for row in self._connection().execute(sql)]

    def models(self) -> list[str]:
        """Distinct models, for a filter picker."""
        return self._distinct("model")

    def generators(self) -> list[str]:
        """Distinct generator ids (readers.GENERATOR_NAMES keys), for a filter picker."""
        return self._distinct("generator")

    def sizes(self) -> list[str]:
        """Distinct "WxH" sizes, smallest first, for a filter picker."""

        def key(size: str) -> tuple[int, int, str]:
            width, _, height = size.partition("x")
            if width.isdigit() and height.isdigit():
                return int(width) * int(height), int(width), size
            return 0, 0, size

        return sorted(self._distinct("size"), key=key)

    def verify(self, entry_id: int) -> bool:
        """Whether the file of `entry_id` exists and its bytes are those indexed."""
        row = (
            self._connection()
            .execute("SELECT path, file_sha256 FROM images WHERE id = ?", (entry_id,))
            .fetchone()
        )
        if row is None:
            return False
        try:
            data = self._absolute(row["path"]).read_bytes()
        except OSError:
            return False
        return _sha256(data) == row["file_sha256"]

    # --- changing --------------------------------------------------------------------------

    def set_favourite(self, ids: Sequence[int], favourite: bool) -> None:
        ids = list(ids)
        with self._transaction() as connection:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                connection.execute(
                    f"UPDATE images SET favourite = ? WHERE id IN ({marks})",  # noqa: S608
                    [int(favourite), *chunk],
                )

    def delete(self, ids: Sequence[int]) -> DeletedBatch:
        """Remove rows, then move library files to `.trash/<batch>/`.

        Rows go first: a crash in between leaves a file with no row, which reconcile() indexes
        again, so nothing is ever lost. Files the library only references (imported without
        copying) are not moved: deleting from the library never touches the user's own folders.
        """
        batch_id = f"{int(time.time())}-{uuid.uuid4().hex[:8]}"
        batch_dir = self.trash_dir / batch_id
        ids = list(dict.fromkeys(ids))
        rows: list[dict[str, Any]] = []
        with self._transaction() as connection:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found = connection.execute(
                    f"SELECT {_ALL_COLUMNS} FROM images WHERE id IN ({marks})",  # noqa: S608
                    chunk,
                )
                rows.extend(dict(row) for row in found)
                connection.execute(f"DELETE FROM images WHERE id IN ({marks})", chunk)  # noqa: S608
        moves: list[tuple[Path, Path]] = []
        for row in rows:
            source = self._absolute(row["path"])
            if not self._is_inside(source) or not source.exists():
                continue
            batch_dir.mkdir(parents=True, exist_ok=True)
            target = batch_dir / f"{row['id']}-{source.name}"
            try:
                os.replace(source, target)
            except OSError:
                continue
            moves.append((source, target))
        if rows and batch_dir.exists():
            # Lets purge_trash (or a person) see what a batch was without the database.
            (batch_dir / "batch.json").write_text(json.dumps(rows, ensure_ascii=False))
        return DeletedBatch(batch_id, batch_dir, tuple(rows), tuple(moves))

    def undo_delete(self, batch: DeletedBatch) -> list[LibraryEntry]:
        """Put the files back and restore the rows with their old ids and favourites."""
        for original, in_trash in batch.moves:
            if in_trash.exists() and not original.exists():
                original.parent.mkdir(parents=True, exist_ok=True)
                os.replace(in_trash, original)
        restored: list[int] = []
        with self._transaction() as connection:
            for row in batch.rows:
                row = dict(row)
                row["missing"] = 0 if self._absolute(row["path"]).exists() else 1
                inserted = self._insert(connection, row)
                if inserted is not None:
                    restored.append(inserted)
        with contextlib.suppress(OSError):
            (batch.trash_dir / "batch.json").unlink()
            batch.trash_dir.rmdir()
        found = self.get_many(restored)
        return [found[i] for i in restored if i in found]

    def purge_trash(self, older_than_s: float = 30 * 86400) -> int:
        """Delete trash batches older than `older_than_s`; returns the number of files removed."""
        if not self.trash_dir.exists():
            return 0
        now = time.time()
        removed = 0
        for batch_dir in self.trash_dir.iterdir():
            if not batch_dir.is_dir():
                continue
            try:
                stamp = float(batch_dir.name.split("-", 1)[0])
            except ValueError:
                stamp = batch_dir.stat().st_mtime
            if now - stamp < older_than_s:
                continue
            removed += sum(1 for p in batch_dir.iterdir() if p.is_file() and p.name != "batch.json")
            shutil.rmtree(batch_dir, ignore_errors=True)
        return removed

    def export(self, ids: Sequence[int], folder: Path) -> list[Path]:
        """Copy files (metadata included) into `folder`; never overwrites: `name (2).png`."""
        folder.mkdir(parents=True, exist_ok=True)
        entries = self.get_many(ids)
        written: list[Path] = []
        for entry_id in ids:
            entry = entries.get(entry_id)
            if entry is None or not entry.path.exists():
                continue
            stem, suffix = entry.path.stem, entry.path.suffix
            for attempt in range(1, 10_000):
                target = folder / (
                    f"{stem} ({attempt}){suffix}" if attempt > 1 else entry.path.name
                )
                try:
                    handle = open(target, "xb")  # noqa: SIM115 - exclusive create is the point
                except FileExistsError:
                    continue
                with handle, open(entry.path, "rb") as source:
                    shutil.copyfileobj(source, handle)
                shutil.copystat(entry.path, target)
                written.append(target)
                break
        return written

    # --- thumbnails ------------------------------------------------------------------------

    def thumbnail_path(self, entry_id: int, size: int = THUMBNAIL_MAX) -> Path | None:
        """Where the cached thumbnail of `entry_id` lives (it may not exist yet)."""
        row = (
            self._connection()
            .execute("SELECT file_sha256 FROM images WHERE id = ?", (entry_id,))
            .fetchone()
        )
        if row is None:
            return None
        return self._thumbnail_base(row[0], size)

    def _thumbnail_base(self, file_sha: str, size: int) -> Path:
        """The cache path without its suffix (.jpg, or .png when the image has alpha)."""
        size = max(16, min(int(size), THUMBNAIL_MAX))
        return self.thumbnails_dir / file_sha[:2] / f"{file_sha}-{size}"

    def thumbnail(self, entry_id: int, size: int = THUMBNAIL_MAX) -> bytes | None:
        """JPEG (or PNG, if the image has alpha) bytes of a <= `size` px thumbnail, cached.

        Generated images arrive with theirs already cached by `add_result` (made from the one
        decode that verified them); imported images get theirs made here, on first request.
        """
        entry = self.get(entry_id)
        base = self.thumbnail_path(entry_id, size)
        if entry is None or base is None or not entry.path.exists():
            return None  # the contract: no thumbnail for a file that is gone, even if cached
        for suffix in (".jpg", ".png"):
            with contextlib.suppress(OSError):
                return base.with_suffix(suffix).read_bytes()
        size = max(16, min(int(size), THUMBNAIL_MAX))
        try:
            with Image.open(entry.path) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (size, size))  # decode at reduced scale: much faster
                data = make_preview(image, size)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return None
        self._write_thumbnail(base, data)
        return data

    def _cache_thumbnail(self, file_sha: str, size: int, data: bytes) -> None:
        """Store a ready-made thumbnail (a verified image's preview) under its cache path."""
        try:
            # Reads the header only (~0.01 ms): never cache what `thumbnail` would not serve.
            with Image.open(io.BytesIO(data), formats=["JPEG", "PNG"]) as preview:
                fits = max(preview.size) <= size
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            fits = False
        if fits:
            self._write_thumbnail(self._thumbnail_base(file_sha, size), data)
        # Otherwise `thumbnail` makes a proper one from the saved file on first request.

    @staticmethod
    def _write_thumbnail(base: Path, data: bytes) -> None:
        suffix = ".png" if detect_format(data) is ImageFormat.PNG else ".jpg"
        target = base.with_suffix(suffix)
        temp = target.with_name(f".{target.name}.{threading.get_ident()}{_TEMP_SUFFIX}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp.write_bytes(data)
            os.replace(temp, target)  # a cache: atomic is enough, no fsync
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()  # a full disk must not leave a partial temp file either

    # --- importing and reconciling ---------------------------------------------------------

    def _describe_file(self, path: Path, data: bytes) -> tuple[ImageMetadata, str]:
        """Metadata and format of an image file; raises OSError/ValueError when it is not one."""
        with Image.open(io.BytesIO(data)) as image:
            image_format = _FORMATS.get(image.format or "")
            if image_format is None:
                raise ValueError(f"unsupported format {image.format}")
            return metadata_from_image(image), image_format

    def _row_for_file(self, path: Path, data: bytes, source: str) -> dict[str, Any]:
        metadata, image_format = self._describe_file(path, data)
        extra = metadata.extra
        ours = metadata.tool == APP_ID
        file_sha = _sha256(data)
        created = extra.get("created") if ours else None
        if not isinstance(created, int | float):
            created = path.stat().st_mtime
        latency = extra.get("latency_s") if ours else None
        n_index = extra.get("n_index") if ours else 0
        return {
            "path": self._stored(path),
            "sha256": str(extra.get("sha256") or file_sha) if ours else file_sha,
            "file_sha256": file_sha,
            "created": float(created),
            "prompt": metadata.prompt,
            "negative_prompt": metadata.negative_prompt,
            "model": metadata.model,
            "generator": APP_ID if ours else (metadata.generator or "unknown"),
            "width": metadata.width,
            "height": metadata.height,
            "format": image_format,
            "bytes": len(data),
            "job_id": (extra.get("job_id") or None) if ours else None,
            "endpoint_host": str(extra.get("endpoint_host") or "") if ours else "",
            "latency_s": float(latency) if isinstance(latency, int | float) else None,
            "n_index": int(n_index) if isinstance(n_index, int) else 0,
            "source": "generated" if ours else "imported",
            "extra": json.dumps({"tool": metadata.tool}),
        }

    @staticmethod
    def _image_files(folder: Path) -> Iterator[Path]:
        for directory, subfolders, names in os.walk(folder):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith(".") and Path(name).suffix.lower() in IMAGE_SUFFIXES:
                    yield Path(directory) / name

    def _known_hashes(self) -> set[str]:
        known: set[str] = set()
        for row in self._connection().execute("SELECT sha256, file_sha256 FROM images"):
            known.add(row[0])
            known.add(row[1])
        return known

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
        few hundred files, so a cancelled import keeps what it finished.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise NotADirectoryError(f"Not a folder: {folder}")
        files = list(self._image_files(folder.resolve()))
        known = self._known_hashes()
        added = duplicates = 0
        failed: list[tuple[Path, str]] = []
        pending: list[dict[str, Any]] = []
        cancelled = False

        def flush() -> None:
            nonlocal added
            if pending:
                if copy:
                    _sync_files([self._absolute(row["path"]) for row in pending])
                with self._transaction() as connection:
                    added += sum(1 for row in pending if self._insert(connection, row) is not None)
                pending.clear()

        for done, path in enumerate(files, start=1):
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            try:
                data = path.read_bytes()
                sha = _sha256(data)
                if sha in known:
                    duplicates += 1
                else:
                    row = self._row_for_file(path, data, "imported")
                    if copy:
                        local = time.localtime(row["created"])
                        target_folder = self.images_dir / "imported" / time.strftime("%Y/%m", local)
                        # One sync per batch instead of an fsync per file: 10x faster, and
                        # the rows are committed only after the batch is on disk.
                        target = self._write_file(
                            target_folder, path.stem, path.suffix, data, durable=False
                        )
                        row["path"] = self._stored(target)
                    known.add(sha)
                    pending.append(row)
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
                failed.append((path, _unreadable_reason(error)))
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
        Raises OSError / ValueError for a file that is not a PNG, JPEG or WebP image.
        """
        path = Path(path).resolve()
        data = path.read_bytes()
        sha = _sha256(data)
        found = (
            self._connection()
            .execute("SELECT id FROM images WHERE sha256 = ? OR file_sha256 = ?", (sha, sha))
            .fetchone()
        )
        if found is not None and (entry := self.get(found[0])) is not None:
            return entry, False
        row = self._row_for_file(path, data, "imported")
        if copy:
            local = time.localtime(row["created"])
            folder = self.images_dir / "imported" / time.strftime("%Y/%m", local)
            row["path"] = self._stored(self._write_file(folder, path.stem, path.suffix, data))
        with self._transaction() as connection:
            entry_id = self._insert(connection, row)
        entry = self.get(entry_id) if entry_id is not None else None
        if entry is None:  # pragma: no cover - a concurrent import of the same path won
            raise ValueError(f"{path.name} could not be added to the library")
        return entry, True

    def reconcile(self) -> ReconcileReport:
        """Bring the index in line with the disk: mark vanished files missing (and found ones
        back), index library files that have no row, skip and tidy temp files of a crash."""
        connection = self._connection()
        rows = connection.execute("SELECT id, path, missing FROM images").fetchall()
        now_missing: list[int] = []
        found_again: list[int] = []
        indexed_paths: set[str] = set()
        for row in rows:
            indexed_paths.add(row["path"])
            exists = self._absolute(row["path"]).exists()
            if not exists and not row["missing"]:
                now_missing.append(row["id"])
            elif exists and row["missing"]:
                found_again.append(row["id"])
        with self._transaction() as connection:
            for ids, flag in ((now_missing, 1), (found_again, 0)):
                connection.executemany(
                    "UPDATE images SET missing = ? WHERE id = ?", [(flag, i) for i in ids]
                )
        skipped, removed = self._tidy_temp_files()
        indexed, failed = self._index_unknown_files(indexed_paths)
        return ReconcileReport(
            checked=len(rows),
            marked_missing=len(now_missing),
            found_again=len(found_again),
            indexed=indexed,
            temp_files_skipped=skipped,
            temp_files_removed=removed,
            failed=tuple(failed),
        )

    def _tidy_temp_files(self) -> tuple[int, int]:
        skipped = removed = 0
        now = time.time()
        for directory, _, names in os.walk(self.images_dir):
            for name in names:
                if not _is_temp_name(name):
                    continue
                path = Path(directory) / name
                try:
                    if now - path.stat().st_mtime > _STALE_TEMP_S:
                        path.unlink()
                        removed += 1
                    else:
                        skipped += 1  # may belong to a writer that is still running
                except OSError:
                    continue
        return skipped, removed

    def _index_unknown_files(
        self, indexed_paths: set[str], favourites: set[str] | None = None
    ) -> tuple[int, list[tuple[Path, str]]]:
        indexed = 0
        failed: list[tuple[Path, str]] = []
        pending: list[dict[str, Any]] = []

        def flush() -> None:
            nonlocal indexed
            if pending:
                with self._transaction() as connection:
                    indexed += sum(1 for r in pending if self._insert(connection, r) is not None)
                pending.clear()

        for path in self._image_files(self.images_dir):
            if self._stored(path) in indexed_paths:
                continue
            try:
                row = self._row_for_file(path, path.read_bytes(), "generated")
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
                failed.append((path, _unreadable_reason(error)))
                continue
            if favourites and row["file_sha256"] in favourites:
                row["favourite"] = 1
            pending.append(row)
            if len(pending) >= _IMPORT_BATCH:
                flush()
        flush()
        return indexed, failed

    def rebuild(self) -> int:
        """Recreate the index of the library's own files from the files alone.

        Favourites survive (matched by file hash); references to files outside the library
        (imported without copying) are kept as they are. Returns the number of files indexed.
        """
        connection = self._connection()
        rows = connection.execute("SELECT id, path, file_sha256, favourite FROM images").fetchall()
        favourites = {row["file_sha256"] for row in rows if row["favourite"]}
        inside = [row["id"] for row in rows if not Path(row["path"]).is_absolute()]
        with self._transaction() as connection:
            connection.executemany("DELETE FROM images WHERE id = ?", [(i,) for i in inside])
            connection.execute("INSERT INTO images_fts(images_fts) VALUES ('rebuild')")
        external = {row["path"] for row in rows if Path(row["path"]).is_absolute()}
        indexed, _ = self._index_unknown_files(external, favourites)
        return indexed
