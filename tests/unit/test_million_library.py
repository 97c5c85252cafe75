"""#18 on the library side: schema v5's indexes are used, migrations can run on a connection of
their own, keyset pages follow the display order exactly (ties included), and the CLI imports
only the module of the command it runs."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main as cli_main
from desktop_app.library import Library, LibraryQuery, schema
from desktop_app.library.pages import page_after, page_after_key
from tests.conftest import PROJECT_ROOT


def _add_rows(library: Library, rows: list[tuple[int, float, str, str]]) -> None:
    """Rows (id, created, source, model) shaped like the indexer's, files outside the library."""
    with library.transaction() as connection:
        for entry_id, created, source, model in rows:
            connection.execute(
                "INSERT INTO images (id, path, sha256, file_sha256, created, prompt, model, "
                "width, height, size, format, source, generator) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, 64, 64, '64x64', 'png', ?, 'a1111')",
                (entry_id, f"/elsewhere/{entry_id}.png", f"{entry_id:064x}",
                 f"{entry_id + 10**6:064x}", created, f"castle number {entry_id}", model, source),
            )


def _v4_database(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN")
    for target in range(1, 5):
        schema._apply(connection, target)
    connection.execute("COMMIT")
    connection.execute(
        "INSERT INTO images (path, sha256, file_sha256, created, source) "
        "VALUES ('images/a.png', 'a', 'b', 1.0, 'generated')")
    connection.close()


def _plan(library: Library, sql: str) -> list[str]:
    raw = sqlite3.connect(library.database_path)
    try:
        return [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}")]
    finally:
        raw.close()


def _traced(library: Library, run) -> list[str]:
    """The statements (bound values expanded) that `run()` sends on this thread's connection."""
    seen: list[str] = []
    connection = library._connection().raw()
    connection.set_trace_callback(seen.append)
    try:
        run()
    finally:
        connection.set_trace_callback(None)
    return seen


def test_v5_migrates_a_v4_index_on_its_own_connection(tmp_path):
    database = tmp_path / "library.sqlite3"
    assert not schema.needs_migration(database)  # nothing there: the open creates it
    _v4_database(database)
    assert schema.needs_migration(database)
    assert schema.migrate_database(database) == 4
    assert not schema.needs_migration(database)
    connection = sqlite3.connect(database)
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    connection.close()
    assert version == schema.SCHEMA_VERSION == 5
    assert {"images_newest", "images_source", "images_inside"} <= names


def test_every_filter_and_both_orders_read_an_index_not_the_table(tmp_path):
    with Library.open(tmp_path / "library") as library:
        _add_rows(library, [(i, 1000.0 + i // 3, "imported" if i % 2 else "generated",
                             "m" + str(i % 3)) for i in range(1, 60)])
        queries = [
            LibraryQuery(), LibraryQuery(newest_first=False), LibraryQuery(model="m1"),
            LibraryQuery(generator="a1111"), LibraryQuery(size="64x64"),
            LibraryQuery(favourites_only=True), LibraryQuery(source="imported"),
            LibraryQuery(created_from=1005.0, created_to=1010.0),
        ]
        for query in queries:
            statements = _traced(library, lambda q=query: library.query_ids(q, limit=50))
            (select,) = [s for s in statements if s.startswith("SELECT id FROM images")]
            plan = _plan(library, select)
            assert plan[0].startswith("SEARCH images USING COVERING INDEX"), (query, plan)
            if query in (LibraryQuery(), LibraryQuery(newest_first=False)):
                assert len(plan) == 1, plan  # in display order already: no sort of ties


def test_the_inside_files_count_reads_only_the_partial_index(tmp_path):
    with Library.open(tmp_path / "library") as library:
        _add_rows(library, [(1, 1.0, "imported", "m")])
        statements = _traced(library, library.index_new_files)
        (count,) = [s for s in statements if "substr(CAST(path AS TEXT)" in s]
        # Word for word the partial index's WHERE, or SQLite would scan the whole table.
        assert _plan(library, count) == ["SEARCH images USING COVERING INDEX images_inside "
                                         "(missing=?)"]


def _ties_library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "library")
    # Ids out of created order, and runs of equal `created` (the images of one request).
    rows = []
    for entry_id in range(1, 41):
        created = 2000.0 - (entry_id * 7 % 11)  # 11 distinct times, ~4 rows each
        rows.append((entry_id, created, "imported" if entry_id % 3 else "generated", "m"))
    _add_rows(library, rows)
    return library


@pytest.mark.parametrize("newest_first", [True, False])
@pytest.mark.parametrize("source", [None, "imported"])
@pytest.mark.parametrize("size", [1, 3, 5])
def test_keyset_pages_walk_the_whole_order_exactly_once(tmp_path, newest_first, source, size):
    library = _ties_library(tmp_path)
    try:
        query = LibraryQuery(newest_first=newest_first, source=source)
        everything = library.query_ids(query)
        walked = library.query_ids(query, limit=size)
        while True:
            page = page_after(library, query, walked[-1], size)
            assert len(page) <= size
            if not page:
                break
            walked += page
        assert walked == everything
    finally:
        library.close()


