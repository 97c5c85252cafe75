"""Reading the library index: the filters of a `LibraryQuery` as SQL, ids in display order,
counts, rows as `LibraryEntry`, distinct values for the filter pickers.

Every query the window and the CLI run over the images table is built here (one place to tune
for large libraries). User search text is handed to `library.search`, which escapes it; only
placeholders and our own column names are joined into SQL, values are always bound. Board and
rating filters live in user_state.sqlite3 (`library.boards`) and go in as one JSON array
parameter. Reads only: writing is the store's and the indexer's.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop_app.library.boards import Boards
from desktop_app.library.database import ThreadConnection
from desktop_app.library.layout import Layout
from desktop_app.library.records import LibraryEntry, LibraryQuery
from desktop_app.library.search import parse_search

COLUMNS = (
    "id, path, sha256, created, prompt, model, width, height, format, bytes, job_id, "
    "endpoint_host, latency_s, favourite, missing, n_index, source, negative_prompt, generator"
)
ALL_COLUMNS = COLUMNS + ", file_sha256, size, extra"
_CHUNK = 500  # ids per statement: stay under SQLite's variable limit


def where(query: LibraryQuery) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or "") and parameters for the index's own
    columns: every filter but boards and ratings (see `user_state_filter`)."""
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
    if query.source is not None:
        clauses.append("source = ?")
        params.append(query.source)
    terms = parse_search(query.search, query.search_in)
    search: list[str] = []
    search_params: list[Any] = []
    if terms.match is not None:
        search.append("id IN (SELECT rowid FROM images_fts WHERE images_fts MATCH ?)")
        search_params.append(terms.match)
    for columns, pattern in terms.like:  # terms shorter than a trigram; columns are ours
        search.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        search_params.extend([pattern] * len(columns))
    if search and terms.names:
        # Or an image without a prompt whose file name has every term (schema v4's partial
        # index images_unprompted keeps this to those rows).
        by_name = " AND ".join("path LIKE ? ESCAPE '\\'" for _ in terms.names)
        # Only placeholders and our own column names are joined in; values are bound.
        prompted = " AND ".join(search)
        clauses.append(
            f"id IN (SELECT id FROM images WHERE {prompted} "  # noqa: S608
            f"UNION ALL SELECT id FROM images WHERE prompt = '' AND {by_name})"
        )
        params.extend([*search_params, *terms.names])
    else:
        clauses.extend(search)
        params.extend(search_params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def user_state_filter(
    boards: Boards, query: LibraryQuery, where: str, params: list[Any]
) -> tuple[str, list[Any]]:
    """Add the board / rating filters, which live in user_state.sqlite3, to a WHERE: their
    hashes go in as one JSON array parameter (any size, no variable limit)."""
    clauses: list[str] = []
    if query.board is not None:
        try:
            hashes = boards.hashes(boards.find(query.board).id)
        except ValueError:  # an unknown board shows nothing
            hashes = []
        clauses.append("sha256 IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(hashes))
    if query.uncategorised:
        clauses.append("sha256 NOT IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(boards.hashes_on_any_board()))
    if query.min_rating > 0:
        clauses.append("sha256 IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(boards.hashes_rated_at_least(query.min_rating)))
    if not clauses:
        return where, params
    joined = " AND ".join(clauses)
    return (f"{where} AND {joined}" if where else f" WHERE {joined}"), params


class Queries:
    """Reads of one library's index, on the calling thread's connection."""

    def __init__(
        self, connection: Callable[[], ThreadConnection], boards: Boards, layout: Layout
    ) -> None:
        self._connection = connection
        self._boards = boards
        self._layout = layout

    def entry(self, row: sqlite3.Row) -> LibraryEntry:
        return LibraryEntry(
            id=row["id"],
            path=self._layout.absolute(row["path"]),
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

    def _filter(self, query: LibraryQuery) -> tuple[str, list[Any]]:
        clause, params = where(query)
        return user_state_filter(self._boards, query, clause, params)

    def ids(self, query: LibraryQuery, limit: int | None = None) -> list[int]:
        """Ids in display order (newest first unless asked otherwise)."""
        clause, params = self._filter(query)
        order = "DESC" if query.newest_first else "ASC"
        # Images of one request share `created`: keep them in the order the server returned them
        # (#1, #2, ...) either way, as the window shows a finished job's images.
        sql = f"SELECT id FROM images{clause} ORDER BY created {order}, id ASC"  # noqa: S608
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
        try:
            if query.uncategorised:
                return self._uncategorised_count(query)
            clause, params = self._filter(query)
            return self._count(clause, params)
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower() or "match" in str(error).lower():
                return 0
            raise

    def _count(self, clause: str, params: list[Any]) -> int:
        sql = f"SELECT count(*) FROM images{clause}"  # noqa: S608 - our clauses, bound values
        return int(self._connection().execute(sql, params).fetchone()[0])

    def _uncategorised_count(self, query: LibraryQuery) -> int:
        """The images on no board: all of them less those on one. `NOT IN` the boards' hashes
        reads every row (3.5 s at a million images, with no board at all); the images on a
        board are found by the hash index, a lookup per board image."""
        categorised = replace(query, uncategorised=False)
        clause, params = self._filter(categorised)
        total = self._count(clause, params)
        on_boards = self._boards.hashes_on_any_board()
        if not on_boards or total == 0:
            return total
        condition = "sha256 IN (SELECT value FROM json_each(?))"
        clause = f"{clause} AND {condition}" if clause else f" WHERE {condition}"
        return total - self._count(clause, [*params, json.dumps(on_boards)])

    def get_many(self, ids: Sequence[int]) -> dict[int, LibraryEntry]:
        result: dict[int, LibraryEntry] = {}
        ids = list(ids)
        connection = self._connection()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT {COLUMNS} FROM images WHERE id IN ({marks})"  # noqa: S608
            for row in connection.execute(sql, chunk):
                result[row["id"]] = self.entry(row)
        return result

    def file_of(self, entry_id: int) -> tuple[Path, str] | None:
        """(the file, the sha256 of its bytes as indexed) of one row; None when there is none."""
        row = (
            self._connection()
            .execute("SELECT path, file_sha256 FROM images WHERE id = ?", (entry_id,))
            .fetchone()
        )
        return None if row is None else (self._layout.absolute(row["path"]), row["file_sha256"])

    def entries_for_job(self, job_id: str) -> list[LibraryEntry]:
        """All images of one job, in the order the server returned them."""
        rows = self._connection().execute(
            f"SELECT {COLUMNS} FROM images WHERE job_id = ? ORDER BY n_index, id",  # noqa: S608
            (job_id,),
        )
        return [self.entry(row) for row in rows]

    def distinct(self, column: str) -> list[str]:
        """The distinct non-empty values of an indexed column, in its order."""
        # A skip-scan down the column's index: one lookup per distinct value, not per row.
        sql = (
            f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM images UNION ALL "  # noqa: S608
            f"SELECT (SELECT min({column}) FROM images WHERE {column} > v.x) FROM v "
            "WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL AND x != ''"
        )
        return [row[0] for row in self._connection().execute(sql)]

    def sizes(self) -> list[str]:
        """Distinct "WxH" sizes, smallest first, for a filter picker."""

        def key(size: str) -> tuple[int, int, str]:
            width, _, height = size.partition("x")
            if width.isdigit() and height.isdigit():
                return int(width) * int(height), int(width), size
            return 0, 0, size

        return sorted(self.distinct("size"), key=key)

    def all_favourite(self, ids: Sequence[int]) -> bool:
        """Whether every row among `ids` that still exists is a favourite, without reading the
        rows: for 100,000 ids, entries built only to read one flag filled the heap and the
        collector's pauses stopped the GUI thread for ~200 ms (#18)."""
        ids = list(ids)
        connection = self._connection()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT 1 FROM images WHERE favourite = 0 AND id IN ({marks}) LIMIT 1"  # noqa: S608
            if connection.execute(sql, chunk).fetchone() is not None:
                return False
        return True

    def hashes_of(self, ids: Sequence[int]) -> list[str]:
        """The image hashes (`sha256`) of these rows, in no particular order."""
        ids = list(ids)
        hashes: list[str] = []
        connection = self._connection()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT sha256 FROM images WHERE id IN ({marks})"  # noqa: S608
            hashes.extend(row[0] for row in connection.execute(sql, chunk))
        return hashes
