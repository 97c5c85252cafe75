"""#18: scans insert many rows a statement (one statement a row cost ~3x: SQLite writes the
search index's pending terms out at each statement whose trigger writes it). The rows are the
same as one by one; a row SQLite refuses is still reported alone and the others are kept; a
build of SQLite that binds few values a statement gets smaller statements."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop_app.library import Library, LibraryQuery, rows
from tests.library_helpers import save_png_with_text

EVERYTHING = LibraryQuery()
_COUNT = 23


def _folder(tmp_path: Path, refused: int | None = None) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir(exist_ok=True)
    for seed in range(_COUNT):
        prompt = "refuse me" if seed == refused else f"a lighthouse number {seed}"
        save_png_with_text(folder / f"{seed:02d}.png", {"parameters": f"{prompt}\nSteps: 20"},
                           seed=seed)
    return folder


def _import(root: Path, folder: Path) -> tuple[list[tuple[object, ...]], list[str], Any]:
    statements: list[str] = []
    with Library.open(root) as library:
        raw = library._connection().raw()
        raw.set_trace_callback(statements.append)
        report = library.import_folder(folder)
        raw.set_trace_callback(None)
        table = raw.execute(
            "SELECT path, sha256, file_sha256, prompt, negative_prompt, model, width, height, "
            "size, format, bytes, source, generator, favourite, missing, extra FROM images "
            "ORDER BY path"
        ).fetchall()
        hits = library.query_ids(LibraryQuery(search="lighthouse"))
        assert len(hits) == len(table)  # the search index has every row
    # The trace repeats a statement at the start of each trigger run: distinct texts count.
    inserts = {s for s in statements if s.startswith("INSERT OR IGNORE INTO images")}
    return [tuple(row) for row in table], sorted(inserts), report


def test_rows_go_in_many_a_statement_and_are_the_rows_one_by_one_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    together, statements, report = _import(tmp_path / "together", folder)
    assert report.added == _COUNT and len(statements) == 1
    monkeypatch.setattr(rows, "ROWS_PER_INSERT", 1)
    one_by_one, statements, _ = _import(tmp_path / "one-by-one", folder)
    assert len(statements) == _COUNT
    assert together == one_by_one


def test_a_row_sqlite_refuses_is_reported_alone_and_the_rest_are_kept(tmp_path: Path) -> None:
    folder = _folder(tmp_path, refused=7)
    with Library.open(tmp_path / "library") as library:
        library._connection().raw().execute(
            "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.images "
            "WHEN new.prompt = 'refuse me' BEGIN SELECT RAISE(ABORT, 'refused by a test'); END"
        )
        report = library.import_folder(folder)
        assert report.added == _COUNT - 1 and library.count(EVERYTHING) == _COUNT - 1
    assert [(path.name, reason) for path, reason in report.failed] == [
        ("07.png", "not indexed: refused by a test")
    ]


def test_a_low_limit_of_bound_values_gives_smaller_statements(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Library.open(tmp_path / "library") as library:
        raw = library._connection().raw()
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 60)
        statements: list[str] = []
        raw.set_trace_callback(statements.append)
        report = library.import_folder(folder)
        raw.set_trace_callback(None)
        assert report.added == _COUNT and library.count(EVERYTHING) == _COUNT
    inserts = {s for s in statements if s.startswith("INSERT OR IGNORE INTO images")}
    assert len(inserts) > 1
    assert all(s.count("), (") + 1 <= 60 // 20 for s in inserts)  # rows have 20+ columns