def test_a_keyset_page_keeps_the_callers_created_range(tmp_path):
    library = _ties_library(tmp_path)
    try:
        query = LibraryQuery(created_from=1992.0, created_to=1998.0)
        everything = library.query_ids(query)
        anchor = library.get(everything[2])
        assert anchor is not None
        assert page_after_key(library, query, anchor.created, anchor.id, 100) == everything[3:]
        assert page_after_key(library, query, anchor.created, anchor.id, 0) == []
        with pytest.raises(KeyError):
            page_after(library, query, 999_999, 10)
    finally:
        library.close()


def test_cli_list_after_continues_the_listing(tmp_path, capsys):
    from desktop_app import paths

    library = _ties_library(Path(paths.default_library_dir()).parent)
    everything = library.query_ids(LibraryQuery())
    library.close()
    assert cli_main(["library", "list", "--limit", "4", "--json"]) == 0
    first = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert cli_main(["library", "list", "--limit", "4", "--after", str(first[-1]), "--json"]) == 0
    second = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert first + second == everything[:8]
    assert cli_main(["library", "list", "--after", "424242"]) == 2
    assert "no image 424242" in capsys.readouterr().err


def test_a_library_command_imports_only_the_library_commands():
    probe = ("import sys; from desktop_app.cli import main; code = main(['library', 'path']); "
             "print(code, sorted(m for m in sys.modules if m.startswith('desktop_app.cli.')))")
    completed = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, timeout=60, check=True)
    last = completed.stdout.strip().splitlines()[-1]
    assert last.startswith("0 ")
    assert "batch_commands" not in last and "generate_commands" not in last
    assert "library_commands" in last


def test_the_index_migration_commits_per_statement_and_resumes_after_an_interruption(
        tmp_path, monkeypatch):
    database = tmp_path / "library.sqlite3"
    _v4_database(database)
    connection = sqlite3.connect(database, isolation_level=None)
    statements: list[str] = []
    connection.set_trace_callback(statements.append)
    original = schema._statements

    def cut_short(script: str) -> list[str]:
        # A process killed in the middle of v5: it fails right before the source index.
        found = original(script)
        if script is schema.MIGRATIONS[4]:
            at = next(i for i, s in enumerate(found) if "images_source" in s)
            return [*found[:at], "SELECT no_such_function()"]
        return found

    monkeypatch.setattr(schema, "_statements", cut_short)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(connection)
    monkeypatch.setattr(schema, "_statements", original)
    # What was built before the interruption is committed; the version says v4 still.
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 4
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "images_newest" in names and "images_source" not in names
    assert sum(s == "COMMIT" for s in statements) >= 9  # one per index statement so far
    assert schema.migrate(connection) == 4  # the rest, from the start of v5: safe to re-run
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"images_newest", "images_source", "images_inside", "images_model"} <= names
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 5
    connection.close()


_TEXTS = ("a castle at dawn", "Castle ruins, foggy", "猫が好き", "neon city", "", "dragon fox",
          "a fox in snow", "50% off_sale", "ox cart", "castle", "CASTLE NEON", "the cat")


def _search_library(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "library")
    with library.transaction() as connection:
        for entry_id in range(1, 121):
            text = _TEXTS[entry_id % len(_TEXTS)]
            connection.execute(
                "INSERT INTO images (id, path, sha256, file_sha256, created, prompt, "
                "negative_prompt, model, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'imported')",
                (entry_id, f"/photos/{'castle-' if entry_id % 5 == 0 else ''}{entry_id}.png",
                 f"{entry_id:064x}", f"{entry_id:064x}", 5000.0 - entry_id // 2, text,
                 "blurry" if entry_id % 2 else "", "flux-dev" if entry_id % 3 else "sdxl"))
    return library


@pytest.mark.parametrize("window", [3, 40, 4000])
def test_a_searchs_first_page_is_the_one_query_ids_gives(tmp_path, monkeypatch, window):
    from desktop_app.library import pages

    monkeypatch.setattr(pages, "SCAN_WINDOW", window)
    library = _search_library(tmp_path)
    try:
        for text in ("castle", "CASTLE", "ca", "fox", "ox", "猫", "off_", "50%", "neon city",
                     '"a fox"', "neg:blur", "model:flux", "castle neon", "nothing-like-it",
                     "cat", "x"):
            for newest_first in (True, False):
                for extra in ({}, {"model": "sdxl"}, {"search_in": ("prompt", "model")}):
                    query = LibraryQuery(search=text, newest_first=newest_first, **extra)
                    for limit in (1, 5, 50):
                        expected = library.query_ids(query, limit=limit)
                        assert pages.first_page(library, query, limit) == expected, (
                            text, newest_first, extra, limit)
    finally:
        library.close()
