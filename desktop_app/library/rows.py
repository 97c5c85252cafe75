"""Rows of the images table: built from an image file's bytes or from a generated image, and
the one INSERT that puts any of them in.

Everything taken from a file is untrusted: text is cleaned and capped, numbers and hashes are
checked, so no value from a file can make an INSERT fail (`row_for_file`). Scans insert many rows
a statement (`insert_many`: one a statement cost 3x, the search index's pending terms being
written out at each). Also says why a file could not be indexed, in words a user understands
(`unreadable_reason`).
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import APP_ID
from desktop_app.api.types import GeneratedImage, GenerationResult
from desktop_app.library.database import ThreadConnection, is_corruption
from desktop_app.library.files import SkippedFile, database_path, path_from_database, sha256_hex
from desktop_app.library.inspection import (
    MAX_MODEL_BYTES,
    MAX_PROMPT_BYTES,
    UnreadableImage,
    check_image,
    clean_text,
)
from desktop_app.library.layout import Layout

if TYPE_CHECKING:
    from desktop_app.library.metadata import EmbeddedInfo

_SHA256_HEX = frozenset("0123456789abcdef")
ROWS_PER_INSERT = 250  # at most; fewer when SQLite allows fewer bound values a statement


def unreadable_reason(error: BaseException) -> str:
    """Why a file could not be indexed, in words a user understands (no Python internals)."""
    if isinstance(error, SkippedFile | UnreadableImage):
        return error.reason
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "file vanished while it was being read"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    if isinstance(error, MemoryError):
        return "not enough memory to read it"
    return f"could not be read ({type(error).__name__})"


def prepare_row(row: dict[str, Any]) -> dict[str, Any]:
    """`row` as the images table takes it: the path as stored (non-UTF-8 names as bytes), the
    defaults filled in, the columns in one order for every row of the same shape."""
    prepared: dict[str, Any] = {"favourite": 0, "missing": 0}
    prepared.update(row)
    prepared["path"] = database_path(path_from_database(row["path"]))
    prepared.setdefault("size", f"{row['width']}x{row['height']}")
    # Rows made without a reader (add_result: always ours) say who made them by their source,
    # as schema 3's migration did for old rows.
    prepared.setdefault("generator", APP_ID if row.get("source") == "generated" else "unknown")
    return prepared


def insert_row(connection: ThreadConnection, row: dict[str, Any]) -> int | None:
    """Insert one image row (INSERT OR IGNORE); its new id, or None when it was there already."""
    row = prepare_row(row)
    names = ", ".join(row)
    marks = ", ".join(f":{name}" for name in row)
    cursor = connection.execute(
        f"INSERT OR IGNORE INTO images ({names}) VALUES ({marks})",  # noqa: S608 - our keys
        row,
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


def insert_rows(connection: ThreadConnection, rows: list[dict[str, Any]]) -> int:
    """Insert prepared rows of the same columns in ONE statement (INSERT OR IGNORE, row by
    row); how many were added. One statement, not one a row: SQLite opens a savepoint on the
    search index for each statement whose trigger writes it, and FTS5 writes out its pending
    terms at each one (~130 us a row one by one, ~40 in statements of a few hundred; #18)."""
    columns = list(rows[0])
    names = ", ".join(columns)
    marks = "(" + ", ".join("?" * len(columns)) + ")"
    values = ", ".join([marks] * len(rows))
    cursor = connection.execute(
        f"INSERT OR IGNORE INTO images ({names}) VALUES {values}",  # noqa: S608 - our keys
        [row[name] for row in rows for name in columns],
    )
    return max(0, cursor.rowcount)


def insert_many(
    connection: ThreadConnection, rows: list[dict[str, Any]], failed: list[tuple[Path, str]],
    absolute: Callable[[str | bytes], Path],
) -> int:
    """Insert `rows` in the caller's transaction; how many were added. Rows of the same columns
    go in together (`insert_rows`, up to `ROWS_PER_INSERT` a statement); a statement SQLite
    refuses is retried a row at a time, each refused row reported in `failed` (its file named
    by `absolute`) and the rest kept. Damage to the index is raised."""
    prepared = [prepare_row(row) for row in rows]
    width = max((len(row) for row in prepared), default=1)
    limit = connection.raw().getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # 999 in old builds
    per_statement = max(1, min(ROWS_PER_INSERT, limit // width))
    added = start = 0
    while start < len(prepared):
        columns = list(prepared[start])
        end = start + 1
        while (end < len(prepared) and end - start < per_statement
               and list(prepared[end]) == columns):
            end += 1
        try:
            added += insert_rows(connection, prepared[start:end])
        except sqlite3.Error as error:
            if is_corruption(error):
                raise
            for row in rows[start:end]:
                try:
                    added += insert_row(connection, row) is not None
                except sqlite3.Error as row_error:
                    if is_corruption(row_error):
                        raise
                    failed.append((absolute(row["path"]), f"not indexed: {row_error}"))
        start = end
    return added


def row_for_file(layout: Layout, path: Path, data: bytes, source: str) -> dict[str, Any]:
    """The row for an image file's bytes; raises UnreadableImage when it is not a whole one.

    Everything taken from the file is untrusted: text is cleaned and capped, numbers and
    hashes are checked, so no value from a file can make the batch's INSERT fail.
    """
    checked = check_image(data)
    metadata = checked.metadata
    extra = metadata.extra
    ours = metadata.tool == APP_ID
    file_sha = sha256_hex(data)
    created = extra.get("created") if ours else None
    if not isinstance(created, int | float) or not math.isfinite(created):
        try:
            created = os.stat(path).st_mtime
        except OSError:
            created = time.time()
    latency = extra.get("latency_s") if ours else None
    if not isinstance(latency, int | float) or not math.isfinite(latency):
        latency = None
    n_index = extra.get("n_index") if ours else 0
    embedded_sha = str(extra.get("sha256") or "") if ours else ""
    if len(embedded_sha) != 64 or not set(embedded_sha) <= _SHA256_HEX:
        embedded_sha = file_sha
    prompt, cut = clean_text(metadata.prompt, MAX_PROMPT_BYTES)
    model, _ = clean_text(metadata.model, MAX_MODEL_BYTES)
    job_id = extra.get("job_id") if ours else None
    host = extra.get("endpoint_host") if ours else ""
    details: dict[str, Any] = {"tool": clean_text(metadata.tool, 64)[0]}
    if cut:
        details["prompt_cut"] = True  # the file holds more than the index keeps
    return {
        "path": layout.stored(path),
        "sha256": embedded_sha,
        "file_sha256": file_sha,
        "created": float(created),
        "prompt": prompt,
        "negative_prompt": clean_text(metadata.negative_prompt, MAX_PROMPT_BYTES)[0],
        "model": model,
        "generator": APP_ID if ours else (clean_text(metadata.generator, 64)[0] or "unknown"),
        "width": int(metadata.width),
        "height": int(metadata.height),
        "format": checked.format,
        "bytes": len(data),
        "job_id": clean_text(str(job_id), 256)[0] if job_id else None,
        "endpoint_host": clean_text(str(host or ""), 256)[0],
        "latency_s": float(latency) if latency is not None else None,
        "n_index": n_index if isinstance(n_index, int) and 0 <= n_index < 2**31 else 0,
        "source": "generated" if ours else "imported",
        "extra": json.dumps(details),
    }


def generated_row(
    stored_path: str,
    result: GenerationResult,
    image: GeneratedImage,
    info: EmbeddedInfo,
    data: bytes,
    file_sha: str,
    job_id: str | None,
) -> dict[str, Any]:
    """The row for one image of a generated result, saved as `data` (metadata embedded) whose
    sha256 is `file_sha`."""
    return {
        "path": stored_path,
        "sha256": info.sha256,
        "file_sha256": file_sha,
        "created": info.created,
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
