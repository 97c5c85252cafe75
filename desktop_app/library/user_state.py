"""What the user made that the image files cannot say: favourites, boards and star ratings.

The index (`library.sqlite3`) is a cache that can always be rebuilt from the files, so state the
user created must not live only there: this small SQLite file (`user_state.sqlite3` beside the
index) keeps it, keyed by an image's `sha256` (of the bytes as received). That hash is embedded
in every file the app saves and equals the file hash of an imported one, so it is the same after
any re-index, while row ids are not. Every favourite change is written here first; a rebuild or a
re-index after a damaged index reads it back. Boards and star ratings (`library.boards`) are
tables of this file too. Each call opens and closes its own connection (changes are rare), so
no descriptor outlives a call. No Qt, no image files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

FILE_NAME = "user_state.sqlite3"
_MIGRATIONS = (
    "CREATE TABLE favourites (sha256 TEXT PRIMARY KEY, changed REAL NOT NULL)",
    # Boards and ratings (`library.boards`): one statement per step, as the loop runs them.
    "CREATE TABLE boards (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL UNIQUE COLLATE NOCASE, created REAL NOT NULL)",
    "CREATE TABLE board_items (board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,"
    " sha256 TEXT NOT NULL, added REAL NOT NULL, PRIMARY KEY (board_id, sha256)) WITHOUT ROWID",
    "CREATE INDEX board_items_sha256 ON board_items(sha256)",
    "CREATE TABLE ratings (sha256 TEXT PRIMARY KEY,"
    " stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5), changed REAL NOT NULL)",
)

log = logging.getLogger(__name__)


class UserState:
    """Favourites (boards and ratings: `library.boards`) of one library, keyed by image hash."""

    def __init__(self, root: Path) -> None:
        self.path = root / FILE_NAME

    def exists(self) -> bool:
        return self.path.exists()

    def create(self) -> None:
        """Create the file (with its tables) if it is not there yet."""
        with self._open():
            pass

    @contextlib.contextmanager
    def _open(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA busy_timeout = 30000")
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if version < len(_MIGRATIONS):
                connection.execute("BEGIN IMMEDIATE")
                (version,) = connection.execute("PRAGMA user_version").fetchone()
                for target in range(version + 1, len(_MIGRATIONS) + 1):
                    connection.execute(_MIGRATIONS[target - 1])
                    connection.execute(f"PRAGMA user_version = {target}")
                connection.execute("COMMIT")
            yield connection
        finally:
            connection.close()

    def _set_aside_if_damaged(self, error: sqlite3.DatabaseError) -> bool:
        text = str(error).lower()
        if "malformed" not in text and "not a database" not in text:
            return False
        stamp = time.strftime("%Y%m%d-%H%M%S")
        with contextlib.suppress(OSError):
            os.replace(self.path, self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}"))
        log.warning("The library's user state was unreadable; set aside, starting again")
        return True

    def favourites(self) -> set[str]:
        """Hashes of every favourite image; empty (and logged) when the file is unreadable."""
        if not self.path.exists():
            return set()
        try:
            with self._open() as connection:
                return {row[0] for row in connection.execute("SELECT sha256 FROM favourites")}
        except sqlite3.DatabaseError as error:
            log.warning("Could not read favourites from %s: %s", self.path, error)
            return set()

    def set_favourite(self, hashes: Iterable[str], favourite: bool) -> None:
        """Record a favourite change (raises on a full or read-only disk, like any save)."""
        rows = [(sha,) for sha in dict.fromkeys(hashes) if sha]
        if not rows:
            return
        for attempt in (1, 2):
            try:
                with self._open() as connection:
                    connection.execute("BEGIN IMMEDIATE")
                    if favourite:
                        now = time.time()
                        connection.executemany(
                            "INSERT OR REPLACE INTO favourites (sha256, changed) VALUES (?, ?)",
                            [(sha, now) for (sha,) in rows],
                        )
                    else:
                        connection.executemany("DELETE FROM favourites WHERE sha256 = ?", rows)
                    connection.execute("COMMIT")
                return
            except sqlite3.DatabaseError as error:
                if attempt == 2 or not self._set_aside_if_damaged(error):
                    raise
