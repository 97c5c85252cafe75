"""Connections to the library index: one per thread, closed with its thread, damage caught anywhere.

Owns the SQLite plumbing under `Library`: each thread gets its own connection (SQLite objects
must not be shared across threads mid-statement), held in a thread-local `ThreadConnection`
whose finalizer closes it when the thread ends, so short-lived workers cannot pile up
descriptors. Every statement runs through `ThreadConnection.execute`, which reads its rows to the
end before returning: a damaged page ("database disk image is malformed", "file is not a
database") can surface on any step of any statement, and this is the one place that notices it.
It then asks the owner to set the index aside and start a fresh one (`ConnectionPool.recover`),
and runs the statement again there; inside a transaction the statements so far are replayed
first. Also owns how a connection is opened (`connect`: WAL settings, or read-only on read-only
media), the one way to write (`ConnectionPool.transaction`) and how a damaged file is set aside
(`set_aside_index`, `prune_set_aside`). Knows no table but the ones the statements name; never
decides what a row means.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

_CORRUPTION_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB (primary codes)


def is_corruption(error: BaseException) -> bool:
    """Whether `error` says the database file itself is damaged (not busy, not full)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _CORRUPTION_CODES:
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


# How many set-aside copies of a damaged index (each with its -wal/-shm) are kept.
KEEP_SET_ASIDE = 3
_SET_ASIDE_NAME = re.compile(r"\.corrupt-(\d{8}-\d{6})(?:-(\d+))?")


def _set_aside_copies(database: Path) -> list[tuple[tuple[str, int], Path]]:
    """The set-aside copies of `database` (main files only), oldest first."""
    prefix = database.name
    sets: list[tuple[tuple[str, int], Path]] = []
    for path in database.parent.glob(f"{prefix}.corrupt-*"):
        found = _SET_ASIDE_NAME.fullmatch(path.name[len(prefix):])
        if found is not None:
            sets.append(((found[1], int(found[2] or 1)), path))
    return sorted(sets)


def set_aside_name(database: Path, stamp: str) -> Path:
    """A new `<name>.corrupt-<stamp>[-n]` that sorts after every copy kept with that stamp
    (a pruned name is never reused, or the newest copy would sort as the oldest)."""
    attempts = [key[1] for key, _path in _set_aside_copies(database) if key[0] == stamp]
    attempt = max(attempts, default=0) + 1
    while True:
        name = f"{database.name}.corrupt-{stamp}" + (f"-{attempt}" if attempt > 1 else "")
        candidate = database.with_name(name)
        if not any(candidate.with_name(name + s).exists() for s in ("", "-wal", "-shm")):
            return candidate
        attempt += 1


def prune_set_aside(database: Path, keep: int = KEEP_SET_ASIDE) -> list[Path]:
    """Delete all but the newest `keep` set-aside copies of `database` (`<name>.corrupt-<time>`
    with its `-wal`/`-shm`); returns the files deleted. Names of another shape are left alone.
    Each damage keeps a copy the size of the index: without this they piled up without limit."""
    sets = _set_aside_copies(database)[::-1]
    deleted: list[Path] = []
    for _key, path in sets[keep:]:
        for suffix in ("-wal", "-shm", ""):  # the main file last: a rerun still finds the set
            side = path.with_name(path.name + suffix)
            try:
                side.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                break  # kept for now; the next recovery tries again
            deleted.append(side)
    return deleted


