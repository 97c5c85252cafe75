"""Boards and star ratings: how the user sorts images, kept as user state by image hash.

A board is a named, many-to-many collection; a rating is 1-5 stars on one image. Both live in
`user_state.sqlite3` (tables created by `library.user_state`'s migrations), keyed by an image's
`sha256`, like favourites: they survive `library rebuild`, a set-aside damaged index and an
import of the same files, because none of those changes an image's hash. This module speaks
hashes only; `library.store.Library` maps row ids to hashes and filters queries by them. Board
names are user text: stripped, never empty, no control characters, unique ignoring case. No Qt.
"""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.library.user_state import UserState

MAX_NAME_LENGTH = 80
MAX_STARS = 5
UNCATEGORISED = "Uncategorised"  # the view of images on no board (not a board itself)


class BoardError(ValueError):
    """A board operation the user can fix (bad or duplicate name); the message says how."""


class UnknownBoard(BoardError):
    def __init__(self, board: int | str) -> None:
        self.board = board
        super().__init__(f"There is no board named {board!r}." if isinstance(board, str)
                         else f"There is no board with id {board}.")


@dataclass(frozen=True)
class Board:
    id: int
    name: str
    count: int = 0  # images of the index on it (filled in by Library.board_list)


def clean_board_name(name: str) -> str:
    """The name as stored, or BoardError: trimmed, 1-80 characters, no control characters."""
    name = " ".join(name.split())
    if not name:
        raise BoardError("A board name cannot be empty.")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in name):
        raise BoardError("A board name cannot contain control characters.")
    if len(name) > MAX_NAME_LENGTH:
        raise BoardError(f"A board name can be at most {MAX_NAME_LENGTH} characters.")
    return name


