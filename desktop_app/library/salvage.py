"""Reading what is still readable from an index that was set aside as damaged.

The image rows can be rebuilt from the files, but three things cannot: the usage history (the
`requests` table), references to files imported without copying (they live outside the library
folder), and the highest image id (a fresh index must not hand out ids the window still holds for
other images). This module copies what it can from the damaged file into the fresh one, range by
range and, where a range fails, row by row; whatever sits on a garbled page is lost, the rest is
kept. It never writes to the damaged file. No Qt.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_RANGE = 500
_MAX_IDS = 2_000_000  # the id span looked at is bounded, whatever the damaged file claims
_MAX_FAILED_ROWS = 5_000  # a garbled root page fails every row: give up on that table then


@dataclass
class Salvaged:
    requests: int = 0
    max_image_id: int | None = None
    external_paths: list[str | bytes] = field(default_factory=list)
    favourite_hashes: set[str] = field(default_factory=set)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection | None]:
    try:
        uri = "file:" + urllib.parse.quote(str(path)) + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error:
        yield None
        return
    try:
        yield connection
    finally:
        connection.close()


def _one(connection: sqlite3.Connection, sql: str) -> Any:
    try:
        row = connection.execute(sql).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _readable_rows(
    connection: sqlite3.Connection, table: str, columns: str
) -> Iterator[tuple[Any, ...]]:
    high = _one(connection, f"SELECT max(id) FROM {table}")  # noqa: S608 - our names
    if not isinstance(high, int):
        high = _one(connection, f"SELECT seq FROM sqlite_sequence WHERE name = '{table}'")  # noqa: S608
    if not isinstance(high, int):
        return
    sql = f"SELECT {columns} FROM {table} WHERE id BETWEEN ? AND ?"  # noqa: S608
    failures = 0
    for start in range(max(0, high - _MAX_IDS), high + 1, _RANGE):
        try:
            yield from connection.execute(sql, (start, start + _RANGE - 1)).fetchall()
            continue
        except sqlite3.Error:
            pass
        for row_id in range(start, start + _RANGE):
            try:
                yield from connection.execute(sql, (row_id, row_id)).fetchall()
            except sqlite3.Error:
                failures += 1
                if failures >= _MAX_FAILED_ROWS:
                    return


def _columns(source: sqlite3.Connection, target: Any, table: str) -> list[str]:
    try:
        theirs = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
    except sqlite3.Error:
        return []
    ours = {row[1] for row in target.execute(f"PRAGMA table_info({table})")}
    return [name for name in theirs if name in ours]


def salvage(damaged: Path, target: Any) -> Salvaged:
    """Copy readable usage rows from `damaged` into `target` (a connection to the fresh index,
    outside a transaction) and return what else was readable."""
    found = Salvaged()
    with _read_only(damaged) as source:
        if source is None:
            return found
        columns = _columns(source, target, "requests")
        if columns:
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            insert = f"INSERT OR IGNORE INTO requests ({names}) VALUES ({marks})"  # noqa: S608
            rows = list(_readable_rows(source, "requests", names))
            target.execute("BEGIN IMMEDIATE")
            target.executemany(insert, rows)
            target.execute("COMMIT")
            found.requests = len(rows)
        high = _one(source, "SELECT seq FROM sqlite_sequence WHERE name = 'images'")
        if not isinstance(high, int):
            high = _one(source, "SELECT max(id) FROM images")
        found.max_image_id = high if isinstance(high, int) else None
        for path, sha, favourite in _readable_rows(source, "images", "path, sha256, favourite"):
            text = path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path
            if isinstance(text, str) and Path(text).is_absolute():
                found.external_paths.append(path)
            if favourite and isinstance(sha, str):
                found.favourite_hashes.add(sha)
    log.warning(
        "Recovered %d usage rows and %d outside references from the damaged index %s",
        found.requests,
        len(found.external_paths),
        damaged,
    )
    return found
