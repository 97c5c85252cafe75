"""Deleting images to the library's trash, undoing it, and emptying old trash.

Owns `.trash/<time>-<id>/`: a delete removes the rows first, then writes the batch folder's
`batch.json` saying what they were (whole or not at all), then moves the library's own files
there. A crash at any point leaves each file either where it was with no row, which reconcile()
indexes again, or in the batch folder, named in its batch.json: nothing is lost. Files the
library only references (imported without copying) are never moved: deleting from the library
never touches the user's own folders. Undo puts files, rows (their old ids) and board
memberships back.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.library.boards import Boards
from desktop_app.library.database import ConnectionPool, ThreadConnection
from desktop_app.library.files import path_from_database
from desktop_app.library.layout import Layout
from desktop_app.library.queries import ALL_COLUMNS
from desktop_app.library.records import DeletedBatch
from desktop_app.library.rows import insert_many

_CHUNK = 500  # rows a statement or a JSON piece


def delete(
    layout: Layout, pool: ConnectionPool, boards: Boards, ids: Sequence[int]
) -> DeletedBatch:
    """Remove rows, then move library files to `.trash/<batch>/` (see the module docstring)."""
    batch_id = f"{int(time.time())}-{os.urandom(4).hex()}"
    batch_dir = layout.trash_dir / batch_id
    ids = list(dict.fromkeys(ids))
    rows: list[dict[str, Any]] = []
    with pool.transaction() as connection:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found = connection.execute(
                f"SELECT {ALL_COLUMNS} FROM images WHERE id IN ({marks})",  # noqa: S608
                chunk,
            )
            rows.extend(dict(row) for row in found)
            connection.execute(f"DELETE FROM images WHERE id IN ({marks})", chunk)  # noqa: S608
        # Off its boards too (unless another row is the same image), inside the transaction:
        # if that fails the rows stay. `undo_delete` puts the memberships back.
        gone = [row["sha256"] for row in rows if not connection.execute(
            "SELECT 1 FROM images WHERE sha256 = ? LIMIT 1", (row["sha256"],)).fetchone()]
        memberships = tuple(boards.take_memberships(gone))
    movable = [row for row in rows if _is_movable(layout, layout.absolute(row["path"]))]
    if movable:
        # Described before anything moves: a crash among the moves leaves every file either
        # where it was (no row: reconcile() indexes it again) or here, named in batch.json.
        batch_dir.mkdir(parents=True, exist_ok=True)
        _write_batch_document(batch_dir / "batch.json", rows)
    moves: list[tuple[Path, Path]] = []
    for row in movable:
        source = layout.absolute(row["path"])
        target = batch_dir / f"{row['id']}-{source.name}"
        try:
            os.replace(source, target)
        except OSError:
            continue
        moves.append((source, target))
    return DeletedBatch(batch_id, batch_dir, tuple(rows), tuple(moves), memberships)


def _is_movable(layout: Layout, path: Path) -> bool:
    """A file of the library's own (a referenced one is the user's: never moved)."""
    return layout.is_inside(path) and path.exists()


def _write_batch_document(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """Lets purge_trash (or a person) see what a batch was without the database. ASCII JSON: a
    non-UTF-8 name (stored as bytes) is kept as surrogate escapes. Encoded `_CHUNK` rows at a
    time (one `json.dumps` of 100,000 rows holds the GIL for a second, and the window with it)
    into a temporary file that replaces the document once synced: it is whole or absent."""
    partial = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        with partial.open("w", encoding="ascii") as document:
            document.write("[")
            for start in range(0, len(rows), _CHUNK):
                if start:
                    document.write(",")
                document.write(json.dumps(list(rows[start : start + _CHUNK]),
                                          default=path_from_database)[1:-1])
            document.write("]")
            document.flush()
            os.fsync(document.fileno())
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def undo_delete(
    layout: Layout, pool: ConnectionPool, boards: Boards, batch: DeletedBatch
) -> list[int]:
    """Put the files back and restore the rows with their old ids, favourites and boards;
    returns the ids restored. A file whose place another file took meanwhile stays in the trash,
    still described by batch.json, and its row is not restored (it would name the other file)."""
    kept: set[Path] = set()
    for original, in_trash in batch.moves:
        if not in_trash.exists():
            continue
        if original.exists():
            kept.add(original)
            continue
        original.parent.mkdir(parents=True, exist_ok=True)
        os.replace(in_trash, original)
    returning = [row for row in batch.rows if layout.absolute(row["path"]) not in kept]
    rows = [{**row, "missing": 0 if layout.absolute(row["path"]).exists() else 1}
            for row in returning]
    wanted = [int(row["id"]) for row in rows]
    with pool.transaction() as connection:
        # Several rows a statement (`insert_many`): one at a time, the search index's trigger
        # made undoing 100,000 deletes take minutes. A row another took the place of (its path
        # indexed again meanwhile) is ignored: the ids that came back are the ones restored.
        before = _present(connection, wanted)
        insert_many(connection, rows, [], layout.absolute)
        back = _present(connection, wanted) - before
    restored = [entry_id for entry_id in wanted if entry_id in back]
    boards.restore(batch.boards)
    document = batch.trash_dir / "batch.json"
    if kept:
        _write_batch_document(document, [row for row in batch.rows
                                         if layout.absolute(row["path"]) in kept])
    else:
        with contextlib.suppress(OSError):
            document.unlink()
            batch.trash_dir.rmdir()
    return restored


def _present(connection: ThreadConnection, ids: list[int]) -> set[int]:
    """Those of `ids` that have a row."""
    present: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        present.update(found for (found,) in connection.execute(
            f"SELECT id FROM images WHERE id IN ({marks})", chunk))  # noqa: S608
    return present


def purge_trash(trash_dir: Path, older_than_s: float) -> int:
    """Delete trash batches older than `older_than_s`; returns the number of files removed."""
    if not trash_dir.exists():
        return 0
    now = time.time()
    removed = 0
    for batch_dir in trash_dir.iterdir():
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