class Boards:
    """Board and rating rows in one library's user state (each call opens its own connection)."""

    def __init__(self, state: UserState) -> None:
        self._state = state

    # --- boards ----------------------------------------------------------------------------

    def all(self) -> list[Board]:
        """Every board, by name (case-insensitive); counts are 0 here."""
        if not self._state.exists():
            return []
        with self._state._open() as connection:
            rows = connection.execute("SELECT id, name FROM boards ORDER BY name COLLATE NOCASE")
            return [Board(int(row[0]), str(row[1])) for row in rows]

    def find(self, board: int | str) -> Board:
        """The board with this id, or (for text) this name ignoring case; UnknownBoard if none."""
        if self._state.exists():
            with self._state._open() as connection:
                if isinstance(board, int):
                    row = connection.execute("SELECT id, name FROM boards WHERE id = ?", (board,))
                else:
                    row = connection.execute("SELECT id, name FROM boards WHERE name = ?",
                                             (" ".join(board.split()),))
                found = row.fetchone()
                if found is not None:
                    return Board(int(found[0]), str(found[1]))
        raise UnknownBoard(board)

    def create(self, name: str) -> Board:
        name = clean_board_name(name)
        with self._state._open() as connection:
            try:
                cursor = connection.execute(
                    "INSERT INTO boards (name, created) VALUES (?, ?)", (name, time.time())
                )
            except sqlite3.IntegrityError:
                raise BoardError(f"A board named {name!r} already exists.") from None
            return Board(int(cursor.lastrowid or 0), name)

    def rename(self, board: int | str, new_name: str) -> Board:
        found = self.find(board)
        new_name = clean_board_name(new_name)
        with self._state._open() as connection:
            try:
                connection.execute("UPDATE boards SET name = ? WHERE id = ?", (new_name, found.id))
            except sqlite3.IntegrityError:
                raise BoardError(f"A board named {new_name!r} already exists.") from None
        return Board(found.id, new_name)

    def delete(self, board: int | str) -> Board:
        """Delete the board; its images stay in the library."""
        found = self.find(board)
        with self._state._open() as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM board_items WHERE board_id = ?", (found.id,))
            connection.execute("DELETE FROM boards WHERE id = ?", (found.id,))
            connection.execute("COMMIT")
        return found

    def add(self, board_id: int, hashes: Iterable[str]) -> int:
        """Put images on a board; returns how many were not on it yet."""
        rows = [(board_id, sha, time.time()) for sha in dict.fromkeys(hashes) if sha]
        if not rows:
            return 0
        with self._state._open() as connection:
            connection.execute("BEGIN IMMEDIATE")
            before = connection.total_changes
            connection.executemany(
                "INSERT OR IGNORE INTO board_items (board_id, sha256, added) "
                "SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?1)",
                rows,
            )
            added = connection.total_changes - before
            connection.execute("COMMIT")
        return added

    def remove(self, board_id: int, hashes: Iterable[str]) -> int:
        rows = [(board_id, sha) for sha in dict.fromkeys(hashes) if sha]
        if not rows or not self._state.exists():
            return 0
        with self._state._open() as connection:
            connection.execute("BEGIN IMMEDIATE")
            before = connection.total_changes
            connection.executemany(
                "DELETE FROM board_items WHERE board_id = ? AND sha256 = ?", rows
            )
            removed = connection.total_changes - before
            connection.execute("COMMIT")
        return removed

    def hashes(self, board_id: int) -> list[str]:
        """Hashes of the images on one board."""
        if not self._state.exists():
            return []
        with self._state._open() as connection:
            rows = connection.execute("SELECT sha256 FROM board_items WHERE board_id = ?",
                                      (board_id,))
            return [row[0] for row in rows]

    def hashes_on_any_board(self) -> list[str]:
        if not self._state.exists():
            return []
        with self._state._open() as connection:
            return [row[0] for row in connection.execute(
                "SELECT DISTINCT sha256 FROM board_items")]

    def memberships(self, hashes: Sequence[str]) -> list[tuple[int, str]]:
        """(board id, hash) for each board each of these images is on."""
        if not hashes or not self._state.exists():
            return []
        found: list[tuple[int, str]] = []
        with self._state._open() as connection:
            for start in range(0, len(hashes), 500):
                chunk = list(hashes[start : start + 500])
                marks = ",".join("?" * len(chunk))
                found.extend((int(row[0]), str(row[1])) for row in connection.execute(
                    f"SELECT board_id, sha256 FROM board_items WHERE sha256 IN ({marks})",  # noqa: S608
                    chunk,
                ))
        return found

    def take_memberships(self, hashes: Sequence[str]) -> list[tuple[int, str]]:
        """Remove these images from every board; returns what `restore` needs to undo it."""
        taken = self.memberships(hashes)
        if taken:
            with self._state._open() as connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(
                    "DELETE FROM board_items WHERE board_id = ? AND sha256 = ?", taken
                )
                connection.execute("COMMIT")
        return taken

    def restore(self, memberships: Iterable[tuple[int, str]]) -> None:
        """Put memberships back (boards deleted meanwhile are skipped)."""
        for board_id, sha in memberships:
            self.add(board_id, [sha])

    # --- ratings ---------------------------------------------------------------------------

    def set_rating(self, hashes: Iterable[str], stars: int) -> None:
        """Rate images 1-5 stars; 0 clears the rating."""
        if not 0 <= stars <= MAX_STARS:
            raise BoardError(f"A rating is 0 to {MAX_STARS} stars.")
        rows = [sha for sha in dict.fromkeys(hashes) if sha]
        if not rows:
            return
        with self._state._open() as connection:
            connection.execute("BEGIN IMMEDIATE")
            if stars:
                now = time.time()
                connection.executemany(
                    "INSERT OR REPLACE INTO ratings (sha256, stars, changed) VALUES (?, ?, ?)",
                    [(sha, stars, now) for sha in rows],
                )
            else:
                connection.executemany("DELETE FROM ratings WHERE sha256 = ?",
                                       [(sha,) for sha in rows])
            connection.execute("COMMIT")

    def ratings(self, hashes: Sequence[str]) -> dict[str, int]:
        """Stars by hash, for the rated ones among `hashes`."""
        if not hashes or not self._state.exists():
            return {}
        found: dict[str, int] = {}
        with self._state._open() as connection:
            for start in range(0, len(hashes), 500):
                chunk = list(hashes[start : start + 500])
                marks = ",".join("?" * len(chunk))
                found.update((str(row[0]), int(row[1])) for row in connection.execute(
                    f"SELECT sha256, stars FROM ratings WHERE sha256 IN ({marks})",  # noqa: S608
                    chunk,
                ))
        return found

    def hashes_rated_at_least(self, stars: int) -> list[str]:
        if not self._state.exists():
            return []
        with self._state._open() as connection:
            return [row[0] for row in connection.execute(
                "SELECT sha256 FROM ratings WHERE stars >= ?", (stars,))]