def connect(database: Path, read_only: bool = False) -> sqlite3.Connection:
    """A new connection to the index file `database` (autocommit: transactions are explicit).

    `read_only`: the file is on read-only media and opened immutable, without WAL side files."""
    if read_only:
        uri = f"{database.as_uri()}?mode=ro&immutable=1"
        connection = sqlite3.connect(
            uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False
        )
        connection.row_factory = sqlite3.Row
        return connection
    connection = sqlite3.connect(
        database, timeout=30, isolation_level=None, check_same_thread=False
    )
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA busy_timeout = 30000")
    # NORMAL is durable against application crashes in WAL mode; on power loss the last
    # transaction may roll back, and reconcile() re-indexes its (fsynced) files.
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def on_read_only_file_system(database: Path) -> bool:
    """Whether the index `database` exists on a file system mounted read-only."""
    try:
        if not database.is_file():
            return False
        return bool(os.statvfs(database.parent).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs (Windows): open normally
        return False


def set_aside_index(database: Path) -> Path:
    """Rename a damaged index (with its -wal/-shm) to `<name>.corrupt-<time>`; returns the new
    path of the main file."""
    base = set_aside_name(database, time.strftime("%Y%m%d-%H%M%S")).name
    # "-wal"/"-shm" keep their suffix after the new name, so SQLite still finds the WAL of
    # the set-aside copy when salvage reads it.
    for suffix in ("", "-wal", "-shm"):
        old = database.with_name(database.name + suffix)
        if old.exists():
            os.replace(old, database.with_name(base + suffix))
    return database.with_name(base)


class Rows:
    """The outcome of one statement, fully read: rows, `lastrowid`, `rowcount`."""

    __slots__ = ("_next", "_rows", "description", "lastrowid", "rowcount")

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self.description = cursor.description
        self._rows: list[Any] = cursor.fetchall() if cursor.description is not None else []
        self._next = 0
        self.lastrowid = cursor.lastrowid
        self.rowcount = cursor.rowcount

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


def _close_box(box: list[sqlite3.Connection | None]) -> None:
    connection, box[0] = box[0], None
    if connection is not None:
        with contextlib.suppress(sqlite3.Error):
            connection.close()


class ThreadConnection:
    """One thread's connection to the index, reopened after the index was replaced."""

    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool
        self._box: list[sqlite3.Connection | None] = [None]
        self._generation = -1
        self._inode: int | None = None
        self.in_transaction = False
        self._log: list[tuple[bool, str, Any]] = []
        # Closes the connection when this object dies: when its thread ends (thread-locals are
        # dropped then) or when the library is garbage collected.
        weakref.finalize(self, _close_box, self._box)

    def raw(self) -> sqlite3.Connection:
        pool = self._pool
        if pool.closed:
            raise sqlite3.ProgrammingError("The library is closed.")
        if self._box[0] is None or self._generation != pool.generation:
            _close_box(self._box)
            self._generation = pool.generation
            self._box[0] = pool.connect()
            with contextlib.suppress(OSError):
                self._inode = os.stat(pool.path).st_ino
        connection = self._box[0]
        assert connection is not None
        return connection

    def close(self) -> None:
        _close_box(self._box)

    def _file_was_replaced(self) -> bool:
        try:
            inode: int | None = os.stat(self._pool.path).st_ino
        except OSError:
            inode = None
        return inode != self._inode

    def follow_replaced_file(self) -> None:
        """Reconnect if another process set the index aside and made a new one meanwhile."""
        if self._box[0] is not None and not self.in_transaction and self._file_was_replaced():
            _close_box(self._box)

    @staticmethod
    def _step(connection: sqlite3.Connection, many: bool, sql: str, params: Any) -> Rows:
        if many:
            return Rows(connection.executemany(sql, params))
        return Rows(connection.execute(sql, params))

    def _run(self, many: bool, sql: str, params: Any) -> Rows:
        # One stat per statement: a reader in another process must not go on reading a file
        # that was set aside (its index pages may still look fine while its table is lost).
        self.follow_replaced_file()
        connection = self.raw()
        generation = self._generation
        try:
            result = self._step(connection, many, sql, params)
        except sqlite3.DatabaseError as error:
            if not is_corruption(error):
                raise
            if self._file_was_replaced():
                # Another process already set the damaged file aside: this connection still
                # reads the old one. Reconnect to the new index; never set that one aside.
                _close_box(self._box)
            elif not self._pool.recover(error, generation):
                raise
            connection = self.raw()  # the fresh index
            if self.in_transaction:
                connection.execute("BEGIN IMMEDIATE")
                for was_many, old_sql, old_params in self._log:
                    self._step(connection, was_many, old_sql, old_params)
            elif self._pool.after_recovery is not None:
                self._pool.after_recovery()
                # The re-index runs statements on this thread's connection: if it met damage
                # again, the connection fetched above was closed and replaced.
                connection = self.raw()
            result = self._step(connection, many, sql, params)
        if self.in_transaction:
            self._log.append((many, sql, params))
        return result

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Rows:
        return self._run(False, sql, params)

    def executemany(self, sql: str, rows: Iterable[Any]) -> Rows:
        return self._run(True, sql, list(rows))

    def begin(self) -> None:
        self.execute("BEGIN IMMEDIATE")
        self.in_transaction = True
        self._log = []

    def commit(self) -> None:
        try:
            self._run(False, "COMMIT", ())
        finally:
            self.in_transaction = False
            self._log = []

    def rollback(self) -> None:
        self.in_transaction = False
        self._log = []
        with contextlib.suppress(sqlite3.Error):
            self.raw().execute("ROLLBACK")


class ConnectionPool:
    """Every thread's connection to one index file, and the switch to a fresh file after damage.

    `on_damaged(error)` sets the damaged file aside and creates the fresh one; it runs under
    `write_lock`, once per damage however many threads notice it. `after_recovery()` (optional)
    runs on the noticing thread once no transaction is open there, e.g. to re-index; it is also
    offered the turn after every `transaction()` and must return at once when it has nothing to do.
    """

    def __init__(
        self,
        path: Path,
        connect: Callable[[], sqlite3.Connection],
        on_damaged: Callable[[sqlite3.DatabaseError], None],
        write_lock: threading.RLock,
    ) -> None:
        self.path = path
        self.connect = connect
        self._on_damaged = on_damaged
        self._write_lock = write_lock
        self.after_recovery: Callable[[], None] | None = None
        self.generation = 0
        self.commits = 0  # transactions committed through this pool (for a change stamp)
        self.closed = False
        self.recovery_enabled = False
        self._local = threading.local()
        self._all: weakref.WeakSet[ThreadConnection] = weakref.WeakSet()
        self._lock = threading.Lock()
        # data_version(): a connection of its own that never writes, so every commit (this
        # process's other connections included) shows in its PRAGMA data_version.
        self._version_connection: ThreadConnection | None = None
        self._version_lock = threading.Lock()

    def connection(self) -> ThreadConnection:
        connection: ThreadConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            with self._lock:
                if self.closed:
                    raise sqlite3.ProgrammingError("The library is closed.")
                connection = ThreadConnection(self)
                self._all.add(connection)
            self._local.connection = connection
        return connection

    @contextlib.contextmanager
    def transaction(self) -> Iterator[ThreadConnection]:
        """One write transaction on this thread's connection: BEGIN IMMEDIATE ... COMMIT under
        the write lock, rolled back on error; damage met inside it is recovered (and the
        statements so far replayed) like any other."""
        connection = self.connection()
        try:
            with self._write_lock:
                connection.begin()
                try:
                    yield connection
                except BaseException:
                    connection.rollback()
                    raise
                connection.commit()
                self.commits += 1
        finally:
            if self.after_recovery is not None and not connection.in_transaction:
                self.after_recovery()

    def recover(self, error: sqlite3.DatabaseError, generation: int) -> bool:
        """Replace the damaged index (once); False when recovery is off (the caller raises)."""
        if not self.recovery_enabled:
            return False
        with self._write_lock:
            if generation == self.generation:
                self._on_damaged(error)
                self.generation += 1
        return True

    def data_version(self) -> tuple[int, int, int]:
        """A value that changes whenever the index changed, in this process or any other.

        Cheap (no table is read) and meant to be polled from a worker thread: SQLite's
        `PRAGMA data_version` on a connection that never writes, this pool's own commit count
        and the index file's generation (a damaged index replaced counts as a change). Compare
        two values for equality; their order means nothing.
        """
        with self._version_lock:
            connection = self._version_connection
            if connection is None:
                if self.closed:
                    raise sqlite3.ProgrammingError("The library is closed.")
                connection = self._version_connection = ThreadConnection(self)
            version = int(connection.execute("PRAGMA data_version").fetchone()[0])
        return version, self.commits, self.generation

    def close(self) -> None:
        with self._lock:
            self.closed = True
            connections = list(self._all)
        for connection in connections:
            connection.close()
        with self._version_lock:
            if self._version_connection is not None:
                self._version_connection.close()
