"""Recovering from a damaged library index: set it aside, start a fresh one, index the files again.

Owns what happens when any statement (or `Library.open`) meets an unreadable index: the damaged
file is set aside (`library.database.set_aside_index`; the newest few copies stay for a bug
report), a fresh index is created and given what only the old one had (`library.salvage`: usage
history, references to files outside the library, the id high-water mark, so ids are never
reused), favourites found there go to user_state.sqlite3, and the library's files are indexed
into the fresh index once, on the thread that met the damage, when no transaction is open there.
After `Library.open` the caller's `reconcile()` does that instead. The index is only a cache of
the files: nothing the user made is lost with it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.library.database import ConnectionPool, prune_set_aside, set_aside_index
from desktop_app.library.files import path_from_database
from desktop_app.library.indexer import Indexer
from desktop_app.library.salvage import salvage
from desktop_app.library.user_state import UserState

log = logging.getLogger(__name__)


class IndexRecovery:
    """The recovery of the index behind `pool`. `connect()` opens a new connection to the index
    file, `prepare(connection)` creates or migrates its schema; `indexer` indexes the files."""

    def __init__(
        self,
        pool: ConnectionPool,
        connect: Callable[[], sqlite3.Connection],
        prepare: Callable[[sqlite3.Connection], None],
        user_state: UserState,
        indexer: Indexer,
    ) -> None:
        self._pool = pool
        self._connect = connect
        self._prepare = prepare
        self._user_state = user_state
        self._indexer = indexer
        # Where the unreadable index was set aside (by open(), or later by any statement).
        self.recovered_from: Path | None = None
        self._needs_reindex = False
        self._reindexing = threading.Lock()
        self._salvaged_external: list[str | bytes] = []

    @property
    def has_salvaged_references(self) -> bool:
        return bool(self._salvaged_external)

    def replace_damaged_index(self, error: sqlite3.DatabaseError) -> None:
        """Set the damaged index aside, create a fresh one and copy in what can still be read
        (usage history, outside references, the id high-water mark). Runs under the write lock."""
        damaged = set_aside_index(self._pool.path)
        self.recovered_from = damaged
        log.warning("The library index was unreadable (%s); set aside as %s", error, damaged)
        connection = self._connect()
        try:
            self._prepare(connection)
            found = salvage(damaged, connection)
            # Ids are never reused: the window may still hold ids of the damaged index.
            floor = found.max_image_id if found.max_image_id is not None else int(time.time())
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM sqlite_sequence WHERE name = 'images'")
            connection.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('images', ?)",
                               (floor,))
            connection.execute("COMMIT")
        finally:
            connection.close()
        # Recovered: the older set-aside copies go (the newest few stay for a bug report).
        for deleted in prune_set_aside(self._pool.path):
            log.info("Deleted an old set-aside index copy %s", deleted)
        self._salvaged_external = found.external_paths
        if found.favourite_hashes:
            with contextlib.suppress(OSError, sqlite3.Error):
                favourites = self._user_state.favourites()
                self._user_state.set_favourite(found.favourite_hashes - favourites, True)
        # Damage met mid-session is re-indexed by the library itself (the caller only wanted
        # its statement run); after open() the caller's reconcile() does it.
        self._needs_reindex = self._pool.recovery_enabled

    def reindex_after_recovery(self) -> None:
        """After damage met mid-session: index the files into the fresh index (once)."""
        if not self._needs_reindex or not self._reindexing.acquire(blocking=False):
            return
        try:
            if not self._needs_reindex or self._pool.connection().in_transaction:
                return
            self._needs_reindex = False
            self.index_salvaged_references()
            _, known = self._indexer.inside_paths()
            self._indexer.index_unknown_files(known, self._user_state.favourites())
        finally:
            self._reindexing.release()

    def index_salvaged_references(self) -> int:
        """Re-index the outside files the damaged index referred to, where they still are."""
        paths, self._salvaged_external = self._salvaged_external, []
        return self._indexer.index_references([Path(path_from_database(p)) for p in paths])
