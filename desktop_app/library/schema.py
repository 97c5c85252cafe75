"""The library's SQLite schema and its forward migrations, versioned with PRAGMA user_version.

Owns table, index, FTS and trigger definitions only. Each migration moves the database from
version N-1 to N inside one transaction; a database newer than this code is refused rather than
guessed at. Later features (for example a `requests` table for usage and spend) add a migration
at the end of `MIGRATIONS`; they never edit an old one. `migrate_database` runs them on a
connection of its own, for a worker thread (at a million images a migration takes seconds).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

_V1 = """
CREATE TABLE images (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: window caches, undo
    path TEXT NOT NULL UNIQUE,             -- relative to root; absolute if referenced
    sha256 TEXT NOT NULL,                  -- of the bytes as received
    file_sha256 TEXT NOT NULL,             -- of the file on disk (received bytes + our metadata)
    created REAL NOT NULL,
    prompt TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    size TEXT NOT NULL DEFAULT '',         -- "WxH", stored for an indexed filter
    format TEXT NOT NULL DEFAULT '',
    bytes INTEGER NOT NULL DEFAULT 0,
    job_id TEXT,
    endpoint_host TEXT NOT NULL DEFAULT '',
    latency_s REAL,
    favourite INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    n_index INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'generated',
    extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX images_created ON images(missing, created);
-- (filter, missing, created) serves "filter = ? AND missing = 0 ORDER BY created" from the index.
CREATE INDEX images_model ON images(model, missing, created);
CREATE INDEX images_size ON images(size, missing, created);
CREATE INDEX images_favourite ON images(favourite, missing, created);
CREATE INDEX images_sha256 ON images(sha256);
CREATE INDEX images_file_sha256 ON images(file_sha256);
CREATE INDEX images_job ON images(job_id) WHERE job_id IS NOT NULL;

CREATE VIRTUAL TABLE images_fts USING fts5(
    prompt, model, content='images', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER images_ai AFTER INSERT ON images BEGIN
    INSERT INTO images_fts(rowid, prompt, model) VALUES (new.id, new.prompt, new.model);
END;
CREATE TRIGGER images_ad AFTER DELETE ON images BEGIN
    INSERT INTO images_fts(images_fts, rowid, prompt, model)
    VALUES ('delete', old.id, old.prompt, old.model);
END;
CREATE TRIGGER images_au AFTER UPDATE OF prompt, model ON images BEGIN
    INSERT INTO images_fts(images_fts, rowid, prompt, model)
    VALUES ('delete', old.id, old.prompt, old.model);
    INSERT INTO images_fts(rowid, prompt, model) VALUES (new.id, new.prompt, new.model);
END;
"""

# Usage and spend (desktop_app.usage): one row per request sent, failures included. Sizes are
# the requested ones (what the price per megapixel applies to); `images` counts the items the
# server returned, `saved` those that decoded; `status` is "ok" or an ErrorKind value.
_V2_REQUESTS = """
CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    n INTEGER NOT NULL DEFAULT 1,
    images INTEGER NOT NULL DEFAULT 0,
    saved INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'ok',
    http_status INTEGER,
    latency_s REAL,
    endpoint_host TEXT NOT NULL DEFAULT '',
    job_id TEXT,
    request_id TEXT
);
CREATE INDEX requests_started ON requests(started);
CREATE INDEX requests_model ON requests(model, started);
"""

# Images from any tool (#12): which tool made each image (a stable id such as "nscale-studio",
# "a1111", "comfyui" or "unknown"; see desktop_app.library.readers), the negative prompt, and a
# search that finds substrings in any script. The unicode61 index found no words inside CJK text
# (which has no spaces) and no substrings; the trigram index does both. Its negative_prompt and
# model columns are searched only when asked for (desktop_app.library.search). Rows from before
# this version: our own are "nscale-studio", imported ones keep the tool the old reader named.
_V3_GENERATOR_TRIGRAM = """
ALTER TABLE images ADD COLUMN generator TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE images ADD COLUMN negative_prompt TEXT NOT NULL DEFAULT '';
UPDATE images SET generator = CASE
    WHEN source = 'generated' THEN 'nscale-studio'
    WHEN json_valid(extra) AND json_type(extra, '$.tool') = 'text'
        AND json_extract(extra, '$.tool') != '' THEN json_extract(extra, '$.tool')
    ELSE 'unknown' END;
CREATE INDEX images_generator ON images(generator, missing, created);

DROP TRIGGER images_ai;
DROP TRIGGER images_ad;
DROP TRIGGER images_au;
DROP TABLE images_fts;
CREATE VIRTUAL TABLE images_fts USING fts5(
    prompt, negative_prompt, model, content='images', content_rowid='id', tokenize='trigram'
);
INSERT INTO images_fts(images_fts) VALUES ('rebuild');
CREATE TRIGGER images_ai AFTER INSERT ON images BEGIN
    INSERT INTO images_fts(rowid, prompt, negative_prompt, model)
    VALUES (new.id, new.prompt, new.negative_prompt, new.model);
END;
CREATE TRIGGER images_ad AFTER DELETE ON images BEGIN
    INSERT INTO images_fts(images_fts, rowid, prompt, negative_prompt, model)
    VALUES ('delete', old.id, old.prompt, old.negative_prompt, old.model);
END;
CREATE TRIGGER images_au AFTER UPDATE OF prompt, negative_prompt, model ON images BEGIN
    INSERT INTO images_fts(images_fts, rowid, prompt, negative_prompt, model)
    VALUES ('delete', old.id, old.prompt, old.negative_prompt, old.model);
    INSERT INTO images_fts(rowid, prompt, negative_prompt, model)
    VALUES (new.id, new.prompt, new.negative_prompt, new.model);
END;
"""

# A plain PNG (no prompt in it) is found by its file name (#14). Search looks up such rows through
# this partial index, which holds only them, so the name match costs nothing for images that have
# a prompt (every image this app made).
_V4_UNPROMPTED = """
CREATE INDEX images_unprompted ON images(path) WHERE prompt = '';
"""

# A million images (#18). The grid's order is `created DESC, id ASC` (a request's images in the
# order the server returned them): `images_created` read backwards gives `id DESC` within a
# `created`, so SQLite sorted every run of ties afterwards (1M ids: ~1.2 s of a ~2 s read);
# `images_newest` holds that order itself, `images_created` stays for oldest first and ranges.
# The filter indexes are rebuilt in the same order: with only `images_newest` in that order,
# SQLite (no ANALYZE statistics in a user's index) preferred it to a selective filter index and
# read every row to find a rare model. The source filter ("imported" / "generated") had no
# index and read every row. The CLI's check for files that landed without a row
# (`index_new_files`: rows of files inside the library not marked missing) scanned the whole
# table on every command; `images_inside` holds only rows with a relative path, and their path,
# so that count reads nothing else. Its WHERE must stay word for word the one of that count
# (SQLite uses a partial index only when the query's WHERE contains the index's terms). About
# 25 s at a million rows on a loaded 2-core machine: the window runs it on a worker
# (`migrate_database`, ui/library_migration.py), never on the GUI thread, one index per
# transaction (`_STEPWISE`).
_V5_MILLION = """
CREATE INDEX IF NOT EXISTS images_newest ON images(missing, created DESC, id);
DROP INDEX IF EXISTS images_model;
CREATE INDEX images_model ON images(model, missing, created DESC, id);
DROP INDEX IF EXISTS images_size;
CREATE INDEX images_size ON images(size, missing, created DESC, id);
DROP INDEX IF EXISTS images_favourite;
CREATE INDEX images_favourite ON images(favourite, missing, created DESC, id);
DROP INDEX IF EXISTS images_generator;
CREATE INDEX images_generator ON images(generator, missing, created DESC, id);
CREATE INDEX IF NOT EXISTS images_source ON images(source, missing, created DESC, id);
CREATE INDEX IF NOT EXISTS images_inside ON images(missing, path)
    WHERE substr(CAST(path AS TEXT), 1, 1) NOT IN ('/', '\\')
    AND substr(CAST(path AS TEXT), 2, 1) != ':';
"""

MIGRATIONS: tuple[str, ...] = (
    _V1, _V2_REQUESTS, _V3_GENERATOR_TRIGRAM, _V4_UNPROMPTED, _V5_MILLION
)
SCHEMA_VERSION = len(MIGRATIONS)
# Index-only migrations run one statement per transaction, so a writer in another process (a
# CLI saving paid images) waits for one index build (seconds), never for the whole migration
# (~25 s at a million rows on a loaded 2-core machine, near the 30 s busy timeout). Their
# statements must be safe to run again: a migration cut short is simply re-run from its start.
_STEPWISE = frozenset({5})
TRIGRAM_SQLITE = (3, 34, 0)  # the first SQLite with FTS5's trigram tokenizer (schema 3 needs it)
SQLITE_VERSION = sqlite3.sqlite_version_info


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the app."""


class SQLiteTooOldError(RuntimeError):
    """This Python's SQLite cannot build the current schema (the index is left as it is)."""


def _statements(script: str) -> list[str]:
    """Split a script into statements (trigger bodies contain semicolons)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return statements


def _apply(connection: sqlite3.Connection, target: int) -> None:
    """Run the migration to version `target` inside the caller's transaction; a stepwise one
    commits after each statement and opens the next transaction (left open for the caller)."""
    stepwise = target in _STEPWISE
    for statement in _statements(MIGRATIONS[target - 1]):
        connection.execute(statement)
        if stepwise:
            connection.execute("COMMIT")
            connection.execute("BEGIN IMMEDIATE")
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if version >= target:
                return  # another process finished this migration meanwhile
    connection.execute(f"PRAGMA user_version = {target}")


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it started at.

    `connection` must be in autocommit mode (isolation_level=None). The version is re-read after
    taking the write lock, so two processes opening a new library at once migrate it once.
    """
    (start,) = connection.execute("PRAGMA user_version").fetchone()
    if start > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"The library index is from a newer version (schema {start} > {SCHEMA_VERSION})."
        )
    if start == SCHEMA_VERSION:
        return int(start)
    if SQLITE_VERSION < TRIGRAM_SQLITE:
        # Not a DatabaseError: the index is fine, so Library.open must not set it aside.
        found = ".".join(map(str, SQLITE_VERSION))
        raise SQLiteTooOldError(
            f"The library needs SQLite 3.34 or newer for its search index; this Python has {found}."
        )
    connection.execute("BEGIN IMMEDIATE")
    try:
        while True:  # re-read each time: a stepwise migration lets other processes in
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if version >= SCHEMA_VERSION:
                break
            _apply(connection, version + 1)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return int(start)


def needs_migration(database: Path) -> bool:
    """Whether the index at `database` exists and is older than this code (read-only, cheap:
    one page; False when it cannot be read, so the caller's normal open reports why)."""
    if not database.is_file():
        return False
    try:
        connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return False
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return int(version) < SCHEMA_VERSION


def migrate_database(database: Path) -> int:
    """Migrate the index at `database` on a connection of its own (for a worker thread, so the
    window's thread never waits seconds for it); returns the version it started at. Raises like
    `migrate`, and sqlite3 errors as they come: the caller's `Library.open` then reports them."""
    connection = sqlite3.connect(database, timeout=30, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA journal_mode=WAL")
        return migrate(connection)
    finally:
        connection.close()
